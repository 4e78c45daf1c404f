"""Who wrote a page, and when: its author and publication date.

Sites state both for search engines and social networks, in <meta> tags and
JSON-LD, more reliably than any reading of the visible text: the markup is read
first.  Only when it says nothing is the text read, a byline ("By Jane Doe") or
a dateline near the top of the content, as on a text page, which has nothing else.
"""

from __future__ import annotations

import json
import re
from collections import deque
from datetime import date

from .blocks import Block, Page
from .decode import clean_text
from .features import HEADING_LEVELS

# --- Where the markup states them, best first ---------------------------------
# Measured on the WCXB development pages that have a gold date: the
# article:published_time meta is right on 96% of the pages that have one, the
# first <time> on 83%, a date near the top of the content on 86%.  JSON-LD's
# datePublished, right on 88%, comes last: it is wrong most often where the
# others are missing (a template's date, the site's launch), 79% right there.
# Modification dates are right on 32%: never read.  A WebPage node's date is
# not read either: pages without a date in the gold have one in a fifth of cases.

#: <meta> names (or properties, or itemprops) of the publication date.
DATE_METAS = (
    "article:published_time", "og:article:published_time", "datepublished", "og:publish_date",
    "sailthru.date", "parsely-pub-date", "cxenseparse:publishtime", "publishdate", "publish-date",
    "publish_date", "pubdate", "published", "date-pub", "datecreated", "dc.date.issued",
    "dcterms.created", "dcterms.issued", "dc.date", "dcterms.date", "citation_publication_date",
    "citation_date", "date", "article.published",
)
#: <meta> names of the author.  article:author is often a profile's URL, not a name.
AUTHOR_METAS = (
    "author", "article:author", "og:author", "parsely-author", "sailthru.author",
    "cxenseparse:author", "dc.creator", "dcterms.creator", "citation_author", "creator",
)
#: Yoast and others state the author as a label and value pair for Twitter's cards.
_AUTHOR_LABELS = frozenset(("written by", "author", "by", "verfasst von", "geschrieben von",
                            "écrit par", "escrito por", "scritto da", "auteur", "autor"))
#: JSON-LD types whose dates and author are the page's own (not those of its
#: publisher, its images or a comment under it).
_CREATIVE_TYPES = re.compile(r"Article$|Posting$|^(?:Report|Question|QAPage|Review|Recipe|HowTo|"
                             r"VideoObject|PodcastEpisode|Book|Course|Event|"
                             r"MediaObject|CreativeWork)$")
#: JSON-LD nodes read per page, the entries of a list of authors read, and
#: the names joined: more are a list of contributors, not a byline.
MAX_JSON_NODES = 2_000
MAX_JSON_AUTHORS = 50
MAX_AUTHORS = 5
#: Longest author a page may state: beyond, it is a description, not a name.
MAX_AUTHOR_CHARS = 100

# --- Where the text states them -------------------------------------------------

#: Blocks around the first kept one searched for a byline or dateline: they sit
#: between the headline and the first paragraph, or just above the headline.
TEXT_LOOKBACK = 20
TEXT_LOOKAHEAD = 6
#: ... and before it, for a name in an element classed as the author's (a
#: header's author box may sit far above the article's first paragraph), and
#: how much of the block's signature, its innermost elements' classes, is read.
CLASSED_LOOKBACK = 30
CLASSED_LABEL_CHARS = 60
#: Longest block read as a byline or dateline.
TEXT_MAX_CHARS = 160

