"""The ``dechaff`` command: main content of pages, from files or standard input."""

from __future__ import annotations

import argparse
import collections
import contextlib
import json
import os
import signal
import sys
import time
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TextIO

from . import __version__, extract_result
from .pipeline import MAX_BYTES_PER_CHAR, SNIFF_CHARS, detect_kind
from .result import Result
from .settings import Settings
from .warc import WarcError, open_input, records

_DESCRIPTION = """\
Print the main content of web pages: the article, thread, documentation or
product description, without menus, share buttons, footers and related links.

Each FILE is an HTML page or the whole visible text of a page (a WET record,
a scraper's text dump, text copied from a browser); the kind is detected
unless --kind says it.  With no FILE, or with -, standard input is read.
Bytes are decoded as a browser would (BOM, <meta charset>, detection).

A FILE may also be a web archive: a WARC file (its HTML responses are the
pages) or a Common Crawl WET file (its text records are), gzipped or not; each
page in it is extracted in turn (with --json, each record carries the page's
URL).  Gzipped pages are decompressed."""

_EPILOG = """\
examples:
  dechaff page.html                 main content of one page
  curl -s https://example.org | dechaff
  dechaff --kind text dump.txt      treat the input as page text
  dechaff --title --example         the bundled example page, with its title
  dechaff --json *.html > pages.jsonl
  dechaff --json CC-MAIN-...warc.wet.gz > pages.jsonl   every page of a WET file
  dechaff --markdown docs.html      headings, lists and code as Markdown
  dechaff --explain page.html       every block, kept or dropped, and why
  dechaff --include '//article' --exclude '//*[@id="comments"]' page.html
  dechaff --json --jobs 2 --timeout 5 --progress crawl.warc.gz > pages.jsonl

exit status: 0 on success (a page past --timeout is reported, not a
failure), 1 if a file could not be read (the others are still processed),
2 on a usage error."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dechaff", description=_DESCRIPTION, epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("files", nargs="*", metavar="FILE",
                        help="pages to read; - or none means standard input")
    parser.add_argument("--kind", choices=("html", "text"),
                        help="read the input as HTML or as page text (default: detect)")
    parser.add_argument("--title", action="store_true",
                        help="print the page title on the first line, then a blank line (for "
                             "page text, the line found to be the headline; empty if none)")
    parser.add_argument("--json", action="store_true",
                        help="print one JSON object per page, a line each (JSON Lines): file, "
                             "url (of an archive's page; else empty), title, author, date "
                             "(YYYY-MM-DD), page_type, text, kind, lang, "
                             "confidence, truncated, source, and error if the page was not "
                             "extracted (past --timeout, or its worker process died)")
    parser.add_argument("--markdown", action="store_true",
                        help="write the text as Markdown: headings as '#' lines, list items as "
                             "'-' items, code fenced, quotations behind '>' (with --json, the "
                             "records' text)")
    parser.add_argument("--threshold", type=float, metavar="P",
                        help="keep blocks with content probability >= P (0-1) on every page, instead "
                             "of the cut the model adapts to each page; lower keeps more")
    parser.add_argument("--include-comments", action="store_true",
                        help="keep reader comments under articles")
    parser.add_argument("--include", action="append", default=[], metavar="SELECTOR",
                        help="look for the content only inside the elements this CSS selector "
                             "(needs cssselect: pip install 'dechaff[css]') or XPath expression "
                             "selects; a page where none matches is read whole; may be repeated")
    parser.add_argument("--exclude", action="append", default=[], metavar="SELECTOR",
                        help="leave out the elements this selector selects; may be repeated")
    parser.add_argument("--explain", action="store_true",
                        help="instead of the text, print every block of the page, a line each: "
                             "+ kept or - dropped, its score, tag, why (model, threshold, or the "
                             "rule that decided) and its start; with --json, each record gets "
                             "its blocks")
    parser.add_argument("--jobs", type=int, default=1, metavar="N",
                        help="extract with N worker processes (output keeps the input order; "
                             "default 1)")
    parser.add_argument("--timeout", type=float, metavar="S",
                        help="give up a page after S seconds: its text is empty, an error is "
                             "named on standard error (and in its --json record); not on Windows")
    parser.add_argument("--progress", action="store_true",
                        help="show pages done and pages per second on standard error")
    parser.add_argument("--example", action="store_true",
                        help="run on the bundled example page (a news article as page text)")
    parser.add_argument("--version", action="version", version=f"dechaff {__version__}")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.threshold is not None and not 0.0 <= args.threshold <= 1.0:
        parser.error("--threshold must be between 0 and 1")
    if args.jobs < 1:
        parser.error("--jobs must be at least 1")
    if args.timeout is not None and not 0 < args.timeout <= MAX_TIMEOUT:
        parser.error(f"--timeout must be a number of seconds above 0 and at most {MAX_TIMEOUT:g}")
    if args.timeout is not None and not hasattr(signal, "setitimer"):
        parser.error("--timeout needs a system with interval timers (not Windows)")
    try:
        settings = Settings(threshold=args.threshold, include_comments=args.include_comments,
                            explain=args.explain, include=args.include, exclude=args.exclude)
    except (ValueError, ImportError) as error:
        parser.error(str(error))
    job = _Job(args.kind, settings, "markdown" if args.markdown else "txt", args.timeout)
    utf = _tolerant_stdout()
    sources: list[str | object] = list(args.files) or ([] if args.example else ["-"])
    if args.example:
        sources.insert(0, _EXAMPLE)
    unreadable: list[str] = []
    # What is read of a page is bounded by the characters the extractor would read of it.
    pages = _all_pages(sources, settings.max_input_chars * MAX_BYTES_PER_CHAR, unreadable)
    try:
        _write(_extract_all(pages, job, args.jobs), args, utf)
    except BrokenPipeError:
        # The reader went away ("dechaff ... | head"): stop without a traceback,
        # and without another one when Python flushes standard output at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    return 1 if unreadable else 0


def _write(outcomes: Iterable[tuple[_Page, _Outcome]], args: argparse.Namespace, utf: bool) -> None:
    """Write each page's outcome to standard output as the options say."""
    progress = _Progress(sys.stderr) if args.progress else None
    printed = 0
    for page, outcome in outcomes:
        if outcome.error:
            print(f"dechaff: {page.file}{' ' + page.url if page.url else ''}: {outcome.error}",
                  file=sys.stderr)
        if args.json:
            record = {"file": page.file, "url": page.url, **outcome.record}
            record["truncated"] = record["truncated"] or page.truncated
            if outcome.error:
                record["error"] = outcome.error
            # Escaped, JSON keeps every character through any stdout encoding.
            sys.stdout.write(json.dumps(record, ensure_ascii=not utf) + "\n")
        else:
            if printed:
                sys.stdout.write("\n")
            if args.title:
                sys.stdout.write(f"{outcome.record['title']}\n\n")
            if args.explain:
                sys.stdout.write(_explanation(outcome.record.get("blocks", [])))
            else:
                text = outcome.record["text"]
                sys.stdout.write(f"{text}\n" if text else "")
            printed += 1
        if progress:
            progress.tick()
    if progress:
        progress.close()
    sys.stdout.flush()


