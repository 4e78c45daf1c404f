"""Whole-page text renderings of an HTML page by the rules of the data's text
README (``../shared/data/text/README.md``): ``wet`` (Common Crawl's WET rules)
and ``naive`` (text nodes concatenated as in the source).  For pages outside
the data (``bench/languages.py``); the data's own renderings are the reference.
"""

from __future__ import annotations

import re

from lxml import etree

from pages import decode_html

#: Elements that start and end a WET line, and inline ones that add a space around their text.
WET_BLOCKS = frozenset(
    "address article aside blockquote body br button canvas caption center col colgroup dd div dl dt embed "
    "fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr li map noframes noscript "
    "object ol output p pre progress section table tbody textarea tfoot th thead title tr ul video".split())
WET_SPACED = frozenset("address cite details datalist iframe img input label legend optgroup q select "
                       "summary tbody td time".split())


def _tree(raw: bytes) -> etree._Element:
    parser = etree.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True)
    return etree.fromstring(decode_html(raw).encode("utf-8"), parser)


def _body(root: etree._Element) -> etree._Element:
    body = root.find("body")
    return root if body is None else body


def wet_text(raw: bytes) -> str:
    """The title, then a line per block element; inline elements glued (``<pre>`` not kept verbatim)."""
    root = _tree(raw)
    lines = [" ".join((root.findtext(".//title") or "").split())]
    parts: list[str] = []

    def end_line() -> None:
        line = re.sub(r"\s+", " ", "".join(parts)).strip()
        if line:
            lines.append(line)
        parts.clear()

    def walk(element: etree._Element) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in ("script", "style", "template", "head"):
            return
        edge = end_line if tag in WET_BLOCKS else (lambda: parts.append(" ")) if tag in WET_SPACED else None
        if edge:
            edge()
        parts.append(element.text or "")
        for child in element:
            walk(child)
            parts.append(child.tail or "")
        if edge:
            edge()

    walk(_body(root))
    end_line()
    return "\n".join(lines) + "\n"


def naive_text(raw: bytes) -> str:
    """The body's text nodes joined with nothing between them, lines stripped,
    blank runs collapsed to one blank line."""
    parts: list[str] = []

    def walk(element: etree._Element) -> None:
        if element.tag in ("script", "style"):
            return
        parts.append(element.text or "")
        for child in element:
            walk(child)
            parts.append(child.tail or "")

    walk(_body(_tree(raw)))
    text = "".join(parts).replace("\r\n", "\n").replace("\r", "\n")
    lines = [line.strip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"
