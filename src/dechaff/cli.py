"""The ``dechaff`` command: main content of pages, from files or standard input."""

from __future__ import annotations

import argparse
import json
import sys
from importlib import resources

from . import __version__, extract_result
from .settings import Settings

_DESCRIPTION = """\
Print the main content of web pages: the article, thread, documentation or
product description, without menus, share buttons, footers and related links.

Each FILE is an HTML page or the whole visible text of a page (a WET record,
a scraper's text dump, text copied from a browser); the kind is detected
unless --kind says it.  With no FILE, or with -, standard input is read.
Bytes are decoded as a browser would (BOM, <meta charset>, detection)."""

_EPILOG = """\
examples:
  dechaff page.html                 main content of one page
  curl -s https://example.org | dechaff
  dechaff --kind text dump.txt      treat the input as page text
  dechaff --title --example         the bundled example page, with its title
  dechaff --json *.html > pages.jsonl
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
                             "title, text, kind, lang, confidence, truncated, source")
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
    for name in sources:
        try:
            data = _read(name)
        except OSError as error:
            print(f"dechaff: cannot read {name}: {error.strerror or error}", file=sys.stderr)
            status = 1
            continue
        result = extract_result(data, kind=args.kind, settings=settings,
                                output_format="markdown" if args.markdown else "txt")
        if args.json:
            record = {"file": "example" if name is _EXAMPLE else name, **result.as_dict()}
            # Escaped, JSON keeps every character through any stdout encoding.
            sys.stdout.write(json.dumps(record, ensure_ascii=not utf) + "\n")
            continue
        if printed:
            sys.stdout.write("\n")
        if args.title:
            sys.stdout.write(f"{result.title}\n\n")
        sys.stdout.write(result.text + "\n" if result.text else "")
        printed += 1
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


def _read(name: str | object) -> bytes:
    if name is _EXAMPLE:
        return resources.files("dechaff").joinpath("examples/peoples-daily.txt").read_bytes()
    if name == "-":
        return sys.stdin.buffer.read()
    with open(str(name), "rb") as handle:
        return handle.read()


if __name__ == "__main__":
    sys.exit(main())