_MONTHS = {
    1: "january jan janvier janv enero ene gennaio gen janeiro januar januari",
    2: "february feb février févr fevrier febrero febbraio fevereiro fev februar februari",
    3: "march mar mars marzo março marco märz maerz maart mrt",
    4: "april apr avril avr abril aprile",
    5: "may mai mayo maggio mag maio mei",
    6: "june jun juin junio giugno giu junho juni",
    7: "july jul juillet juil julio luglio lug julho juli",
    8: "august aug août aout agosto ago augustus",
    9: "september sep sept septembre septiembre settembre set setembro",
    10: "october oct octobre octubre ottobre ott outubro out oktober okt",
    11: "november nov novembre noviembre novembro",
    12: "december dec décembre déc decembre diciembre dic dicembre dezembro dez dezember",
}
_MONTH_NUMBER = {name: number for number, names in _MONTHS.items() for name in names.split()}
_MONTH = "(" + "|".join(sorted(_MONTH_NUMBER, key=len, reverse=True)) + r")\.?"
_CAPITALISED_MONTH = "(" + "|".join(sorted(map(str.capitalize, _MONTH_NUMBER), key=len, reverse=True)) + r")\.?"
_DAY = r"(\d{1,2})(?:st|nd|rd|th|er|º)?\.?"
_YEAR = r"(\d{4})"
#: An English month glued, capitalised, to the word before it ("EditorialNovember"):
#: only English, whose names no camel-cased word ends in ("LogOut", "DataSet").
_GLUED_BEFORE = r"(?-i:(?<=[a-z])(?=[A-Z]))(?=jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
#: What may follow a year: its end, or what a dump glues to it, a time
#: ("20236:01 PM"), a reading time ("20255 mins") or a capitalised word
#: ("2025Julian"); not more figures ("20241234" is a number).
_GLUED_AFTER = r"(?:\b|(?=\d{1,2}:\d\d)|(?=\d\d?\s?(?:yrs?|mins?|hours?|days?)\b)|(?-i:(?=[A-Z])))"
#: How dates are written, each with the order of its (year, month, day) groups.
_DATE_FORMS = (
    (re.compile(r"\b(\d{4})([-/])(\d{1,2})\2(\d{1,2})(?!\d)"), (1, 3, 4)),  # 2025-09-04, 2025/9/4
    # Dots or bullets with two-figure month and day: 2025.12.17 (2024.2.2 is a version).
    (re.compile(r"\b(\d{4})([.•])(\d{2})\2(\d{2})(?!\d)"), (1, 3, 4)),
    (re.compile(r"(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]"), (1, 2, 3)),
    # With month names, as text dumps glue them too: a capitalised month to the
    # word before it ("EditorialNovember 22, 2018"), the year to what follows it
    # ("October 17, 20236:01 PM", "Dec 17, 2025Julian"): the year is four figures.
    (re.compile(rf"(?:\b|{_GLUED_BEFORE}){_MONTH}[\s.-]+{_DAY},?\s+{_YEAR}{_GLUED_AFTER}", re.I), (3, 1, 2)),
    (re.compile(rf"\b{_DAY}[\s.-]*(?:de\s+)?{_MONTH}[\s.,-]+(?:de\s+)?{_YEAR}{_GLUED_AFTER}", re.I), (3, 2, 1)),
    # 2023 Jan 7, as references write it; the month capitalised ("in 2020 may 5 teams" is none).
    (re.compile(rf"\b{_YEAR}\s+{_CAPITALISED_MONTH}\s+(\d{{1,2}})\b"), (1, 2, 3)),
    # 20250904 as a whole value, as some metas write it (in a text it is an order number).
    (re.compile(r"^\s*(\d{4})(\d{2})(\d{2})(?:T|\s|$)"), (1, 2, 3)),
)
#: Day and month in figures before the year: "27/05/2024", "09/25/2025",
#: "12.11.2023".  Which comes first is read from a number over 12; failing that,
#: dots put the day first (as in Europe), and a slash or dash is not guessed:
#: the United States write 03/05 for March 5, most of the world for May 3.
_DAY_MONTH_YEAR = re.compile(r"\b(\d{1,2})([./-])(\d{1,2})\2(\d{4})\b")
_DIGIT = re.compile(r"\d")
#: Words saying that the date after them is an update's, in the characters
#: before it that are read.
_UPDATE = re.compile(r"updat|modifi|edited|revised|aktualisiert|mis à jour|actualiza|aggiornat|bijgewerkt",
                     re.I)
