"""What kind of page it is: article, forum, product, collection, listing,
documentation or service (WCXB's seven types).

A corpus builder keeps the articles and threads and sets the shops aside; a RAG
pipeline chunks documentation otherwise than news.  The type is read from what
the extraction already knows of the page: its structured data (a Product, a
DiscussionForumPosting), its <meta> tags, and the shape of what was kept (long
prose, posts, repeated cards, code, prices).  One small boosted forest per type,
trained by ``bench/train_page_type.py`` with pages grouped by domain, decides.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from functools import lru_cache
from importlib import resources
from math import log1p

from .blocks import COMMENT_CLASS, IN_ARTICLE, IN_TABLE, POST_CLASS, Block, Page
from .classify import Scorer, compile_forest
from .features import HEADING_LEVELS
from .metadata import node_types

PAGE_TYPES = ("article", "forum", "product", "collection", "listing", "documentation", "service")

#: JSON-LD types, by the feature they set.
_LD_TYPES = {
    "ld_article": re.compile(r"Article$|^BlogPosting$|^Report$"),
    "ld_forum": re.compile(r"^(?:DiscussionForumPosting|QAPage|Question|Answer|SocialMediaPosting)$"),
    "ld_product": re.compile(r"^(?:Product|ProductGroup|Offer|AggregateOffer|Vehicle|Car)$"),
    "ld_list": re.compile(r"^(?:ItemList|CollectionPage|SearchResultsPage|OfferCatalog)$"),
    "ld_service": re.compile(r"^(?:Organization|Corporation|LocalBusiness|Service|ProfessionalService|"
                             r"FAQPage|SoftwareApplication|WebApplication)$"),
    "ld_docs": re.compile(r"^(?:TechArticle|APIReference|SoftwareSourceCode|HowTo)$"),
}
#: Words and phrases each type's pages show around or in their content (English
#: only: the markup features carry the other languages), counted over the page.
_CUES = {
    "cue_forum": "reply replies posted joined posts thread member members quote upvote reputation",
    "cue_product": "add_to_cart add_to_bag add_to_basket in_stock out_of_stock sku buy_now quantity "
                   "free_shipping free_delivery review reviews specifications",
    "cue_list": "sort_by filter filters results showing load_more view_all per_page next_page items",
    "cue_docs": "installation install api parameter parameters returns usage example version "
                "edit_this_page on_this_page deprecated syntax",
    "cue_service": "contact_us get_started request_a_demo book_a pricing our_services get_a_quote "
                   "free_consultation testimonials our_team call_us schedule",
    "cue_article": "min_read published updated share_this related_articles comment comments editor "
                   "written_by",
}
#: Per cue, its words (looked up among the page's words) and its phrases
#: (searched in the page's text: fast in C, and specific enough without word bounds).
_CUE_WORDS = {name: frozenset(w.encode() for w in cues.split() if "_" not in w) for name, cues in _CUES.items()}
_CUE_PHRASES = {name: tuple(w.replace("_", " ") for w in cues.split() if "_" in w) for name, cues in _CUES.items()}
#: ASCII punctuation to spaces, in the UTF-8 bytes of the text: its words are
#: then what splitting leaves (in C; str.translate and a regex are much slower).
_PUNCTUATION_TO_SPACE = bytes.maketrans(b"!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", b" " * 32)
#: Characters of the page's text the cues are counted in: most pages have fewer.
CUE_CHARS = 100_000
#: Currency signs, whose count tells a page of prices, and characters of code;
#: counted with str.count and bytes.translate, at C speed.
_CURRENCIES = "$€£¥₹"
_NOT_CODE_BYTES = bytes(set(range(256)) - set(b"{};=<>()[]_"))
#: A year or a time of day (no word bounds: a pattern that starts with a
#: character class is searched for much faster).
_DATE_LIKE = re.compile(r"(?:19|20)\d\d|\d:\d\d")
_QUESTION = re.compile(r"\?\s*$")

FEATURES = (
    *_LD_TYPES, *_CUES, "og_article", "og_product", "og_website", "meta_date", "meta_author",
    "log_blocks", "log_words", "log_kept_words", "kept_share", "kept_blocks_share",
    "kept_mean_words", "kept_max_share", "kept_li", "kept_headings", "kept_pre", "kept_table",
    "kept_post", "kept_comment", "kept_article", "kept_link", "kept_repeats", "kept_prices",
    "prices", "kept_code", "kept_dates", "kept_questions", "title_question", "title_words",
)


@lru_cache(maxsize=1)
def _forests() -> dict[str, dict[str, Scorer]]:
    """Per input kind, each type's forest, read and compiled once."""
    raw = json.loads(resources.files("dechaff").joinpath("data/page_type.json").read_text("utf-8"))
    return {kind: {name: compile_forest(forests[name], FEATURES) for name in PAGE_TYPES}
            for kind, forests in raw["kinds"].items()}


