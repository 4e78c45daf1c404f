"""Stage 4: writing the kept blocks out, and finding the page's title.

The title is metadata, not body: when the headline opens the kept content it
moves to ``Result.title``.
"""

from __future__ import annotations

import re

from .blocks import Block, Page

_TOKEN = re.compile(r"\w+")
#: Site names trail page titles after one of these: "Headline | Site", "Headline - Site".
_TITLE_SEPARATOR = re.compile(r"\s+[|\-\u2013\u2014:\u00b7\u2022]\s+")
#: A headline is a short line; it rarely ends like a sentence.
HEADLINE_MAX_WORDS = 30
#: How many blocks above the content a headline may sit (bylines, dates and
#: share buttons come between).
HEADLINE_LOOKBACK = 8
#: Share of a candidate's words that must be in the <title> for it to be the headline.
HEADLINE_TITLE_OVERLAP = 0.6


def body_text(blocks: list[Block]) -> str:
    """The kept blocks, one paragraph each, separated by blank lines."""
    return "\n\n".join(block.text for block in blocks if block.keep)


def find_title(page: Page) -> str:
    """Pick the page title and drop it from the kept blocks if the body opens with it."""
    blocks = page.blocks
    first_kept = next((i for i, block in enumerate(blocks) if block.keep), None)
    declared = page.title or (blocks[0].text if page.kind == "text" and blocks else "")
    if page.kind == "text" and blocks and _looks_like_wet_title(page):
        blocks[0].keep = False
    if first_kept is None:
        return _clean_title(declared) or (page.headlines[0] if page.headlines else "")
    headline = _headline_index(page, first_kept, declared)
    if headline is not None:
        blocks[headline].keep = False
        return blocks[headline].text.replace("\n", " ")
    for candidate in page.headlines:
        if candidate:
            return candidate
    return _clean_title(declared)


def _headline_index(page: Page, first_kept: int, declared: str) -> int | None:
    """The block that is the page's headline, searched at the top of the content."""
    blocks = page.blocks
    title_tokens = set(_TOKEN.findall(declared.lower())) | {
        t for h in page.headlines for t in _TOKEN.findall(h.lower())
    }
    start = max(0, first_kept - HEADLINE_LOOKBACK)
    stop = min(len(blocks), first_kept + 2)
    best, best_overlap = None, 0.0
    for i in range(start, stop):
        block = blocks[i]
        if page.kind == "text" and i == 0 and declared == block.text:
            continue  # the WET title line itself
        tokens = _TOKEN.findall(block.text.lower())
        if not tokens or len(tokens) > HEADLINE_MAX_WORDS:
            continue
        if title_tokens:
            overlap = sum(1 for t in tokens if t in title_tokens) / len(tokens)
        else:
            overlap = 1.0 if _is_heading(block) else 0.0
        if overlap >= HEADLINE_TITLE_OVERLAP and overlap > best_overlap:
            best, best_overlap = i, overlap
    if best is None and page.kind == "text" and not page.title:
        return _untitled_text_headline(page, first_kept)
    return best


def _untitled_text_headline(page: Page, first_kept: int) -> int | None:
    """Naive and browser dumps carry no <title>: the headline is the last short,
    sentence-less, date-less line just above the content."""
    for i in range(first_kept - 1, max(-1, first_kept - HEADLINE_LOOKBACK), -1):
        text = page.blocks[i].text
        words = len(_TOKEN.findall(text))
        digits = sum(c.isdigit() for c in text)
        if 3 <= words <= HEADLINE_MAX_WORDS and digits < 4 and text[-1:] not in ".:;,":
            return i
    return None


def _is_heading(block: Block) -> bool:
    return block.tag in ("h1", "h2")


def _looks_like_wet_title(page: Page) -> bool:
    """WET records open with the <title>; it may repeat as the headline below."""
    first = page.blocks[0]
    return first.blank_before and len(_TOKEN.findall(first.text)) <= 40 and not first.bullet


def _clean_title(title: str) -> str:
    parts = _TITLE_SEPARATOR.split(title.strip())
    return max(parts, key=len) if len(parts) > 1 else title.strip()
