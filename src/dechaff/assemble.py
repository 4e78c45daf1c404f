"""Stage 4: writing the kept blocks out, and finding the page's title.

The title is metadata, not body: when the headline opens the kept content it
moves to ``Result.title``.
"""

from __future__ import annotations

import re

from .blocks import _BULLET_CHARS, IN_QUOTE, Block, Page, has_single_spaces
from .classify import best_headline, best_title
from .features import HEADING_LEVELS, HEADLINE_MAX_CHARS, headline_candidates, is_dateline

_TOKEN = re.compile(r"\w+")
#: Site names trail page titles after one of these: "Headline | Site", "Headline - Site".
#: A match starts only where white space does, and keeps all of it: tried at
#: every position of a long run of spaces, it would rescan the run each time.
_TITLE_SEPARATOR = re.compile(r"(?<!\s)\s++[|\-\u2013\u2014:\u00b7\u2022]\s+")
#: A headline is a short line: a longer first line of a text dump is content.
HEADLINE_MAX_WORDS = 30
#: How many blocks above an HTML page's content its headline may sit (bylines,
#: dates and share buttons come between).
HEADLINE_LOOKBACK = 8
#: Share of a candidate's words that must be in the <title> for it to be the headline.
HEADLINE_TITLE_OVERLAP = 0.6
#: Among candidates, an <h1>/<h2> is preferred: that is where sites put headlines.
HEADING_BONUS = 0.3


def body_text(blocks: list[Block]) -> str:
    """The kept blocks, one paragraph each, separated by blank lines."""
    return "\n\n".join(block.text for block in blocks if block.keep)


#: What would make a paragraph's line read as Markdown structure: a heading's
#: "#", a list item's "-", "+", "*" or "1." / "1)", a quotation's ">", a code
#: fence, or a rule or heading underline ("---", "===").  Group 2 is escaped
#: with a backslash before it; of an ordered item's number, the stop after it.
_MARKDOWN_LINE_START = re.compile(
    r"^(\s*)(?:(#{1,6}(?=\s|$)|[+*-](?=\s|$)|>|`{3,}|~{3,}|[-=_*](?=[-=_*\s]*$))|(\d{1,9})([.)])(?=\s|$))")
#: A text page's bullet ("*", "•", "-", "●"...), which becomes Markdown's "-";
#: a numbered line ("1. ", "2) ") is a Markdown list item as it is.
_SYMBOL_BULLET = re.compile(rf"\s*[{re.escape(_BULLET_CHARS)}]\s+")
_NUMBERED = re.compile(r"\s*\d{1,9}[.)]\s")


#: What would read as Markdown inside a line (CommonMark): a backslash, a code
#: span's backtick, emphasis ("*", and "_" unless inside a word, where it
#: emphasises nothing), a link's brackets, an HTML tag's "<", an entity's "&".
_INLINE_MARKUP = re.compile(r"[\\`*\[\]<]|&(?=#?\w+;)|(?<![^\W_])_|_(?![^\W_])")
#: A heading's last "#"s after a space, which Markdown reads as its closing marks.
_CLOSING_HASHES = re.compile(r"(\s)(#+\s*)$")


def body_markdown(blocks: list[Block]) -> str:
    """The kept blocks as Markdown: headings as "#" lines, list items as "-"
    items (those in a row as one list), code as fenced blocks, quotations
    behind ">"; the rest (table rows among them: a row's cells are one
    block) as paragraphs.  Outside code, whatever would read as Markdown is
    escaped: rendered, the text has the words of the plain text.

    A text page has no markup: its bulleted lines become list items, and its
    other lines paragraphs.
    """
    parts: list[str] = []
    previous = ""  # the kind of the last part, to run list items together
    for block in blocks:
        if not block.keep:
            continue
        kind, markdown = _markdown_block(block)
        if kind == previous == "item":
            parts[-1] += "\n" + markdown
        else:
            parts.append(markdown)
        previous = kind
    return "\n\n".join(parts)


