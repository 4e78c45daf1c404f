"""Stage 4: writing the kept blocks out, and finding the page's title.

The title is metadata, not body: when the headline opens the kept content it
moves to ``Result.title``.
"""

from __future__ import annotations

import re

from .blocks import Block, Page, has_single_spaces
from .features import is_dateline, is_promotion

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
#: Among candidates, an <h1>/<h2> is preferred: that is where sites put headlines.
HEADING_BONUS = 0.3


def body_text(blocks: list[Block]) -> str:
    """The kept blocks, one paragraph each, separated by blank lines."""
    return "\n\n".join(block.text for block in blocks if block.keep)


#: Shorter repeats ("Yes", "Reply", "}") are left alone: in tables and code they
#: are content each time.
REPEAT_MIN_CHARS = 20


def drop_repeated_blocks(blocks: list[Block]) -> None:
    """Keep one copy of a kept block whose text appears again further down.

    Carousels, tabs rendered for both mobile and desktop, and sticky headers put
    the same paragraph on a page several times; a reader, an index and a
    training corpus want it once.
    """
    keep = first_copies([block.text for block in blocks], [block.keep for block in blocks])
    for block, decision in zip(blocks, keep):
        block.keep = decision


def first_copies(texts: list[str], keep: list[bool]) -> list[bool]:
    """``keep`` with every kept repeat of an earlier kept text turned off."""
    seen: set[str] = set()
    result = list(keep)
    for i, text in enumerate(texts):
        if not keep[i] or len(text) < REPEAT_MIN_CHARS:
            continue
        key = _repeat_key(text)
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


#: How many blocks at the end of the content may be sign-off promotions.
PROMOTION_LOOKBACK = 2
#: A promotion the model is sure is content stays: some articles are about social media.
PROMOTION_MAX_SCORE = 0.6


def drop_trailing_promotions(blocks: list[Block]) -> None:
    """Articles often end with "follow us" and editor-credit lines: not body."""
    kept = [block for block in blocks if block.keep][-PROMOTION_LOOKBACK:]
    for block in reversed(kept):
        if block.score < PROMOTION_MAX_SCORE and is_promotion(block.text):
            block.keep = False
        else:
            return


def find_title(page: Page) -> str:
    """Pick the page title and drop it from the kept blocks if the body shows it."""
    blocks = page.blocks
    first_kept = next((i for i, block in enumerate(blocks) if block.keep), None)
    # A WET record's first line is the page <title>; other text dumps have none,
    # and their first line is whatever the page starts with.
    declared = page.title or (blocks[0].text if page.kind == "text" and blocks else "")
    if page.kind == "text" and blocks and len(_TOKEN.findall(blocks[0].text)) <= HEADLINE_MAX_WORDS:
        blocks[0].keep = False  # a WET title line, or the navigation a dump opens with
    headline = None if first_kept is None else _headline_index(page, first_kept, declared)
    if headline is not None:
        blocks[headline].keep = False
        _drop_datelines(blocks, headline + 1)
        return " ".join(blocks[headline].text.split())
    if page.headlines:
        return page.headlines[0]
    return _clean_title(page.title)


#: How many blocks under the headline may be its dateline and byline.
DATELINE_LOOKAHEAD = 3


def _drop_datelines(blocks: list[Block], start: int) -> None:
    """Datelines under the headline are metadata, like the title: not body."""
    for block in blocks[start:start + DATELINE_LOOKAHEAD]:
        if is_dateline(block.text):
            block.keep = False
        elif block.keep:
            return


def _headline_index(page: Page, first_kept: int, declared: str) -> int | None:
    """The block that is the page's headline, searched around the top of the content.

    The best is a short block that repeats the declared title; failing that, in
    a text dump, the first kept block or the nearest of the few above it that
    reads like a headline (short, no sentence punctuation, no date).
    """
    blocks = page.blocks
    title_tokens = set(_TOKEN.findall(declared.lower()))
    for headline in page.headlines:
        title_tokens.update(_TOKEN.findall(headline.lower()))
    start = max(0, first_kept - HEADLINE_LOOKBACK)
    stop = min(len(blocks), first_kept + 2)
    best, best_score = None, 0.0
    for i in range(start, stop):
        if page.kind == "text" and i == 0:
            continue  # the declared title itself
        tokens = set(_TOKEN.findall(blocks[i].text.lower()))
        if not tokens or len(tokens) > HEADLINE_MAX_WORDS or not title_tokens:
            continue
        shared = len(tokens & title_tokens)
        if shared / len(tokens) < HEADLINE_TITLE_OVERLAP:
            continue
        score = shared / len(tokens | title_tokens) + (HEADING_BONUS if _is_heading(blocks[i]) else 0.0)
        if score > best_score:
            best, best_score = i, score
    if best is not None or page.kind == "html":
        return best
    # The first kept block, or the nearest above it that reads like a headline:
    # datelines, bylines and share buttons often come between.
    for i in (first_kept, *range(first_kept - 1, first_kept - 1 - HEADLINE_LOOKBACK, -1)):
        if i > 0 and _reads_like_headline(blocks[i].text):
            return i
    return None


def _is_heading(block: Block) -> bool:
    return block.tag in ("h1", "h2")


def _reads_like_headline(text: str) -> bool:
    words = len(_TOKEN.findall(text))
    digits = sum(c.isdigit() for c in text)
    return 3 <= words <= HEADLINE_MAX_WORDS and digits < 4 and text.rstrip()[-1:] not in ".:;,)"


def _clean_title(title: str) -> str:
    parts = _TITLE_SEPARATOR.split(title.strip())
    return max(parts, key=len) if len(parts) > 1 else title.strip()
