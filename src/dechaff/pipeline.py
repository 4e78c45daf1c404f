"""The whole extraction, stage by stage: decode, cut into blocks, classify, assemble."""

from __future__ import annotations

import re

from . import assemble, blocks, classify, structured
from .decode import clean_text, clean_text_utf8, decode_utf8
from .result import Result
from .settings import DEFAULT, Settings

KINDS = ("html", "text")
OUTPUT_FORMATS = ("txt", "markdown")
_TAG = re.compile(r"<(?:!doctype|html|head|body|meta|title|div|p|span|a|table|script|link|br)\b", re.I)
#: How much of the input kind detection reads.
SNIFF_CHARS = 4096
#: Most blocks a page is classified in; the rest of the page is dropped and the
#: result flagged ``truncated``, like an input over ``Settings.max_input_chars``.
#: Real pages have at most a few thousand blocks (2,641 on the evaluation data);
#: the cap bounds the time and memory of hostile ones (a million ``<p>``, a text
#: of one-character lines), since every block costs a feature vector.
MAX_BLOCKS = 100_000
#: No encoding spends more than this many bytes on a character: the bytes of
#: ``Settings.max_input_chars`` characters at most.
MAX_BYTES_PER_CHAR = 4


def run(page: str | bytes, kind: str | None = None, settings: Settings = DEFAULT,
        output_format: str = "txt") -> Result:
    """Extract the main content of ``page``; see ``dechaff.extract_result``.
    The text is plain (``output_format`` "txt") or Markdown ("markdown")."""
    if not isinstance(page, (str, bytes, bytearray, memoryview)):
        raise TypeError(
            f"page must be str (text or HTML) or bytes (raw HTML or text), not {type(page).__name__}"
        )
    if kind is not None and kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS} or None, not {kind!r}")
    if output_format not in OUTPUT_FORMATS:
        raise ValueError(f"output_format must be one of {OUTPUT_FORMATS}, not {output_format!r}")
    if not isinstance(settings, Settings):
        raise TypeError(f"settings must be a dechaff.Settings, not {type(settings).__name__}")
    if isinstance(page, str):
        text, utf8, truncated = page, None, False
    else:
        # No encoding spends more than four bytes on a character: cutting the
        # bytes first keeps a huge input from being decoded whole only to be cut.
        data = page if isinstance(page, bytes) else bytes(page)
        limit = settings.max_input_chars * MAX_BYTES_PER_CHAR
        truncated = len(data) > limit
        text, utf8 = decode_utf8(data[:limit])
    truncated = truncated or len(text) > settings.max_input_chars
    if truncated:
        text, utf8 = text[: settings.max_input_chars], None
    text, utf8 = clean_text_utf8(text, utf8)
    kind = kind or detect_kind(text)
    if kind == "html":
        parsed = blocks.html_page(text, limit=MAX_BLOCKS + 1, utf8=utf8,
                                  include=settings.include, exclude=settings.exclude)
    else:
        parsed = blocks.text_page(text, limit=MAX_BLOCKS + 1)
    if len(parsed.blocks) > MAX_BLOCKS:
        del parsed.blocks[MAX_BLOCKS:]
        truncated = True
    classify.classify(parsed, settings)
    # The result keeps the page for its metadata, read on demand: not the
    # container tree, which only the features read.
    parsed.tree = []
    apply = classify.explaining(parsed) if settings.explain else classify.run_rule
    apply(assemble.drop_repeated_blocks, parsed.blocks)
    title = apply(assemble.find_title, parsed)
    body = assemble.body_text(parsed.blocks)
    source = "blocks"
    # Structured data is the whole page's: with selectors, only what they leave is read.
    fallback = "" if settings.include or settings.exclude else structured.fallback_text(parsed, body)
    if fallback:  # decoded JSON: may hold NUL or lone surrogates ("\u0000", "\ud800")
        body, source = clean_text(fallback), "json-ld"
        if output_format == "markdown":
            body = assemble.markdown_paragraphs(body)
    elif output_format == "markdown":
        body = assemble.body_markdown(parsed.blocks)
    return Result(body, title, kind, parsed.blocks, parsed.lang, truncated, source, parsed)


def detect_kind(text: str) -> str:
    """HTML if the start of the input reads as markup, else text."""
    head = text[:SNIFF_CHARS]
    stripped = head.lstrip()
    tags = len(_TAG.findall(head))
    if stripped.startswith("<") and tags >= 1:
        return "html"
    return "html" if tags >= 3 else "text"