def _markdown_block(block: Block) -> tuple[str, str]:
    """What kind of Markdown one kept block is ("heading", "code", "item" or
    "paragraph"), and the block written as it."""
    text, tag = block.text, block.tag
    if tag == "pre":
        fence = "`" * max(3, _longest_run(text, "`") + 1)
        return "code", f"{fence}\n{text}\n{fence}"
    if tag in HEADING_LEVELS:
        # After the "#"s nothing starts a list or a quotation, but closing "#"s end it.
        heading = _CLOSING_HASHES.sub(r"\1\\\2", _escaped_inline(" ".join(text.split())))
        return "heading", f"{'#' * HEADING_LEVELS[tag]} {heading}"
    symbol = _SYMBOL_BULLET.match(text) if tag == "line" and block.bullet else None
    if symbol:
        kind, markdown = "item", "- " + _escaped(text[symbol.end():])
    elif tag == "line" and block.bullet and _NUMBERED.match(text):
        kind, markdown = "item", _escaped_inline(text)
    elif tag == "li":
        kind, markdown = "item", "- " + _escaped(text).replace("\n", "\n  ")
    else:
        kind, markdown = "paragraph", _escaped(text)
    if block.context & IN_QUOTE:
        markdown = "\n".join(f"> {line}" for line in markdown.split("\n"))
    return kind, markdown


def _escaped(text: str) -> str:
    """``text`` with a backslash before whatever would read as Markdown: inside
    its lines (``_INLINE_MARKUP``), and what would start structure on each."""
    text = _escaped_inline(text)
    return "\n".join(_MARKDOWN_LINE_START.sub(_escape_marker, line, count=1) for line in text.split("\n"))


def _escaped_inline(text: str) -> str:
    """``text`` with a backslash before what would read as Markdown inside a line."""
    return _INLINE_MARKUP.sub(r"\\\g<0>", text)


def markdown_paragraphs(text: str) -> str:
    """Plain text (paragraphs between blank lines) as Markdown paragraphs."""
    return "\n\n".join(_escaped(paragraph) for paragraph in text.split("\n\n"))


def _escape_marker(match: re.Match[str]) -> str:
    indent, marker, number, stop = match.groups()
    return f"{indent}\\{marker}" if marker else f"{indent}{number}\\{stop}"


def _longest_run(text: str, char: str) -> int:
    """The length of the longest run of ``char`` in ``text``."""
    return max(map(len, re.findall(f"{re.escape(char)}+", text)), default=0)


#: Shorter repeats ("Yes", "Reply", "}") are left alone: in tables and code they
#: are content each time.  So is code of any length: a documentation page that
#: shows the same call in two examples needs it in both.
REPEAT_MIN_CHARS = 20


def drop_repeated_blocks(blocks: list[Block]) -> None:
    """Keep one copy of a kept block whose text appears again further down.

    Carousels, tabs rendered for both mobile and desktop, and sticky headers put
    the same paragraph on a page several times; a reader, an index and a
    training corpus want it once.
    """
    keep = first_copies(blocks, [block.keep for block in blocks])
    for block, decision in zip(blocks, keep):
        block.keep = decision


def first_copies(blocks: list[Block], keep: list[bool]) -> list[bool]:
    """``keep`` (one decision per block) with every kept repeat of an earlier
    kept text turned off, but for short texts and code."""
    seen: set[str] = set()
    result = list(keep)
    for i, block in enumerate(blocks):
        if not keep[i] or len(block.text) < REPEAT_MIN_CHARS or block.tag == "pre":
            continue
        key = _repeat_key(block.text)
        if key in seen:
            result[i] = False
        else:
            seen.add(key)
    return result


def _repeat_key(text: str) -> str:
    """What two copies of a paragraph share: the text with its white space
    collapsed, case-folded."""
    if not (has_single_spaces(text) and text[:1] != " " and text[-1:] != " "):
        text = " ".join(text.split())
    return text.casefold()


def find_title(page: Page) -> str:
    """Pick the page title and drop its headline from the kept blocks if the body
    shows it.  A forest ranks the candidates; without one, the headline block, the
    first <h1> or og:title, or the <title> without the site's name, in that order."""
    blocks = page.blocks
    first_kept = next((i for i, block in enumerate(blocks) if block.keep), None)
    if page.kind == "text":
        return _text_title(page, first_kept)
    headline = None if first_kept is None else _headline_index(page, first_kept)
    # Ranked on the keep decisions it was trained with, before the headline goes.
    title = best_title(page, title_candidates(page, headline), first_kept or 0)
    if headline is not None:
        _drop_headline(blocks, headline)
    if title is not None:
        return title
    if headline is not None:
        return " ".join(blocks[headline].text.split())
    if page.headlines:
        return page.headlines[0]
    return _clean_title(page.title)


