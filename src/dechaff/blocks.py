"""Stage 1: cutting a page into blocks.

A block is the unit the classifier keeps or drops: a paragraph, heading, list
item, table row or code block of an HTML page, or one line (or one glued-together
piece of a line) of a text page.  Both input kinds end up as the same ``Block``
objects; only the structural context they carry differs.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate, islice

from lxml import etree

from . import selection

# --- Structural context of a block, as bits --------------------------------
IN_NAV = 1 << 0
IN_HEADER = 1 << 1
IN_FOOTER = 1 << 2
IN_ASIDE = 1 << 3
IN_FORM = 1 << 4
IN_ARTICLE = 1 << 5
IN_MAIN = 1 << 6
IN_LIST = 1 << 7
IN_TABLE = 1 << 8
IN_QUOTE = 1 << 9
IN_FIGURE = 1 << 10
HIDDEN = 1 << 11
IN_NOSCRIPT = 1 << 12
IN_LINK = 1 << 13  # the whole block sits inside one <a>
NEG_CLASS = 1 << 14  # an ancestor's class/id says boilerplate (menu, footer, share...)
POS_CLASS = 1 << 15  # an ancestor's class/id says content (article, post, entry...)
COMMENT_CLASS = 1 << 16  # an ancestor's class/id says reader comments
POST_CLASS = 1 << 17  # an ancestor's class/id says forum post / answer / review
IN_DETAILS = 1 << 18
CONSENT_CLASS = 1 << 19  # an ancestor's class/id says cookie or privacy-consent dialog
ARTICLE_BODY = 1 << 20  # an ancestor is schema.org's articleBody (itemprop microdata)
BODY_CLASS = 1 << 21  # an ancestor's class/id is a publishing system's article body (_BODY_CLASSES)
SIGNATURE_CLASS = 1 << 22  # an ancestor's class/id says signature (a forum user's, in a post)
DISCLAIMER_CLASS = 1 << 23  # an ancestor's class/id may name a disclaimer (classify.drop_disclaimers tells)
REVIEW_CLASS = 1 << 24  # an ancestor's class/id may name reviews (classify.drop_customer_reviews tells)

_TAG_FLAGS = {
    "nav": IN_NAV, "header": IN_HEADER, "footer": IN_FOOTER, "aside": IN_ASIDE,
    "form": IN_FORM, "article": IN_ARTICLE, "main": IN_MAIN, "li": IN_LIST,
    "dd": IN_LIST, "dt": IN_LIST, "table": IN_TABLE, "blockquote": IN_QUOTE,
    "figure": IN_FIGURE, "noscript": IN_NOSCRIPT, "details": IN_DETAILS, "menu": IN_NAV,
}

#: Elements that start and end a block of text (<pre> too, handled apart to keep its spaces).
_BLOCK_TAGS = frozenset(
    "p div section article main aside header footer nav h1 h2 h3 h4 h5 h6 ul ol li dl dt dd "
    "table tr caption thead tbody tfoot blockquote figure figcaption form fieldset legend "
    "address details summary hr center body html menu dialog noscript".split()
)
#: Table cells stay on their row's line: a spec row "Weight 2 kg" means more whole.
_CELL_TAGS = frozenset(("td", "th"))
#: Elements whose content is never page text (or is UI chrome, not content).
_SKIP_TAGS = frozenset(
    "script style template svg math head title select option textarea input button "
    "canvas object embed audio video map iframe".split()
)
#: Characters lxml parses but refuses to set back in a text (it would raise,
#: and empty the text first): a tail holding one is not parted from the text
#: before a skipped element (``_harvest``).
_NOT_SETTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
#: Elements whose classes describe the whole page, not a region of it.
_ROOT_TAGS = frozenset(("html", "body"))
#: Skipped elements whose end tag libxml2 may ignore (an unclosed <div> inside a
#: <button> makes it disregard </button>), nesting the rest of the page inside
#: them.  One of these holding block elements and this much text has swallowed
#: page content: it is kept as a plain container instead of dropped.  (Real
#: buttons can carry long text too, a video's transcript or a disclaimer, but
#: in spans: the block elements are the sign.)
_SWALLOWING_TAGS = ("button", "select", "textarea", "object", "canvas", "audio", "video", "map")
SWALLOWED_MIN_CHARS = 2000


# Class and id vocabulary, by the context bit its words set.  Matched as
# substrings of the lowercased attribute values, because sites write
# "site-footer", "footerNav", "post_content".
_CLASS_VOCABULARY = {
    NEG_CLASS:
        "nav menu footer sidebar side-bar breadcrumb share sharing social related widget "
        "banner cookie consent newsletter subscribe signup promo advert sponsor popup modal "
        "masthead pagination pager toolbar skip jump toc dropdown login search tags tagcloud "
        "byline dateline author-info recommend trending popular outbrain taboola disqus "
        "-ad- ad-slot adslot overlay offcanvas off-canvas lightbox hidden "
        "copyright legal utility util- secondary feedback rating-widget print email",
    POS_CLASS:
        "article content post entry main body text story prose markdown docs documentation "
        "thread message description product detail blog news page-content rich-text richtext",
    COMMENT_CLASS: "comment respond reply replies discussion",
    POST_CLASS:
        "forum thread topic post-body postbody post_message message answer question "
        "review reply-content cooked bbcode messagecontent",
    IN_NAV: "navigation menubar",
    # Not NEG_CLASS: "signature" also names products and e-signature services,
    # and classify drops only the signatures inside posts and comments.
    SIGNATURE_CLASS: "signature",
    # Only to spare the rules that read these names in the signatures a search
    # of every signature (classify.drop_disclaimers, drop_customer_reviews).
    DISCLAIMER_CLASS: "disclaimer legal",
    REVIEW_CLASS: "review",
    # Consent dialogs apart from other boilerplate: their text is prose (a
    # privacy notice reads like an article) and they are never content, where
    # "related" or "sidebar" sometimes are.  Named by the few platforms that
    # serve most of them.
    CONSENT_CLASS: "cookie consent gdpr onetrust ot-sdk ot-pc cmplz didomi cookiebot qc-cmp",
}
#: Whole class names (or ids) by which publishing systems mark an article's body:
#: WordPress's "entry-content", Blogger's "post-body", and the names news sites
#: and their themes give it.  Not Drupal's "field--name-body": a Drupal page
#: builds its content from many fields, the body one of them.
_BODY_CLASSES = frozenset(
    "entry-content post-body article-body articlebody article__body article-content "
    "article-text story-body story-content post-content td-post-content c-entry-content "
    "body-text".split())
#: "ad" and "ads" only as whole words: "header", "load", "shadow" are no ads.
_NEG_WHOLE_WORDS = re.compile(r"\bads?\b")
_POST_WHOLE_WORDS = re.compile(r"\bpost\b")


def _word_bits(vocabulary: dict[int, str]) -> dict[str, int]:
    """For each word of the vocabulary, the bits of every vocabulary word it
    starts with, itself included: where it is found, all of those are found."""
    own: dict[str, int] = {}
    for bit, words in vocabulary.items():
        for word in words.split():
            own[word] = own.get(word, 0) | bit
    combined = dict.fromkeys(own, 0)
    for word in own:
        for other, bits in own.items():
            if word.startswith(other):
                combined[word] |= bits
    return combined


def _longest_of(words: list[str]) -> re.Pattern[str]:
    """A pattern that finds, at the first place any of ``words`` occurs, the
    longest one that occurs there.

    The alternation is written as a trie ("me(?:nu(?:bar)?|ssage)|nav...")
    because the regex engine tries alternatives one by one at every position:
    sharing prefixes makes the search several times faster than a flat list.
    Where a word ends and longer ones go on, going on is tried first.
    """
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here

    def alternation(node: dict) -> str:
        branches = [re.escape(char) + alternation(child)
                    for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        either = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
        return f"(?:{either})?" if "" in node else either

    return re.compile(alternation(trie))


_CLASS_WORD_BITS = _word_bits(_CLASS_VOCABULARY)
_CLASS_WORD = _longest_of(list(_CLASS_WORD_BITS))
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_SPACES = re.compile(r"[ \t\r\n\f\v\u00a0\u200b\u2028\u2029]+")
_HAS_WORD = re.compile(r"\w")
#: The white space ``str.split`` cuts at that ``_SPACES`` does not, and U+200B.
_OTHER_SPACES = re.compile("[\x1c-\x1f\x85\u1680\u2000-\u200b\u202f\u205f\u3000]")


def has_single_spaces(text: str) -> bool:
    """Whether ``text`` holds no white space but single " " characters.

    Printable text holds no white space but " " (nor U+200B), and testing that
    runs in C: cheaper than collapsing a text that, most often, is collapsed already.
    """
    return text.isprintable() and "  " not in text


def _collapse_spaces(text: str) -> str:
    """``_SPACES.sub(" ", text).strip()``: split and join do the same, twice as
    fast, unless ``text`` has space characters the two see differently."""
    stripped = text.strip()
    if has_single_spaces(stripped):  # five block texts in six
        return stripped
    if _OTHER_SPACES.search(text) is None:
        return " ".join(text.split())
    return _SPACES.sub(" ", text).strip()

_PARSER_KW = dict(remove_comments=True, remove_pis=True, recover=True, no_network=True,
                  remove_blank_text=False, default_doctype=False, collect_ids=False)
#: libxml2 gives up on elements nested deeper than 256 and drops the rest of the
#: page; such pages are parsed again without the tags nested deeper than this
#: (their text stays, in order).
MAX_DEPTH = 128
#: Innermost containers a block records, and the longest signature (innermost end):
#: real pages nest up to ~50 block elements, and without a bound a page 250 deep
#: around 100,000 paragraphs costs depth x blocks in time and memory.
MAX_CONTAINERS = 64
MAX_SIGNATURE = 1024
#: <h1> headlines harvested, and the characters read of each: nested <h1>s around
#: a long text would otherwise copy that text once per level.
MAX_HEADLINES = 32
#: og:title and twitter:title metas harvested (title candidates are compared
#: pairwise, so a page must not bring thousands).
MAX_META_TITLES = 4
MAX_HEADLINE_CHARS = 1000
#: <meta> names, and characters of each content, harvested: a real page has a
#: few dozen; a hostile one must not fill memory with millions.
MAX_METAS = 256
MAX_META_CHARS = 500


def has_word(text: str) -> bool:
    """Whether ``text`` holds a word character (what ``\\w`` matches)."""
    # Most texts start with one, and str.isalnum on one character tests what
    # ``\w`` tests but for "_", several times faster than the regex call.
    return text[:1].isalnum() or _HAS_WORD.search(text) is not None


@dataclass(slots=True)
class Block:
    """One keep-or-drop unit of a page, with the decision once it is made."""

    text: str
    #: The HTML element that holds the text ("p", "h2", "li", "tr", "pre", "div"...);
    #: "line" for a line of a text page.
    tag: str
    #: Bits of structural context (``IN_NAV``, ``NEG_CLASS``...); 0 for text pages.
    context: int = 0
    #: Characters of the text that are link anchors (HTML only).
    link_chars: int = 0
    #: Ids of the enclosing block-level elements, outermost first; for text, the
    #: blank-line-separated group of lines.
    containers: tuple[int, ...] = ()
    #: Ancestor tags and classes, used to spot repeated structures (cards, menus).
    signature: str = ""
    #: Text pages: the block is preceded by a blank line, starts a list item.
    blank_before: bool = False
    bullet: bool = False
    #: Content probability from the classifier, and the final decision.
    score: float = 0.0
    keep: bool = False
    #: Why it is kept or dropped, with ``Settings.explain`` (else ""): "model"
    #: (its score against the page's cut), "threshold" (against the cut the
    #: user set), "no content" (no block of the page looked like content), the
    #: name of the rule after the model that changed the decision
    #: ("cut_related_sections", "drop_footers"...; "drop_repeated_blocks" for a
    #: copy of a block above; "find_title" for the headline moved to the title,
    #: the dateline under it, or a text page's title line).
    reason: str = ""


@dataclass(slots=True)
class Page:
    """A page cut into blocks, with what the cutting learnt on the way."""

    blocks: list[Block]
    kind: str  # "html" or "text"
    title: str = ""
    #: Headline candidates from the markup (h1, og:title), HTML only.
    headlines: list[str] = field(default_factory=list)
    #: JSON-LD script bodies, for pages whose DOM is thin.
    json_ld: list[str] = field(default_factory=list)
    #: (container, parent) pairs of the containers holding blocks, deepest first
    #: (container ids grow in document order, so by id, descending): for sums
    #: over the containers, bottom-up.  Empty for text pages, whose blank-line
    #: groups do not nest.
    tree: list[tuple[int, int]] = field(default_factory=list)
    lang: str = ""
    #: The page's <meta> contents by lower-cased name, property or itemprop (the
    #: first non-empty one of each), and the ``datetime`` of its first <time>
    #: element that has one: where sites state author and date for search
    #: engines.  HTML only.
    meta: dict[str, str] = field(default_factory=dict)
    first_time: str = ""


# --- HTML -------------------------------------------------------------------


def html_page(html: str, limit: int | None = None, utf8: bytes | None = None,
              include: Sequence[str] = (), exclude: Sequence[str] = ()) -> Page:
    """Cut an HTML document into blocks in one pass over the tree.

    With ``limit``, stop once the page has that many blocks.  ``utf8`` is
    ``html`` encoded as UTF-8, if the caller has it already (the parser reads
    bytes).  ``include`` and ``exclude`` are ``Settings``' selectors.
    """
    root = _parse(html, utf8)
    if root is None:
        return Page([], "html")
    page = Page([], "html")
    _harvest(root, page)
    included = _select(root, include, exclude) if include or exclude else None
    _HtmlWalker(page, limit, included).walk(root)
    page.tree.sort(reverse=True)  # recorded as the blocks first needed each container
    return page


#: Unclosed swallowing elements nested this deep in rescued ones are rescued
#: without reading their text again: asking each level costs its whole subtree.
MAX_NESTED_RESCUES = 3


def _rescue_swallowed(elements: list[etree._Element]) -> None:
    """Make the ``_SWALLOWING_TAGS`` elements (in document order) that swallowed
    page content <div>s, so that their text is read instead of stripped."""
    # How many rescued elements each one is inside, and those inside one left as
    # it is, which hold too little text or no block either (``elements`` holds
    # them all, so lxml hands out the same proxies).
    nesting: dict[etree._Element, int] = {}
    inside_kept: set[etree._Element] = set()
    for element in elements:
        if element in inside_kept:
            continue
        nested = nesting.get(element, 0)
        if nested >= MAX_NESTED_RESCUES:
            element.tag = "div"  # its swallowing descendants are counted past the limit already
        # The text size is tested first: it rules out nearly every element, and the
        # search for block elements costs more (lxml prepares a 40-tag matcher per call).
        elif (_holds_text(element, SWALLOWED_MIN_CHARS)
                and next(element.iter(*_BLOCK_TAGS), None) is not None):
            element.tag = "div"
            for inner in element.iter(*_SWALLOWING_TAGS):
                nesting[inner] = nesting.get(inner, 0) + 1
        elif len(element):  # it has children
            inside_kept.update(element.iter(*_SWALLOWING_TAGS))


def _holds_text(element: etree._Element, size: int) -> bool:
    """Whether ``element`` holds at least ``size`` characters of text."""
    for text in element.itertext():
        size -= len(text)
        if size <= 0:
            return True
    return False


def _parse(html: str, utf8: bytes | None = None) -> etree._Element | None:
    parser = etree.HTMLParser(encoding="utf-8", **_PARSER_KW)
    if utf8 is None:
        utf8 = html.encode("utf-8", "replace")
    try:
        root = etree.fromstring(utf8, parser)
        if any(error.type_name == "ERR_RESOURCE_LIMIT" for error in parser.error_log):
            root = etree.fromstring(_shallow(html).encode("utf-8", "replace"), parser)
    except (etree.LxmlError, ValueError):
        return None
    if root is None:
        return None
    # Content after </html> (a second document, late scripts) lands in sibling
    # <html> elements; a browser shows it in the body.
    for sibling in list(root.itersiblings()):
        root.append(sibling)
    return root


#: A start or end tag, for ``_shallow``: enough to count nesting.  No class may
#: cross a "<", and none gives back what it matched: a "<" never closed by a ">"
#: would otherwise be scanned to the end of the page once per "<", or its name
#: once per character (quadratic on "<a<a<a..." and on "<aaaa...").
_TAG_TOKEN = re.compile(r"<(/?)([A-Za-z][^\s/<>]*+)(?:[\s/][^<>]*+)?>")
_VOID_TAGS = frozenset("area base br col embed hr img input link meta param source track wbr".split())
#: libxml2 ignores an end tag that would close an element of higher priority
#: (``</span>`` inside a ``<div>`` inside the span); the others rank 100.
_END_PRIORITY = {"div": 150, "td": 160, "th": 160, "tr": 170, "thead": 180, "tbody": 180,
                 "tfoot": 180, "table": 190, "head": 200, "body": 200, "html": 220}


def _shallow(html: str) -> str:
    """``html`` without the start tags nested deeper than MAX_DEPTH, nor their end tags.

    The open elements are tracked as libxml2 does, except that none closes
    implicitly (``<p><p>``, ``<div/>``), which can only overestimate the depth.
    A dropped block tag leaves a space so that words stay apart.
    """
    stack: list[str] = []
    dropped: dict[str, int] = {}

    def keep_or_drop(match: re.Match[str]) -> str:
        closing, name = match.groups()
        name = name.lower()
        if name in _VOID_TAGS:
            return match.group()
        if closing:
            if dropped.get(name):
                dropped[name] -= 1
                return " " if name in _BLOCK_TAGS else ""
            priority = _END_PRIORITY.get(name, 100)
            for i in range(len(stack) - 1, -1, -1):
                if stack[i] == name:
                    del stack[i:]
                    break
                if _END_PRIORITY.get(stack[i], 100) > priority:
                    break
            return match.group()
        if len(stack) >= MAX_DEPTH:
            dropped[name] = dropped.get(name, 0) + 1
            return " " if name in _BLOCK_TAGS else ""
        stack.append(name)
        return match.group()

    return _TAG_TOKEN.sub(keep_or_drop, html)


def _harvest(root: etree._Element, page: Page) -> None:
    """Collect what the page says about itself outside its visible text, and
    rescue the content swallowed by elements the walk skips.

    One search of the tree for both: each costs about 0.1 ms on a typical page.
    """
    meta_titles = 0
    swallowing = []
    meta = page.meta
    for el in root.iter("meta", "h1", "html", "title", "script", "time", *_SWALLOWING_TAGS):
        tag = el.tag
        if tag == "title" and not page.title:
            page.title = _collapse_spaces(el.xpath("string()"))
        elif tag == "script" and "ld+json" in (el.get("type") or "").lower() and el.text:
            page.json_ld.append(el.text)
        elif tag == "h1":
            # An <h1> inside another is part of its text, and reading both reads
            # the inner one's subtree twice (once per level, nested deep).
            if (len(page.headlines) - meta_titles < MAX_HEADLINES
                    and next(el.iterancestors("h1"), None) is None):
                page.headlines.append(_collapse_spaces(_text_prefix(el, MAX_HEADLINE_CHARS)))
        elif tag == "meta":
            name = el.get("property")
            if name in ("og:title", "twitter:title"):
                if meta_titles < MAX_META_TITLES:  # in <head>: they must not crowd out the <h1>s
                    page.headlines.append((el.get("content") or "").strip()[:MAX_HEADLINE_CHARS])
                    meta_titles += 1
                continue
            name = name or el.get("name") or el.get("itemprop")
            content = el.get("content")
            if name and content and len(meta) < MAX_METAS:
                meta.setdefault(name.lower(), content[:MAX_META_CHARS])
        elif tag == "time" and not page.first_time:
            page.first_time = (el.get("datetime") or "")[:MAX_META_CHARS]
        elif tag == "html" and not page.lang:
            page.lang = (el.get("lang") or "")[:20]
        elif tag in _SWALLOWING_TAGS:
            swallowing.append(el)
    _rescue_swallowed(swallowing)


def _part_from_skipped(el: etree._Element) -> None:
    """Part the text after a skipped element (``_SKIP_TAGS``) from the text before it.

    A button, a field or an icon parts the words on either side of it, and
    skipping it would glue them ("of<button>...</button>of" is no "ofof").  A
    script or a template shows nothing, but sits between words, not inside one.
    Only a tail that starts with a word gets the space: none goes before a comma.
    An element without a tail gets one space as its tail: the word after it may
    follow its parent ("the<span><select>...</select></span>the" is no "thethe").
    """
    tail = el.tail
    if not tail:
        if not _space_before(el):  # a million empty <map>s in a row need one
            el.tail = " "
    elif tail[0].isalnum() and not _NOT_SETTABLE.search(tail):
        el.tail = " " + tail


#: What an excluded element becomes: an element the walk skips (``_SKIP_TAGS``),
#: parting the words on either side of it as any skipped element does.
_EXCLUDED = "template"


def _select(root: etree._Element, include: Sequence[str],
            exclude: Sequence[str]) -> set[etree._Element] | None:
    """Turn the elements ``exclude`` selects into skipped ones, and wrap each
    element ``include`` selects in a <div> of its own: the set of those
    wrappers, the containers whose blocks the walk keeps (None when no element
    but the root is included: the whole page is read).  A wrapper is a block
    element wherever it is, so an included <span> or <pre> is one too."""
    for el in selection.matching(root, exclude):
        if el is not root:
            el.tag = _EXCLUDED
    wrappers = set()
    for el in selection.matching(root, include):
        parent = el.getparent()
        if parent is None or parent.tag == "div" and parent in wrappers:
            continue  # the root (everything), or selected twice
        # The wrapper takes the element's place; its tail, the text after it, stays outside.
        wrapper = etree.Element("div")
        tail, el.tail = el.tail, None
        # lxml reads characters it refuses to write back ("\x0c"): those become spaces.
        wrapper.tail = _NOT_SETTABLE.sub(" ", tail) if tail else None
        el.addprevious(wrapper)
        wrapper.append(el)
        wrappers.add(wrapper)
    return wrappers or None


def _space_before(el: etree._Element) -> bool:
    """Whether the text just before ``el`` in its parent ends with white space."""
    before = el.getprevious()
    if before is not None:
        text = before.tail
    else:
        parent = el.getparent()
        text = parent.text if parent is not None else None
    return text is not None and text[-1:].isspace()


def _text_prefix(el: etree._Element, size: int) -> str:
    """The first ``size`` characters of the text of ``el``, without joining it all."""
    parts: list[str] = []
    left = size
    for text in el.itertext():
        parts.append(text[:left])
        left -= len(parts[-1])
        if left <= 0:
            break
    return "".join(parts)


#: Inline elements the walker must act on; every other inline element only
#: contributes its text.
_INLINE_ACTIONS = frozenset(("a", "br", "td", "th", "pre"))
#: Marks a <br> inside the text being gathered (NUL cannot occur in cleaned input).
_BREAK = "\x00"


class _HtmlWalker:
    """Accumulates inline text into the current block; block elements cut it."""

    def __init__(self, page: Page, limit: int | None = None,
                 included: set[etree._Element] | None = None) -> None:
        self.page = page
        self.limit = limit
        # With ``Settings.include``: the containers outside which no block is made.
        self.included = included
        self.parts: list[str] = []
        self.link_chars = 0
        self.pre_depth = 0
        # One entry per open block-level element: (tag, element, container id).
        self.open: list[tuple[str, etree._Element, int]] = []
        # What the open elements say about their blocks, outermost first, from
        # the root down to the innermost element a block has needed so far:
        # (context bits, ids of the open containers, signature).  A fifth of
        # the block elements never hold a block, and their attributes are never read.
        self.contexts: list[tuple[int, tuple[int, ...], str]] = [(0, (), "")]
        self.attribute_cache: dict[tuple[tuple[str, str], ...], tuple[int, str]] = {}

    def walk(self, root: etree._Element) -> None:
        # White space before a block's first text is stripped in the end (except
        # in <pre>), so it is not collected: most of a page's indentation would
        # otherwise make blocks of nothing to flush.
        parts = self.parts
        open_blocks, contexts, blocks = self.open, self.contexts, self.page.blocks
        limit = self.limit if self.limit is not None else math.inf
        link_depth = 0
        container_count = 1  # container ids: one per block element, in document order
        # Elements only: lxml skips comments and the like (their tails too) in C.
        walker = etree.iterwalk(root, events=("start", "end"), tag=etree.Element)
        for event, el in walker:
            tag = el.tag
            if event == "start":
                if tag in _BLOCK_TAGS:
                    if parts:
                        self._flush()
                    if len(blocks) >= limit:
                        return
                    open_blocks.append((tag, el, container_count))
                    container_count += 1
                elif tag in _INLINE_ACTIONS:
                    if tag == "a":
                        link_depth += 1
                    elif tag == "br":
                        parts.append(_BREAK)
                    elif tag == "pre":
                        self._flush()
                        if len(blocks) >= limit:  # a page of a million <pre>s
                            return
                        self.pre_depth += 1
                    else:
                        parts.append(" ")
                elif tag in _SKIP_TAGS:
                    walker.skip_subtree()  # its end comes next, for its tail
                    continue
                text = el.text
                if text and (parts or self.pre_depth or not text.isspace()):
                    parts.append(text)
                    if link_depth:
                        self.link_chars += len(text.strip())
            else:
                if tag in _BLOCK_TAGS:
                    if parts:
                        self._flush()
                    open_blocks.pop()
                    if len(contexts) > len(open_blocks) + 1:  # its context was worked out
                        contexts.pop()
                elif tag in _INLINE_ACTIONS:
                    if tag == "a":
                        link_depth = max(0, link_depth - 1)
                    elif tag == "pre":
                        self._flush()
                        if len(blocks) >= limit:
                            return
                        self.pre_depth = max(0, self.pre_depth - 1)
                    elif tag != "br":
                        parts.append(" ")
                elif tag in _SKIP_TAGS and not self.pre_depth:  # code keeps its spacing
                    _part_from_skipped(el)
                tail = el.tail
                if tail and (parts or self.pre_depth or not tail.isspace()):
                    parts.append(tail)
                    if link_depth:
                        self.link_chars += len(tail.strip())
        self._flush()

    def _innermost_context(self) -> tuple[int, tuple[int, ...], str]:
        """The context of the innermost open block element, worked out with
        those of its ancestors that no block has needed yet."""
        contexts = self.contexts
        for tag, el, number in self.open[len(contexts) - 1:]:
            contexts.append(self._child_context(contexts[-1], tag, el, number))
        return contexts[-1]

    def _child_context(self, parent: tuple[int, tuple[int, ...], str], tag: str, el: etree._Element,
                       number: int) -> tuple[int, tuple[int, ...], str]:
        context, containers, signature = parent
        if containers:
            self.page.tree.append((number, containers[-1]))
        context |= _TAG_FLAGS.get(tag, 0)
        label = ""
        # The root's classes record page state ("cookie-banner-visible",
        # "logged-out", "single-post"): they describe the page, not a region of it.
        items = el.items() if tag not in _ROOT_TAGS else None
        if items:
            # Pages repeat the same attributes on hundreds of elements ("row",
            # "menu-item"): what they say is worked out once per distinct list.
            items = tuple(items)
            cached = self.attribute_cache.get(items)
            if cached is None:
                cached = self.attribute_cache[items] = _attribute_context(dict(items))
            bits, label = cached
            context |= bits
        containers += (number,)
        signature = f"{signature}>{tag}.{label}"
        if len(containers) > MAX_CONTAINERS:  # seldom: no slicing on the way
            containers = containers[-MAX_CONTAINERS:]
        if len(signature) > MAX_SIGNATURE:
            signature = signature[-MAX_SIGNATURE:]
        return context, containers, signature

    def _flush(self) -> None:
        if not self.parts:
            return
        raw = "".join(self.parts)
        self.parts.clear()
        link_chars, self.link_chars = self.link_chars, 0
        if raw.isspace():
            return
        if self.included is not None and not any(el in self.included for _, el, _ in self.open):
            return
        if self.pre_depth:
            text = raw.replace(_BREAK, "\n").strip("\n")
        elif _BREAK not in raw:
            text = _collapse_spaces(raw)
        else:
            lines = _SPACES.sub(" ", raw).split(_BREAK)
            text = "\n".join(line.strip() for line in lines if not line.isspace() and line)
        if not has_word(text):
            return
        context, containers, signature = self._innermost_context()
        tag = "pre" if self.pre_depth else self.open[-1][0] if self.open else "root"
        if link_chars:  # most blocks hold no link: their characters need no counting
            if link_chars >= len(text) - text.count(" ") - text.count("\n") > 0:
                context |= IN_LINK
            link_chars = min(link_chars, len(text))
        self.page.blocks.append(Block(text, tag, context, link_chars, containers, signature))


def _attribute_context(attrib: dict[str, str]) -> tuple[int, str]:
    """The context bits an element's attributes set, and its signature label."""
    bits = 0
    if "hidden" in attrib or attrib.get("aria-hidden") == "true":
        bits |= HIDDEN
    style = attrib.get("style")
    if style and ("none" in style or "hidden" in style) and _HIDDEN_STYLE.search(style):
        bits |= HIDDEN
    itemprop = attrib.get("itemprop")
    if itemprop and "articlebody" in itemprop.lower():
        bits |= ARTICLE_BODY
    label = f"{attrib.get('class', '')} {attrib.get('id', '')} {attrib.get('role', '')}"
    # No vocabulary word holds a space: the label's words are looked up one
    # by one, and pages (and sites) reuse the same class names everywhere.
    for name in label.lower().split(" "):
        if name:
            bits |= _cached_class_context(name) if len(name) <= MAX_CACHED_NAME else _class_context(name)
    return bits, (attrib.get("class") or attrib.get("id") or "")[:40]