#: The longest --timeout: a day (the interval timer takes no more than it can count).
MAX_TIMEOUT = 86_400.0


@dataclass(frozen=True)
class _Job:
    """What to do with each page: everything a worker process needs."""

    kind: str | None
    settings: Settings
    output_format: str
    timeout: float | None


@dataclass(frozen=True)
class _Outcome:
    """One page's result as the output writes it (``Result.as_dict``), and the
    error that emptied it, if any."""

    record: dict
    error: str = ""


class _Timeout(BaseException):
    """Raised by the alarm; not an Exception, so that no ``except Exception``
    on the way (charset detection's) swallows it."""


def _raise_timeout(signum: int, frame: object) -> None:
    raise _Timeout


def _extract(page: _Page, job: _Job) -> _Outcome:
    """Extract one page; past ``job.timeout`` seconds, an empty result and an error."""
    def extract() -> _Outcome:
        result = extract_result(page.data, kind=job.kind or page.kind, settings=job.settings,
                                output_format=job.output_format)
        return _Outcome(_record(result, job))

    if job.timeout is None:
        return extract()
    # SIGALRM interrupts the page between two Python steps: a single call into
    # lxml finishes first (its time is bounded by the page's size).
    previous = signal.signal(signal.SIGALRM, _raise_timeout)
    try:
        signal.setitimer(signal.ITIMER_REAL, job.timeout)
        try:
            return extract()
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
    except _Timeout:
        return _empty_outcome(page, job, f"timed out after {job.timeout:g} s")
    finally:
        signal.signal(signal.SIGALRM, previous)