UPDATE_LOOKBEHIND = 24
#: Years a publication date may have: others are a price, a count or a typo.
MIN_YEAR, MAX_YEAR = 1990, 2100

#: A byline: "By Jane Doe", "Written by ...", "Von ...", "Par ...", "Por ...",
#: at the start of a block or after its date ("September 1st, 2023 By Emily
#: Norwood", "Published August 7, 2023 by Nicole Burke"), or glued to the name
#: as text dumps glue a link to its label ("ByNina Pineda").
_BYLINE = re.compile(
    r"^(?:.{0,40}?\d{4},?\s+)?(?:(?:written|posted|published|words|story|text|report(?:ed)?)\s+by|"
    r"by|von|par|por|di|door|av|af|autor(?:in)?|auteur|author)(?:\s*:?\s+|(?-i:(?<=By)(?=[A-Z][a-z])))(.+)$",
    re.I)
#: Where the name in a byline ends: a separator, a date, a time, a word of the
#: dateline ("Published", "Updated", "on", a month) after a space or glued to
#: the name ("Korin MillerPublished: Jan").  A role after a comma stays ("Jane
#: Doe, MD"): the gold keeps it as often as not.
_DATELINE_WORDS = ["published", "updated", "posted", "last", "reviewed", "view", "read", *_MONTH_NUMBER]
#: Each alternative that starts with white space starts only at the first space
#: of a run: else every space of a long run would scan the rest of it.
_NAME_END = re.compile(
    r"(?<!\s)\s*(?:[|•·⋅»—–@(]|\s-\s|\.\s)|(?<!\s)\s+(?i:on|at|in)\s|\d|(?<!\s)\s{2}|"
    r"(?<!\s)\s+(?i:" + "|".join(_DATELINE_WORDS) + r")\b|"
    r"(?<=[a-z])(?:" + "|".join(word.capitalize() for word in _DATELINE_WORDS) + r")\b")
#: A byline's word alone on its line, the name on the next ("door" and "par"
#: alone are a window's door and a golf score).
_BY_ALONE = re.compile(r"^\s*(?:(?:written\s+)?by|von)\s*:?\s*$", re.I)
#: A credential after a name: capitals, with dots ("MS", "RD", "Ph.D.", "M.D.").
_CREDENTIAL = re.compile(r"(?=(?:[^A-Z]*[A-Z]){2})[A-Z][A-Za-z.]{1,7}")
#: What a stated author may start with that is no part of the name: only the
#: English words ("Von Braun", "Di Caprio" are names).
_BY_PREFIX = re.compile(r"^(?:written\s+)?by\s*:?\s+", re.I)
#: Most words a name of authors has ("Danielle DeSiato, Donna Enzmann, and Natalie Nguyen").
MAX_NAME_WORDS = 8


def page_metadata(page: Page, nodes: list[dict], title: str) -> tuple[str, str]:
    """The page's (author, publication date as YYYY-MM-DD), "" where unknown;
    ``nodes`` are its ``json_ld_nodes``, ``title`` the title found for it."""
    author = (meta_author(page.meta) or json_ld_author(nodes) or text_author(page.blocks)
              or classed_author(page.blocks) or dated_name(page.blocks, title))
    when = meta_date(page.meta) or normal_date(page.first_time) or text_date(page.blocks) \
        or json_ld_date(nodes)
    return author, when


