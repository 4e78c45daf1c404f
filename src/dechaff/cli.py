"""The ``dechaff`` command: main content of pages, from files or standard input."""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources

from . import __version__, extract_result
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

exit status: 0 on success, 1 if a file could not be read (the others are
still processed), 2 on a usage error."""


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
                             "url (of an archive's page; else empty), title, text, kind, lang, "
                             "confidence, truncated, source")
    parser.add_argument("--markdown", action="store_true",
                        help="write the text as Markdown: headings as '#' lines, list items as "
                             "'-' items, code fenced, quotations behind '>' (with --json, the "
                             "records' text)")
    parser.add_argument("--threshold", type=float, metavar="P",
                        help="keep blocks with content probability >= P (0-1) on every page, instead "
                             "of the cut the model adapts to each page; lower keeps more")
    parser.add_argument("--include-comments", action="store_true",
                        help="keep reader comments under articles")
    parser.add_argument("--example", action="store_true",
                        help="run on the bundled example page (a news article as page text)")
    parser.add_argument("--version", action="version", version=f"dechaff {__version__}")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.threshold is not None and not 0.0 <= args.threshold <= 1.0:
        parser.error("--threshold must be between 0 and 1")
    settings = Settings(threshold=args.threshold, include_comments=args.include_comments)
    utf = _tolerant_stdout()
    sources: list[str | object] = list(args.files) or ([] if args.example else ["-"])
    if args.example:
        sources.insert(0, _EXAMPLE)
    status = 0
    printed = 0
    output_format = "markdown" if args.markdown else "txt"
    for name in sources:
        file = "example" if name is _EXAMPLE else str(name)
        try:
            for page in _pages(name, settings.max_input_chars * _MAX_BYTES_PER_CHAR):
                result = extract_result(page.data, kind=args.kind or page.kind, settings=settings,
                                        output_format=output_format)
                if args.json:
                    record = {"file": file, "url": page.url, **result.as_dict()}
                    record["truncated"] = record["truncated"] or page.truncated
                    # Escaped, JSON keeps every character through any stdout encoding.
                    sys.stdout.write(json.dumps(record, ensure_ascii=not utf) + "\n")
                    continue
                if printed:
                    sys.stdout.write("\n")
                if args.title:
                    sys.stdout.write(f"{result.title}\n\n")
                sys.stdout.write(result.text + "\n" if result.text else "")
                printed += 1
        except (OSError, EOFError, WarcError) as error:
            reason = getattr(error, "strerror", None) or error
            print(f"dechaff: cannot read {file}: {reason}", file=sys.stderr)
            status = 1
    sys.stdout.flush()
    return status


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


#: No encoding spends more than four bytes on a character: what is read of a
#: page is bounded by the characters the extractor would read of it.
_MAX_BYTES_PER_CHAR = 4


@dataclass(frozen=True)
class _Page:
    data: bytes
    kind: str | None = None  # from an archive's record type; None: detect
    url: str = ""
    truncated: bool = False  # cut while reading


def _pages(name: str | object, max_bytes: int) -> Iterator[_Page]:
    """The pages of one input: the file (or standard input, or the bundled
    example) itself, or each page of a web archive."""
    if name is _EXAMPLE:
        yield _Page(resources.files("dechaff").joinpath("examples/peoples-daily.txt").read_bytes())
        return
    with contextlib.ExitStack() as stack:
        raw = sys.stdin.buffer if name == "-" else stack.enter_context(open(str(name), "rb"))
        stream, is_archive = open_input(raw)
        if is_archive:
            for record in records(stream, max_bytes):
                yield _Page(record.payload, record.kind, record.url, record.truncated)
            return
        data = stream.read(max_bytes + 1)
        yield _Page(data[:max_bytes], truncated=len(data) > max_bytes)


if __name__ == "__main__":
    sys.exit(main())