def _text_title(page: Page, first_kept: int | None) -> str:
    """A text dump's title: the line the model ranks first as its headline.

    A WET record's first line is the page <title>; other dumps have none, and
    their first line is whatever the page starts with.  Either way it is not body.
    """
    blocks = page.blocks
    headline = None
    if first_kept is not None:  # ranked on the keep decisions it was trained with
        headline = best_headline(page, headline_candidates(blocks, first_kept), first_kept)
    if blocks and len(_TOKEN.findall(blocks[0].text)) <= HEADLINE_MAX_WORDS:
        blocks[0].keep = False
    if headline is None:
        return ""
    if _leaves_the_body(blocks, headline, first_kept):
        _drop_headline(blocks, headline)
    return " ".join(blocks[headline].text.split())


def _leaves_the_body(blocks: list[Block], headline: int, first_kept: int | None) -> bool:
    """Whether a text page's headline line is dropped from the body: unless it is
    kept inside the content, or opens it but reads as a sentence (a page that is
    one paragraph under a menu has no headline line; its best candidate is prose)."""
    block = blocks[headline]
    if not block.keep:
        return True
    if headline != first_kept or block.text.rstrip()[-1:] in SENTENCE_ENDS:
        return False
    return any(other.keep for other in blocks[headline + 1:])


#: How a line that is a sentence, not a headline, ends.
SENTENCE_ENDS = ".:;,)"


def _drop_headline(blocks: list[Block], headline: int) -> None:
    blocks[headline].keep = False
    _drop_datelines(blocks, headline + 1)


#: How many blocks under the headline may be its dateline and byline.
DATELINE_LOOKAHEAD = 3


def _drop_datelines(blocks: list[Block], start: int) -> None:
    """Datelines under the headline are metadata, like the title: not body."""
    for block in blocks[start:start + DATELINE_LOOKAHEAD]:
        if is_dateline(block.text):
            block.keep = False
        elif block.keep:
            return


def _headline_index(page: Page, first_kept: int) -> int | None:
    """The block of an HTML page that is its headline: a short block near the top
    of the content that repeats the <title> or an <h1>, preferably a heading."""
    blocks = page.blocks
    title_tokens = set(_TOKEN.findall(page.title.lower()))
    for headline in page.headlines:
        title_tokens.update(_TOKEN.findall(headline.lower()))
    if not title_tokens:
        return None
    start = max(0, first_kept - HEADLINE_LOOKBACK)
    stop = min(len(blocks), first_kept + 2)
    best, best_score = None, 0.0
    for i in range(start, stop):
        tokens = set(_TOKEN.findall(blocks[i].text.lower()))
        if not tokens or len(tokens) > HEADLINE_MAX_WORDS:
            continue
        shared = len(tokens & title_tokens)
        if shared / len(tokens) < HEADLINE_TITLE_OVERLAP:
            continue
        score = shared / len(tokens | title_tokens) + (HEADING_BONUS if _is_heading(blocks[i]) else 0.0)
        if score > best_score:
            best, best_score = i, score
    return best


def title_candidates(page: Page, headline: int | None) -> list[tuple[str, str, int]]:
    """The texts an HTML page's title may be, as (text, source, order): the headline
    block, the <h1>s and og:titles, the <title>, and each part of a <title> that
    joins several ("Headline | Section | Site").  Only the start of a long <title>
    is cut into parts: candidates are compared pairwise, so they must stay few."""
    found = []
    if headline is not None:
        found.append((" ".join(page.blocks[headline].text.split()), "block", 0))
    found += [(text, "headline", k) for k, text in enumerate(page.headlines)]
    title = page.title.strip()
    found.append((title, "title", 0))
    parts = _TITLE_SEPARATOR.split(title[:HEADLINE_MAX_CHARS])
    if len(parts) > 1:
        found += [(part, "title_part", k) for k, part in enumerate(parts)]
    return [c for c in found if len(c[0]) <= HEADLINE_MAX_CHARS and _TOKEN.search(c[0])]


def _is_heading(block: Block) -> bool:
    return block.tag in ("h1", "h2")


def _clean_title(title: str) -> str:
    parts = _TITLE_SEPARATOR.split(title.strip())
    return max(parts, key=len) if len(parts) > 1 else title.strip()