def _record(result: Result, job: _Job) -> dict:
    """What the output writes of a result (``Result.as_dict``), with every block
    (text, tag, score, keep, reason) if the job explains."""
    record: dict = result.as_dict()
    if job.settings.explain:
        record["blocks"] = [{"text": block.text, "tag": block.tag, "score": round(block.score, 4),
                             "keep": block.keep, "reason": block.reason} for block in result.blocks]
    return record


def _explanation(blocks: list[dict]) -> str:
    """A page's blocks, a line each: "+" kept or "-" dropped, score, tag, reason, text."""
    return "".join(f"{'+' if block['keep'] else '-'} {block['score']:.2f} {block['tag']:<10} "
                   f"{block['reason']:<36} {' '.join(block['text'].split())[:EXPLAINED_CHARS]}\n"
                   for block in blocks)


#: How much of each block's text --explain shows.
EXPLAINED_CHARS = 100


def _empty_outcome(page: _Page, job: _Job, error: str) -> _Outcome:
    """The outcome of a page that could not be extracted."""
    # Of the bytes, as many as the characters ``detect_kind`` reads: no more can count.
    kind = job.kind or page.kind or detect_kind(page.data[:SNIFF_CHARS].decode("utf-8", "replace"))
    return _Outcome(Result("", "", kind, truncated=page.truncated).as_dict(), error)


#: Pages handed to the workers ahead of the one being written, per worker, and
#: their bytes at most (beyond the first page): enough to keep the workers
#: busy, little enough that an archive is not read into memory ahead.
_AHEAD_PER_JOB = 4
_AHEAD_BYTES = 64 << 20


def _extract_all(pages: Iterable[_Page], job: _Job, jobs: int) -> Iterator[tuple[_Page, _Outcome]]:
    """Each page with its outcome, in input order, over ``jobs`` worker processes.

    A worker that dies (the system killed it for memory, a crash in C code)
    breaks the pool: the pages it held are then run again one by one, each in
    a process of its own, so that only the page that kills its process is
    reported (``WORKER_DIED``); the rest go on in a new pool.
    """
    if jobs == 1:
        for page in pages:
            yield page, _extract(page, job)
        return
    executor = ProcessPoolExecutor(jobs)
    pending: collections.deque[tuple[_Page, Future[_Outcome]]] = collections.deque()
    ahead = 0  # bytes of the pending pages
    try:
        for page in pages:
            pending.append((page, executor.submit(_extract, page, job)))
            ahead += len(page.data)
            while len(pending) >= jobs * _AHEAD_PER_JOB or len(pending) > 1 and ahead > _AHEAD_BYTES:
                done, outcome, executor = _next_outcome(pending, executor, job, jobs)
                ahead -= len(done.data)
                yield done, outcome
        while pending:
            done, outcome, executor = _next_outcome(pending, executor, job, jobs)
            yield done, outcome
    finally:
        executor.shutdown(cancel_futures=True)


WORKER_DIED = "its worker process died"


