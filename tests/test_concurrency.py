"""Extraction from several threads, or from a process pool, equals a sequential run."""

from __future__ import annotations

import multiprocessing
import random
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

import dechaff

from cases import all_cases

#: Each page is extracted with each of these, so that concurrent calls also
#: differ in their settings.
SETTINGS = (dechaff.Settings(), dechaff.Settings(threshold=0.8, include_comments=True))


def _pages() -> list[tuple[str, bytes | str, str | None]]:
    """About a dozen real pages of every style, plus a few odd ones."""
    cases = all_cases()
    chosen = [c for c in cases if c.kind == "html"][:6] + [c for c in cases if c.kind == "text"][:5]
    pages: list[tuple[str, bytes | str, str | None]] = [(c.name, c.page(), None) for c in chosen]
    pages.append(("text-as-str", chosen[-1].page().decode("utf-8", "replace"), "text"))
    pages.append(("junk", random.Random(1).randbytes(20_000), None))
    return pages


def _summary(page: bytes | str, kind: str | None, settings: dechaff.Settings) -> tuple:
    """Everything a result says, in a picklable form."""
    result = dechaff.extract_result(page, kind=kind, settings=settings)
    return (result.text, result.title, result.kind, result.lang, result.truncated, result.source,
            result.author, result.date, result.page_type,
            tuple((b.text, b.tag, b.score, b.keep) for b in result.blocks))


def _jobs() -> list[tuple[str, bytes | str, str | None, dechaff.Settings]]:
    return [(name, page, kind, settings) for name, page, kind in _pages() for settings in SETTINGS]


def _sequential(jobs: list) -> dict:
    return {(name, settings): _summary(page, kind, settings) for name, page, kind, settings in jobs}


def test_threads_give_the_sequential_results() -> None:
    jobs = _jobs()
    expected = _sequential(jobs)
    shuffled = jobs * 2  # each job twice, interleaved differently
    random.Random(7).shuffle(shuffled)
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda job: _summary(job[1], job[2], job[3]), shuffled))
    for (name, _, _, settings), result in zip(shuffled, results):
        assert result == expected[(name, settings)], name


def test_one_result_read_from_many_threads() -> None:
    # Its author, date and page type are worked out on first read: racing
    # readers must all see the same values.
    for _, page, kind in _pages():
        sequential = dechaff.extract_result(page, kind=kind)
        expected = (sequential.author, sequential.date, sequential.page_type)
        shared = dechaff.extract_result(page, kind=kind)
        with ThreadPoolExecutor(max_workers=4) as pool:
            seen = list(pool.map(lambda _: (shared.author, shared.date, shared.page_type), range(16)))
        assert set(seen) == {expected}


def test_process_pool_gives_the_sequential_results() -> None:
    jobs = _jobs()
    expected = _sequential(jobs)
    # "spawn": fresh interpreters that import dechaff themselves, sharing nothing.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=2, mp_context=context) as pool:
        results = list(pool.map(_summary, [j[1] for j in jobs], [j[2] for j in jobs],
                                [j[3] for j in jobs], chunksize=4))
    for (name, _, _, settings), result in zip(jobs, results):
        assert result == expected[(name, settings)], name