def json_ld_nodes(page: Page) -> list[dict]:
    """The objects of the page's JSON-LD, shallowest first (a page's own node
    before the comments and answers nested in it), at most ``MAX_JSON_NODES``."""
    nodes: list[dict] = []
    seen = 0
    for script in page.json_ld:
        try:
            data = json.loads(script)
        except (ValueError, RecursionError):
            continue
        queue = deque([data])
        while queue and seen < MAX_JSON_NODES:
            node = queue.popleft()
            seen += 1
            if isinstance(node, dict):
                nodes.append(node)
                queue.extend(v for v in node.values() if isinstance(v, (dict, list)))
            elif isinstance(node, list):
                queue.extend(node)
        if seen >= MAX_JSON_NODES:
            break
    return nodes


def node_types(node: dict) -> list[str]:
    """A JSON-LD node's types: its "@type", one or a list (other values ignored)."""
    kinds = node.get("@type")
    return [kind for kind in (kinds if isinstance(kinds, list) else [kinds]) if isinstance(kind, str)]


def _is_creative(node: dict) -> bool:
    return any(_CREATIVE_TYPES.search(kind) for kind in node_types(node))


def meta_date(meta: dict[str, str]) -> str:
    for name in DATE_METAS:
        found = normal_date(meta.get(name, ""))
        if found:
            return found
    return ""


def json_ld_date(nodes: list[dict]) -> str:
    for key in ("datePublished", "dateCreated"):
        for node in nodes:
            value = node.get(key)
            if isinstance(value, str) and _is_creative(node):
                found = normal_date(value)
                if found:
                    return found
    return ""


def text_date(blocks: list[Block]) -> str:
    """The first date in a short block near the top of the content.  (Taking the
    nearest to the first kept block instead scores no better.)"""
    for i in _near_content_start(blocks):
        found = normal_date(blocks[i].text)
        if found:
            return found
    return ""


def normal_date(text: str) -> str:
    """The first date written in ``text``, as YYYY-MM-DD, passing over one said
    to be an update's ("Updated 2024-01-02, published 03/15/2023"), unless it is
    the only one; "" if ``text`` holds none."""
    text = text[:TEXT_MAX_CHARS]
    if _DIGIT.search(text) is None:
        return ""
    found = []  # (where, date)
    for pattern, (year, month, day) in _DATE_FORMS:
        for match in pattern.finditer(text):
            written = _valid(match.group(year), match.group(month), match.group(day))
            if written:
                found.append((match.start(), written))
    for match in _DAY_MONTH_YEAR.finditer(text):
        first, separator, second, year_written = match.groups()
        if int(first) > 12 or separator == "." and int(second) <= 12:
            first, second = second, first  # the day came first
        elif int(second) <= 12 and first != second:
            continue  # 03/05/2024: March 5 or May 3
        written = _valid(year_written, first, second)
        if written:
            found.append((match.start(), written))
    found.sort()
    for start, written in found:
        if _UPDATE.search(text, max(0, start - UPDATE_LOOKBEHIND), start) is None:
            return written
    return found[0][1] if found else ""


def _valid(year: str, month: str, day: str) -> str:
    try:
        number = int(month) if month.isdigit() else _MONTH_NUMBER[month.lower()]
        found = date(int(year), number, int(day))
    except (ValueError, KeyError):
        return ""
    return found.isoformat() if MIN_YEAR <= found.year <= MAX_YEAR else ""


def meta_author(meta: dict[str, str]) -> str:
    for name in AUTHOR_METAS:
        found = normal_author(meta.get(name, ""))
        if found:
            return found
    for number in "12":
        if meta.get(f"twitter:label{number}", "").strip().lower() in _AUTHOR_LABELS:
            return normal_author(meta.get(f"twitter:data{number}", ""))
    return ""


def json_ld_author(nodes: list[dict]) -> str:
    for node in nodes:
        if "author" in node and _is_creative(node):
            authors = node["author"]
            names = []
            for author in (authors if isinstance(authors, list) else [authors])[:MAX_JSON_AUTHORS]:
                name = author.get("name") if isinstance(author, dict) else author
                name = normal_author(name) if isinstance(name, str) else ""
                if name and name not in names:
                    names.append(name)
                    if len(names) == MAX_AUTHORS:
                        break
            if names:
                return ", ".join(names)
    return ""