#: Class names (and ids, roles) up to this long are remembered across pages:
#: sites reuse theirs everywhere.  Longer ones are not, so that a hostile
#: page's megabyte-long class name does not stay in memory after it.
MAX_CACHED_NAME = 100


def _class_context(name: str) -> int:
    """The context bits one lowercased class name (or id, or role) sets.

    One pattern finds the vocabulary words wherever they start, instead of one
    search per bit.  The whole-word patterns start with "\\b", which the regex
    engine tests at every position: a substring test first skips them for most names.
    """
    bits = BODY_CLASS if name in _BODY_CLASSES else 0
    found = _CLASS_WORD.search(name)
    while found is not None:
        bits |= _CLASS_WORD_BITS[found.group()]
        found = _CLASS_WORD.search(name, found.start() + 1)
    if "ad" in name and _NEG_WHOLE_WORDS.search(name):
        bits |= NEG_CLASS
    if "post" in name and _POST_WHOLE_WORDS.search(name):
        bits |= POST_CLASS
    return bits


_cached_class_context = lru_cache(maxsize=1 << 16)(_class_context)


# --- Plain text ---------------------------------------------------------------

#: The cased letters glue is seen between: Latin-1's, and the Greek and Cyrillic
#: alphabets' ("НовостиМодаКрасота" is a glued menu as "NewsFashionBeauty" is).
_WIDE_LOWER = "\u03ac-\u03ce\u0430-\u045f"
_WIDE_UPPER = "\u0386-\u03a9\u0400-\u042f"
_LOWER = f"a-z\u00e0-\u00ff{_WIDE_LOWER}"
_UPPER = f"A-Z\u00c0-\u00de{_WIDE_UPPER}"
#: A sentence end glued to the next sentence: "than done.At Scratch".  The letter
#: before the stop must be lower case so that "U.S.A" and "e.g." stay whole.
_GLUED_SENTENCE = re.compile(rf"(?<=[{_LOWER}0-9][.!?])(?=[{_UPPER}][{_LOWER}])")
#: A lower-case letter glued to a capital: "HomeOpinionsBusiness", "SubscribeSign In".
_GLUED_WORD = re.compile(rf"(?<=[{_LOWER}0-9)])(?=[{_UPPER}])")
#: A join either pattern cuts, for the pages the Latin-1 class letters cannot
#: read (``_maybe_glued_lines``).
_GLUE_JOIN = re.compile(rf"[{_LOWER}0-9)][.!?]?[{_UPPER}]")
#: All but the UTF-8 lead bytes of U+0380-U+047F, which tell that a page holds
#: Greek or Cyrillic letters ...
_NOT_WIDE_LEAD_BYTES = bytes(sorted(set(range(256)) - set(range(0xce, 0xd2))))
#: ... asked only of a page with at least this share of characters beyond Latin-1.
WIDE_MIN_SHARE = 0.05
#: How a link without a scheme starts: "amzn.to/".  Matched at the start of a
#: token only: searched for, a pattern with a free start goes quadratic on a
#: long token.
_HOST_PATH = re.compile(r"[\w-]+(?:\.[\w-]+)+/")
_TOKEN_SPAN = re.compile(r"\S+")
#: A run of blanks inside a naive dump's line: the source's indentation between
#: two elements whose newline the page was minified without.  Prose never has
#: one; WET and browser text collapse blanks, except in code.
_INDENT_GAP = re.compile(r"[ \t]{3,}")
_BULLET_CHARS = "*\u2022+-\u25cf\u25aa\u2013"
_BULLET = re.compile(rf"^\s*(?:[{re.escape(_BULLET_CHARS)}]|\d{{1,3}}[.)])\s+")


