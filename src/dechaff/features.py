"""Stage 2: describing each block by numbers the classifier can weigh.

Three kinds of evidence, for both input kinds:

* the block's own text: length, function-word density (prose reads differently
  from menus in every language), punctuation, digits, capitals;
* where it sits: position in the page, its neighbours' text, whether it lies in
  the page's longest run of prose, how often its shape repeats;
* HTML only: its markup (tag, enclosing nav/footer/article, class and id words,
  link density, the share of the page's words in its containers).

Every feature has a name; the model's trees test features by name, so adding a
feature never silently shifts the others.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator
from functools import lru_cache
from importlib import resources
from itertools import accumulate, compress, count, groupby, repeat
from operator import itemgetter, not_, sub
from typing import Any, TypeVar

from . import blocks as flags
from .blocks import Block, Page

_TOKEN = re.compile(r"\w+")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
#: A block is written in CJK when more than this share of its characters are:
#: then its words are counted from its characters, two to a word (Chinese words
#: are one to three characters long), for lack of spaces between them.
CJK_MIN_SHARE = 0.3
_TERMINAL = frozenset(".!?。！？…:;\"'”’)»")
_PUNCT_CHARS = ",.;:!?，。、！？"
_SEPARATOR_CHARS = "|•·›»«/>"
#: Times, ISO dates and years: datelines and bylines carry them, prose rarely as densely.
#: (Each date pattern starts with what its matches can start with: the regex
#: engine rejects most positions on that one test instead of trying every
#: alternative there.  This one starts with the digit itself, then looks back
#: for the word boundary before it: "\b\d{1,2}:\d{2}\b|\b\d{4}-\d{2}-\d{2}\b|
#: \b(?:19|20)\d{2}\b" with the first digit taken out, in half the time of
#: testing a lookahead at every position.)
_DATE = re.compile(r"\d(?<!\w\d)(?:\d?:\d{2}\b|\d{3}-\d{2}-\d{2}\b|(?<=1)9\d{2}\b|(?<=2)0\d{2}\b)")
#: A time of day or a full calendar date: the mark of datelines, bylines and
#: post headers ("13:43, October 23, 2020", "2020-10-23", "23.10.2020").
_DATETIME = re.compile(
    r"(?=[\djfmasondegl])(?:"  # a digit or the first letter of a month name
    r"\b\d{1,2}:\d{2}\b|\b\d{4}-\d{1,2}-\d{1,2}\b|\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b|"
    r"\b(?:jan|feb|m[aä]r|apr|ma[iy]|jun|jul|aug|sep|o[ck]t|nov|de[cz]|janv|févr|avr|juil|"
    r"août|déc|ene|abr|ago|dic|gen|mag|giu|lug|set|ott)[a-zéû]*\.?\s+\d{1,2}\b|"
    r"\b\d{1,2}\.?\s+(?:jan|feb|m[aä]r|apr|ma[iy]|jun|jul|aug|sep|o[ck]t|nov|de[cz])[a-zä]*\b)",
    re.I)
DATELINE_MAX_CHARS = 120
_DIGIT = re.compile(r"\d")
PROMOTION_MAX_CHARS = 250
#: Social networks are named alike in every language: share and follow lines name them.
SOCIAL_NETWORKS = frozenset(
    "facebook twitter instagram linkedin pinterest whatsapp telegram youtube tiktok reddit "
    "weibo wechat vkontakte vk mastodon bluesky threads email mail xing".split())
#: The level of each HTML heading: a section runs to the next heading of its level or above.
HEADING_LEVELS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}

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


#: What ``_word_kinds`` marks a lower-cased word as (0: neither).
FUNCTION_WORD = b"\x01"
SOCIAL_NETWORK = b"\x02"


@lru_cache(maxsize=1)
def _word_kinds() -> dict[str, int]:
    """The function words and the social networks' names (no word is both), as
    the byte value that marks each: one lookup per token tells both."""
    kinds = dict.fromkeys(stopwords()[0], FUNCTION_WORD[0])
    kinds.update(dict.fromkeys(SOCIAL_NETWORKS, SOCIAL_NETWORK[0]))
    return kinds


#: Joins the texts of a page's blocks so that each pattern runs once per page
#: instead of once per block.  NUL never occurs in a block: ``decode.clean_text``
#: removes it from the input and the HTML walker replaces its own line-break marks.
#: It is no word character, no space, and (being uncased) it ends Greek final-sigma
#: context in ``str.lower`` as a string end does, so per-block results are unchanged.
_SEP = "\x00"
_TOKEN_OR_SEP = re.compile(r"\w+|\x00")
#: UTF-8 bytes to themselves, except the ASCII bytes that are no word character
#: (``\w``), which become spaces; NUL (the block separator) and the bytes of
#: multi-byte characters are kept.
_ASCII_NON_WORD_TO_SPACE = bytes(
    c if chr(c).isalnum() or c in b"_\x00" or c >= 0x80 else 0x20 for c in range(256))
#: Above this share of tokens with non-ASCII characters, ``_tokens`` runs the regex.
_MAX_NON_ASCII_SHARE = 0.125
#: The lead bytes of the UTF-8 encodings of U+3000 to U+DFFF, where ``_CJK`` lies:
#: a page without them has no CJK characters.
_NOT_CJK_LEAD_BYTES = bytes(range(256)).translate(None, bytes(range(0xE3, 0xEE)))
#: Lower-case letters to "a" and capitals to "A": a glue join ("menuHome") is then "aA".
_LETTER_CASE = bytes.maketrans(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
                               b"a" * 26 + b"A" * 26)


class TextStats:
    """What the texts of a page's blocks say: one list per statistic, one value per block.

    Computed for the whole page at once, because calls per block cost more than
    the work they do on short texts: the block texts are joined and each pattern
    runs over the page once.  A block's count of a character class is the length
    of what is left of it once everything else is deleted; its counts of tokens
    of a kind (function words, capitalised) are counted in a byte per token.

    The statistics that feed one feature each and nothing else are methods,
    computed only for the features the model uses (``page_features``'s ``wanted``).
    With ``find_function_words``, a page in a language the function-word lists
    lack has its own found (``MIN_KNOWN_FUNCTION_SHARE``).
    """

    __slots__ = ("texts", "joined", "utf8", "spaced", "lowered", "bounds", "token_counts", "kinds",
                 "words", "chars", "stop_ratio", "last", "terminal", "digits", "caps",
                 "separators", "glue", "link_density", "datetime", "prose")

    def __init__(self, blocks: list[Block], find_function_words: bool = False) -> None:
        texts = [block.text for block in blocks]
        joined = _SEP.join(texts)
        if joined.count(_SEP) != len(texts) - 1:  # never from blocks.html_page or text_page
            texts = [text.replace(_SEP, " ") for text in texts]
            joined = _SEP.join(texts)
        self.texts, self.joined = texts, joined
        stop_chars = stopwords()[1]
        self.chars = chars = list(map(len, texts))
        self.utf8 = utf8 = joined.encode("utf-8", "surrogatepass")
        tokens = _tokens(joined, utf8)
        # The page's tokens lower-cased one by one (a space ends a token as a string
        # end does), and where each block's are: kept for the title overlap.
        self.spaced = spaced = " ".join(tokens)
        self.lowered = lowered = spaced.lower().split(" ")
        self.bounds = bounds = _block_bounds(tokens, spaced)
        self.token_counts = counts = [end - start for start, end in zip(*bounds)]

        self.words = words = counts[:]
        self.kinds = kinds = bytes(map(_word_kinds().get, lowered, repeat(0)))
        if find_function_words:
            self.kinds = kinds = _with_page_function_words(kinds, lowered)
        self.stop_ratio = _per_token(_block_counts(kinds, bounds, FUNCTION_WORD), counts)
        if utf8.translate(None, _NOT_CJK_LEAD_BYTES):
            # No spaces between CJK words: count characters as half-words and
            # function characters instead of function words.
            for i, cjk in _cjk_blocks(texts):
                words[i] = max(counts[i], cjk // 2)
                self.stop_ratio[i] = sum(map(stop_chars.__contains__, texts[i])) / cjk * 3
        self.last = [text.rstrip()[-1:] for text in texts]
        self.terminal = [1.0 if last in _TERMINAL else 0.0 for last in self.last]
        digits = _char_counts(joined, utf8, "0123456789")
        self.digits = [d / (c or 1) for d, c in zip(digits, chars)]
        self.caps = _per_token(_block_counts(bytes(map(str.istitle, tokens)), bounds), counts)
        self.separators = [s if s < 10 else 10 for s in _char_counts(joined, utf8, _SEPARATOR_CHARS)]
        glue = map(bytes.count, utf8.translate(_LETTER_CASE).split(b"\x00"), repeat(b"aA"))
        self.glue = [g if g < 10 else 10 for g in glue]
        self.link_density = [block.link_chars / (c or 1) for block, c in zip(blocks, chars)]
        # Datelines need digits and are short: only such blocks are searched.
        self.datetime = [0.0] * len(texts)
        short = [i for i, d in enumerate(digits) if d and chars[i] < 200]
        for i, found in zip(short, _match_counts(_DATETIME, [texts[i] for i in short])):
            if found:
                self.datetime[i] = 1.0
        self.prose = [w >= PROSE_MIN_WORDS and s >= PROSE_MIN_STOP_RATIO
                      and d <= PROSE_MAX_LINK_DENSITY
                      for w, s, d in zip(words, self.stop_ratio, self.link_density)]

    def punct(self) -> list[float]:
        """Punctuation marks per token."""
        counts = self.token_counts
        return [p / (n or 1) for p, n in zip(_char_counts(self.joined, self.utf8, _PUNCT_CHARS), counts)]

    def word_len(self) -> list[float]:
        """Mean token length."""
        # Each block's word characters: what is left of its tokens, joined by
        # spaces, once the spaces are removed.
        word_chars = map(len, self.spaced.replace(" ", "").split(_SEP))
        return _per_token(list(word_chars), self.token_counts)

    def copyright(self) -> list[float]:
        """1.0 for the blocks with a copyright notice."""
        found = [0.0] * len(self.texts)
        ends = list(accumulate(c + 1 for c in self.chars))  # one past each block's separator
        for needle in ("©", "opyright", "ights reserved"):
            at = self.joined.find(needle)
            while at >= 0:
                found[bisect_right(ends, at)] = 1.0
                at = self.joined.find(needle, at + 1)
        return found

    def dates(self) -> list[int]:
        """Times, ISO dates and years, up to 3."""
        dates = [0] * len(self.texts)
        numeric = [i for i, d in enumerate(self.digits) if d]  # dates need digits
        for i, found in zip(numeric, _match_counts(_DATE, [self.texts[i] for i in numeric])):
            dates[i] = min(found, 3)
        return dates

    def social(self) -> list[int]:
        """Names of social networks, up to 3."""
        named = _block_counts(self.kinds, self.bounds, SOCIAL_NETWORK)
        return [s if s < 3 else 3 for s in named]

    def bracketed(self) -> list[float]:
        """1.0 for the blocks in parentheses or brackets: "(Web editor: ...)"."""
        return [1.0 if text[:1] in "([" and text[-1:] in ")]" else 0.0
                for text in map(str.strip, self.texts)]


#: An HTML page of which fewer than this share of the tokens are function words
#: of the shipped lists is written in a language they lack (Greek, Hebrew,
#: Arabic, Hindi...), where no block would read as prose: its function words are
#: then found on the page itself (``_with_page_function_words``).  The WCXB and
#: Scrapinghub pages run from 0.04 (an English product grid; Korean, whose
#: particles cling to their words) to 0.5.  Measured on copies of the HTML pages
#: with every letter turned into a Greek (cased) or Hebrew (caseless) one
#: (``bench/other_letters.py``): Scrapinghub 0.972 as they are, 0.920 / 0.922
#: in the other letters, 0.957 / 0.955 with the page's function words, 0.957
#: with the true ones (English's, turned alike); WCXB (every fifth page) 0.897,
#: 0.867 / 0.870, 0.890 / 0.884.  Not on text pages: there F1 fell with them
#: (Scrapinghub WET in Greek letters 0.866 -> 0.859), as with the true ones
#: (0.856): the text model, trained also on copies in made-up words
#: (``bench/unseen_language.py``), reads such pages otherwise.
MIN_KNOWN_FUNCTION_SHARE = 0.02
#: ... as its this many most frequent words: in any language written with
#: spaces, the most frequent words of running text are its function words (10 to
#: 60 scored within 0.004 on the copies).
PAGE_FUNCTION_WORDS = 30


def _with_page_function_words(kinds: bytes, lowered: list[str]) -> bytes:
    """``kinds`` (``_word_kinds`` per token), with the page's most frequent words
    marked as function words on a page in a language the lists lack (a social
    network's name among them stays one)."""
    if kinds.count(FUNCTION_WORD) >= MIN_KNOWN_FUNCTION_SHARE * len(lowered):
        return kinds
    frequent = Counter(word for word in lowered if word.isalpha()).most_common(PAGE_FUNCTION_WORDS)
    page_words = {word for word, _ in frequent}
    return bytes(FUNCTION_WORD[0] if not kind and word in page_words else kind
                 for word, kind in zip(lowered, kinds))


def _tokens(joined: str, utf8: bytes) -> list[str]:
    """``_TOKEN_OR_SEP.findall(joined)``, from ``joined`` encoded as ``utf8``.

    Most tokens are ASCII: cutting the text at ASCII non-word bytes and white
    space is a few C calls (bytes.translate, str.split) where the regex tests
    every character.  Only the pieces holding other characters ("don’t",
    "café") need the regex: a word never spans a cut, since what is cut at
    is no word character.
    """
    cut = utf8.translate(_ASCII_NON_WORD_TO_SPACE).replace(b"\x00", b" \x00 ")
    pieces = cut.decode("utf-8", "surrogatepass").split()
    non_ascii = list(compress(count(), map(not_, map(str.isascii, pieces))))
    if not non_ascii:
        return pieces
    if len(non_ascii) > _MAX_NON_ASCII_SHARE * len(pieces):  # Cyrillic, CJK...
        return _TOKEN_OR_SEP.findall(joined)
    tokens: list[str] = []
    start = 0
    for i in non_ascii:
        tokens += pieces[start:i]
        tokens += _TOKEN.findall(pieces[i])
        start = i + 1
    tokens += pieces[start:]
    return tokens


def _per_token(totals: list[int], counts: list[int]) -> list[float]:
    """Block totals over the blocks' token counts (0.0 for a block without tokens)."""
    return [total / n if n else 0.0 for total, n in zip(totals, counts)]


@lru_cache(maxsize=None)
def _class_bytes(chars: str) -> tuple[bytes, bytes, tuple[tuple[str, bytes], ...]]:
    """The bytes to delete to keep only the ASCII ``chars`` (and the block
    separator), one of those ASCII characters, and the other ``chars`` with
    their UTF-8 encodings."""
    ascii_chars = "".join(c for c in chars if c.isascii()).encode("ascii")
    if not ascii_chars:
        raise ValueError(f"_char_counts needs an ASCII character among {chars!r}")
    wide = tuple((c, c.encode("utf-8")) for c in chars if not c.isascii())
    return bytes(range(256)).translate(None, ascii_chars + b"\x00"), ascii_chars[:1], wide


def _char_counts(joined: str, utf8: bytes, chars: str) -> list[int]:
    """Per block, how many of the (distinct) ``chars`` it holds, from the page's
    NUL-joined text and its UTF-8 bytes.

    bytes.translate deletes all but the ASCII ``chars`` at C speed (multi-byte
    characters never contain ASCII bytes).  The others first become one of the
    ASCII ``chars``, since only the total matters: UTF-8 is self-synchronising,
    so an encoding found in the bytes is always that character.  Whether they
    occur at all is asked of the text: finding one character in a str is several
    times faster than finding its encoding in bytes.
    """
    delete, stand_in, wide = _class_bytes(chars)
    for char, encoded in wide:
        if char in joined:
            utf8 = utf8.replace(encoded, stand_in)
    return list(map(len, utf8.translate(None, delete).split(b"\x00")))


def _block_bounds(tokens: list[str], spaced: str | None = None) -> tuple[list[int], list[int]]:
    """Where each block's tokens start and end in a page's token list, in which
    a NUL entry closes each block's tokens (``spaced`` is ``" ".join(tokens)``)."""
    # Counted in the joined tokens, in C: a block's piece of it holds a space
    # after each token, and one before them unless it is the first block.
    pieces = (" ".join(tokens) if spaced is None else spaced).split(_SEP)
    if len(pieces) == 1:
        return [0], [len(tokens)]
    # So the spaces before a block's NUL number the tokens before it, NULs
    # included; the last block ends one further, at the end of the list.
    ends = list(accumulate(map(str.count, pieces, repeat(" "))))
    ends[-1] += 1
    return [0] + [end + 1 for end in ends[:-1]], ends


_Number = TypeVar("_Number", int, float)


def _block_counts(marks: bytes, bounds: tuple[list[int], list[int]], mark: bytes = b"\x01") -> list[int]:
    """How many of each block's tokens (``_block_bounds``) have ``mark`` among
    ``marks``, a byte per token (for flags, 1 where set)."""
    # Counted per block by bytes.count: all in C, where running totals make an
    # int object per token.
    starts, ends = bounds
    return list(map(marks.count, repeat(mark), starts, ends))


def _block_totals(values: Iterable[_Number], bounds: tuple[list[int], list[int]]) -> list[_Number]:
    """Totals of a per-token value over each block's tokens (``_block_bounds``)."""
    totals = list(accumulate(values, initial=0)).__getitem__
    starts, ends = bounds
    return list(map(sub, map(totals, ends), map(totals, starts)))


def _match_counts(pattern: re.Pattern[str], texts: list[str]) -> list[int]:
    """How many times ``pattern`` matches in each text, in one search of them all
    (the pattern must never match NUL)."""
    counts = [0] * len(texts)
    if not texts:
        return counts
    ends = list(accumulate(len(text) + 1 for text in texts))  # one past each separator
    for match in pattern.finditer(_SEP.join(texts)):
        counts[bisect_right(ends, match.start())] += 1
    return counts


COMMON = (
    "bias", "log_words", "log_chars", "stop_ratio", "terminal", "punct", "digits", "caps",
    "separators", "word_len", "glue", "copyright", "short", "position", "position_words",
    "page_log_words", "repeated", "in_run", "run_distance", "run_share", "before_run",
    "prev_log_words", "next_log_words", "window_log_words", "window_stop", "window_terminal",
    "title_overlap", "dates", "social", "bracketed", "datetime",
    "shape_repeats", "shape_repeats_after_run", "before_headline", "after_headline",
)
HTML_ONLY = (
    "link_density", "window_link", "heading", "tag_p", "tag_li", "tag_tr", "tag_pre",
    "tag_div", "tag_quote", "tag_caption", "tag_dt", "nav", "header", "footer", "aside",
    "form", "article", "main", "list", "table", "figure", "hidden", "noscript", "in_link",
    "neg_class", "pos_class", "comment_class", "post_class", "details", "consent", "depth",
    "parent_share", "grandparent_share", "signature_repeats", "signature_words",
    "parent_prose", "grandparent_prose", "parent_link", "grandparent_link",
    "in_article", "article_share", "article_prose",
    "outside_article", "comment_outside_article", "heading_outside_article",
)
#: The blocks' tags behind each "tag_*" feature.
_TAG_ORDER = ("p", "li", "tr", "pre", "div", "quote", "caption", "dt")
_TAG_MEMBERS = {
    "p": ("p",), "li": ("li",), "tr": ("tr",), "pre": ("pre",),
    "div": ("div", "section", "article", "main", "body", "center"),
    "quote": ("blockquote",), "caption": ("figcaption", "caption"), "dt": ("dt", "dd"),
}
#: The context bit behind each structural feature.
_CONTEXT_FLAGS = (
    ("nav", flags.IN_NAV), ("header", flags.IN_HEADER), ("footer", flags.IN_FOOTER),
    ("aside", flags.IN_ASIDE), ("form", flags.IN_FORM), ("article", flags.IN_ARTICLE),
    ("main", flags.IN_MAIN), ("list", flags.IN_LIST), ("table", flags.IN_TABLE),
    ("figure", flags.IN_FIGURE), ("hidden", flags.HIDDEN), ("noscript", flags.IN_NOSCRIPT),
    ("in_link", flags.IN_LINK), ("neg_class", flags.NEG_CLASS), ("pos_class", flags.POS_CLASS),
    ("comment_class", flags.COMMENT_CLASS), ("post_class", flags.POST_CLASS),
    ("details", flags.IN_DETAILS), ("consent", flags.CONSENT_CLASS),
)
TEXT_ONLY = ("blank_before", "bullet", "first_line", "all_caps", "group_share", "group_prose",
             "group_lines", "bullet_run", "lexicon", "window_lexicon1", "window_lexicon3",
             "lexicon_known")

FEATURES = {"html": COMMON + HTML_ONLY, "text": COMMON + TEXT_ONLY}

#: Second-pass features: what the first pass thought of the block's surroundings.
#: A paragraph inside a container the first pass mostly kept is content even if
#: it looks weak alone; a strong-looking line amid dropped ones likely is not.
CONTEXT = (
    "bias", "logit", "window1", "window3", "window8", "in_score_run", "score_run_distance",
    "container1", "container2", "container3", "container4",
    "in_best_box", "outside_best_box", "after_score_run", "confident_after",
)


Columns = dict[str, list[float]]


def page_features(page: Page, lexicon: Lexicon | None = None,
                  wanted: Collection[str] | None = None) -> Columns:
    """Every feature of ``FEATURES[page.kind]`` as a column: one value per block.

    ``lexicon`` is the model's learnt word list for text pages (``lexicon_score``);
    without one that column is 0.  With ``wanted``, only those features: the
    model's trees test a subset, and a statistic no tree tests need not be
    computed (the cheap columns are made anyway, sharing their intermediates).

    Columns, not rows: each feature is one list comprehension over the blocks.
    """
    # A set: the names are looked up in it once per feature and per column made.
    wanted = frozenset(FEATURES[page.kind] if wanted is None else wanted)
    names = [name for name in FEATURES[page.kind] if name in wanted]
    if not page.blocks:
        return {name: [] for name in names}
    stats = TextStats(page.blocks, find_function_words=page.kind == "html")
    boxes = _containers(page, stats)
    columns = _common_features(page, stats)
    columns.update(_html_features(page, stats, boxes, wanted) if page.kind == "html"
                   else _text_features(page, stats, boxes, lexicon))
    columns.update(_single_statistic_features(stats))
    return {name: _made(columns[name]) for name in names}


#: Feature columns, some of them as the function that makes them: worked out
#: only if the model tests them (a feature it does not test costs nothing).
_LazyColumns = dict[str, "list[float] | Callable[[], list[float]]"]


def _made(column: list[float] | Callable[[], list[float]]) -> list[float]:
    return column() if callable(column) else column


def _single_statistic_features(stats: TextStats) -> _LazyColumns:
    """The features made of one ``TextStats`` method each."""
    return {
        "punct": lambda: [p if p < 2.0 else 2.0 for p in stats.punct()],
        "word_len": lambda: [(w if w < 15 else 15) / 15 for w in stats.word_len()],
        "copyright": stats.copyright,
        "dates": lambda: [d / 3 for d in stats.dates()],
        "social": lambda: [s / 3 for s in stats.social()],
        "bracketed": stats.bracketed,
    }


def _common_features(page: Page, stats: TextStats) -> _LazyColumns:
    blocks = page.blocks
    n = len(blocks)
    log_words = list(map(math.log1p, stats.words))
    total_words = sum(stats.words) or 1
    run_start, run_end, run_words = longest_prose_run(stats)
    counts = Counter(stats.texts)
    words_before = [w / total_words for w in accumulate(stats.words, initial=0)]
    words_before.pop()
    overlaps = _title_overlaps(stats, _title_tokens(page))
    headline = _headline(page, overlaps)
    return {
        "bias": [1.0] * n,
        "log_words": log_words,
        "log_chars": lambda: list(map(math.log1p, stats.chars)),
        "stop_ratio": stats.stop_ratio,
        "terminal": stats.terminal,
        "digits": stats.digits,
        "caps": stats.caps,
        "separators": lambda: [s / 10 for s in stats.separators],
        "glue": lambda: [g / 10 for g in stats.glue],
        "short": lambda: [1.0 if w <= 3 else 0.0 for w in stats.words],
        "position": lambda: [i / (n - 1) for i in range(n)] if n > 1 else [0.0],
        "position_words": words_before,
        "page_log_words": [math.log1p(total_words)] * n,
        "repeated": lambda: [1.0 if counts[text] > 1 else 0.0 for text in stats.texts],
        "in_run": _in_run(run_start, run_end, n),
        "run_distance": lambda: list(map(math.log1p, _run_distances(run_start, run_end, n))),
        "run_share": [run_words / total_words] * n,
        "before_run": lambda: [1.0] * run_start + [0.0] * (n - run_start),
        "prev_log_words": lambda: [0.0] + log_words[:-1],
        "next_log_words": lambda: log_words[1:] + [0.0],
        "window_log_words": lambda: _window_means(log_words, 2),
        "window_stop": lambda: _window_means(stats.stop_ratio, 2),
        "window_terminal": lambda: _window_means(stats.terminal, 2),
        "title_overlap": overlaps,
        "datetime": stats.datetime,
        **_shape_repetition(stats, run_end),
        "before_headline": lambda: [1.0 if i < headline else 0.0 for i in range(n)],
        "after_headline": lambda: ([0.0] * (headline + 1)
                                   + [words_before[i] - words_before[headline] for i in range(headline + 1, n)]
                                   if headline >= 0 else [0.0] * n),
    }


#: A block this similar to the page title (Jaccard of words) is its headline.
HEADLINE_MIN_OVERLAP = 0.5
HEADLINE_MIN_TOKENS = 3


def _headline(page: Page, overlaps: list[float]) -> int:
    """The block repeating the page title, where the main content usually starts (-1 if none).

    A text page's first line is where its title came from, not a repeat of it.
    """
    best, best_overlap = -1, 0.0
    for i in range(1 if page.kind == "text" else 0, len(overlaps)):
        if overlaps[i] > best_overlap and len(page.blocks[i].text.split()) >= HEADLINE_MIN_TOKENS:
            best, best_overlap = i, overlaps[i]
    return best if best_overlap >= HEADLINE_MIN_OVERLAP else -1


def _size(words: int) -> int:
    return 0 if words <= 3 else 1 if words <= 10 else 2 if words <= 30 else 3


def _shape_repetition(stats: TextStats, run_end: int) -> _LazyColumns:
    """How often the shapes of a block and its two neighbours recur as a sequence.

    Comment threads ("name says:", date, text) and listing cards (title, date,
    summary) repeat one outline; articles do not.  After the page's main prose
    run, such a repeated outline is usually a comment thread.
    """
    # A coarse outline of each block, as a number below 32: how long, how it
    # ends, whether it dates itself.
    shapes = [size * 8 + (4 if terminal else 0) + (2 if datetime else 0) + (last == ":")
              for size, terminal, datetime, last in zip(_per_value(stats.words, _size), stats.terminal,
                                                         stats.datetime, stats.last)]
    edge = [32]  # no shape: before the first block and after the last
    triples = [(before * 64 + shape) * 64 + after
               for before, shape, after in zip(edge + shapes, shapes, shapes[1:] + edge)]
    repeats_of = {triple: math.log1p(n - 1) for triple, n in Counter(triples).items()}
    repeats = list(map(repeats_of.__getitem__, triples))

    def after_run() -> list[float]:
        after = [0.0] * len(repeats)
        if run_end >= 0:
            after[run_end + 1:] = repeats[run_end + 1:]
        return after

    return {"shape_repeats": repeats, "shape_repeats_after_run": after_run}


def is_dateline(text: str) -> bool:
    """A short line stating when (and often by whom): "(Xinhua) 13:43, October 23, 2020"."""
    # Every time and date ``_DATETIME`` knows has a digit: looking for one first
    # spares most lines the search for a month's name (the rules ask of
    # thousands of lines per page), which tries every "j", "m", "a"... in them.
    return (len(text) <= DATELINE_MAX_CHARS and text[-1:] != "." and _DIGIT.search(text) is not None
            and _DATETIME.search(text) is not None)


def is_promotion(text: str) -> bool:
    """A short line sending the reader elsewhere: "Follow us on Twitter", "(Web editor: ...)"."""
    if len(text) > PROMOTION_MAX_CHARS:
        return False
    stripped = text.strip()
    if stripped[:1] == "(" and stripped[-1:] == ")":
        return True
    return any(token in SOCIAL_NETWORKS for token in _TOKEN.findall(text.lower()))


def word_counts(page: Page) -> list[int]:
    """Words per block: the weight of a block in the second pass and in the
    page's F1 cut, and the length the rules after the model read.  Words are
    whitespace-separated, but a block mostly of CJK characters, written without
    spaces, counts them as half-words, as ``TextStats.words`` does: else a
    Chinese or Japanese paragraph weighs one word and no rule sees it as one."""
    texts = [block.text for block in page.blocks]
    counts = list(map(len, map(str.split, texts)))
    for i, cjk in _cjk_blocks(texts):
        counts[i] = max(counts[i], cjk // 2)
    return counts


def _cjk_blocks(texts: list[str]) -> Iterator[tuple[int, int]]:
    """The index and the number of CJK characters of each text written in CJK
    (``CJK_MIN_SHARE``)."""
    for i, text in enumerate(texts):
        if not text.isascii():
            cjk = len(_CJK.findall(text))
            if cjk > CJK_MIN_SHARE * len(text):
                yield i, cjk


def context_features(page: Page, scores: list[float], counts: list[int]) -> Columns:
    """Second-pass features of every block from the first-pass ``scores``;
    ``counts`` are the blocks' ``word_counts``."""
    blocks = page.blocks
    n = len(blocks)
    words = [count or 1 for count in counts]
    weighted = [score * w for score, w in zip(scores, words)]
    container_means, best_box, best_strength = _container_means(page, weighted, words)

    # The means of each block's four innermost containers, the outermost it has
    # repeated if fewer (0.5 without any): one column at a time.
    chains = [block.containers for block in blocks]
    mean_of = container_means.__getitem__
    container1 = [mean_of(chain[-1]) if chain else 0.5 for chain in chains]
    container2 = [mean_of(chain[-2]) if len(chain) > 1 else m for chain, m in zip(chains, container1)]
    container3 = [mean_of(chain[-3]) if len(chain) > 2 else m for chain, m in zip(chains, container2)]
    container4 = [mean_of(chain[-4]) if len(chain) > 3 else m for chain, m in zip(chains, container3)]
    run_start, run_end = _best_score_run(scores, words)
    in_box = [best_box in b.containers for b in blocks]  # searched once for two columns
    return {
        "bias": [1.0] * n,
        "logit": _logits(scores),
        **dict(zip(("window1", "window3", "window8"),
                   _weighted_window_means(weighted, words, (1, 3, 8)))),
        "in_score_run": _in_run(run_start, run_end, n),
        "score_run_distance": list(map(math.log1p, _run_distances(run_start, run_end, n))),
        "container1": container1,
        "container2": container2,
        "container3": container3,
        "container4": container4,
        "in_best_box": [1.0 if inside else 0.0 for inside in in_box],
        "outside_best_box": [0.0 if inside else best_strength for inside in in_box],
        # Which side of the content a block is on: what follows an article's
        # last confident paragraph (comments, teasers) is rarely content, what
        # follows a thread's first post often is.
        "after_score_run": _after_run(run_start, run_end, n),
        "confident_after": _confident_after(scores, words),
    }


#: A first-pass score this high is confidently content.
CONFIDENT_FIRST_SCORE = 0.8


def _confident_after(scores: list[float], words: list[int]) -> list[float]:
    """The share of the page's confidently-content words that come after each
    block: none after an article's last paragraph, much after a thread's first post."""
    confident = [w if score >= CONFIDENT_FIRST_SCORE else 0 for score, w in zip(scores, words)]
    total = sum(confident)
    if not total:
        return [0.0] * len(scores)
    after = list(accumulate(reversed(confident), initial=0))[-2::-1]
    return [a / total for a in after]


def _after_run(first: int, last: int, n: int) -> list[float]:
    """1.0 for the blocks after the run ``first``..``last``; none without a run (last < first)."""
    if last < first:
        return [0.0] * n
    return [0.0] * (last + 1) + [1.0] * (n - last - 1)


def _in_run(first: int, last: int, n: int) -> list[float]:
    """1.0 for the blocks of the run ``first``..``last`` (empty if last < first), else 0.0."""
    return [0.0] * first + [1.0] * (last + 1 - first) + [0.0] * (n - last - 1)


def _run_distances(first: int, last: int, n: int) -> list[int]:
    """How many blocks away from the run ``first``..``last`` each block is (0 inside)."""
    return [*range(first, 0, -1), *[0] * (last + 1 - first), *range(1, n - last)]


def _weighted_window_means(weighted: list[float], weights: list[int],
                           radii: tuple[int, ...]) -> list[list[float]]:
    """For each radius, the weighted mean of each value's neighbours within it,
    itself excluded (0.5 if none), from the values times their ``weights``."""
    weighted_prefix = _prefix_sums(weighted)
    weights_prefix = _prefix_sums(weights)
    return [[(s - vw) / (t - w) if t > w else 0.5
             for s, t, vw, w in zip(_window_sums(weighted_prefix, radius),
                                    _window_sums(weights_prefix, radius), weighted, weights)]
            for radius in radii]


def _prefix_sums(values: list[float] | list[int]) -> list[float]:
    return list(accumulate(values, initial=0.0))


def _window_sums(prefix: list[float], radius: int) -> list[float]:
    """Sum of each value and its neighbours within ``radius``, from the values'
    ``_prefix_sums`` (no per-item min/max)."""
    padded = [0.0] * radius + prefix + [prefix[-1]] * radius
    return list(map(sub, padded[2 * radius + 1:], padded))


#: The best box is the smallest container holding this share of the top net gain:
#: the <body> nets a little more than the article when the comments under it
#: score just above even, but the article is the box.
BEST_BOX_SHARE = 0.9


def _container_means(page: Page, weighted: list[float], words: list[int]) -> tuple[list[float], int, float]:
    """Word-weighted mean first-pass score of the blocks inside each container,
    from the blocks' scores times their ``words``;
    and the best box: the container with the most confidently-content words net
    of the rest, with that net as a share of the page's words.

    On an article page the best box is the article's element, and a teaser or
    comment outside it is boilerplate however prose-like it reads; the further
    its net lead, the surer.
    """
    size = _container_ids(page)
    sums, totals = [0.0] * size, [0] * size  # by container id, as in _Boxes
    for block, score_words, w in zip(page.blocks, weighted, words):
        chain = block.containers
        if chain:
            innermost = chain[-1]
            sums[innermost] += score_words
            totals[innermost] += w
    for child, parent in page.tree:
        sums[parent] += sums[child]
        totals[parent] += totals[child]
    means = [total and sum_ / total for sum_, total in zip(sums, totals)]
    gains = [(mean - 0.5) * total for mean, total in zip(means, totals)]
    top_gain = max(gains)
    if top_gain <= 0:
        return means, -1, 0.0
    threshold = BEST_BOX_SHARE * top_gain
    best_box = min((c for c, gain in enumerate(gains) if gain >= threshold), key=totals.__getitem__)
    return means, best_box, gains[best_box] / (sum(words) or 1)


def _best_score_run(scores: list[float], words: list[int]) -> tuple[int, int]:
    """The stretch of blocks with the most confidently-content words."""
    return max_sum_run([(score - 0.5) * w for score, w in zip(scores, words)])


def max_sum_run(gains: list[float]) -> tuple[int, int]:
    """(first, last) of the stretch with the greatest sum of gains (Kadane); (0, -1) if none is positive."""
    best, best_sum = (0, -1), 0.0
    current, start = 0.0, 0
    for i, gain in enumerate(gains):
        if current <= 0:
            current, start = 0.0, i
        current += gain
        if current > best_sum:
            best_sum, best = current, (start, i)
    return best


def _logits(scores: list[float]) -> list[float]:
    """Each score's log-odds over 5, the score kept 1e-4 away from 0 and 1."""
    # Comprehensions, not a call per score, and no min/max calls: they cost more.
    clamped = [1e-4 if p < 1e-4 else 1 - 1e-4 if p > 1 - 1e-4 else p for p in scores]
    log = math.log
    return [log(p / (1 - p)) / 5 for p in clamped]


def _window_means(values: list[float], radius: int) -> list[float]:
    """Mean of each value's neighbours within ``radius``, the value itself excluded."""
    sums = _window_sums(_prefix_sums(values), radius)
    return [(s - v) / k if k else 0.0
            for s, k, v in zip(sums, _neighbour_counts(len(values), radius), values)]


@lru_cache(maxsize=8)
def _neighbour_counts(n: int, radius: int) -> tuple[int, ...]:
    """How many neighbours within ``radius`` each of ``n`` items in a row has."""
    # 2 * radius but near the ends: only those few items need min and max.
    counts = [2 * radius] * n
    for i in {*range(min(radius, n)), *range(max(n - radius, 0), n)}:
        counts[i] = min(n - 1, i + radius) - max(0, i - radius)
    return tuple(counts)


def longest_prose_run(stats: TextStats) -> tuple[int, int, int]:
    """The stretch of blocks with the most prose words net of the other words in it.

    Gains are +words for prose blocks and -RUN_NON_PROSE_COST * words for the
    rest.  Returns (first, last, words in it); (0, -1, 0) when the page has no prose.
    """
    first, last = max_sum_run([w if prose else -RUN_NON_PROSE_COST * w
                               for w, prose in zip(stats.words, stats.prose)])
    return first, last, sum(stats.words[first:last + 1])


def _html_features(page: Page, stats: TextStats, boxes: _Boxes, wanted: Collection[str]) -> _LazyColumns:
    blocks = page.blocks
    n = len(blocks)
    total_words = sum(stats.words) or 1
    article = _article_container(boxes)
    article_box = boxes.none if article < 0 else article
    chains = [block.containers for block in blocks]
    tags = [block.tag for block in blocks]
    contexts = [block.context for block in blocks]
    signatures = [block.signature for block in blocks]
    signature_counts = Counter(signatures)
    signature_words: dict[str, int] = {}
    for signature, w in zip(signatures, stats.words):
        signature_words[signature] = signature_words.get(signature, 0) + w
    parents = [chain[-1] if chain else boxes.none for chain in chains]
    in_article = [article in chain for chain in chains]  # searched once for two columns
    grandparents = [chain[-2] if len(chain) > 1 else parent
                    for chain, parent in zip(chains, parents)]
    box_words = boxes.words
    prose_shares, link_shares = boxes.prose_shares(), boxes.link_shares()
    link_density = stats.link_density
    columns: _LazyColumns = {
        "link_density": link_density,
        "window_link": lambda: _window_means(link_density, 2),
        **_per_value_columns(tags, _TAG_COLUMNS, _tag_values, wanted),
        **_per_value_columns(contexts, _CONTEXT_COLUMNS, _context_values, wanted),
    }
    columns.update({
        "depth": lambda: [(d if d < 40 else 40) / 40 for d in map(len, chains)],
        "parent_share": lambda: [box_words[p] / total_words for p in parents],
        "grandparent_share": lambda: [box_words[g] / total_words for g in grandparents],
        "signature_repeats": lambda: _per_value(signatures, lambda s: math.log1p(signature_counts[s] - 1)),
        "signature_words": lambda: _per_value(signatures, lambda s: math.log1p(signature_words[s])
                                              if signature_counts[s] > 1 else 0.0),
        "parent_prose": lambda: list(map(prose_shares.__getitem__, parents)),
        "grandparent_prose": lambda: list(map(prose_shares.__getitem__, grandparents)),
        "parent_link": lambda: list(map(link_shares.__getitem__, parents)),
        "grandparent_link": lambda: list(map(link_shares.__getitem__, grandparents)),
        "in_article": lambda: [1.0 if inside else 0.0 for inside in in_article],
        "article_share": [box_words[article_box] / total_words] * n,
        "article_prose": [boxes.prose_share(article_box)] * n,
    })
    # Interactions spelled out, since small trees find them only with many
    # splits.  On a page with a strong article, what lies outside it (teasers,
    # comment threads, widget headings) is boilerplate; on a page without one
    # (listings, forums) it may be content.
    strength = boxes.prose[article_box] / total_words
    outside = [0.0 if inside else strength for inside in in_article]
    columns["outside_article"] = outside
    columns["comment_outside_article"] = lambda: [o if c & flags.COMMENT_CLASS else 0.0
                                                  for o, c in zip(outside, contexts)]
    columns["heading_outside_article"] = lambda: [o if t in HEADING_LEVELS else 0.0 for o, t in zip(outside, tags)]
    return columns


#: The columns a block's tag makes, and those its context bits make.
_TAG_COLUMNS = ("heading", *(f"tag_{group}" for group in _TAG_ORDER))
_CONTEXT_COLUMNS = tuple(name for name, _ in _CONTEXT_FLAGS)


def _tag_values(tag: str) -> tuple[float, ...]:
    heading = (7 - HEADING_LEVELS[tag]) / 6 if tag in HEADING_LEVELS else 0.0
    return heading, *(1.0 if tag in _TAG_MEMBERS[group] else 0.0 for group in _TAG_ORDER)


def _context_values(context: int) -> tuple[float, ...]:
    return tuple(1.0 if context & flag else 0.0 for _, flag in _CONTEXT_FLAGS)


def _per_value_columns(keys: list, names: tuple[str, ...], values: Callable[[Any], tuple],
                       wanted: Collection[str]) -> Columns:
    """The ``wanted`` columns among ``names``, those of the tuples ``values(key)``
    for ``keys`` (at least one), calling ``values`` once per distinct key: one
    row lookup per block, then one transposition, rather than one pass over the
    blocks per column."""
    chosen = [i for i, name in enumerate(names) if name in wanted]
    of = {key: tuple(map(values(key).__getitem__, chosen)) for key in set(keys)}
    return dict(zip([names[i] for i in chosen], map(list, zip(*map(of.__getitem__, keys)))))


def _per_value(keys: list, value: Callable[[Any], Any]) -> list:
    """``[value(key) for key in keys]``, calling ``value`` once per distinct key:
    blocks share tags, context bits, signatures..."""
    of = {key: value(key) for key in set(keys)}
    return list(map(of.__getitem__, keys))


class _Boxes:
    """Totals of the blocks inside each container element, one list per total
    indexed by container id: ids are small and dense, one per block element in
    document order, or per group of lines.  Lists rather than an object per
    container: a page has hundreds, each summed into its parent."""

    __slots__ = ("words", "prose", "chars", "link_chars", "blocks", "none")

    def __init__(self, size: int) -> None:
        #: The index past the last container, all zeros: the box of a block in none.
        self.none = size
        self.words, self.prose, self.chars, self.link_chars, self.blocks = (
            [0] * (size + 1), [0] * (size + 1), [0] * (size + 1), [0] * (size + 1), [0] * (size + 1))

    def prose_share(self, container: int) -> float:
        words = self.words[container]
        return self.prose[container] / words if words else 0.0

    def prose_shares(self) -> list[float]:
        """``prose_share`` of every container."""
        return [prose / words if words else 0.0 for prose, words in zip(self.prose, self.words)]

    def link_shares(self) -> list[float]:
        """The share of each container's characters inside links."""
        return [links / chars if chars else 0.0 for links, chars in zip(self.link_chars, self.chars)]


def _containers(page: Page, stats: TextStats) -> _Boxes:
    """Totals of every container, summed bottom-up (``Page.tree``): each block is added once."""
    blocks = page.blocks
    boxes = _Boxes(_container_ids(page))
    words_of, prose_of, chars_of, links_of, blocks_of = (
        boxes.words, boxes.prose, boxes.chars, boxes.link_chars, boxes.blocks)
    for block, words, prose, chars in zip(blocks, stats.words, stats.prose, stats.chars):
        if block.containers:
            innermost = block.containers[-1]
            words_of[innermost] += words
            if prose:
                prose_of[innermost] += words
            chars_of[innermost] += chars
            links_of[innermost] += block.link_chars
            blocks_of[innermost] += 1
    for child, parent in page.tree:
        words_of[parent] += words_of[child]
        prose_of[parent] += prose_of[child]
        chars_of[parent] += chars_of[child]
        links_of[parent] += links_of[child]
        blocks_of[parent] += blocks_of[child]
    return boxes


def _container_ids(page: Page) -> int:
    """One more than the largest container id of the page: a child's id is
    above its parent's, so the largest is some block's innermost one, or the
    tree's first, which may be a dropped block's (``pipeline.MAX_BLOCKS``)."""
    innermost = max([block.containers[-1] for block in page.blocks if block.containers], default=0)
    return max(innermost, page.tree[0][0] if page.tree else 0) + 1


#: The article container is the element holding the most prose net of the
#: other words it holds: the whole <body> holds all the prose but also every
#: menu; the right <div> holds nearly all the prose and little else.
ARTICLE_NON_PROSE_COST = 0.5


def _article_container(boxes: _Boxes) -> int:
    scores = [prose - ARTICLE_NON_PROSE_COST * (words - prose)
              for words, prose in zip(boxes.words, boxes.prose)]
    # The last of the best, the deepest: an element and its only child total the same.
    best = max(range(len(scores) - 1, -1, -1), key=scores.__getitem__)
    return best if scores[best] > 0 else -1


def _text_features(page: Page, stats: TextStats, boxes: _Boxes,
                   lexicon: Lexicon | None) -> _LazyColumns:
    blocks = page.blocks
    n = len(blocks)
    total_words = sum(stats.words) or 1
    groups = [b.containers[0] for b in blocks]
    bullets = [b.bullet for b in blocks]
    return {
        "blank_before": lambda: [1.0 if b.blank_before else 0.0 for b in blocks],
        "bullet": lambda: [1.0 if bullet else 0.0 for bullet in bullets],
        "first_line": [1.0] + [0.0] * (n - 1),
        "all_caps": lambda: [1.0 if text.isupper() else 0.0 for text in stats.texts],
        "group_share": _per_value(groups, lambda g: boxes.words[g] / total_words),
        "group_prose": _per_value(groups, boxes.prose_share),
        "group_lines": _per_value(groups, lambda g: math.log1p(boxes.blocks[g])),
        "bullet_run": _per_value(_bullet_runs(bullets), math.log1p),
        **(lexicon_columns(_lexicon_scores(stats, lexicon), lexicon_known(stats.lowered, lexicon))
           if lexicon else lexicon_columns([0.0] * n, 0.0)),
    }


#: How far the lexicon's verdict on the neighbours is looked at, in lines.
LEXICON_WINDOWS = (1, 3)


def lexicon_columns(scores: list[float], known: float) -> Columns:
    """The blocks' lexicon scores, the mean score of their neighbours, and
    ``known``, how much of the page's words the lexicon knows (``lexicon_known``).

    The words around a line say what part of the page it is in: a reader
    comment's prose scores like the article's, but the lines about it ("Reply",
    "2 days ago", "Rating: 36 Votes") give the comment section away; so do the
    share and "related" lines around a list of teaser headlines.  (In
    domain-grouped CV this lifted Scrapinghub text by 0.004 to 0.017 word F1,
    WCXB unchanged.)
    """
    columns = {"lexicon": scores, "lexicon_known": [known] * len(scores)}
    for radius in LEXICON_WINDOWS:
        columns[f"window_lexicon{radius}"] = _window_means(scores, radius)
    return columns


def lexicon_known(tokens: list[str], lexicon: Lexicon) -> float:
    """The share of the letters of a page's (lower-cased) words that are in words
    the lexicon knows.

    The lexicon is learnt from the training pages, nearly all English: on a page
    in another language it knows few words and its scores are near 0 for want of
    evidence, not because the lines are neutral.  This tells the trees which.
    Numbers are left out (the lexicon knows "2024" in any language), and words
    count by their letters: a CJK sentence is one long token.
    """
    # filter and map rather than comprehensions: this runs over every token of the page.
    words = list(filter(str.isalpha, tokens))  # nor the blocks' NUL separators
    letters = sum(map(len, words))
    return sum(map(len, filter(lexicon.__contains__, words))) / letters if letters else 0.0


#: Word -> log-odds of content against boilerplate, learnt by bench/train.py.
Lexicon = dict[str, float]
#: A block's mean log-odds is clipped to this before scaling to [-1, 1]: one
#: strongly marked word ("cookies") should not outweigh the rest of the line.
LEXICON_CLIP = 3.0


def lexicon_score(tokens: list[str], lexicon: Lexicon) -> float:
    """How content-like a block's (lower-cased) words are, by the learnt lexicon.

    Text pages have no markup to say "this is a share bar"; the words say it,
    in whatever language the training pages had: "share", "subscribe",
    "cookies", "comments", "reply" lean one way, prose words the other.  Words
    the lexicon does not know count as neutral.
    """
    if not tokens:
        return 0.0
    return _clip_lexicon(sum(map(lexicon.get, tokens, repeat(0.0))) / len(tokens))


def _lexicon_scores(stats: TextStats, lexicon: Lexicon) -> list[float]:
    """``lexicon_score`` of every block, from one pass over the page's tokens."""
    totals = _block_totals(map(lexicon.get, stats.lowered, repeat(0.0)), stats.bounds)
    means = [total / n if n else 0.0 for total, n in zip(totals, stats.token_counts)]
    clip = LEXICON_CLIP  # _clip_lexicon written out: a call per block costs more
    return [(-clip if mean < -clip else clip if mean > clip else mean) / clip for mean in means]


def _clip_lexicon(mean: float) -> float:
    return max(-LEXICON_CLIP, min(LEXICON_CLIP, mean)) / LEXICON_CLIP


def block_tokens(stats: TextStats) -> list[list[str]]:
    """Each block's lower-cased word tokens."""
    return [stats.lowered[start:end] for start, end in zip(*stats.bounds)]


def _bullet_runs(bullets: list[bool]) -> list[int]:
    """For each block, the length of the run of consecutive list items it is in (0 if none)."""
    runs: list[int] = []
    for bullet, run in groupby(bullets):
        length = len(list(run))
        runs += [length if bullet else 0] * length
    return runs


def _title_tokens(page: Page) -> frozenset[str]:
    title = page.title or (page.blocks[0].text if page.kind == "text" and page.blocks else "")
    return frozenset(_TOKEN.findall(title.lower()))


#: Longer blocks are never the headline: no need to compare them with the title.
TITLE_MAX_CHARS = 200


def _title_overlaps(stats: TextStats, title_tokens: frozenset[str]) -> list[float]:
    """Per block, the Jaccard similarity of its lower-cased words and the title's
    (blocks of at most TITLE_MAX_CHARS characters; 0 for longer ones).

    Only the blocks that share a word with the title need their word sets built.
    """
    overlaps = [0.0] * len(stats.texts)
    if not title_tokens:
        return overlaps
    if "\u0130" in stats.joined or "\u03a3" in stats.joined:
        # Lower-casing a whole text, as the title's words are found, differs from
        # lower-casing its words one by one only for "İ" (to "i" and a combining
        # dot, no word character) and "Σ" (final "ς" depends on what follows).
        tokens = _TOKEN_OR_SEP.findall(stats.joined.lower())
        bounds = _block_bounds(tokens)
    else:
        tokens, bounds = stats.lowered, stats.bounds
    title_size = len(title_tokens)
    # Asking each short block whether it shares a word with the title costs less
    # than looking up every token of the page: most tokens are in long blocks.
    disjoint = title_tokens.isdisjoint
    for i, start, end, chars in zip(count(), *bounds, stats.chars):
        if chars <= TITLE_MAX_CHARS and not disjoint(tokens[start:end]):
            words = set(tokens[start:end])
            common = len(title_tokens.intersection(words))
            overlaps[i] = common / (len(words) + title_size - common)  # the union's size
    return overlaps


# --- Headline candidates (text pages) ----------------------------------------

#: A text dump's headline is looked for this many lines above the first kept
#: line (a product or collection name can sit above filters, breadcrumbs and
#: bylines) and this many below it (a kicker or a dateline may open the content).
HEADLINE_ABOVE = 25
HEADLINE_BELOW = 5
#: Longer lines (and HTML title candidates) are paragraphs, never headlines.
HEADLINE_MAX_CHARS = 300

HEADLINE = (
    "log_words", "chars", "all_caps", "capitalised", "sentence_end", "question_end", "digits",
    "dateline", "score", "kept", "offset", "first_line", "title_share", "title_jaccard",
    "repeats", "prev_score", "next_score", "next_dateline", "blank_before", "bullet",
    "separators", "stop_ratio", "position", "first_kept", "body_share", "content_words",
)


def headline_candidates(blocks: list[Block], first_kept: int) -> list[int]:
    """The lines of a text page that may be its headline: the first line (a WET
    record's title) and those around the first kept one."""
    window = range(max(1, first_kept - HEADLINE_ABOVE), min(len(blocks), first_kept + HEADLINE_BELOW))
    return [i for i in (0, *window)
            if len(blocks[i].text) <= HEADLINE_MAX_CHARS and _TOKEN.search(blocks[i].text)]


def headline_features(blocks: list[Block], candidates: list[int], first_kept: int) -> Columns:
    """What makes a line the headline, for each candidate.

    A headline is short and capitalised, sits just above the content (or is the
    first line, in a WET record, which the headline then repeats), and names
    what the content is about: its words recur in the first kept lines, where
    a menu's do not.
    """
    if not candidates:
        return {name: [] for name in HEADLINE}
    stop_words = stopwords()[0]
    n = len(blocks)
    lines = [blocks[i] for i in candidates]
    texts = [block.text for block in lines]
    words = [_TOKEN.findall(text.lower()) for text in texts]
    distinct = list(map(frozenset, words))
    content = [[w for w in ws if w not in stop_words] for ws in distinct]
    first = distinct[0] if candidates[0] == 0 else frozenset(_TOKEN.findall(blocks[0].text.lower()))
    shared = [len(ws & first) for ws in distinct]
    ends = [text.rstrip()[-1:] for text in texts]
    initials = [list(map(itemgetter(0), _TOKEN.findall(text))) for text in texts]
    opening, opening_counts = _opening_words(blocks, first_kept)
    repeats = Counter(block.text for block in blocks)
    below = [i + 1 for i in candidates if i + 1 < n]
    datelines = {i: is_dateline(blocks[i].text) for i in {*candidates, *below}}
    return {
        "log_words": [math.log1p(len(ws)) for ws in words],
        "chars": [float(len(text)) for text in texts],
        "all_caps": [float(text.isupper()) for text in texts],
        "capitalised": [sum(map(str.isupper, initial)) / len(initial) for initial in initials],
        "sentence_end": [float(end in ".:;,") for end in ends],
        "question_end": [float(end in "?!") for end in ends],
        "digits": [float(sum(map(text.count, "0123456789"))) for text in texts],
        "dateline": [float(datelines[i]) for i in candidates],
        "score": [block.score for block in lines],
        "kept": [float(block.keep) for block in lines],
        "offset": [float(i - first_kept) for i in candidates],
        "first_line": [float(i == 0) for i in candidates],
        "title_share": [s / len(ws) if i else -1.0 for i, s, ws in zip(candidates, shared, distinct)],
        "title_jaccard": [s / len(ws | first) if i else -1.0
                          for i, s, ws in zip(candidates, shared, distinct)],
        "repeats": [float(repeats[text]) for text in texts],
        "prev_score": [blocks[i - 1].score if i > 0 else -1.0 for i in candidates],
        "next_score": [blocks[i + 1].score if i + 1 < n else -1.0 for i in candidates],
        "next_dateline": [float(i + 1 < n and datelines[i + 1]) for i in candidates],
        "blank_before": [float(block.blank_before) for block in lines],
        "bullet": [float(block.bullet) for block in lines],
        "separators": [float(sum(map(text.count, _SEPARATOR_CHARS))) for text in texts],
        "stop_ratio": [sum(map(stop_words.__contains__, ws)) / len(ws) for ws in words],
        "position": [i / (n - 1) if n > 1 else 0.0 for i in candidates],
        "first_kept": [float(i == first_kept) for i in candidates],
        # Its words that recur in the opening lines, besides in this line.
        "body_share": [_recurring_share(c, opening_counts, ws if i in opening else None)
                       for i, c, ws in zip(candidates, content, words)],
        "content_words": [float(len(c)) for c in content],
    }


#: The opening of the content, whose words a headline announces: the first kept
#: lines, up to this many characters (a cap on the cost on long pages, too).
OPENING_CHARS = 2000


def _opening_words(blocks: list[Block], first_kept: int) -> tuple[set[int], Counter[str]]:
    """The kept blocks from ``first_kept`` on, up to OPENING_CHARS characters, and
    their lower-cased words counted."""
    lines: set[int] = set()
    size = 0
    for i in range(first_kept, len(blocks)):
        if blocks[i].keep:
            lines.add(i)
            size += len(blocks[i].text)
            if size >= OPENING_CHARS:
                break
    return lines, Counter(_TOKEN.findall(" ".join(blocks[i].text for i in lines).lower()))


def _recurring_share(content: list[str], counts: Counter[str], own: list[str] | None) -> float:
    """Share of ``content`` words counted in ``counts`` beyond their occurrences
    in ``own`` (the line's tokens, if ``counts`` counted them); -1 if no words."""
    if not content:
        return -1.0
    if own is None:
        return sum(1 for w in content if counts[w]) / len(content)
    return sum(1 for w in content if counts[w] > own.count(w)) / len(content)


# --- Title candidates (HTML pages) --------------------------------------------

TITLE = (
    "from_block", "from_headline", "from_title", "from_title_part", "order", "title_parts",
    "headlines", "log_words", "chars", "capitalised", "digits", "sentence_end", "title_share",
    "agreement", "body_share", "longest_part", "content_words",
)


def title_features(candidates: list[tuple[str, str, int]], page: Page, first_kept: int) -> Columns:
    """What makes a candidate (text, source, order) the title of an HTML page.

    The sources disagree in known ways: a <title> carries the site's name and
    often a slogan, an <h1> may be a marketing line or the site's logo, and the
    headline block of an article is its title.  What they agree on, and what
    the content then talks about, is likely the title.
    """
    stop_words = stopwords()[0]
    texts = [text for text, _, _ in candidates]
    words = [frozenset(_TOKEN.findall(text.lower())) for text in texts]
    content = [[w for w in ws if w not in stop_words] for ws in words]
    declared = frozenset(_TOKEN.findall(page.title.lower()))
    parts = [text for text, source, _ in candidates if source == "title_part"]
    longest = max(parts, key=len) if parts else None
    _, opening_counts = _opening_words(page.blocks, first_kept)
    initials = [list(map(itemgetter(0), _TOKEN.findall(text))) for text in texts]
    agreement = [sum(1 for other in words if other and len(ws & other) >= AGREEMENT_SHARE * len(ws | other))
                 - 1 for ws in words]
    return {
        "from_block": [float(source == "block") for _, source, _ in candidates],
        "from_headline": [float(source == "headline") for _, source, _ in candidates],
        "from_title": [float(source == "title") for _, source, _ in candidates],
        "from_title_part": [float(source == "title_part") for _, source, _ in candidates],
        "order": [float(order) for _, _, order in candidates],
        "title_parts": [float(len(parts))] * len(candidates),
        "headlines": [float(len(page.headlines))] * len(candidates),
        "log_words": [math.log1p(len(ws)) for ws in words],
        "chars": [float(len(text)) for text in texts],
        "capitalised": [sum(map(str.isupper, initial)) / len(initial) if initial else 0.0
                        for initial in initials],
        "digits": [float(sum(map(text.count, "0123456789"))) for text in texts],
        "sentence_end": [float(text.rstrip()[-1:] in ".:;,!?") for text in texts],
        "title_share": [len(ws & declared) / len(ws) if ws else 0.0 for ws in words],
        "agreement": [float(a) for a in agreement],
        "body_share": [_recurring_share(c, opening_counts, None) for c in content],
        "longest_part": [float(text == longest) for text in texts],
        "content_words": [float(len(c)) for c in content],
    }


#: Two candidates agree when this share of their words (of the union) are shared.
AGREEMENT_SHARE = 0.8
