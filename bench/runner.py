"""Running systems on pages: input preparation, timing, error capture.

Lives in its own module so that ``--jobs`` worker processes can import it.
"""

from __future__ import annotations

import time
from typing import Iterable

import systems as registry
from pages import Page, decode_html

_warmed: set[tuple[str, str]] = set()


def page_inputs(page: Page, reads: Iterable[str]) -> dict[str, object]:
    """Load (and gunzip / decode) the inputs the given systems read, untimed."""
    needed = set(reads)
    inputs: dict[str, object] = {}
    if needed & {"bytes", "html", "source_html"}:
        raw = page.html_bytes()
        inputs["bytes"] = raw
        if needed & {"html", "source_html"}:
            inputs["html"] = inputs["source_html"] = decode_html(raw)
    if "text" in needed:
        inputs["text"] = page.text()
    return inputs


def run_system(system: registry.System, data: object) -> dict:
    """``{"text", "ms", "error"}`` of one call; an exception (or a non-str result)
    gives empty text and ``"Type: message"`` as error."""
    key = (system.name, system.reads)
    if key not in _warmed:
        registry.warm_up(system)
        _warmed.add(key)
    error = None
    start = time.perf_counter()
    try:
        text = system.run(data)
    except Exception as exc:  # noqa: BLE001 -- every failure is a scored empty output
        text, error = "", f"{type(exc).__name__}: {exc}"[:500]
    ms = (time.perf_counter() - start) * 1000.0
    if error is None and not isinstance(text, str):
        text, error = "", f"BadResult: returned {type(text).__name__}, not str"
    return {"text": text, "ms": ms, "error": error}


#: Pages per chunk in ``run_chunk``.
CHUNK_PAGES = 50


def run_chunk(tasks: list[tuple[Page, list[registry.System]]]) -> list[tuple[Page, dict[str, dict]]]:
    """Run each page's systems on it, system by system over the chunk: [(page, {name: result})].

    A system runs on the chunk's pages one after another, as it would over a corpus,
    not alternating with the others page by page: run between the peers, each system
    would start every page with the others' code and data in the CPU caches, which
    slows each one by a different amount (dechaff by 17%, trafilatura by 8% over
    400 wcxb-dev pages).  Chunks of ``CHUNK_PAGES`` pages rather than whole datasets
    keep the systems' timings interleaved in time, so that the machine's load drifting
    during a run weighs on all systems alike.
    """
    inputs = [page_inputs(page, (s.reads for s in systems)) for page, systems in tasks]
    results: list[dict[str, dict]] = [{} for _ in tasks]
    order = list(dict.fromkeys(s for _, systems in tasks for s in systems))
    for system in order:
        for (page, systems), data, outputs in zip(tasks, inputs, results):
            if system in systems:
                outputs[system.name] = run_system(system, data[system.reads])
    return [(page, outputs) for (page, _), outputs in zip(tasks, results)]