def _next_outcome(pending: collections.deque[tuple[_Page, Future[_Outcome]]], executor: ProcessPoolExecutor,
                  job: _Job, jobs: int) -> tuple[_Page, _Outcome, ProcessPoolExecutor]:
    """The oldest pending page and its outcome, and the pool to go on with."""
    page, future = pending[0]
    try:
        outcome = future.result()
    except BrokenProcessPool:
        executor.shutdown(cancel_futures=True)
        for i, (held, _) in enumerate(pending):
            alone = ProcessPoolExecutor(1)
            try:
                done = alone.submit(_extract, held, job)
                pending[i] = (held, done)
                done.result()
            except BrokenProcessPool:
                failed: Future[_Outcome] = Future()
                failed.set_result(_empty_outcome(held, job, WORKER_DIED))
                pending[i] = (held, failed)
            finally:
                alone.shutdown()
        executor = ProcessPoolExecutor(jobs)
        outcome = pending[0][1].result()
    pending.popleft()
    return page, outcome, executor


class _Progress:
    """Pages done and their rate, on one line of standard error rewritten in place."""

    #: Seconds between two updates of the line.
    EVERY = 0.5

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.start = self.shown = time.monotonic()
        self.done = 0

    def tick(self) -> None:
        self.done += 1
        now = time.monotonic()
        if now - self.shown >= self.EVERY:
            self.shown = now
            self._show(now)

    def close(self) -> None:
        self._show(time.monotonic())
        self.stream.write("\n")
        self.stream.flush()

    def _show(self, now: float) -> None:
        rate = self.done / max(now - self.start, 1e-9)
        self.stream.write(f"\rdechaff: {self.done} pages, {rate:.1f} pages/s")
        self.stream.flush()


def _tolerant_stdout() -> bool:
    """Make standard output write "?" for what its encoding cannot hold (an
    ASCII or Latin-1 locale, ``PYTHONIOENCODING=ascii``) instead of failing
    halfway through a page; True if it writes a Unicode encoding."""
    encoding = (getattr(sys.stdout, "encoding", None) or "").lower()
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(errors="replace")
    return encoding.startswith("utf")


#: Stands for the bundled example in the list of inputs.
_EXAMPLE = object()


@dataclass(frozen=True)
class _Page:
    file: str  # as named on the command line; "example" for the bundled one
    data: bytes
    kind: str | None = None  # from an archive's record type; None: detect
    url: str = ""
    truncated: bool = False  # cut while reading


def _all_pages(sources: list[str | object], max_bytes: int, unreadable: list[str]) -> Iterator[_Page]:
    """The pages of every input in turn; an input that cannot be read (or an
    archive cut short, after its pages) is named on standard error and added
    to ``unreadable``."""
    for name in sources:
        file = "example" if name is _EXAMPLE else str(name)
        try:
            yield from _pages(name, file, max_bytes)
        except (OSError, EOFError, zlib.error, WarcError) as error:  # zlib: a corrupt .gz page
            reason = getattr(error, "strerror", None) or error
            print(f"dechaff: cannot read {file}: {reason}", file=sys.stderr)
            unreadable.append(file)


def _pages(name: str | object, file: str, max_bytes: int) -> Iterator[_Page]:
    """The pages of one input: the file (or standard input, or the bundled
    example) itself, or each page of a web archive."""
    if name is _EXAMPLE:
        yield _Page(file, resources.files("dechaff").joinpath("examples/peoples-daily.txt").read_bytes())
        return
    with contextlib.ExitStack() as stack:
        raw = sys.stdin.buffer if name == "-" else stack.enter_context(open(file, "rb"))
        stream, is_archive = open_input(raw)
        if is_archive:
            for record in records(stream, max_bytes):
                yield _Page(file, record.payload, record.kind, record.url, record.truncated)
            return
        data = stream.read(max_bytes + 1)
        yield _Page(file, data[:max_bytes], truncated=len(data) > max_bytes)


if __name__ == "__main__":
    sys.exit(main())