def text_author(blocks: list[Block]) -> str:
    """The name in the first byline near the top of the content, or on the line
    right after a "By" alone (a text dump puts the link to the author's page on
    a line of its own)."""
    for i in _near_content_start(blocks):
        text = blocks[i].text
        byline = _BYLINE.match(text)
        if byline:
            name = _NAME_END.split(byline.group(1), maxsplit=1)[0].strip(" ,;:")
            if name[:1].isupper() and len(name.split()) <= MAX_NAME_WORDS and (author := normal_author(name)):
                return author
        elif _BY_ALONE.match(text) and i + 1 < len(blocks):
            after = blocks[i + 1]
            if (after.tag not in HEADING_LEVELS and _looks_like_person(after.text)
                    and (author := normal_author(after.text))):
                return author
    return ""


def dated_name(blocks: list[Block], title: str) -> str:
    """A line that is only a name, beside a dateline: a byline without its "By"
    ("Andrew King" above "September 4, 2025"), as text dumps render an author box.
    Not the title nor a heading: "Council Approves Budget" over its date is no name."""
    title = title.casefold()
    for i in _near_content_start(blocks):
        block = blocks[i]
        neighbours = blocks[max(0, i - 1):i] + blocks[i + 1:i + 2]
        if (block.tag not in HEADING_LEVELS and block.text.casefold() != title
                and _looks_like_person(block.text)
                and any(len(other.text) <= TEXT_MAX_CHARS and normal_date(other.text) for other in neighbours)
                and (author := normal_author(block.text))):
            return author
    return ""


def _looks_like_person(text: str) -> bool:
    """Two to four capitalised words, nothing else but, after commas, their
    credentials ("Andrew King", "Dylan Bailey, MS, RD"): not a place ("San
    Francisco, Calif."), a menu ("Privacy Policy, Terms of Use") or a time."""
    name, *credentials = text.split(",")
    words = name.split()
    return (2 <= len(words) <= 4 and len(name) <= 40
            and all(word[:1].isupper() and word[1:2].islower() and word.isalpha() for word in words)
            and all(_CREDENTIAL.fullmatch(part.strip()) for part in credentials))


def classed_author(blocks: list[Block]) -> str:
    """A name alone in an element the site calls its author or byline ("div.author-name")."""
    for i in _near_content_start(blocks, CLASSED_LOOKBACK):
        block = blocks[i]
        label = block.signature[-CLASSED_LABEL_CHARS:].lower()
        if ("author" in label or "byline" in label) and _looks_like_name(block.text):
            return normal_author(block.text)
    return ""


def _looks_like_name(text: str) -> bool:
    words = text.split()
    return (0 < len(words) <= MAX_NAME_WORDS and text[:1].isalpha() and text[-1:] not in ".:!?"
            and not any(c.isdigit() for c in text))


def normal_author(text: str) -> str:
    """``text`` as an author's name: "" for a link, an address or a description."""
    name = " ".join(clean_text(text).split())  # decoded JSON may hold NUL or lone surrogates
    if (not name or len(name) > MAX_AUTHOR_CHARS or "://" in name or name.startswith("www.")
            or "@" in name or not any(c.isalpha() for c in name)):
        return ""
    return _BY_PREFIX.sub("", name)


def _near_content_start(blocks: list[Block], lookback: int = TEXT_LOOKBACK) -> list[int]:
    """The indexes of the short blocks around the first kept one, in page order."""
    first = next((i for i, block in enumerate(blocks) if block.keep), None)
    if first is None:
        return []
    around = range(max(0, first - lookback), min(len(blocks), first + TEXT_LOOKAHEAD))
    return [i for i in around if len(blocks[i].text) <= TEXT_MAX_CHARS]