def _glue_classes() -> bytes:
    """A bytes.translate table from Latin-1 to the characters a glue join is made
    of: "l" lower-case letter, digit or ")"; "." sentence stop; "U" capital; " " other."""
    table = bytearray(b" " * 256)
    for chars, cls in (("abcdefghijklmnopqrstuvwxyz0123456789)", "l"), (".!?", "."),
                       ("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "U")):
        for char in chars:
            table[ord(char)] = ord(cls)
    table[0xe0:0x100] = b"l" * 0x20
    table[0xc0:0xdf] = b"U" * 0x1f
    return bytes(table)


_GLUE_CLASSES = _glue_classes()
#: Menus glued from links have one capital-after-lower join per item; prose has
#: almost none (iPhone, McDonald).  From this many joins per word on, the line is
#: cut at every join.
_GLUE_DENSITY = 0.25


def text_page(text: str, limit: int | None = None) -> Page:
    """Cut page text into lines, and glued lines into the pieces they were made of.

    Blank lines split the page into groups, the text counterpart of HTML
    containers: a browser or scraper puts them around paragraphs and sections.
    With ``limit``, stop once the page has that many blocks.
    """
    blocks: list[Block] = []
    blank_before = True
    group = 0
    containers = (group,)  # shared by the blocks of a group
    glued, wide = _maybe_glued_lines(text)
    for number, raw in enumerate(text.splitlines()):
        if limit is not None and len(blocks) >= limit:
            break
        line = raw.strip()
        if not line:
            if not blank_before:
                group += 1
                containers = (group,)
            blank_before = True
            continue
        bullet = (line[0] in _BULLET_CHARS or line[0].isdecimal()) and bool(_BULLET.match(raw))
        parts: Iterable[str] = _INDENT_GAP.split(line) if "   " in line or "\t" in line else [line]
        if number in glued:
            parts = (piece for part in parts for piece in _unglue(part, wide))
        pieces = filter(has_word, parts)
        # One glued line may hold millions of pieces: none past the limit.
        for piece in pieces if limit is None else islice(pieces, limit - len(blocks)):
            # Positional arguments: half the cost of keywords, on every line of a page.
            blocks.append(Block(piece, "line", 0, 0, containers, "", blank_before, bullet))
            blank_before = False
    return Page(blocks, "text")


def _maybe_glued_lines(text: str) -> tuple[set[int], bool]:
    """The numbers of the lines of ``text`` (as ``str.splitlines`` cuts them) that
    may hold a glue join: a lower-case letter, digit or ")", maybe a sentence stop,
    then a capital.  Other lines are left whole without running the patterns.
    And whether the page is ``wide``: written in Greek or Cyrillic.

    The page is mapped to one class letter per character (characters beyond
    Latin-1 become "?", a stop: a false alarm at worst), so that ``bytes.find``
    does what two regex searches per line would.  A wide page, which the class
    letters cannot read, is searched with the pattern instead.
    """
    ends = list(accumulate(map(len, text.splitlines(keepends=True))))
    latin1 = text.encode("latin-1", "replace")
    beyond_latin1 = latin1.count(b"?") - text.count("?")
    # Quotes and dashes put a few characters beyond Latin-1 on most pages: only
    # a page with many is asked for its alphabet.
    if beyond_latin1 > WIDE_MIN_SHARE * len(text) and bool(
            text.encode("utf-8", "surrogatepass").translate(None, _NOT_WIDE_LEAD_BYTES)):
        return {bisect_right(ends, match.start()) for match in _GLUE_JOIN.finditer(text)}, True
    classes = latin1.translate(_GLUE_CLASSES)
    lines = set()
    for join in (b"lU", b"l.U"):
        at = classes.find(join)
        while at >= 0:
            line = bisect_right(ends, at)
            lines.add(line)
            at = classes.find(join, ends[line])  # the rest of this line need not be searched
    return lines, False


def _glue_classes_of(text: str) -> bytes:
    """``text`` as one ``_GLUE_CLASSES`` letter per character."""
    return text.encode("latin-1", "replace").translate(_GLUE_CLASSES)


def _unglue(line: str, wide: bool = False) -> Iterator[str]:
    """Split a line where a scraper dropped the boundary between two elements.

    The class letters stand in for the patterns where they can: a sentence join
    needs "l.U" among them, and the word joins of a piece are exactly its "lU"
    pairs (both patterns' character classes are the letters' Latin-1 sets).
    On a ``wide`` page (Greek, Cyrillic), which they cannot read, the patterns run.
    """
    classes = b"" if wide else _glue_classes_of(line)
    pieces = _GLUED_SENTENCE.split(line) if wide or b"l.U" in classes else [line]
    for piece in pieces:
        needed = max(2.0, _GLUE_DENSITY * (piece.count(" ") + 1))
        # The class count is an upper bound (links' joins are not cuts): most
        # lines fail on it and need no regex.
        if wide or (classes if len(pieces) == 1 else _glue_classes_of(piece)).count(b"lU") >= needed:
            cuts = _word_joins(piece)
        else:
            cuts = []
        # Lazily: ``text_page`` stops at its limit of blocks, and a hostile line
        # may glue millions of pieces.
        for cut in ((piece[start:end] for start, end in zip([0, *cuts], [*cuts, len(piece)]))
                    if len(cuts) >= needed else (piece,)):
            stripped = cut.strip()
            if stripped:
                yield stripped


def _word_joins(piece: str) -> list[int]:
    """Where ``piece`` has a lower-case letter glued to a capital, outside links:
    short links mix cases at random ("amzn.to/2hWxAKk"), which is no glue."""
    joins = [match.start() for match in _GLUED_WORD.finditer(piece)]
    if "/" not in piece:
        return joins
    links = [token.span() for token in _TOKEN_SPAN.finditer(piece) if _is_link(token.group())]
    starts = [start for start, _ in links]
    # Links are disjoint tokens: a join can only fall in the last one starting before it.
    return [at for at in joins if (i := bisect_left(starts, at) - 1) < 0 or at >= links[i][1]]


def _is_link(token: str) -> bool:
    return "/" in token and ("://" in token or _HOST_PATH.match(token) is not None)