def page_type(page: Page, nodes: list[dict], title: str) -> str:
    """The type whose forest scores the page highest; "" for a page without
    blocks.  ``nodes`` are the page's ``metadata.json_ld_nodes``, ``title`` the
    title found for it."""
    if not page.blocks:
        return ""
    columns = {name: [value] for name, value in page_type_features(page, nodes, title).items()}
    forests = _forests()[page.kind]
    return max(PAGE_TYPES, key=lambda name: forests[name](columns)[0])


def page_type_features(page: Page, nodes: list[dict], title: str) -> dict[str, float]:
    """The page-level features ``FEATURES`` of a classified page."""
    row = dict.fromkeys(FEATURES, 0.0)
    for node in nodes:
        for kind in node_types(node):
            for name, pattern in _LD_TYPES.items():
                if pattern.search(kind):
                    row[name] = 1.0
    og_type = page.meta.get("og:type", "").lower()
    row["og_article"] = float("article" in og_type)
    row["og_product"] = float("product" in og_type)
    row["og_website"] = float(og_type == "website")
    row["meta_date"] = float(any(name in page.meta for name in ("article:published_time", "datepublished")))
    row["meta_author"] = float("author" in page.meta)

    blocks = page.blocks
    text = "\n".join(block.text for block in blocks)[:CUE_CHARS].lower()  # blocks' spaces are single
    words = Counter(text.encode("utf-8", "replace").translate(_PUNCTUATION_TO_SPACE).split())
    for name in _CUES:
        found = sum(words[word] for word in _CUE_WORDS[name])
        row[name] = log1p(found + sum(text.count(phrase) for phrase in _CUE_PHRASES[name]))
    # Words by their separators: block texts have single spaces (and newlines, in code).
    lengths = [block.text.count(" ") + block.text.count("\n") + 1 for block in blocks]
    kept = [(block, n) for block, n in zip(blocks, lengths) if block.keep]
    kept_words = sum(n for _, n in kept)
    total = sum(lengths)
    row["log_blocks"] = log1p(len(blocks))
    row["log_words"] = log1p(total)
    row["log_kept_words"] = log1p(kept_words)
    row["kept_share"] = kept_words / total if total else 0.0
    row["kept_blocks_share"] = len(kept) / len(blocks) if blocks else 0.0
    row["prices"] = _price_share(text)
    row["title_question"] = float(bool(_QUESTION.search(title)))
    row["title_words"] = float(len(title.split()))
    if not kept:
        return row
    row["kept_mean_words"] = kept_words / len(kept)
    row["kept_max_share"] = max(n for _, n in kept) / (kept_words or 1)

    def share(test) -> float:
        return sum(n for block, n in kept if test(block)) / (kept_words or 1)

    row["kept_li"] = share(lambda b: b.tag == "li")
    row["kept_headings"] = sum(1 for b, _ in kept if b.tag in HEADING_LEVELS) / len(kept)
    row["kept_pre"] = share(lambda b: b.tag == "pre")
    row["kept_table"] = share(lambda b: b.context & IN_TABLE or b.tag == "tr")
    row["kept_post"] = share(lambda b: b.context & POST_CLASS)
    row["kept_comment"] = share(lambda b: b.context & COMMENT_CLASS)
    row["kept_article"] = share(lambda b: b.context & IN_ARTICLE)
    kept_chars = sum(len(b.text) for b, _ in kept) or 1
    row["kept_link"] = sum(b.link_chars for b, _ in kept) / kept_chars
    row["kept_repeats"] = _repeated_share(kept)
    kept_text = "\n".join(b.text for b, _ in kept)
    row["kept_prices"] = _price_share(kept_text)
    row["kept_code"] = len(kept_text.encode("utf-8", "replace").translate(None, _NOT_CODE_BYTES)) / kept_chars
    row["kept_dates"] = sum(1 for b, _ in kept if _DATE_LIKE.search(b.text)) / len(kept)
    row["kept_questions"] = sum(1 for b, _ in kept if _QUESTION.search(b.text)) / len(kept)
    return row


def _price_share(text: str) -> float:
    """Currency signs in ``text``, up to 50, as a share of 50."""
    return min(sum(map(text.count, _CURRENCIES)), 50) / 50


def _repeated_share(kept: list[tuple[Block, int]]) -> float:
    """Share of the kept blocks whose signature (the same card or row markup)
    at least three kept blocks share: the mark of listings and collections."""
    counts = Counter(block.signature for block, _ in kept)
    return sum(1 for block, _ in kept if counts[block.signature] >= 3) / len(kept)
