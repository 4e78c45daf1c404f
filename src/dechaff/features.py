"""Stage 2: describing each block by numbers the classifier can weigh.

Three kinds of evidence, for both input kinds:

* the block's own text: length, function-word density (prose reads differently
  from menus in every language), punctuation, digits, capitals;
* where it sits: position in the page, its neighbours' text, whether it lies in
  the page's longest run of prose, how often its shape repeats;
* HTML only: its markup (tag, enclosing nav/footer/article, class and id words,
  link density, the share of the page's words in its containers).

Every feature has a name; the model file stores weights by name, so adding a
feature never silently shifts the others.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from functools import lru_cache
from importlib import resources

from . import blocks as b
from .blocks import Block, Page

_TOKEN = re.compile(r"\w+")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_TERMINAL = frozenset(".!?。！？…:;\"'”’)»")
_PUNCT = re.compile(r"[,.;:!?，。、！？]")
_SEPARATORS = re.compile(r"[|•·›»«/>]")
_DIGIT = re.compile(r"\d")
_COPYRIGHT = re.compile(r"©|\(c\)\s*\d{4}|copyright|all rights reserved", re.I)
_GLUE = re.compile(r"[a-z][A-Z]")
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}

#: A block counts as prose for the "longest run of prose" when it has at least
#: this many words, this share of function words and at most this link density.
PROSE_MIN_WORDS = 8
PROSE_MIN_STOP_RATIO = 0.08
PROSE_MAX_LINK_DENSITY = 0.35
#: Non-prose words cost this much against prose words inside the run: a run may
#: cross a short caption or subheading but not a long menu.
RUN_NON_PROSE_COST = 0.6


@lru_cache(maxsize=1)
def stopwords() -> tuple[frozenset[str], frozenset[str]]:
    """Function words of many languages (word set, CJK character set), read once."""
    words: set[str] = set()
    chars: set[str] = set()
    text = resources.files("dechaff").joinpath("data/stopwords.txt").read_text("utf-8")
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        code, *items = line.split()
        (chars if code in ("zh", "ja") else words).update(items)
    return frozenset(words), frozenset(chars)


class TextStats:
    """What the text of one block says, computed once per block."""

    __slots__ = ("words", "chars", "stop_ratio", "terminal", "punct", "digits", "caps",
                 "separators", "word_len", "glue", "copyright", "link_density")

    def __init__(self, block: Block) -> None:
        text = block.text
        stop_words, stop_chars = stopwords()
        tokens = _TOKEN.findall(text)
        n = len(tokens)
        self.chars = len(text)
        cjk = len(_CJK.findall(text)) if not text.isascii() else 0
        if cjk > 0.3 * self.chars:
            # No spaces between CJK words: count characters as half-words and
            # function characters instead of function words.
            self.words = max(n, cjk // 2)
            self.stop_ratio = sum(1 for c in text if c in stop_chars) / max(cjk, 1) * 3
        else:
            self.words = n
            self.stop_ratio = sum(1 for t in tokens if t.lower() in stop_words) / n if n else 0.0
        self.terminal = 1.0 if text.rstrip()[-1:] in _TERMINAL else 0.0
        self.punct = len(_PUNCT.findall(text)) / max(n, 1)
        self.digits = len(_DIGIT.findall(text)) / max(self.chars, 1)
        self.caps = sum(1 for t in tokens if t[0].isupper()) / n if n else 0.0
        self.separators = min(len(_SEPARATORS.findall(text)), 10)
        self.word_len = sum(len(t) for t in tokens) / n if n else 0.0
        self.glue = min(len(_GLUE.findall(text)), 10)
        self.copyright = 1.0 if _COPYRIGHT.search(text) else 0.0
        self.link_density = block.link_chars / max(self.chars, 1)

    def is_prose(self) -> bool:
        return (self.words >= PROSE_MIN_WORDS and self.stop_ratio >= PROSE_MIN_STOP_RATIO
                and self.link_density <= PROSE_MAX_LINK_DENSITY)


COMMON = (
    "bias", "log_words", "log_chars", "stop_ratio", "terminal", "punct", "digits", "caps",
    "separators", "word_len", "glue", "copyright", "short", "position", "position_words",
    "page_log_words", "repeated", "in_run", "run_distance", "run_share", "before_run",
    "prev_log_words", "next_log_words", "window_log_words", "window_stop", "window_terminal",
    "title_overlap",
)
HTML_ONLY = (
    "link_density", "window_link", "heading", "tag_p", "tag_li", "tag_tr", "tag_pre",
    "tag_div", "tag_quote", "tag_caption", "tag_dt", "nav", "header", "footer", "aside",
    "form", "article", "main", "list", "table", "figure", "hidden", "noscript", "in_link",
    "neg_class", "pos_class", "comment_class", "post_class", "details", "depth",
    "parent_share", "grandparent_share", "signature_repeats", "signature_words",
)
TEXT_ONLY = ("blank_before", "bullet", "first_line", "all_caps")

FEATURES = {"html": COMMON + HTML_ONLY, "text": COMMON + TEXT_ONLY}


def page_features(page: Page) -> list[list[float]]:
    """One feature vector per block, in the order of ``FEATURES[page.kind]``."""
    blocks = page.blocks
    if not blocks:
        return []
    stats = [TextStats(block) for block in blocks]
    common = _common_features(page, stats)
    if page.kind == "html":
        extra = _html_features(page, stats)
    else:
        extra = _text_features(page, stats)
    return [c + e for c, e in zip(common, extra)]


def _common_features(page: Page, stats: list[TextStats]) -> list[list[float]]:
    blocks = page.blocks
    n = len(blocks)
    log_words = [math.log1p(s.words) for s in stats]
    total_words = sum(s.words for s in stats) or 1
    page_log_words = math.log1p(total_words)
    run_start, run_end, run_words = longest_prose_run(stats)
    run_share = run_words / total_words
    counts = Counter(block.text for block in blocks)
    title_tokens = _title_tokens(page)
    rows = []
    words_before = 0
    for i, (block, s) in enumerate(zip(blocks, stats)):
        lo, hi = max(0, i - 2), min(n, i + 3)
        neighbours = [j for j in range(lo, hi) if j != i]
        k = len(neighbours) or 1
        in_run = run_start <= i <= run_end
        distance = 0 if in_run else (run_start - i if i < run_start else i - run_end)
        rows.append([
            1.0,
            log_words[i],
            math.log1p(s.chars),
            s.stop_ratio,
            s.terminal,
            min(s.punct, 2.0),
            s.digits,
            s.caps,
            s.separators / 10,
            min(s.word_len, 15) / 15,
            s.glue / 10,
            s.copyright,
            1.0 if s.words <= 3 else 0.0,
            i / (n - 1) if n > 1 else 0.0,
            words_before / total_words,
            page_log_words,
            1.0 if counts[block.text] > 1 else 0.0,
            1.0 if in_run else 0.0,
            math.log1p(distance),
            run_share,
            1.0 if i < run_start else 0.0,
            log_words[i - 1] if i else 0.0,
            log_words[i + 1] if i + 1 < n else 0.0,
            sum(log_words[j] for j in neighbours) / k,
            sum(stats[j].stop_ratio for j in neighbours) / k,
            sum(stats[j].terminal for j in neighbours) / k,
            _overlap(block.text, title_tokens),
        ])
        words_before += s.words
    return rows


def longest_prose_run(stats: list[TextStats]) -> tuple[int, int, int]:
    """The stretch of blocks with the most prose words net of the other words in it.

    Maximum-sum subarray (Kadane) over +words for prose blocks and
    -RUN_NON_PROSE_COST * words for the rest.  Returns (first, last, words in it);
    (0, -1, 0) when the page has no prose at all.
    """
    best = (0, -1, 0)
    best_sum = 0.0
    current_sum, current_start, current_words = 0.0, 0, 0
    for i, s in enumerate(stats):
        gain = s.words if s.is_prose() else -RUN_NON_PROSE_COST * s.words
        if current_sum <= 0:
            current_sum, current_start, current_words = 0.0, i, 0
        current_sum += gain
        current_words += s.words
        if current_sum > best_sum:
            best_sum = current_sum
            best = (current_start, i, current_words)
    return best


def _html_features(page: Page, stats: list[TextStats]) -> list[list[float]]:
    blocks = page.blocks
    n = len(blocks)
    total_words = sum(s.words for s in stats) or 1
    container_words = page.container_words
    signature_counts = Counter(block.signature for block in blocks)
    signature_words: Counter[str] = Counter()
    for block, s in zip(blocks, stats):
        signature_words[block.signature] += s.words
    rows = []
    for i, (block, s) in enumerate(zip(blocks, stats)):
        ctx = block.context
        tag = block.tag
        lo, hi = max(0, i - 2), min(n, i + 3)
        window_link = sum(stats[j].link_density for j in range(lo, hi) if j != i) / max(hi - lo - 1, 1)
        containers = block.containers
        parent = container_words[containers[-1]] if containers else 0
        grandparent = container_words[containers[-2]] if len(containers) > 1 else parent
        repeats = signature_counts[block.signature]
        rows.append([
            s.link_density,
            window_link,
            (7 - _HEADINGS[tag]) / 6 if tag in _HEADINGS else 0.0,
            1.0 if tag == "p" else 0.0,
            1.0 if tag == "li" else 0.0,
            1.0 if tag == "tr" else 0.0,
            1.0 if tag == "pre" else 0.0,
            1.0 if tag in ("div", "section", "article", "main", "body", "center", "span") else 0.0,
            1.0 if tag == "blockquote" else 0.0,
            1.0 if tag in ("figcaption", "caption") else 0.0,
            1.0 if tag in ("dt", "dd") else 0.0,
            _bit(ctx, b.IN_NAV),
            _bit(ctx, b.IN_HEADER),
            _bit(ctx, b.IN_FOOTER),
            _bit(ctx, b.IN_ASIDE),
            _bit(ctx, b.IN_FORM),
            _bit(ctx, b.IN_ARTICLE),
            _bit(ctx, b.IN_MAIN),
            _bit(ctx, b.IN_LIST),
            _bit(ctx, b.IN_TABLE),
            _bit(ctx, b.IN_FIGURE),
            _bit(ctx, b.HIDDEN),
            _bit(ctx, b.IN_NOSCRIPT),
            _bit(ctx, b.IN_LINK),
            _bit(ctx, b.NEG_CLASS),
            _bit(ctx, b.POS_CLASS),
            _bit(ctx, b.COMMENT_CLASS),
            _bit(ctx, b.POST_CLASS),
            _bit(ctx, b.IN_DETAILS),
            min(len(containers), 40) / 40,
            parent / total_words,
            grandparent / total_words,
            math.log1p(repeats - 1),
            math.log1p(signature_words[block.signature]) if repeats > 1 else 0.0,
        ])
    return rows


def _text_features(page: Page, stats: list[TextStats]) -> list[list[float]]:
    rows = []
    for i, (block, s) in enumerate(zip(page.blocks, stats)):
        letters = [c for c in block.text if c.isalpha()]
        rows.append([
            1.0 if block.blank_before else 0.0,
            1.0 if block.bullet else 0.0,
            1.0 if i == 0 else 0.0,
            1.0 if letters and all(c.isupper() for c in letters) else 0.0,
        ])
    return rows


def _bit(context: int, flag: int) -> float:
    return 1.0 if context & flag else 0.0


def _title_tokens(page: Page) -> frozenset[str]:
    title = page.title or (page.blocks[0].text if page.kind == "text" and page.blocks else "")
    return frozenset(_TOKEN.findall(title.lower()))


def _overlap(text: str, title_tokens: frozenset[str]) -> float:
    if not title_tokens or len(text) > 400:
        return 0.0
    tokens = set(_TOKEN.findall(text.lower()))
    return len(tokens & title_tokens) / len(tokens | title_tokens) if tokens else 0.0
