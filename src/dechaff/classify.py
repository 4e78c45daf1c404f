"""Stage 3: deciding, block by block, what is content.

A small forest of boosted decision trees turns each block's features into a
content probability.  A second forest then rescores each block from that first
opinion of its surroundings -- its neighbours, its containers, the page's most
confident run -- because content comes in runs and in containers: a short line
between two paragraphs of an article is usually part of it, and one wordy line
in a footer usually is not.  Trees rather than a weighted sum because the
evidence interacts: a run of short linked headlines is the content of a listing
page and the boilerplate of an article page.  A two-state Viterbi pass
can smooth the keep/drop sequence (``model.json``'s switch cost; the shipped
one is 0: with the context forest reading the neighbours, smoothing gained
nothing out of fold).  Last, what an HTML page's markup says outright
(repeated structures, a thread's posts, their metadata and the short lines
repeated around them, a marked article body, forum signatures, customer
reviews and the sections headed as such, the sections headed as the shop's
(other products, shipping and returns), disclaimers, cookie and consent
dialogs, footers, a form's hidden panels, button labels, the code blocks of a
page of code) overrules the model; on a text page the header line of an
article's comments ends it, as do a copyright notice and a share bar, and the
runs of headlines around its article go (under a short article the model is
unsure of, those that score under its paragraphs), as do its lists of dated
teaser cards, and on a shop's product page what is kept below a description
that reads as an article and from the heading of the customers' reviews on;
and on
either a "Related: <headline>" line set in an article's text goes, a "Related
articles" line starts a box of teasers to drop, and the calls to subscribe or
follow that close an article go, as do lists of counted labels, a shop's
filters and a blog's archive ("Bell (5)", "December (111)"), and the lines
that label an advertisement ("Advertisement", "Sponsored") or are a button's
("Read more", "Add to cart") or a page's chrome: a cookie banner's, a
form's message, a Q&A site's sort menu (``follow_rules``).

The trees are learnt from the development data by ``bench/train.py`` and ship
as ``data/model.json``; running them needs nothing but comparisons.
"""

from __future__ import annotations

import json
import math
import re
from bisect import bisect_right
from collections.abc import Callable, Iterator
from typing import Any
from functools import lru_cache, reduce
from importlib import resources
from itertools import accumulate
from operator import attrgetter, mul, or_

from .blocks import (
    ARTICLE_BODY,
    BODY_CLASS,
    COMMENT_CLASS,
    CONSENT_CLASS,
    DISCLAIMER_CLASS,
    HIDDEN,
    IN_ARTICLE,
    IN_ASIDE,
    IN_FOOTER,
    IN_FORM,
    IN_LINK,
    IN_MAIN,
    IN_NAV,
    IN_QUOTE,
    POST_CLASS,
    REVIEW_CLASS,
    SIGNATURE_CLASS,
    Block,
    Page,
)
from .features import (
    CONTEXT,
    FEATURES,
    HEADING_LEVELS,
    HEADLINE,
    SOCIAL_NETWORKS,
    TITLE,
    Columns,
    context_features,
    headline_features,
    is_dateline,
    is_promotion,
    page_features,
    title_features,
    word_counts,
)
from .settings import Settings


class Scorer:
    """Content probabilities of a page's blocks from their feature columns."""

    __slots__ = ("features", "_margins")

    def __init__(self, margins: Callable[[list[list[float]]], list[float]],
                 features: tuple[str, ...]) -> None:
        #: The columns the scorer reads, in the order ``margins`` takes them.
        self.features = features
        self._margins = margins

    def __call__(self, columns: Columns) -> list[float]:
        margins = self._margins([columns[name] for name in self.features])
        # The logistic function, written out: a call per block costs more than the
        # arithmetic.  exp(-x) for x >= 0 and exp(x) below never overflow.
        exp = math.exp
        return [1.0 / (1.0 + exp(-x)) if x >= 0 else exp(x) / (1.0 + exp(x)) for x in margins]


@lru_cache(maxsize=1)
def model() -> dict[str, dict]:
    """The shipped model, read once: per input kind, its two forests compiled and its
    decoding, and the forest that ranks title candidates (``headline`` for text
    lines, ``title`` for an HTML page's title sources)."""
    raw = json.loads(resources.files("dechaff").joinpath("data/model.json").read_text("utf-8"))
    compiled = {}
    for kind, spec in raw["kinds"].items():
        compiled[kind] = {
            "first": compile_forest(spec["first"], FEATURES[kind]),
            "context": compile_forest(spec["context"], CONTEXT),
            "switch_cost": float(spec.get("switch_cost", 0.0)),
            "threshold": float(spec.get("threshold", 0.5)),
            "adaptive": bool(spec.get("adaptive", False)),
            "min_peak": float(spec.get("min_peak", 0.0)),
            "peak_share": float(spec.get("peak_share", 0.0)),
            "lexicon": {word: float(w) for word, w in spec.get("lexicon", {}).items()},
            "headline": compile_forest(spec["headline"], HEADLINE) if "headline" in spec else None,
            "title": compile_forest(spec["title"], TITLE) if "title" in spec else None,
        }
    return compiled


def classify(page: Page, settings: Settings) -> None:
    """Score every block of the page and set its keep decision."""
    if not page.blocks:
        return
    spec = model()[page.kind]
    first = spec["first"](page_features(page, spec["lexicon"], spec["first"].features))
    counts = word_counts(page)
    scores = spec["context"](context_features(page, first, counts))
    for block, score in zip(page.blocks, scores):
        block.score = score
    if settings.threshold is not None:  # a cut the user set is taken as it is
        threshold = settings.threshold
    elif max(scores) < spec["min_peak"]:
        if settings.explain:
            give_reason(page.blocks, NO_CONTENT)
        return  # nothing on the page looks like content: an empty result, not its best menu
    elif spec["adaptive"]:
        weights = block_weights(counts)
        threshold = max(best_f1_threshold(scores, weights, spec["threshold"]),
                        core_floor(scores, weights, spec["peak_share"]))
    else:
        threshold = spec["threshold"]
    keep = smooth(scores, threshold, spec["switch_cost"])
    for block, decision in zip(page.blocks, keep):
        block.keep = decision
    if settings.explain:
        give_reason(page.blocks, MODEL if settings.threshold is None else THRESHOLD)
    run = explaining(page) if settings.explain else run_rule
    if settings.threshold is None:  # a cut the user set is taken as it is
        follow_rules(page, counts, settings.include_comments, run)
    if settings.include_comments:
        run(keep_comments, page)


#: Why a block is kept or dropped (``Block.reason``, with ``Settings.explain``),
#: unless a rule after the model decided it, named by its function:
#: "cut_related_sections", "drop_footers"...
MODEL = "model"  # its score against the cut the model adapted to the page
THRESHOLD = "threshold"  # its score against the cut the user set
NO_CONTENT = "no content"  # no block of the page scores the model's minimum peak


def give_reason(blocks: list[Block], reason: str) -> None:
    for block in blocks:
        block.reason = reason


#: How ``follow_rules`` calls each rule: ``run(rule, *arguments)``, which
#: returns what the rule returns.
RuleRunner = Callable[..., Any]


def run_rule(rule: Callable[..., Any], *arguments: object) -> Any:
    return rule(*arguments)


def explaining(page: Page) -> RuleRunner:
    """A rule runner that names, in ``Block.reason``, the rule that changed a
    block's decision (the last one, if several did)."""
    def run(rule: Callable[..., Any], *arguments: object) -> Any:
        before = [block.keep for block in page.blocks]
        result = rule(*arguments)
        for block, kept in zip(page.blocks, before):
            if block.keep != kept:
                block.reason = rule.__name__
        return result
    return run


def follow_rules(page: Page, counts: list[int], include_comments: bool = False,
                 run: RuleRunner = run_rule) -> None:
    """The rules after the model, in order, on a page whose blocks have their
    scores and keep decisions (``bench/train.py`` applies them as they are
    here); ``counts`` are the blocks' ``word_counts``.  Each rule is called
    through ``run`` (``explaining`` names the rule that changed a decision)."""
    if page.kind == "html":
        follow_markup(page, counts, run)
    elif not include_comments:
        run(cut_comment_section, page, counts)
        run(cut_signed_comments, page, counts)
    run(drop_teaser_links, page, counts)
    run(cut_related_sections, page, counts)
    if page.kind == "text":
        run(cut_after_copyright, page, counts)
        run(cut_at_share_bar, page, counts)
        run(drop_headline_runs, page, counts)
        run(drop_dated_teaser_cards, page, counts)
    run(drop_closing_appeals, page, counts)
    if page.kind == "text":
        run(drop_teaser_runs_under_short_article, page, counts)
        run(cut_below_product_description, page, counts)
    run(cut_at_customer_reviews, page, counts)
    run(drop_count_lists, page, counts)
    run(drop_ad_labels, page)
    run(drop_chrome_lines, page)
    if page.kind == "text":
        run(drop_button_labels, page)


def best_headline(page: Page, candidates: list[int], first_kept: int) -> int | None:
    """The candidate (``features.headline_candidates``) most likely to be the page's
    headline by the model's headline forest; None without candidates or forest.

    The forest predicts how many of a candidate's words the true headline shares
    (its word F1 with it; the scorer's sigmoid keeps the order): the best-ranked
    line, however low, since a page always has a title.
    """
    scorer = model()[page.kind]["headline"]
    if scorer is None or not candidates:
        return None
    return candidates[_top(scorer(headline_features(page.blocks, candidates, first_kept)))]


def best_title(page: Page, candidates: list[tuple[str, str, int]], first_kept: int) -> str | None:
    """The candidate text (``assemble.title_candidates``) the model's title forest
    ranks first for an HTML page; None without candidates or forest.  Like
    ``best_headline``, the forest predicts each candidate's word F1 with the title."""
    scorer = model()[page.kind]["title"]
    if scorer is None or not candidates:
        return None
    return candidates[_top(scorer(title_features(candidates, page, first_kept)))][0]


def _top(scores: list[float]) -> int:
    """The index of the best score (the first, on ties)."""
    return max(range(len(scores)), key=scores.__getitem__)


#: The marks of an article's body: schema.org's, or a publishing system's class.
_BODY_MARKS = ARTICLE_BODY | BODY_CLASS


def follow_markup(page: Page, counts: list[int], run: RuleRunner = run_rule) -> None:
    """Where the page's markup says outright what a block is, that overrules the
    model's keep decision: the model weighs such hints among many and keeps
    middling blocks on pages whose markup leaves no doubt.  First, the blocks
    the markup shows to be of one repeated structure get the decision of most of
    it.  ``counts`` are the blocks' ``word_counts``; ``run`` calls each rule
    (``follow_rules``)."""
    run(keep_whole_structures, page, counts)
    marks = reduce(or_, map(attrgetter("context"), page.blocks), 0)  # in C: most pages have none
    if marks & _THREAD_MARKS:
        run(keep_whole_threads, page, counts)
        run(drop_post_metadata, page)
        run(drop_post_chrome, page, counts)
    if marks & _BODY_MARKS:
        run(keep_only_article_body, page, counts)
        run(drop_unsure_extras, page)
    if marks & SIGNATURE_CLASS:
        run(drop_signatures, page)
    if marks & REVIEW_CLASS:
        run(drop_customer_reviews, page, counts)
    run(drop_review_sections, page, counts)
    run(drop_shop_sections, page, counts)
    if marks & DISCLAIMER_CLASS:
        run(drop_disclaimers, page)
    if marks & CONSENT_CLASS:
        run(drop_consent_dialogs, page)
    if marks & IN_FOOTER:
        run(drop_footers, page)
    if marks & _HIDDEN_IN_FORM == _HIDDEN_IN_FORM:
        run(drop_hidden_form_panels, page)
    run(drop_button_labels, page)
    run(keep_code_blocks, page)


#: Blocks of one repeated structure (the same signature: ancestor tags and
#: classes) are one kind of thing, the cards of a listing, the posts of a thread,
#: the rows of a spec table: when the model keeps most of the words of a structure
#: repeated at least this often, the rest of it is kept too ...
STRUCTURE_MIN_BLOCKS = 3
#: ... "most" being this share of its words (block weights, as the F1 cut counts them).
STRUCTURE_KEEP_SHARE = 0.5
#: On a page without a confident core (``has_core``: no article body, no thread
#: of posts) the repeated structures are what the page is made of, the cards of
#: a product grid or a listing, and the model scores them all alike, around the
#: page's cut: one kept in ten says the structure is content.  Measured on the
#: out-of-fold scores, shares of 0.05 to 0.15 all gained (collection +0.012 to
#: +0.014), 0.25 +0.009; without the core condition Scrapinghub lost 0.005 (a
#: teaser list under an article).
GRID_KEEP_SHARE = 0.1
#: ... but not for what repeats on such a page without being its grid, which
#: still needs a majority: menus, footers, sidebars, forms, consent dialogs,
#: signatures and reader comments ...
_NOT_GRID = IN_NAV | IN_FOOTER | IN_ASIDE | IN_FORM | CONSENT_CLASS | SIGNATURE_CLASS | COMMENT_CLASS
#: ... and lists of short whole links, under this average block weight
#: (``block_weights``: five words): a sidebar of categories whose first few the
#: cut kept, as it kept a few of the facet filters and of a forum user's
#: profile lines.  A grid's linked product titles are longer ("Canon RF 7-14mm
#: f/2.8-3.5 L Fisheye STM Lens").  Out-of-fold (bench/oof.py), against no
#: linked structure in a grid: collection +0.0020, listing +0.0002, forum
#: -0.0003, other groups unchanged; 6 pages up (+0.24 summed), 2 down (-0.06).
#: Four words scored alike (one more forum page down); two lost service and
#: article pages' link lists (-0.0002 each); six kept fewer product titles
#: (collection +0.0013).
GRID_LINK_MIN_WEIGHT = 6


def keep_whole_structures(page: Page, counts: list[int]) -> None:
    """Keep every block of a repeated HTML structure of which the model kept
    most; ``counts`` are the blocks' ``word_counts``.

    The model decides block by block, and in a grid of product cards or a list
    of posts it drops the odd card that reads weaker than its siblings: a short
    title, a price alone.  In domain-grouped cross-validation this lifted WCXB
    0.8682 -> 0.8696 (collection +0.006, forum +0.004, listing +0.003, product
    and service +0.002), Scrapinghub 0.9494 -> 0.9492; 525 of 1,678 pages
    moved, the worst by -0.067.  Shares of 0.5 to 0.8 and minimum sizes of 2 to
    5 all gained.  (Dropping the rest of a structure the model mostly dropped
    cost forum threads whose first post differs from the replies.)

    On a page without a confident core, one kept block in ten (by weight,
    ``GRID_KEEP_SHARE``) is enough outside the page's chrome and its link lists:
    a grid's cards score around the cut, and the model keeps a third of the
    titles, prices and spec lines of some.  Out-of-fold (bench/oof.py):
    collection 0.6718 -> 0.6843, listing +0.0013, service +0.0010, article
    +0.0008, product +0.0005, documentation 0.0000, forum -0.0008, Scrapinghub
    unchanged; 32 pages up, 16 down (the worst by -0.13, a job board whose gold
    leaves out each card's tags).  Without the exemption of reader comments and
    whole links, collection gained 0.017, but the in-sample Scrapinghub score
    lost a sidebar of 37 category links of which the cut kept the first five.
    """
    if page.kind != "html":  # a text page's lines have no signature
        return
    weights = block_weights(counts)
    totals = structure_totals(page.blocks, [block.signature for block in page.blocks], weights)
    grid = not has_core([block.score for block in page.blocks], weights)
    for block in page.blocks:
        if not block.keep:
            blocks, weight, kept = totals[block.signature]
            share = GRID_KEEP_SHARE if grid and is_grid_card(block, blocks, weight) else STRUCTURE_KEEP_SHARE
            if blocks >= STRUCTURE_MIN_BLOCKS and kept >= share * weight:
                block.keep = True


def structure_totals(blocks: list[Block], keys: list[str], weights: list[int]) -> dict[str, list[int]]:
    """[blocks, weight, kept weight] of each structure, the blocks of one
    structure being those of one key (``keys``: one per block)."""
    totals: dict[str, list[int]] = {}
    for block, key, weight in zip(blocks, keys, weights):
        total = totals.get(key)
        if total is None:
            total = totals[key] = [0, 0, 0]
        total[0] += 1
        total[1] += weight
        if block.keep:
            total[2] += weight
    return totals


def is_grid_card(block: Block, blocks: int, weight: int) -> bool:
    """Whether ``block``, of a structure of ``blocks`` blocks weighing ``weight``,
    may be a card of a page's grid: not the page's chrome (``_NOT_GRID``), and
    if a whole link, one of long links (``GRID_LINK_MIN_WEIGHT``)."""
    context = block.context
    return not context & _NOT_GRID and (not context & IN_LINK or weight >= GRID_LINK_MIN_WEIGHT * blocks)


#: A thread's posts are one structure by the innermost steps of their
#: signature, this many: the post body's element and the block's own tag
#: ("div.Message userContent>p.").  The wrappers above differ between the first
#: post and the replies ("div.Discussion" and "div.Comment", an "op" class), so
#: the whole signature splits a thread in two.  Out-of-fold (bench/oof.py), two
#: steps gained forum +0.0053, three +0.0040; one step (the tag alone) lost
#: article -0.0025 and product -0.0051.
POST_STRUCTURE_STEPS = 2
#: When the model kept this share of such a structure's words (block weights),
#: the rest of it is kept: the replies under a long first post score 0.3 and
#: fall under the cut the first post sets.  Out-of-fold, shares of 0.2 and 0.3
#: scored alike (forum +0.0057 / +0.0053), 0.4 +0.0006, 0.5 +0.0028.
POST_KEEP_SHARE = 0.3
#: ... if its blocks weigh this much on average (``block_weights``: four words
#: and more): the paragraphs of posts, not the "Joined" / "Dec 23, 2009" lines
#: of the author boxes beside them, which forum markup also classes as posts.
#: Out-of-fold, means of 3, 5 and 8 scored alike (forum +0.0062 / +0.0065 /
#: +0.0064), where no minimum kept a forum's author boxes (forum +0.0053).
POST_MIN_WEIGHT = 5
#: The markup of a thread's posts: forum posts and answers, and the comments
#: that are the posts of a link aggregator's or a news site's discussion page.
#: Out-of-fold, the comments gained forum +0.0048 (3 threads up, none down): an
#: article's comments are seldom kept 30% by the model.
_THREAD_MARKS = POST_CLASS | COMMENT_CLASS
#: What is in a post without being its text: the author's signature, and
#: whole links (a "quote" or "share" button, a link to the post).
_NOT_POST_TEXT = SIGNATURE_CLASS | IN_LINK


def keep_whole_threads(page: Page, counts: list[int]) -> None:
    """Keep every block of a thread's posts (in forum-post or comment markup,
    ``_THREAD_MARKS``) when the model kept ``POST_KEEP_SHARE`` of the posts'
    words, the posts being the blocks whose signatures end alike
    (``POST_STRUCTURE_STEPS``) and that are paragraphs (``POST_MIN_WEIGHT``).
    ``counts`` are the blocks' ``word_counts``.

    The model keeps a thread's first post, the page's core, and the page-adaptive
    cut, set by that post's score, drops the replies scoring 0.3 to 0.5.  A
    thread's gold keeps them.  Out-of-fold (bench/oof.py): forum 0.7990 -> 0.8055,
    listing +0.0011, documentation +0.0009, service +0.0009, collection +0.0006,
    article -0.0001, product -0.0001, Scrapinghub unchanged; WCXB +0.0007, 22
    pages up (+1.72 summed), 20 down (-0.66; the worst -0.26, a thread whose
    gold keeps a few of its replies, then a few articles' FAQ answers and
    reader comments, -0.02 to -0.04 each).  That was for forum-post markup;
    comment markup added forum +0.0048 (``_THREAD_MARKS``).
    """
    posts = [(block, weight) for block, weight in zip(page.blocks, block_weights(counts))
             if block.context & _THREAD_MARKS and not block.context & _NOT_POST_TEXT]
    ends: dict[str, str] = {}  # signature -> its last steps, split once per signature
    for block, _ in posts:
        if block.signature not in ends:
            ends[block.signature] = ">".join(block.signature.rsplit(">", POST_STRUCTURE_STEPS)[1:])
    post_blocks = [block for block, _ in posts]
    keys = [ends[block.signature] for block in post_blocks]
    totals = structure_totals(post_blocks, keys, [weight for _, weight in posts])
    for block, key in zip(post_blocks, keys):
        if not block.keep:
            blocks, weight, kept = totals[key]
            if (blocks >= STRUCTURE_MIN_BLOCKS and kept >= POST_KEEP_SHARE * weight
                    and weight >= POST_MIN_WEIGHT * blocks):
                block.keep = True


#: The lines a forum sets around a post that are no part of it: the author's
#: statistics ("Posts: 471", "Joined: Jul 2008", "Reputation: 66", one per
#: line or all in one block), the edit note ("Last edited by ... (2024-08-03)"),
#: and the buttons "Click to expand..." and "Reply with quote"; in English, and
#: the statistics in German, French and Spanish.  Whole blocks only.
_POST_METADATA = re.compile(
    r"(?:(?:posts|threads|joined|join date|reputation|messages|reaction score|points|member since|registered"
    r"|beiträge|registriert|dabei seit|inscrit|inscription|mensajes|registrado)[^\S\n]*:[^\n]{0,40}(?:\n|$))+"
    r"|last edited(?: by\b|:)[^\n]{0,100}|click to expand\.\.\.|reply with quote", re.IGNORECASE)
#: A block of statistics is short (a statistic's value is a number or a date,
#: at most 40 characters; an edit note at most 100): a longer block that starts
#: like one ("Posts: how many ...") is a post.
POST_METADATA_MAX_CHARS = 200


def drop_post_metadata(page: Page) -> None:
    """Drop the kept blocks of a page with forum-post or comment markup that are
    a post's metadata (``_POST_METADATA``): the author's statistics and the
    edit notes read as short lines among the posts, and the model keeps them
    beside the replies.  Out-of-fold (bench/oof.py): forum +0.0014, other
    groups and Scrapinghub unchanged; 7 threads of 7 sites up (+0.18 summed),
    one down (-0.04: a thread whose gold keeps an edit note and an author's
    registration date).  With "Location:" among the statistics, a coaching
    firm's list of offices lost -0.013.
    """
    for block in page.blocks:
        if block.keep and len(block.text) <= POST_METADATA_MAX_CHARS and _POST_METADATA.fullmatch(block.text):
            block.keep = False


#: The lines a forum repeats in every post around its text (the author box's
#: "Native Language" / "Spanish" pairs, join dates and post counts, vote counts,
#: "Reply 3", a share menu's link) are short lines of one structure: none of
#: more than this many words ...
POST_CHROME_MAX_WORDS = 5
#: ... sitting in the posts, the repeated containers that also hold a
#: paragraph of this many words.
POST_TEXT_MIN_WORDS = 10
#: Not what a review site or an article marks as its own (a "post-content"
#: body, a reviewed product's box): its short repeated lines, the "4.7/5" and
#: "Pros" of each product, are in the gold.  Nor a quote's "X said:", part of
#: the quoted text (forum +0.0002).
_NOT_POST_CHROME = REVIEW_CLASS | _BODY_MARKS | IN_QUOTE


def drop_post_chrome(page: Page, counts: list[int]) -> None:
    """Drop the short lines that the posts of a thread repeat around their text
    (in forum-post or comment markup, not headings): a structure (one
    signature) whose blocks have at most ``POST_CHROME_MAX_WORDS`` words each
    and sit in ``STRUCTURE_MIN_BLOCKS`` or more posts (``posts_holding``).
    ``counts`` are the blocks' ``word_counts``.

    The model keeps the author boxes, vote counts and reply counters of the
    posts it keeps, and the thread's gold leaves them out.
    ``drop_post_metadata`` names the usual statistics in a few languages; this
    reads the markup, so it also takes the statistics a forum sets one label
    or value to a line, in any language.  Out-of-fold (bench/oof.py): forum
    0.8119 -> 0.8146, product +0.0008, service +0.0002, collection +0.0001,
    article +0.00004, listing -0.00004, documentation -0.00001, Scrapinghub
    unchanged; WCXB 0.8743 -> 0.8746.  43 pages up (+0.61 summed; 31 threads
    of XenForo, Invision, vBulletin, phpBB, Stack Exchange and custom forums),
    13 down (-0.14: a code host's listing whose gold keeps each repository's
    "Star 158k", -0.08; a blog listing's bylines and dates, -0.02; forum
    threads whose gold keeps a post's date or reaction count, -0.01 at most).
    Without a paragraph in each post the rule took the rows and list items
    of articles (WCXB -0.0009); by the structure's mean length rather than its
    longest line, a blog's list of sponsors under its bullet points (-0.25);
    with lines of up to 8 words, forum alike but 10 pages down by 0.37; up to
    3, forum +0.0022.  Without the exemptions of headings, "review" classes
    and a marked article body, WordPress and review sites, whose "post"
    classes set the thread marks, lost their ratings and "Pros" headings
    (measured with the mean-length test: article -0.0010, with them -0.0003).
    """
    structures: dict[str, list[Block]] = {}
    long_lines: set[str] = set()  # the signatures of blocks too long to be chrome
    paragraphs: set[int] = set()  # the containers holding a paragraph
    for block, count in zip(page.blocks, counts):
        if count > POST_CHROME_MAX_WORDS:
            long_lines.add(block.signature)
            if count >= POST_TEXT_MIN_WORDS:
                paragraphs.update(block.containers)
        elif (block.context & _THREAD_MARKS and not block.context & _NOT_POST_CHROME
              and block.tag not in HEADING_LEVELS):
            structures.setdefault(block.signature, []).append(block)
    for signature, blocks in structures.items():
        if signature not in long_lines and len(posts_holding(blocks) & paragraphs) >= STRUCTURE_MIN_BLOCKS:
            for block in blocks:
                block.keep = False


def posts_holding(blocks: list[Block]) -> set[int]:
    """The containers that hold the blocks of one structure apart: under the
    deepest container holding them all, the one holding each (the block itself
    if it sits right under it: a table's rows are held by nothing but themselves,
    which hold no paragraph)."""
    first = blocks[0].containers
    common = len(first)
    for block in blocks[1:]:
        common = min(common, next((depth for depth, (mine, theirs) in enumerate(zip(first, block.containers))
                                   if mine != theirs), min(len(first), len(block.containers))))
    return {block.containers[common] for block in blocks if len(block.containers) > common}


#: With ``include_comments``, a reader comment is kept when it is this long and
#: not mostly links: the comment text, not its "Reply" and "Like" buttons.
COMMENT_MIN_WORDS = 3
COMMENT_MAX_LINK_DENSITY = 0.5


def keep_comments(page: Page) -> None:
    """Keep the blocks of reader-comment sections that the model dropped.

    The model learnt from gold content that leaves comments out; this undoes
    that on request.  Only HTML marks comment sections (by class and id).
    """
    for block in page.blocks:
        if (block.context & COMMENT_CLASS and not block.keep and not block.context & SIGNATURE_CLASS
                and len(block.text.split()) >= COMMENT_MIN_WORDS
                and block.link_chars <= COMMENT_MAX_LINK_DENSITY * len(block.text)):
            block.keep = True


#: A page's marked article body is its article when it holds at least this
#: share of the words the model kept: then the rest the model kept is the page's
#: chrome, a teaser list or byline under a short article.  Below it, the mark
#: sits on a summary or on one post of a thread and says little.
ARTICLE_BODY_MIN_SHARE = 0.5


def keep_only_article_body(page: Page, counts: list[int]) -> None:
    """Drop what was kept outside the page's marked article body if that holds
    most of the kept words.

    Sites mark their article's body for search engines, and they mark only the
    body: of the 63 evaluation pages with schema.org's ``articleBody``, on 57 it
    holds at least 90% of the gold words.  Where it holds less (one post of a
    thread, a teaser), it rarely holds most of what the model kept.

    Without that mark, the class a publishing system gives the body
    (``BODY_CLASS``) serves, if the kept blocks it marks are one run: a blog's
    index page gives each post's excerpt that class, and its headlines between
    them are content.  Not beside ``articleBody``: teaser cards reuse such
    classes (two Scrapinghub pages lost a third of their word F1 to the union).
    ``counts`` are the blocks' ``word_counts``.
    """
    kept = [(block, words) for block, words in zip(page.blocks, counts) if block.keep]
    for mark in (ARTICLE_BODY, BODY_CLASS):
        marked = [i for i, (block, _) in enumerate(kept) if block.context & mark]
        if marked:
            break
    else:
        return
    if mark == BODY_CLASS and len(marked) != marked[-1] - marked[0] + 1:
        return
    body = sum(kept[i][1] for i in marked)
    if body < ARTICLE_BODY_MIN_SHARE * sum(words for _, words in kept):
        return
    for block, _ in kept:
        if not block.context & mark:
            block.keep = False


#: Beside a marked article body, a reader comment or a link scoring below this
#: is not part of the article.  The posts of a thread whose first post carries
#: the body mark score far above it (0.9 and more); the comments and the teaser
#: links under a short post score 0.3 to 0.5, kept only because the
#: page-adaptive cut drops low beside them.
UNSURE_SCORE = 0.6
#: What markup says is no article text, though it may read like it.
_EXTRAS = COMMENT_CLASS | IN_LINK


def drop_unsure_extras(page: Page) -> None:
    """Drop the comment-section blocks and the blocks that are one link which
    the model is unsure of, from a page whose kept content includes a marked
    article body (``keep_only_article_body``).

    Under a short article the marked body holds too few of the kept words for
    that rule to act, and the comments or the teaser ticker the adaptive cut
    kept stay.  Of the 1,678 evaluation pages this changes nine: an open
    thread's reader comments go and a breaking-news ticker under a two-paragraph
    story (Scrapinghub word F1 0.9554 -> 0.9623), two WCXB forum threads lose
    replies their gold leaves out (+0.29 summed), four articles lose a few
    links (+0.025) and a listing loses one card (-0.046).
    """
    if not any(block.keep and block.context & _BODY_MARKS for block in page.blocks):
        return
    for block in page.blocks:
        if (block.keep and block.context & _EXTRAS and not block.context & _BODY_MARKS
                and block.score < UNSURE_SCORE):
            block.keep = False


#: "Comments" in English, German, French, Spanish, Italian, Portuguese, Dutch,
#: Russian, Polish, Czech, Swedish and Danish, Turkish, Indonesian, Chinese,
#: Japanese; and in the languages ``_RELATED_PHRASES`` adds, but for Thai and
#: Vietnamese, whose word for comments also names a news site's opinion section.
#: "Responses" heads comments only counted ("12 responses to “Title”"): alone,
#: "Response:" labels what an API or a chatbot answers in a manual.
_COMMENT_WORDS = (r"comments?|kommentare?|commentaires?|comentarios?|commenti"
                  r"|coment[aá]rios?|reacties|комментари(?:и|ев|й|я)|komentarz[ey]?|komentář[eů]?"
                  r"|kommentar(?:er)?|yorum(?:lar)?|komentar|评论|評論|コメント"
                  r"|comentaris|comentarii|hozzászólások|kommentek|kommentit|kommentaarid|komentāri"
                  r"|komentarai|komentáre|komentarji|komentari|коментари|коментарі|σχ[οό]λια"
                  r"|(?:ال)?تعليقات|نظرات|دیدگاه(?:\u200c)?ها|תגובות|टिप्पणियाँ|टिप्पणियां|댓글")
#: The "Leave a Reply" of WordPress, which serves most comment sections, in the
#: languages above.  Not "Add a comment", which a Q&A site puts under every post.
_LEAVE_A_REPLY = (r"leave a (?:reply|comment)|post a comment|join the (?:discussion|conversation)"
                  r"|you must be logged in to (?:post|leave) a (?:comment|reply)"
                  r"|reader comments|(?:schreibe|hinterlasse) einen kommentar|laisser un commentaire"
                  r"|deja (?:una respuesta|un comentario)|deixe (?:um comentário|uma resposta)"
                  r"|lascia un commento|geef een reactie|(?:добавить|оставить) комментарий"
                  r"|dodaj komentarz|tinggalkan (?:balasan|komentar)|lämna ett svar|skriv en kommentar"
                  r"|deixa un comentari|las(?:ă|a) un (?:comentariu|r(?:ă|a)spuns)|sz(?:ó|o)lj hozz(?:á|a)"
                  r"|j(?:ä|a)t(?:ä|a) kommentti|ostavite komentar|залиште коментар|αφ[ηή]στε (?:[εέ]να )?σχ[οό]λιο"
                  r"|اترك تعليق(?:اً|ًا|ا)?|השאר(?:י|ו)? תגובה|השאירו תגובה|כתיבת תגובה|دیدگاهتان را بنویسید"
                  r"|để lại bình luận|댓글(?: )?(?:쓰기|남기기)")
#: A line that heads a page's reader comments, whole: "34 Comments", "Leave a
#: Reply", "12 responses to “Title”", "Comments (3)", "[ 167 comments ]", "Top
#: Rated Comments".  Searched for by
#: ``header_blocks``, in the page's lines lower-cased and joined by newlines: no
#: blank in it may cross a newline.
_COMMENT_HEADER = re.compile(
    r"\n[\[(]?[^\S\n]*"
    rf"(?:\d[\d,.]*[^\S\n]+(?:(?:{_COMMENT_WORDS}|responses?)(?:[^\S\n]+(?:to|on)\b.*)?|thoughts[^\S\n]+on\b.*)"
    rf"|(?:(?:top|best|most|highest|newest|latest|all)(?:[^\S\n]+(?:rated|liked|voted|recent))?[^\S\n]+)?"
    rf"(?:{_COMMENT_WORDS})(?:[^\S\n]*\(\d+\))?"
    r"|" + _LEAVE_A_REPLY.replace(" ", r"[^\S\n]+") + r")[^\S\n]*[:.!]*[^\S\n]*[\])]?[^\S\n]*(?=\n|\Z)")
#: The comment section goes only if the model kept at least this share of the
#: kept words above its header: an article outweighs the comments it cut short,
#: while a thread's replies, which are its content, outweigh its first post ...
COMMENT_CUT_MIN_SHARE = 0.5
#: ... or if a dateline (``features.is_dateline``) is among this many blocks
#: under the header: the first comment's "<name> says: / November 19, 2019 at
#: 6:34 am" shows the header opens comments, whatever they weigh against a
#: short article.  A count in an article's toolbar ("124 Comments" under its
#: first paragraph) is followed by the article, a label in a manual
#: ("response:") by its text.  Five blocks reach past a name, a "says:" and a
#: "Top comments" tab (three did as well on WCXB and one rendering worse).
COMMENT_DATELINE_LOOKAHEAD = 5


#: The longest block ``header_blocks`` reads: "12 responses to “<the title>”"
#: is the longest kind of header, and a title is shorter than this.
HEADER_MAX_CHARS = 300


def header_blocks(header: re.Pattern[str], blocks: list[Block], start: int = 0) -> list[int]:
    """The blocks from ``start`` on whose whole text, in lower case, is a line
    ``header`` matches.

    One search of the blocks' texts joined by newlines, from the newline before
    a line to the one after it (the pattern starts with that newline and looks
    ahead for the next): not one search per block, and the literal first
    character lets the regex engine skip from newline to newline.  The text is
    lower-cased rather than the pattern made case-blind: the engine rules out
    an alternative on its first character only when that is a plain literal,
    and with the header patterns' hundred alternatives that halves the search.
    """
    # A longer block is no header: left empty, its newlines keep the indices.
    texts = [block.text if len(block.text) <= HEADER_MAX_CHARS else "" for block in blocks[start:]]
    joined = "\n" + "\n".join(texts)
    lowered = joined.lower()
    if len(lowered) != len(joined):  # a lower case longer than its capital ("İ")
        texts = [text.lower() for text in texts]
        lowered = "\n" + "\n".join(texts)
    matches = list(header.finditer(lowered))
    if not matches:  # most pages
        return []
    newlines = list(accumulate([len(text) + 1 for text in texts], initial=0))  # before each block
    found = []
    for match in matches:
        i = bisect_right(newlines, match.start()) - 1
        if match.start() == newlines[i] and match.end() == newlines[i + 1]:  # not a line inside a block
            found.append(start + i)
    return found


def cut_comment_section(page: Page, counts: list[int]) -> None:
    """On a text page, drop what was kept from the line heading the reader
    comments on: a text dump has no comment markup, and the page-adaptive cut
    keeps a thread of wordy comments under an article.  ``counts`` are the
    blocks' ``word_counts``.

    Only for a header that is the one such line from below the first kept line
    to the last (a listing repeats "3 comments" under every card; under the
    last kept line, the cards of other stories the model dropped, and the
    "Leave a comment" form under the comments, cut nothing), or the first of two when a
    dateline follows it (``opens_comments``: the second is the "Leave a Reply"
    under the comments); and below the first line the model is confident of,
    or above it when a dateline follows (the model may be surer of a long reply
    than of a two-paragraph post).  Under
    domain-grouped cross-validation (out-of-fold scores) this moved Scrapinghub
    by +0.003 / +0.0015 / +0.0016 (WET / naive / browser) and WCXB by +0.0007 /
    +0.0005 / -0.0001: 22 WCXB article renderings gained (+2.5 summed), two
    forum threads whose gold keeps the comments lost (-1.1).  Letting a dateline
    under the header overrule the share of words above it, and a second header
    follow, moved Scrapinghub by a further +0.0053 / +0.0037 / +0.0050 and WCXB
    by +0.0010 / +0.0001 / +0.0013, 16 renderings up (+6.1 summed), none down.
    A header above the first confident line moved one site's three renderings
    (+0.84 each, Scrapinghub +0.0046) and nothing else.  Headers in brackets
    ("[ 167 comments ]") and qualified ("Top Rated Comments") moved Scrapinghub
    WET by +0.0016 (one page, +0.29) and nothing else.  Not counting the
    headers under the last kept line (a news site's "[ 167 comments ]" over its
    readers' comments, then "8 comments", "44 comments" under each of its other
    stories) moved text Scrapinghub by +0.0036 in each style and WCXB by +0.0001
    / +0.0005 / +0.0001 (WET / naive / browser), no page type down: 9
    renderings up (+3.0 summed), none down; that with a bare "Response:" still
    a header lost two manuals' "Response" labels (-0.06 and -0.05).
    """
    blocks = page.blocks
    confident = next((i for i, block in enumerate(blocks)
                      if block.keep and block.score >= CONFIDENT_SCORE), None)
    if confident is None:
        return
    first = next(i for i, block in enumerate(blocks) if block.keep)
    last = next(i for i in range(len(blocks) - 1, first - 1, -1) if blocks[i].keep)
    headers = [i for i in header_blocks(_COMMENT_HEADER, blocks, first + 1) if i <= last]
    if not headers or len(headers) > 2:
        return
    header = headers[0]
    opens = opens_comments(blocks, header)
    if (len(headers) == 2 or header < confident) and not opens:
        return
    above = sum(words for block, words in zip(blocks[:header], counts) if block.keep)
    below = sum(words for block, words in zip(blocks[header:], counts[header:]) if block.keep)
    if above < COMMENT_CUT_MIN_SHARE * (above + below) and not opens:
        return
    for block in blocks[header:]:
        block.keep = False


#: A reader comment's signature on a text page, a line of its own: WordPress's
#: "Kathy Owen says:" (or "Cindy says"), and "Milan Griffes on September 12,
#: 2018 at 4:47 pm said:".  No comma before "says": a headline's "..., police
#: says" is none.  Not a bare "said:" or "wrote:", with which a forum's post
#: quotes the one it answers ("Corolla-2008 said:"), nor Slashdot's "by
#: Fons_de_spons ( 1311177 ) writes:", over a story's comments and a thread's
#: posts alike.
_COMMENT_SIGNATURE = re.compile(
    r"[^\n,]{1,60}?\bsays[^\S\n]*:?"
    r"|[^\n]{1,60}?[^\S\n]on[^\S\n][^\n]{1,30}?\b(?:19|20)\d\d\b[^\n]{0,20}[^\S\n]at[^\S\n][^\n]{1,20}?\bsaid[^\S\n]*:",
    re.IGNORECASE)
#: Such a line is short; the length is tested before the pattern.
COMMENT_SIGNATURE_MAX_CHARS = 120
#: Three signatures make a thread of comments; two do when each has a dateline
#: within ``SIGNATURE_DATELINE_LINES`` lines ("March 3, 2024 at 9:12 am"): an
#: article's two subheadings "What the research says", "What the doctors
#: say" have none.
SIGNED_COMMENTS_MIN = 3
SIGNATURE_DATELINE_LINES = 2


def is_comment_signature(text: str) -> bool:
    """Whether a line is a reader comment's signature (``_COMMENT_SIGNATURE``)."""
    # Every signature ends in "says" or "said" and a colon or blanks: looking at
    # the end first spares most lines the pattern's search for a name.
    end = text[-12:].rstrip().rstrip(":").rstrip().lower()
    return (end.endswith(("says", "said")) and len(text) <= COMMENT_SIGNATURE_MAX_CHARS
            and _COMMENT_SIGNATURE.fullmatch(text) is not None)


def cut_signed_comments(page: Page, counts: list[int]) -> None:
    """On a text page, drop what was kept from the first reader comment's
    signature (``_COMMENT_SIGNATURE``) on, when ``SIGNED_COMMENTS_MIN`` of them
    follow the article's first confident paragraph (``first_core_paragraph``).
    ``counts`` are the blocks' ``word_counts``.

    A text dump has no comment markup, and a thread with no header line that
    ``cut_comment_section`` knows keeps its wordy comments.  On the WET
    renderings, 16 pages sign comments so ("says" on 15 articles, a dated
    "said" on a blog): none of their 400 signatures is in the gold, while a
    forum's bare "said:" lines are (45 of 131), and stay.  Under
    domain-grouped cross-validation (out-of-fold scores, ``bench/oof.py``)
    this moved text WCXB by +0.0005 in each style (article +0.0009, no other
    page type), Scrapinghub not at all: 9 renderings of four blogs up (+2.13
    summed), none down.  With Slashdot's "writes:" as a signature too, its
    story gained (+0.73 in two styles) as much as its thread, whose gold
    keeps the comments, lost (forum -0.0014).
    """
    blocks = page.blocks
    first_core = first_core_paragraph(blocks, counts)
    if first_core is None:
        return
    signatures = [i for i in range(first_core + 1, len(blocks)) if is_comment_signature(blocks[i].text)]
    if len(signatures) >= SIGNED_COMMENTS_MIN or len(signatures) == SIGNED_COMMENTS_MIN - 1 and all(
            any(is_dateline(block.text) for block in
                blocks[max(0, i - SIGNATURE_DATELINE_LINES): i + SIGNATURE_DATELINE_LINES + 1])
            for i in signatures):
        for block in blocks[signatures[0]:]:
            block.keep = False


def opens_comments(blocks: list[Block], header: int) -> bool:
    """Whether a dateline follows the comment header at ``header`` closely
    (``COMMENT_DATELINE_LOOKAHEAD``): the first comment's author line."""
    return any(is_dateline(block.text) for block in blocks[header + 1: header + 1 + COMMENT_DATELINE_LOOKAHEAD])


#: Lines that head a box of teasers for other pages: "Related articles", "You may
#: also like", "Most read in World", "More from Science"; in English and in
#: German, French, Spanish, Portuguese, Italian, Dutch, Indonesian, Russian,
#: Polish, Czech, Swedish, Danish and Norwegian, Turkish, Chinese and Japanese;
#: and, since the pages to come are in any language while the development pages
#: are in English, in Catalan, Romanian, Hungarian, Finnish, Estonian, Latvian,
#: Lithuanian, Slovak, Slovenian, Croatian, Serbian and Bosnian, Bulgarian,
#: Ukrainian, Greek, Arabic, Persian, Hebrew, Hindi, Thai, Vietnamese, Korean and
#: Malay.  A text page in such a language has no markup and few words the
#: lexicon knows: the model keeps its teasers as it keeps its article (a Latvian
#: news page's "Saistītie raksti" and the headlines under it scored 0.55 to
#: 0.7).  Only whole lines, and not the bare words a page may use for something
#: else ("Recommended:" heads a game's system requirements, "See also" a
#: reference list; nor "Read more", "Xem thêm", "อ่านเพิ่มเติม", a link's label).
_RELATED_PHRASES = (
    r"related|related (?:articles?|posts?|stories|story|news|content|coverage|links|reading|topics|videos?)",
    r"(?:you )?(?:may|might|could|will) also (?:like|enjoy|be interested in)|you may like",
    r"recommended (?:for you|stories|articles|reading|posts|videos)|trending (?:now|stories|articles|posts)",
    r"most (?:read|popular|viewed|shared|commented|recent)(?: \S+){0,3}",
    r"popular (?:posts|articles|stories|now|today)|top stories|other (?:news|stories|articles)",
    r"recent (?:articles|posts|stories|news)|trending (?:news|topics)|more like this|more you (?:may|might) like",
    r"(?:previous|next) (?:article|post|story)",
    r"(?:read|up|coming up) next|what to read next|next up(?: in .{1,40})?",
    r"more (?:from|in|on|about) .{1,50}|more (?:news|stories|articles|posts|videos)(?: \S+){0,3}",
    r"(?:also|further) read(?:ing)?|don['’]?t miss|editor['’]?s picks?|also on .{1,40}",
    r"latest (?:news|stories|articles|posts|videos)",
    r"mehr zum thema|das könnte sie auch interessieren|weitere (?:artikel|nachrichten|beiträge)",
    r"verwandte (?:artikel|beiträge|themen)|meistgelesen",
    r"(?:à )?lire aussi|sur le même sujet|articles? (?:similaires|liés|connexes)|à voir aussi|les plus lus",
    r"(?:noticias|artículos|articulos|entradas) relacionad[oa]s|(?:también )?te puede interesar",
    r"lo más (?:leído|visto)|te recomendamos",
    r"você (?:também )?pode gostar|leia também|(?:notícias|matérias|artigos|posts) relacionad[oa]s",
    r"veja também|mais lidas",
    r"articoli correlati|potrebbe interessarti|leggi anche|gerelateerde artikelen|lees ook|meer nieuws",
    r"artikel terkait|berita terkait|baca juga|terkait",
    r"похожие (?:статьи|новости|материалы|записи)|читайте также|другие новости|самое читаемое",
    r"вам (?:также )?может быть интересно|(?:czytaj|zobacz) (?:też|także|również)",
    r"(?:powiązane|podobne) (?:artykuły|wpisy)",
    r"najczęściej czytane|související (?:články|zprávy)|čtěte také|nejčtenější|mohlo by vás zajímat",
    r"relaterade (?:artiklar|nyheter)|läs (?:också|även)|mest lästa|relaterede artikler|relaterte artikler",
    r"(?:læs|les) også|ilgili (?:haberler|yazılar|içerikler)|benzer (?:haberler|yazılar)|en çok okunanlar",
    r"相关(?:文章|阅读|新闻|推荐|报道)|相關(?:文章|閱讀|新聞|報導|報道)|猜你喜欢|延伸阅读|延伸閱讀|推荐阅读|推薦閱讀"
    r"|热门文章|熱門文章",
    r"関連記事|関連ニュース|おすすめ記事|人気記事",
    r"lesen sie auch|ähnliche (?:artikel|beiträge)|das könnte dich auch interessieren|auch interessant"
    r"|meistgelesene(?: artikel)?",
    r"vous aimerez (?:peut-être )?aussi|vous pourriez (?:aussi |également )?aimer|dans la même rubrique"
    r"|(?:à )?lire également|sur le même thème",
    r"(?:lee|lea) también|notas relacionadas|las más leídas|quizás te interese|(?:as )?mais lid[oa]s",
    r"(?:ti )?potrebbe(?:ro)? interessar(?:e|ti)(?: anche)?|notizie correlate|(?:i|le) più (?:letti|lette)",
    r"meest gelezen|gerelateerde berichten|ook interessant|meer over dit onderwerp",
    r"(?:ещё|еще|новости|материалы) по теме|по теме|последние новости|новости партн[её]ров",
    r"przeczytaj (?:też|także|również)|najpopularniejsze",
    r"relaterte (?:saker|artikler)|mest leste?|mest læste|relaterede nyheder",
    r"notícies relacionades|articles relacionats|(?:també )?et pot interessar|llegeix també|el més llegit",
    r"articole (?:similare|asemănătoare|asemanatoare|conexe|recomandate)|(?:ș|ş|s)tiri similare"
    r"|cite(?:ș|ş|s)te (?:ș|ş|s)i|cele mai citite",
    r"kapcsolódó (?:cikkek|hírek|tartalmak|bejegyzések)|ezek is érdekelhetik|legolvasottabb(?: cikkek)?",
    r"aiheeseen liittyvät(?: (?:artikkelit|uutiset|jutut))?|lue myös|luetuimmat|samasta aiheesta",
    r"seotud (?:artiklid|uudised)|loe ka|loetuimad",
    r"saistītie raksti|saistītās ziņas|lasi(?:et)? arī|lasītākie raksti",
    r"susiję straipsniai|susijusios naujienos|skaitykite taip pat|skaitomiausi",
    r"súvisiace (?:články|správy)|čítajte (?:aj|tiež)|najčítanejšie",
    r"sorodni članki|sorodne novice|preberite (?:še|tudi)|najbolj brano",
    r"povezan[ie] (?:članci|vijesti|vesti|tekstovi)|slični članci|pro(?:č|c)itajte i|naj(?:č|c)itanije",
    r"повезане вести|најчитаније",
    r"свързани (?:статии|новини)|прочетете също|най-четени",
    r"схожі (?:статті|новини)|читайте також|(?:новини )?за темою|найпопулярніше",
    # Headers set in capitals lose their accents: "ΣΧΕΤΙΚΑ ΑΡΘΡΑ".
    r"σχετικ[αά] (?:[αά]ρθρα|θ[εέ]ματα)|σχετικ[εέ]ς ειδ[ηή]σεις|διαβ[αά]στε (?:επ[ιί]σης|ακ[οό]μ[ηα])"
    r"|τα πιο δημοφιλ[ηή]",
    r"(?:مقالات|أخبار|اخبار|مواضيع) ذات صلة|مقالات مشابهة|[اأإ]قرأ [اأ]يض(?:اً|ًا|ا)|ال[اأ]كثر (?:قراءة|مشاهدة)"
    r"|قد يهمك|قد يعجبك [اأ]يض(?:اً|ًا|ا)",
    r"(?:مطالب|اخبار) (?:مرتبط|مشابه)|پربازدیدترین(?:(?:\u200c| )?ها)?",
    r"כתבות (?:נוספות|קשורות)|מאמרים (?:נוספים|קשורים)|עוד בנושא|הנקראים ביותר",
    r"संबंधित (?:खबरें|ख़बरें|लेख|समाचार)|(?:यह|ये) भी पढ़ें",
    r"(?:ข่าว|บทความ|เรื่อง)ที่เกี่ยวข้อง|ข่าวแนะนำ|บทความแนะนำ",
    r"(?:bài viết|tin|tin tức) liên quan|có thể bạn quan tâm|(?:bài viết|tin) cùng chuyên mục|(?:các )?tin khác"
    r"|(?:tin )?(?:đọc|xem) nhiều(?: nhất)?",
    r"관련(?: )?(?:기사|뉴스)|많이(?: )?본(?: )?(?:기사|뉴스)|(?:인기|추천)(?: )?(?:기사|뉴스)",
    r"(?:artikel|berita) berkaitan",
)
#: One such line, searched for by ``header_blocks`` (in lower case): no blank may cross a newline.
_RELATED_HEADER = re.compile(
    r"\n(?:" + "|".join(_RELATED_PHRASES).replace(" ", r"[^\S\n]+") + r")[^\S\n]*[:.!?…]*[^\S\n]*(?=\n|\Z)")
#: Where a teaser box inside an article ends: the article's next paragraph, a
#: block of at least this many words that the model is confident of, or that
#: ends a sentence and scores at least RESUME_SENTENCE_SCORE.  Teasers are
#: headlines and cut-off blurbs ("...").
RESUME_MIN_WORDS = 15
RESUME_SENTENCE_SCORE = 0.7
_SENTENCE_ENDS = (".", "!", "?", ".\"", ".”", "!”", "?”", "。", "！", "？")


def first_core_paragraph(blocks: list[Block], counts: list[int]) -> int | None:
    """The first kept block the model is confident of and that is at least
    RESUME_MIN_WORDS long (``counts`` are the blocks' ``word_counts``): where an
    article's text begins.  None on a page without one."""
    return next((i for i, block in enumerate(blocks) if block.keep and block.score >= CONFIDENT_SCORE
                 and counts[i] >= RESUME_MIN_WORDS), None)


def cut_related_sections(page: Page, counts: list[int]) -> None:
    """Drop what was kept of each box of teasers for other pages, from its
    header line ("Related articles", "You may also like", "Most read") to where
    the article resumes, or to the end of the page.  ``counts`` are the blocks'
    ``word_counts``.

    Teasers are headlines, and the model, which reads a block with its
    neighbours, keeps them under an article or inside it.  Only below the first
    paragraph the model is confident of, and only for a header that is kept or
    beside a kept block: a menu's "Most recent" tab heads no teasers.  Under
    domain-grouped cross-validation (out-of-fold scores) this moved text
    Scrapinghub by +0.013 / +0.007 / +0.010 (WET / naive / browser), text WCXB
    by +0.0009 / +0.0004 / +0.0005, and HTML Scrapinghub and WCXB by +0.0017
    and +0.0006; 266 pages or renderings gained, 59 lost (at most 0.1 each: the
    gold of a news homepage keeps its "Most read" list).  "Recent posts",
    "Trending news", "More like this", "Next article" and the Russian "Вам
    также может быть интересно" moved text Scrapinghub by a further +0.0015 /
    +0.0025 / +0.0018 (WET / naive / browser) and text WCXB by +0.0002 in each
    style, 24 renderings up and none down; HTML WCXB +0.0001 (an article up
    +0.15, a service page down -0.03).  The headers in 24 more languages moved
    one development page, the only Russian one ("Материалы по теме", +0.004
    in each text style), and a Latvian news page's text from 0.57 to 0.77
    (WET) and 0.41 to 0.77 (naive) word F1 (tests/fixtures/languages).
    """
    blocks = page.blocks
    first_core = first_core_paragraph(blocks, counts)
    if first_core is None:
        return
    for header in header_blocks(_RELATED_HEADER, blocks, first_core + 1):
        beside = blocks[header - 1: header + 2]  # the header and its neighbours
        if not any(block.keep for block in beside):
            continue
        blocks[header].keep = False
        for i in range(header + 1, len(blocks)):
            block = blocks[i]
            if counts[i] >= RESUME_MIN_WORDS and (
                    block.score >= CONFIDENT_SCORE
                    or block.score >= RESUME_SENTENCE_SCORE and block.text.rstrip().endswith(_SENTENCE_ENDS)):
                break
            block.keep = False


#: A copyright notice is a line, not a paragraph: at most this many characters.
COPYRIGHT_MAX_CHARS = 300
#: The year a copyright notice states ("© 2019 CBS Interactive Inc.", "Copyright
#: 1998-2005"): without one, "copyright" is a word of the prose or of a photo's
#: credit ("Image Copyright @BigMachine").
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def is_copyright_notice(text: str) -> bool:
    """Whether the line is a copyright notice: short, opening with "©" or
    "copyright", and a year.  A photo's credit has its "©" after the caption
    ("Photo ... ©Viva Technology 2025")."""
    return (len(text) <= COPYRIGHT_MAX_CHARS and text.lstrip()[:9].lower().startswith(("©", "copyright"))
            and bool(_YEAR.search(text)))


def cut_after_copyright(page: Page, counts: list[int]) -> None:
    """Drop what was kept below the first copyright notice under the article's
    first confident paragraph, unless the article resumes there (another
    confident paragraph, ``first_core_paragraph``): the notice closes the
    article, and the teasers and headlines under it are the page's.  The notice
    itself stays as the model decided: an agency's is part of the story.
    ``counts`` are the blocks' ``word_counts``.  Text pages only: an HTML page's
    markup tells a footer's notice from a manual's or an agency's (on the HTML
    pages out of fold: WCXB -0.0002, an article cut in half).

    Under domain-grouped cross-validation (out-of-fold scores) this moved text
    Scrapinghub by +0.0010 / +0.0017 / +0.0011 (WET / naive / browser) and text
    WCXB by +0.0006 / +0.0007 / +0.0008 (collection +0.0058, forum +0.0017,
    documentation -0.0003): 25 renderings up (+3.96 summed), 4 down (-0.10: a
    manual page whose gold keeps its sections under its copyright).  Asking the
    notice to open its line moved four renderings out of fold (+0.028, -0.028
    summed) and, with the shipped model, spared an article of event listings
    whose photo credits carry a year (0.569 -> 0.958).
    """
    blocks = page.blocks
    notice = article_end(blocks, counts, lambda i: is_copyright_notice(blocks[i].text))
    if notice is not None:
        for block in blocks[notice + 1:]:
            block.keep = False


def article_end(blocks: list[Block], counts: list[int], marks_end: Callable[[int], bool]) -> int | None:
    """The first block below the article's first confident paragraph
    (``first_core_paragraph``) that ``marks_end`` (given its index) says closes
    the article; None without one, or if the article resumes under it (another
    confident paragraph).  ``counts`` are the blocks' ``word_counts``."""
    first_core = first_core_paragraph(blocks, counts)
    if first_core is None:
        return None
    end = next((i for i in range(first_core + 1, len(blocks)) if marks_end(i)), None)
    if end is None or first_core_paragraph(blocks[end + 1:], counts[end + 1:]) is not None:
        return None
    return end


#: The social networks a share bar names, alike in every language: those of
#: ``features`` but "email", "mail" and "threads", words of prose and forums;
#: and those of China, Korea and Russia under their own names ("分享到：微信 微博
#: QQ空间"), which the development pages never name, so the model's features do
#: not count them.  Only as words of their own: Chinese prose glues them to
#: the next character, and one \w+ token is a whole clause.
_NETWORKS = SOCIAL_NETWORKS - {"email", "mail", "threads"} | {
    "微信", "微博", "qq", "qq空间", "抖音", "豆瓣", "知乎", "kakaotalk", "카카오톡", "카카오스토리",
    "네이버", "naver", "вконтакте", "одноклассники", "viber", "snapchat", "tumblr", "flipboard"}
#: A share bar's line is a label and a few names ("Share: Facebook Twitter"), at
#: most this many words: a longer line naming networks is prose about them.
SHARE_LINE_MAX_WORDS = 8
_WORD = re.compile(r"\w+")


def networks_named(text: str, words: int) -> int:
    """How many social networks a line of ``words`` words names; 0 for a line
    longer than a share bar's."""
    if words > SHARE_LINE_MAX_WORDS or len(text) > COPYRIGHT_MAX_CHARS:
        return 0
    return len(_NETWORKS.intersection(_WORD.findall(text.lower())))


def is_share_bar(blocks: list[Block], counts: list[int], i: int) -> bool:
    """Whether block ``i`` starts a share bar: a short line naming two social
    networks, or the first of two short lines naming one each."""
    named = networks_named(blocks[i].text, counts[i])
    return named >= 2 or named == 1 and i + 1 < len(blocks) and networks_named(
        blocks[i + 1].text, counts[i + 1]) == 1


#: A share bar is a post's, not the article's end, when at least this many more
#: follow it each under kept text of at least ``RESUME_MIN_WORDS`` words: a
#: forum thread's bar under every post.  (One may follow: a teaser box's bar.)
POST_BARS_MIN = 2


def bars_under_posts(blocks: list[Block], counts: list[int], bar: int) -> bool:
    """Whether share bars like the one at ``bar`` follow, each under a post:
    ``POST_BARS_MIN`` of them with kept text since the previous one."""
    posts, kept = 0, 0
    for i in range(bar + 1, len(blocks)):
        if is_share_bar(blocks, counts, i) and not networks_named(blocks[i - 1].text, counts[i - 1]):
            posts += kept >= RESUME_MIN_WORDS
            if posts >= POST_BARS_MIN:
                return True
            kept = 0
        elif blocks[i].keep:
            kept += counts[i]
    return False


def cut_at_share_bar(page: Page, counts: list[int]) -> None:
    """Drop what was kept from the first share bar under the article's first
    confident paragraph on (``is_share_bar``: "Facebook / Twitter / LinkedIn"),
    unless the article resumes under it (``article_end``): the bar closes the
    article, and the model keeps teasers, an author's bio and reader comments
    under it.  ``counts`` are the blocks' ``word_counts``.

    Text pages only (HTML has the markup of its share widgets).  Under
    domain-grouped cross-validation (out-of-fold scores) this moved text
    Scrapinghub by +0.0037 / +0.0035 / +0.0001 (WET / naive / browser) and text
    WCXB by +0.0009 / +0.0003 / +0.0004, no page type down: 21 renderings up
    (+3.86 summed), two down (-0.15: a list of app kinds, "Social Media Apps
    (e.g., Facebook, TikTok)").  With "email" and "threads" among the networks,
    and no bound on the line's words, 18 renderings lost (documentation and
    service pages naming them).  A bar repeated under the posts of a thread
    (``bars_under_posts``) moves no rendering out of fold; with the shipped
    model it spares a forum thread's three renderings (0.37 -> 0.70 naive).
    """
    blocks = page.blocks
    bar = article_end(blocks, counts, lambda i: is_share_bar(blocks, counts, i))
    if bar is not None and not bars_under_posts(blocks, counts, bar):
        for block in blocks[bar:]:
            block.keep = False


#: The lines of an article's text are one run of kept blocks when fewer than
#: this many dropped lines part them (a photo's credit, an advertisement's
#: label): more, and what is kept beyond is another part of the page.
ARTICLE_GAP_LINES = 3
#: A page reads as an article when one run of kept lines holds this share of
#: the kept words the model is confident of (``CONFIDENT_SCORE``) ...
ARTICLE_RUN_SHARE = 0.8
#: ... and that run is prose: paragraphs (at least ``RESUME_MIN_WORDS`` words,
#: ending a sentence) hold this share of its words, at least
#: ``ARTICLE_MIN_PROSE_WORDS`` words in at least ``ARTICLE_MIN_PARAGRAPHS``
#: paragraphs.  An index page's one paragraph of introduction over its list
#: (a list of programming languages), a listing's blurbs, a product page's
#: specifications are no such run: their lists are their content.
ARTICLE_PROSE_SHARE = 0.7
ARTICLE_MIN_PROSE_WORDS = 200
ARTICLE_MIN_PARAGRAPHS = 4
#: A headline is a line of at most this many words that ends no sentence and no
#: clause (a list's "Sleeping Capacity:" or "flour, sugar," continues) ...
HEADLINE_MAX_WORDS = 20
_CLAUSE_ENDS = _SENTENCE_ENDS + (":", ";", ",")
#: ... and this many in a row outside the article are a list of other pages'
#: headlines (a teaser box, a "Most popular" list, a menu); two may be a
#: caption and a byline.
HEADLINE_RUN_MIN = 3


def article_run(blocks: list[Block], counts: list[int]) -> tuple[int, int] | None:
    """The first and last block of the run of kept lines that is a text page's
    article (``ARTICLE_RUN_SHARE``, ``ARTICLE_PROSE_SHARE``...), or None if no
    run reads as one.  ``counts`` are the blocks' ``word_counts``."""
    runs: list[list[int]] = []  # [first, last, confident words]
    last = None
    for i, block in enumerate(blocks):
        if not block.keep:
            continue
        confident = counts[i] if block.score >= CONFIDENT_SCORE else 0
        if last is not None and i - last - 1 < ARTICLE_GAP_LINES:
            runs[-1][1] = i
            runs[-1][2] += confident
        else:
            runs.append([i, i, confident])
        last = i
    if not runs:
        return None
    first, end, confident = max(runs, key=lambda run: run[2])
    if not confident or confident < ARTICLE_RUN_SHARE * sum(run[2] for run in runs):
        return None
    words = paragraphs = prose = 0
    for i in range(first, end + 1):
        if blocks[i].keep:
            words += counts[i]
            if is_paragraph(blocks[i], counts[i]):
                paragraphs += 1
                prose += counts[i]
    if prose < ARTICLE_PROSE_SHARE * words or prose < ARTICLE_MIN_PROSE_WORDS or paragraphs < ARTICLE_MIN_PARAGRAPHS:
        return None
    return first, end


def around_cored_article(blocks: list[Block], counts: list[int]) -> tuple[tuple[int, int], ...]:
    """The spans of blocks above and below the article's run (``article_run``)
    on a page with a confident core (``has_core``), as (start, stop) pairs;
    none on another page.  ``counts`` are the blocks' ``word_counts``."""
    if not has_core([block.score for block in blocks], block_weights(counts)):
        return ()
    run = article_run(blocks, counts)
    if run is None:
        return ()
    first, end = run
    return (0, first), (end + 1, len(blocks))


def is_paragraph(block: Block, words: int) -> bool:
    """Whether a block of ``words`` words is a paragraph of prose: at least
    ``RESUME_MIN_WORDS`` words, ending a sentence."""
    return words >= RESUME_MIN_WORDS and block.text.rstrip().endswith(_SENTENCE_ENDS)


def is_headline(block: Block, words: int) -> bool:
    """Whether a text page's line of ``words`` words reads as a headline: short
    (``HEADLINE_MAX_WORDS``), and ending no sentence or clause."""
    return 0 < words <= HEADLINE_MAX_WORDS and not block.text.rstrip().endswith(_CLAUSE_ENDS)


def drop_headline_runs(page: Page, counts: list[int]) -> None:
    """On a text page that reads as an article (``article_run``: one run of kept
    lines holds most of what the model is confident of, and it is prose), drop
    what was kept of the runs of ``HEADLINE_RUN_MIN`` or more headlines
    (``is_headline``) above and below that run: the lists of other articles'
    headlines a page sets around its article ("Most popular", "More from ...",
    a site's sections), headed by no line that ``cut_related_sections`` knows,
    or by none at all.  ``counts`` are the blocks' ``word_counts``.

    The model reads a line with its neighbours, and the cut a short article
    sets keeps such headlines scoring 0.5 to 0.8 beside it.  On a page that
    is no article (a listing, a product's page, an index, documentation), or
    inside the article's run, such a list is the content.  Only on a page with
    a confident core (``has_core``): without one, the page's cut is low and
    its lists, kept at 0.3, are a catalogue's cards under a paragraph of
    introduction.

    Under domain-grouped cross-validation (out-of-fold scores, ``bench/oof.py``)
    this moved text Scrapinghub by +0.0013 / +0.0031 / +0.0027 (WET / naive /
    browser) and text WCXB by +0.0004 / +0.0003 / +0.0006, no page type down
    in any style by more than 0.0004 (documentation, browser): 88 renderings
    up (+4.3 summed), 37 down (-1.1; the worst -0.12, an article's packing
    checklist under its introduction).  Without the core it gained a little
    more (Scrapinghub +0.0003, WCXB +0.0001) but a catalogue's tent cards
    went (-0.21, -0.16; collection -0.0015 in the browser style); with a
    paragraph of 68 words enough for an article, an index of programming
    languages lost its list (listing -0.0015); capping a run at 15 to 50
    lines spared the checklist but lost Scrapinghub 0.0001 to 0.0010.
    """
    blocks = page.blocks
    for start, stop in around_cored_article(blocks, counts):
        for i, j in headline_runs(blocks, counts, start, stop):
            for block in blocks[i:j]:
                block.keep = False


def headline_runs(blocks: list[Block], counts: list[int], start: int, stop: int) -> Iterator[tuple[int, int]]:
    """The runs of ``HEADLINE_RUN_MIN`` or more headlines (``is_headline``)
    among ``blocks[start:stop]``, as (first, past the last)."""
    i = start
    while i < stop:
        j = i
        while j < stop and is_headline(blocks[j], counts[j]):
            j += 1
        if j - i >= HEADLINE_RUN_MIN:
            yield i, j
        i = max(j, i + 1)


#: A teaser card is a headline, maybe a byline or a kicker, a date, maybe a
#: blurb: from this many lines ...
CARD_MIN_LINES = 2
#: ... to this many, from one date line (``features.is_dateline``) to the next.
CARD_MAX_LINES = 6
#: A list of cards is at least this many date lines in a row at the same
#: spacing; two may be an article's byline and its update note.
CARDS_MIN = 3
#: A card's headline is a line of this many words (to ``HEADLINE_MAX_WORDS``)
#: ending no sentence or clause but a question ("What made Joker so popular?"):
#: a forum's replies have a user name there ("T Diddy"), or a reply's last line.
CARD_HEADLINE_MIN_WORDS = 3
_NOT_CARD_HEADLINE_ENDS = (".", ",", ";", ":")


def drop_dated_teaser_cards(page: Page, counts: list[int]) -> None:
    """On a text page that reads as an article (``article_run``, on a page with
    a confident core, as for ``drop_headline_runs``), drop what was kept of the
    lists of dated teaser cards above and below the article's run: at least
    ``CARDS_MIN`` date lines at the same spacing (``CARD_MIN_LINES`` to
    ``CARD_MAX_LINES`` lines), each with a headline at the same distance above
    it.  ``counts`` are the blocks' ``word_counts``.

    A news site sets its other stories under an article as cards, "<headline> /
    <author> / <date> / <first sentences>": ``drop_headline_runs`` finds no run
    of three headlines there, and the model keeps the blurbs, which read as
    the article's prose (0.5 to 0.9).  A forum's replies under the first post
    are dated at a steady spacing too, but have a user name above the date, or
    the last line of the reply before, which ends a sentence.

    Under domain-grouped cross-validation (out-of-fold scores, ``bench/oof.py``)
    this moved text Scrapinghub by +0.0022 / +0.0017 / +0.0028 (WET / naive /
    browser) and text WCXB by +0.0002 / +0.0000 / +0.0001 (article +0.0002,
    service +0.0001), no page type down: 15 renderings up (+1.62 summed: two
    opinion pages' "More from" cards, a science site's videos dated by their
    length, a university's, a magazine's and two blogs' news cards), none
    down.  Headlines of four words or more moved 13 renderings (+1.42); with
    a headline anywhere in the card rather than at one distance above every
    date, forum threads of one-paragraph replies lost replies (forum -0.0007,
    one thread -0.25 WET).
    """
    blocks = page.blocks
    for start, stop in around_cored_article(blocks, counts):
        dates = [i for i in range(start, stop) if is_dateline(blocks[i].text)]
        k = 0
        while k + CARDS_MIN <= len(dates):
            step = dates[k + 1] - dates[k]
            m = k + 1  # the last date of the run spaced by step
            while m + 1 < len(dates) and dates[m + 1] - dates[m] == step:
                m += 1
            if m - k + 1 >= CARDS_MIN and CARD_MIN_LINES <= step <= CARD_MAX_LINES:
                for above in range(1, step):
                    for i, j in card_stretches(blocks, counts, dates[k: m + 1], above, start):
                        for block in blocks[max(start, i - step + 1): min(stop, j + step)]:
                            block.keep = False
            k = m  # the next run starts at this one's last date: each date is looked at twice at most


def card_stretches(blocks: list[Block], counts: list[int], dates: list[int], above: int,
                   start: int) -> Iterator[tuple[int, int]]:
    """The first and last date of each stretch of ``CARDS_MIN`` or more of the
    evenly spaced ``dates`` that have a card's headline (``is_card_headline``)
    ``above`` lines over them."""
    stretch: list[int] = []
    for date in dates + [-1]:  # -1 closes the last stretch
        if date >= 0 and is_card_headline(blocks, counts, date - above, start):
            stretch.append(date)
            continue
        if len(stretch) >= CARDS_MIN:
            yield stretch[0], stretch[-1]
        stretch = []


def is_card_headline(blocks: list[Block], counts: list[int], i: int, start: int) -> bool:
    """Whether block ``i`` (from ``start`` on) reads as a teaser card's headline
    (``CARD_HEADLINE_MIN_WORDS``)."""
    if i < start or not CARD_HEADLINE_MIN_WORDS <= counts[i] <= HEADLINE_MAX_WORDS:
        return False
    text = blocks[i].text
    return not text.rstrip().endswith(_NOT_CARD_HEADLINE_ENDS) and not is_dateline(text)


#: A short article, on a page without a confident core, is the span of at
#: least this many kept paragraphs (``is_paragraph``), the page's best block
#: among them ...
SHORT_ARTICLE_MIN_PARAGRAPHS = 2
#: ... with at most this many times their words kept below them: more, and the
#: paragraphs introduce a list that is the page's content (a listing, a catalogue).
SHORT_ARTICLE_TAIL_RATIO = 3.0
#: A run of headlines under it is teasers when every line scores below the
#: article's weakest paragraph and the cut kept at most this share of its
#: lines: a list that is the content is kept whole or nearly.
TEASER_RUN_KEPT_SHARE = 0.5


def drop_teaser_runs_under_short_article(page: Page, counts: list[int]) -> None:
    """On a text page without a confident core (``has_core``), whose article is
    a few paragraphs the model is unsure of (``SHORT_ARTICLE_MIN_PARAGRAPHS``,
    ``SHORT_ARTICLE_TAIL_RATIO``), drop what was kept of the runs of headlines
    below its last paragraph that read as teasers (``TEASER_RUN_KEPT_SHARE``):
    the "Most popular" and "More news" lists of which the low cut such a page
    sets keeps a headline here and there.  ``counts`` are the blocks'
    ``word_counts``.  ``drop_headline_runs`` does this on pages with a core.

    Under domain-grouped cross-validation (out-of-fold scores, ``bench/oof.py``)
    this moved text Scrapinghub by +0.0066 / +0.0029 / +0.0045 (WET / naive /
    browser) and text WCXB by -0.0000 / +0.0004 / +0.0001: 39 renderings up
    (+4.12 summed), 14 down (-0.92; the worst a recipe site's list of recipe
    titles under its introduction, -0.22 / -0.10 / -0.15, listing -0.0021 in
    the WET style).  Without the guards on the run it gained more on
    Scrapinghub (+0.0083 WET) but dropped a product grid's and a catalogue's
    lists (WCXB -0.0011 browser); with the core floor on every page instead
    (nothing kept under half the best score), collection and listing lost 0.04.
    """
    blocks = page.blocks
    scores = [block.score for block in blocks]
    if not blocks or has_core(scores, block_weights(counts)):
        return
    paragraphs = [i for i, block in enumerate(blocks) if block.keep and is_paragraph(block, counts[i])]
    if len(paragraphs) < SHORT_ARTICLE_MIN_PARAGRAPHS or _top(scores) not in paragraphs:
        return
    end = paragraphs[-1]
    words = sum(counts[i] for i in paragraphs)
    if sum(counts[i] for i in range(end + 1, len(blocks)) if blocks[i].keep) > SHORT_ARTICLE_TAIL_RATIO * words:
        return
    weakest = min(scores[i] for i in paragraphs)
    for i, j in headline_runs(blocks, counts, end + 1, len(blocks)):
        kept = sum(block.keep for block in blocks[i:j])
        if max(scores[i:j]) < weakest and kept <= TEASER_RUN_KEPT_SHARE * (j - i):
            for block in blocks[i:j]:
                block.keep = False


#: The label of a shop's button that puts the product in the cart, as a whole
#: line ("Add to cart", "ADD TO BAG", "In den Warenkorb", "Ajouter au panier
#: →"), in English, German, French, Spanish, Italian, Portuguese, Dutch,
#: Polish, Russian, Japanese and Chinese.  Not "Buy now": a review article's
#: links to the shops that sell what it reviews say that too.
_ADD_TO_CART = re.compile(
    r"\W*(?:add (?:to|in) (?:the )?(?:cart|basket|bag|trolley)|in den (?:warenkorb|einkaufswagen)"
    r"|ajouter au panier|a(?:ñ|n)adir al carrito|agregar al carrito|aggiungi al carrello"
    r"|adicionar ao carrinho|in (?:de )?winkel(?:wagen|mand)|dodaj do koszyka|в корзину"
    r"|カートに入れる|加入购物车)\W*", re.IGNORECASE)
#: Such a label is short; the length is tested before the pattern.
ADD_TO_CART_MAX_CHARS = 40


def cart_button(blocks: list[Block]) -> int | None:
    """The first block that is the label of an "Add to cart" button
    (``_ADD_TO_CART``): the mark of a shop's product page; None without one."""
    return next((i for i, block in enumerate(blocks)
                 if len(block.text) <= ADD_TO_CART_MAX_CHARS and _ADD_TO_CART.fullmatch(block.text)), None)


def cut_below_product_description(page: Page, counts: list[int]) -> None:
    """On a text page that is a shop's product page (a line is the label of a
    button that puts it in the cart, ``_ADD_TO_CART``) and whose description
    reads as an article (``article_run``: one run of kept lines holds most of
    what the model is confident of, and it is prose), drop what was kept below
    that run.  ``counts`` are the blocks' ``word_counts``.

    Below a product's description a shop sets what is the shop's, not the
    product's: the customers' reviews and the seller's ratings, "Customers
    also bought", the shipping, returns and warranty terms, the sales team's
    pitch, a spec table of other products; the model keeps the prose of them.
    On the WCXB product pages whose description is such a run, what the model
    kept below it held 210 gold words against 8,463 others; on the other page
    types, half is gold, and no rule without the shop's button could tell.

    Under domain-grouped cross-validation (out-of-fold scores, ``bench/oof.py``)
    this moved text product by 0.5958 -> 0.6011 (+0.0053), text WCXB by
    +0.0006 / +0.0003 / +0.0003 (WET / naive / browser), collection by -0.0001,
    Scrapinghub and the other page types not at all: 12 renderings of 7 shops
    up (+1.89 summed), one down (-0.03, a catalogue whose gold keeps a few
    lines below its introduction).  HTML pages moved not at all, and are left
    out.  A shop's cart alone ("Cart", "View cart") as the mark of a product
    page: 3,615 more words of product tails dropped, but 575 gold words of
    articles and 292 of catalogues on shops' sites; with a price above the
    description as well, no product page left.  "Buy now" as a button: a
    review article's links to the shops that sell what it reviews.
    """
    blocks = page.blocks
    if cart_button(blocks) is None:
        return
    run = article_run(blocks, counts)
    if run is None:
        return
    for block in blocks[run[1] + 1:]:
        block.keep = False


def cut_at_customer_reviews(page: Page, counts: list[int]) -> None:
    """On a shop's product page (a block, on a text page a line, is the label
    of a button that puts the product in the cart, ``_ADD_TO_CART``), the
    first block below that button that heads the customers' reviews
    (``_REVIEWS_NAMED_HEADER``: "Customer Reviews", "Ratings & Reviews",
    "Kundenbewertungen") ends the product's content: what was kept from there
    on goes, if ``REVIEWS_MIN_OUTSIDE_WORDS`` words are kept above it (a page
    that is all reviews keeps them).  ``counts`` are the blocks' ``word_counts``.

    A text page has no markup to say where the reviews end, and a review
    widget's markup seldom says it either; but a shop puts the reviews last,
    under the product, and what follows them (more products, the shop's
    questions and answers, its terms, its footer) is the shop's as well.  On
    the WCXB text product pages with such a button and heading, what the model
    kept from the heading on held 2,250 gold words against 28,528 others; no
    page of another type has both.  A count of reviews ("1411 Reviews") or "Be
    the first to review" heads no section: a shop's grid shows one under each
    card, and with them catalogues lost 7,600 gold words.

    Under domain-grouped cross-validation (out-of-fold scores, ``bench/oof.py``)
    this moved text product by 0.6011 -> 0.6105 (+0.0094; WET +0.0116, naive
    +0.0115, browser +0.0050), text WCXB by +0.0009 / +0.0009 / +0.0004 (WET /
    naive / browser), Scrapinghub and every other page type not at all: 13
    renderings of 7 shops up (+3.39 summed), 2 down (-0.03, -0.01: pages whose
    reviews share the product's words).  Without the words kept above, a
    guitar shop's page whose gold the model never kept lost all it kept
    (-0.09): a card's "Customer ratings" came before its reviews.  On HTML
    pages (after ``drop_review_sections``, which ends the section with its
    widget): product 0.6692 -> 0.6726 (+0.0034),
    WCXB +0.0003, two pages up (+0.38: a shop's questions and answers under
    its review widget; +0.02), none down, every other group unchanged.
    """
    blocks = page.blocks
    cart = cart_button(blocks)
    if cart is None:
        return
    for i in range(cart + 1, len(blocks)):
        text = blocks[i].text
        if len(text) <= HEADER_MAX_CHARS and _REVIEWS_NAMED_HEADER.fullmatch("\n" + text.lower()):
            if sum(words for block, words in zip(blocks[:i], counts) if block.keep) >= REVIEWS_MIN_OUTSIDE_WORDS:
                for block in blocks[i:]:
                    block.keep = False
            return


#: The label of a teaser link set in an article's text: "Related: <headline>",
#: "Read more: <headline>", "Lire aussi : <headline>" -- a header of
#: ``_RELATED_PHRASES`` or a bare "read", "watch", "more" (in lower case),
#: then a colon and the linked headline, or a line break and the links under
#: it ("Don't miss" over three headlines).  Also "Tags:" (in a few languages)
#: before the links to the site's tag pages.  Not "See:", which an answer on a
#: Q&A site puts before the link it quotes.
_TEASER_LABEL = re.compile(
    (r"(?:" + "|".join(_RELATED_PHRASES) + r"|read(?: more| also)?|see (?:more|also)|watch|listen|more|also"
     r"|tags?|tagged(?: with| in)?|schlagw(?:ö|o)rte?r?|etiquetas|mots-cl(?:é|e)s|(?:é|e)tiquettes|теги|метки"
     r"|tagi|štítky|etiketler|标签|タグ)")
    .replace(" ", r"[^\S\n]+") + r"[^\S\n]*+[:：\n]\s*\w")
#: A labelled line is a teaser when links cover at least this share of its text
#: (the teasers of the evaluation data: 0.6 to 0.9, the label being the rest):
#: "Related: a new study finds ..." with its words unlinked is the article's prose.
TEASER_LINK_SHARE = 0.6
#: A text page shows no links: there a labelled line is a teaser when it is at
#: most this many words long, a label and a headline; a longer one is prose.
#: (15 and 40 words scored alike out of fold, 40 losing one more page.)
TEASER_LINE_MAX_WORDS = 25


def drop_teaser_links(page: Page, counts: list[int]) -> None:
    """Drop the teaser links an article's text holds, each a block of its own
    (on a text page, a line):
    "Related: <headline>", "READ MORE: <headline>", "Also read: <headline>",
    the label's colon followed by a link to another page, "Tags: <tag links>";
    or a linked paragraph in capitals (``is_capitals_paragraph``).  ``counts``
    are the blocks' ``word_counts``.

    They read as the article's prose does, a sentence among its paragraphs, and
    the model keeps them.  Only below the article's first confident paragraph,
    as for ``cut_related_sections``.  Under domain-grouped cross-validation
    (out-of-fold scores, ``bench/oof.py``) this moved Scrapinghub by +0.0007 and
    WCXB by +0.0001: 13 pages gained (+0.25 summed), two lost (-0.03: an article
    whose gold keeps its "Read more" lines, a listing's "Watch:" card).  The
    paragraphs in capitals moved three Scrapinghub pages (of two news sites'
    calls to click and teasers: +0.11 summed, Scrapinghub +0.0006) and no WCXB
    page; the tags and the labels ending their line two (+0.07, Scrapinghub
    +0.0004), and no WCXB page.  On a text page, which shows no links, a
    labelled line of a headline's length (``is_teaser_line``): out of fold,
    text Scrapinghub +0.0005 / +0.0000 / +0.0005 (WET / naive / browser), WCXB
    +0.0001 in each style; 31 renderings up (+0.57 summed), two down (-0.02:
    an article whose gold keeps a "Related:" line).
    """
    blocks = page.blocks
    first_core = first_core_paragraph(blocks, counts)
    if first_core is None:
        return
    text = page.kind == "text"
    for i in range(first_core + 1, len(blocks)):
        block = blocks[i]
        if block.keep and (is_teaser_line(block, counts[i]) if text else is_teaser_link(block)):
            block.keep = False


def is_teaser_link(block: Block) -> bool:
    """Whether an HTML block is a linked teaser: mostly links, and labelled
    (``_TEASER_LABEL``) or set in capitals (``is_capitals_paragraph``)."""
    return block.link_chars >= TEASER_LINK_SHARE * len(block.text) and (
        is_labelled(block.text) or is_capitals_paragraph(block))


def is_teaser_line(block: Block, words: int) -> bool:
    """Whether a text page's line of ``words`` words is a teaser: a label
    (``_TEASER_LABEL``) and a headline, ``TEASER_LINE_MAX_WORDS`` at most."""
    return words <= TEASER_LINE_MAX_WORDS and is_labelled(block.text)


def is_labelled(text: str) -> bool:
    """Whether a block opens with a teaser's label (``_TEASER_LABEL``)."""
    # A colon or a line break ends every label: most blocks have neither, and
    # are spared the search through the label's hundred alternatives.
    return ((":" in text or "\n" in text or "：" in text)
            and _TEASER_LABEL.match(text.lower()) is not None)


#: A paragraph in capitals is a call to click when it has at least this many
#: words: one or two ("FULL STORY", "NASA") may be a name or an acronym.
CAPITALS_MIN_WORDS = 3


def is_capitals_paragraph(block: Block) -> bool:
    """Whether the block is a paragraph set in capitals: in an article's text, a
    link so set is a teaser or a call to click ("CLICK HERE TO GET THE APP",
    "SENATOR RESIGNS AFTER VOTE"); an article's own headings, often in capitals,
    are headings."""
    text = block.text
    return (block.tag == "p" and text.isupper() and len(text.split()) >= CAPITALS_MIN_WORDS)


#: What a call to action says: subscribe, sign up, follow us on Twitter, share
#: this, email the writer at ..., have a tip?  In English, German, French,
#: Spanish, Portuguese, Italian, Dutch and Russian; "subscribe" and "follow us"
#: in Polish, Czech, Turkish, the Scandinavian languages, Finnish, Romanian,
#: Hungarian, Greek, Ukrainian, Arabic, Hebrew, Indonesian, Vietnamese, Korean
#: and Chinese (many languages say "newsletter" as English does); searched in
#: the lower-cased text.
_APPEAL = re.compile("|".join((
    r"\bsubscrib(?:e|ing)\b|\bnewsletters?\b|\bsign(?:ing)? up\b|\bclick here\b|\byour inbox\b|\bhave a tip\b",
    r"\bfollow (?:us|me|him|her|them|@)|\bon (?:twitter|facebook|instagram|youtube|linkedin)\b",
    r"\bshare (?:it|this)\b|\b(?:like|liked|enjoy|enjoyed) this (?:story|article|post)\b",
    r"\b(?:e-?mail|write to|contact|reach) (?:\S+ ){0,3}at \S+@|\breached at\b",
    r"\babonnieren\b|\bfolgen sie uns\b|\babonnez-vous\b|\binscrivez-vous\b|\bsuivez-nous\b",
    r"\bsuscr[ií]bete\b|\bs[ií]guenos\b|\binscreva-se\b|\bsiga-nos\b|\biscriviti\b|\bseguici\b",
    r"\babonneer\b|\bvolg ons\b|подпи(?:шитесь|сывайтесь)",
    r"\bobserwuj nas\b|\bsledujte nás\b|\babone ol(?:un)?\b|\bbizi takip edin\b|\bfølg (?:os|oss)\b|\bfölj oss\b",
    r"\bseuraa meitä\b|\btilaa uutiskirje|\babonează-te\b|\burmăr(?:e(?:ș|ş)te|i(?:ț|ţ)i)-ne\b|\biratkozz(?:on)? fel\b",
    r"\bkövess(?:en)? minket\b|\bεγγραφείτε (?:στο newsletter|τώρα)|\bακολουθήστε μας\b",
    r"\bпідпишіться\b|\bпідписуйте?(?:ся|сь)\b|\b(?:стежте|слідкуйте) за нами\b",
    r"\bاشترك (?:الآن|في (?:النشرة|نشرتنا|قناتنا))|\bاشتركوا\b|\bتابعونا\b|\bהירשמו\b|\bעקבו אחרינו\b",
    r"\bikuti kami\b|\bberlangganan (?:newsletter|buletin|sekarang)\b|\btheo dõi chúng tôi\b",
    r"\bđăng k[ýí] nhận (?:bản tin|tin|email)|구독하(?:기$|세요)|(?:欢迎|扫码|请)关注我们|关注我们的(?:微信|公众号)",
    r"(?:歡迎|請)關注我們|關注我們的(?:微信|公眾號)",
)))
#: A call to action is a line or two; a longer paragraph naming a newsletter is
#: prose (60 words let text pages lose more paragraphs about signing up for a
#: service: 5 renderings down by -0.18 became 14 by -0.52; 30 spared no more).
APPEAL_MAX_WORDS = 40
#: ... and this many characters: a block of a few words a megabyte long is no
#: call to action, and searching it for one would cost a second.
APPEAL_MAX_CHARS = 600
#: Going up from the end of the kept text, a block this long that is no call to
#: action is the article's last paragraph: the search stops there.
APPEAL_STOP_WORDS = 5
#: A sign-off line (``features.is_promotion``: "(Web editor: ...)", a line
#: naming a social network) the model is sure is content stays: some articles
#: are about social media.  "Sure" is the score the context features call
#: confident (``features.CONFIDENT_FIRST_SCORE``, also 0.8): below it, a
#: sign-off line is no article's text.  Over the benchmark, cuts of 0.6 to 0.8
#: scored within 0.0003.
PROMOTION_MAX_SCORE = 0.8
#: Such a line is a sign-off among the last this many kept blocks only: higher
#: up, a line naming a social network is a forum post's or a service's.
PROMOTION_LOOKBACK = 2


#: A short label and a count in parentheses: a shop's filter ("Bell (5)",
#: "$50.00 to $99.99 (56)"), a blog's archive ("December (111)") or its
#: categories ("Recipes (12)").  The space before the parenthesis is asked for:
#: without it, a man page's "libalpm(3)" and a course's "★★★★★(17)" match.
_COUNTED_LABEL = re.compile(r"[^()\n]{1,60}?\s\(\d[\d,.]*\)")
#: So many counted labels in a row are a list of them: one alone is a heading's
#: "Comments (3)".
COUNT_LIST_MIN_ITEMS = 4
#: ... beside at least this many kept words outside them (as for customer
#: reviews): a page that is all such lists, a directory of categories, keeps them.
COUNT_LISTS_MIN_OUTSIDE_WORDS = 30


def drop_count_lists(page: Page, counts: list[int]) -> None:
    """Drop the lists of counted labels (``_COUNTED_LABEL``): what a page counts
    for its reader to pick from, filters and archives, is how to find content,
    and the model, seeing a tidy list of short lines, keeps grids of them.
    ``counts`` are the blocks' ``word_counts``."""
    blocks = page.blocks
    # The closing parenthesis first: a string test, where the pattern is a call per block.
    counted = [block.text[-1:] == ")" and _COUNTED_LABEL.fullmatch(block.text) is not None
               for block in blocks]
    listed: set[int] = set()
    start = 0
    while start < len(blocks):
        end = start
        while end < len(blocks) and counted[end]:
            end += 1
        if end - start >= COUNT_LIST_MIN_ITEMS:
            listed.update(range(start, end))
        start = end + 1
    drop_beside_content(blocks, counts, listed, COUNT_LISTS_MIN_OUTSIDE_WORDS)


def drop_beside_content(blocks: list[Block], counts: list[int], dropped: set[int], min_outside: int) -> None:
    """Drop the blocks at the indices ``dropped`` if at least ``min_outside`` kept
    words (``counts``) lie outside them: a page made of nothing else keeps them."""
    outside = sum(count for i, (block, count) in enumerate(zip(blocks, counts))
                  if block.keep and i not in dropped)
    if outside >= min_outside:
        for i in dropped:
            blocks[i].keep = False


#: A line that only labels an advertisement or a sponsor's slot: "Advertisement",
#: "- ADVERTISEMENT -", "Sponsored", "» Publicidade", "Story continues below
#: advertisement"; in English, German, French, Spanish, Portuguese, Italian,
#: Dutch, Polish, Czech, Russian, Chinese, Japanese, Turkish, Hungarian,
#: Finnish, Swedish, Danish, Norwegian, Greek, Arabic, Hebrew, Korean,
#: Vietnamese, Indonesian and Thai.
_AD_LABEL = re.compile(
    r"[^\w\n]*(?:advertisements?|advert|ads?|sponsored(?:\s+(?:content|links?|posts?|stories))?"
    r"|(?:story|article)\s+continues\s+below(?:\s+(?:this\s+)?(?:advertisement|ad|gallery))?"
    r"|continue\s+reading\s+below|anzeige|werbung|publicit[ée]|publicidade|publicidad"
    r"|pubblicità|advertentie|reklama|реклама|广告|廣告|広告|reklam|reklame|hirdetés|mainos|annonse|annons"
    r"|annonce|δι[αά]φ[ηή]μιση|[اإ]علان|פרסומת|광고|quảng cáo|iklan|โฆษณา)[^\w\n]*", re.IGNORECASE)
#: Such a label is short; the length is tested before the pattern.
AD_LABEL_MAX_CHARS = 40


def drop_ad_labels(page: Page) -> None:
    """Drop the kept lines that label an advertisement (``_AD_LABEL``).

    The ad itself is an image or a script, so its label is left alone between
    two paragraphs, and the model keeps it with them.  No gold text of the
    development pages holds such a line but one listing's "Sponsored"; the
    outputs held 70 (text Scrapinghub "Advertisement" 42, WCXB HTML
    "Sponsored" 23).  Not a heading: "Advertisement" heads a section of a
    Bluetooth manual.
    """
    for block in page.blocks:
        if (block.keep and len(block.text) <= AD_LABEL_MAX_CHARS and not _is_text_of_its_own(block)
                and _AD_LABEL.fullmatch(block.text)):
            block.keep = False


#: The lines of a page's chrome that sites copy from their software, each
#: in the exact words of a message or a control, never an open sentence: a
#: consent dialog's controls (OneTrust, Cookiebot, CookieYes: "Privacy
#: Preference Center", "Always Active", "Targeting Cookies Off", "Accept All
#: Cookies"); a form's error and success messages, which a page carries
#: hidden until they are needed ("Oops! Something went wrong while submitting
#: the form.", "Thank you! Your submission has been received!"); a Q&A site's
#: sort menu and a forum's reactions line (Stack Exchange's "Highest score
#: (default)", "See similar questions with these tags."; XenForo's
#: "Reactions: name, name and 3 others"); a shop's count of results
#: ("Showing 1–24 of 120 results"); and the notice a page shows without
#: JavaScript ("You need to enable JavaScript to run this app.", "JavaScript
#: is disabled. ..."), all an application's shell holds.  No ".*" is followed
#: by more of the pattern: on a block holding a newline that backtracks.
#: The categories a consent dialog lists ("Targeting Cookies").
_COOKIE_CATEGORY = (r"(?:(?:strictly necessary|performance|functional|targeting|analytics|marketing|advertising"
                    r"|social media) cookies"
                    r"|(?:unbedingt )?(?:notwendige|erforderliche|funktionale|statistik|marketing)[- ]?cookies"
                    r"|cookies (?:strictement nécessaires|fonctionnels|de performance|analytiques|publicitaires"
                    r"|(?:estrictamente )?necesarias|funcionales|analíticas|de rendimiento|de marketing"
                    r"|(?:estritamente )?necessários|funcionais|analíticos|de desempenho)"
                    r"|cookie (?:(?:strettamente )?necessari|tecnici|funzionali|analitici|di profilazione)"
                    r"|(?:noodzakelijke|functionele|analytische) cookies)")
#: A consent dialog's controls in German, French, Spanish, Italian,
#: Portuguese, Dutch, Polish, Swedish and Danish: "Alle akzeptieren", "Tout
#: refuser", "Configuración de cookies", "Sempre attivi".
_CONSENT_CONTROL_OTHER = (
    r"alle(?:s| cookies)? (?:akzeptieren|ablehnen)|cookie-?einstellungen|immer aktiv"
    r"|tout (?:accepter|refuser)|(?:accepter|refuser) (?:tout|tous les cookies)"
    r"|paramètres des cookies|gérer les cookies|toujours actifs?"
    r"|(?:aceptar|rechazar) tod[ao]s?(?: las cookies)?|configuración de cookies|siempre activ[ao]s?"
    r"|(?:accetta|rifiuta) tutt[io](?: i cookie)?|impostazioni (?:dei )?cookie|sempre attiv[io]"
    r"|(?:aceitar|rejeitar|recusar) tod[ao]s?(?: os cookies)?|(?:configurações|definições) de cookies"
    r"|sempre ativ[ao]s?"
    r"|alles? (?:cookies )?(?:accepteren|weigeren)|(?:accepteer|weiger) alle(?: cookies)?|cookie-?instellingen"
    r"|altijd actief"
    r"|(?:zaakceptuj|akceptuj|odrzuć) wszystkie|ustawienia (?:plików )?cookies?"
    r"|(?:acceptera|godkänn|avvisa|neka) alla(?: cookies)?|(?:accepter|afvis|tillad) alle(?: cookies)?")
_CHROME_LINE = re.compile(
    r"[^\w\n]*+(?:privacy preference cent(?:er|re)|manage (?:consent|cookie) preferences"
    rf"|{_COOKIE_CATEGORY} (?:on|off)|always active"
    r"|accept all(?: cookies)?|reject all(?: cookies)?|allow all(?: cookies)?"
    r"|confirm my choices|cookie settings|list of partners \(vendors\)|object to legitimate interests?"
    rf"|{_CONSENT_CONTROL_OTHER}"
    r"|oops! (?:something went wrong(?: while submitting the form)?"
    r"|looks like we['’]re having trouble connecting to our server)\.?(?: please try again)?"
    r"|thank you! your submission has been received"
    r"|(?:(?:highest score \(default\)|trending \(recent votes count more\)"
    r"|date (?:modified|created) \((?:newest|oldest) first\))\s*)+"
    r"|sorted by:(?:\s*reset to default)?|see similar questions with these tags|hot network questions"
    r"|reactions:(?: [^\s,.]+(?: [^\s,.]+){0,2},)*(?: [^\s,.]+(?: [^\s,.]+){0,2})"
    r"(?: and (?:\d+ others?|[^\s,.]+(?: [^\s,.]+){0,2}))?"
    r"|(?:you need to |please |you must )?enable javascript(?: (?:to|in|for) [^.\n]{1,80})?"
    r"|sadly, you must enable javascript to get past this challenge\.[^\n]{0,300}"
    r"|javascript is disabled\.(?: [^\n]{0,160})?"
    r"|we['’]re sorry but [^\n]{1,80} doesn['’]t work properly without javascript enabled\."
    r"(?: please enable it to continue)?"
    r"|showing (?:all )?[\d,.]+(?:\s*[–-]\s*[\d,.]+)?(?: of [\d,.]+)? results?"
    r"|sorry, your browser doesn[’']t support embedded videos)[^\w\n]*+", re.IGNORECASE)
#: Such a line is short; the length is tested before the pattern.
CHROME_LINE_MAX_CHARS = 300
#: A consent dialog's own text, which a cookie policy may share: its
#: categories ("Performance Cookies") and their descriptions ("These cookies
#: allow us to count visits..."), a banner's "We use cookies to ...".  Such a
#: line goes only beside a dialog's controls (``_CHROME_LINE``: "Always
#: Active", "Targeting Cookies Off", "Accept All"), within this many lines.
_CONSENT_TEXT = re.compile(
    rf"[^\w\n]*+(?:{_COOKIE_CATEGORY}[^\w\n]*+$|these cookies (?:are|allow|enable|may|help|collect|do)\b"
    r"|(?:this (?:web)?site|we) uses? cookies\b|by clicking [“\"']?accept\b"
    r"|(?:wir (?:verwenden|nutzen)|diese (?:web)?seite (?:verwendet|nutzt)|diese website (?:verwendet|nutzt)) cookies\b"
    r"|(?:nous utilisons|ce site (?:web )?utilise) des cookies\b"
    r"|(?:utilizamos|usamos|este sitio (?:web )?(?:utiliza|usa)|esta web (?:utiliza|usa)|este site (?:utiliza|usa)) cookies\b"
    r"|(?:utilizziamo|usiamo|questo sito (?:web )?(?:utilizza|usa)) (?:i )?cookie"
    r"|(?:wij|we) gebruiken cookies\b|deze (?:web)?site gebruikt cookies\b"
    r"|(?:używamy|ta strona (?:używa|wykorzystuje)) (?:plików )?cookie"
    r"|(?:vi använder|denna webbplats använder) (?:kakor|cookies)\b|vi bruger cookies\b"
    r"|(?:vi|denne nettsiden) bruker (?:informasjonskapsler|cookies)\b"
    r"|(?:utilitzem|aquest lloc web utilitza) (?:galetes|cookies)\b"
    r"|(?:мы используем|этот сайт использует|сайт использует) (?:файлы )?(?:cookie|куки)"
    r"|(?:ми використовуємо|цей сайт використовує) (?:файли )?cookie"
    r"|(?:používáme|tento web používá|tyto stránky používají) (?:soubory )?cookies?\b"
    r"|(?:používame|táto (?:webová )?stránka používa) (?:súbory )?cookies?\b"
    r"|(?:(?:bu (?:web ?)?site(?:si|de|sinde|miz(?:de)?)?|(?:web )?sitemizde) )?çerez(?:ler)?(?:i)?"
    r" kullan(?:ıyoruz|ılmaktadır|maktadır|ır)"
    r"|(?:käytämme|tämä sivusto käyttää) evästeitä\b|(?:ez a weboldal |weboldalunk )?(?:sütiket|cookie-kat) használ"
    r"|(?:folosim|utilizăm|utilizam|acest site (?:folose(?:ș|ş|s)te|utilizează|utilizeaza)) (?:module )?cookie"
    r"|(?:χρησιμοποιούμε|αυτός ο ιστότοπος χρησιμοποιεί|αυτή η ιστοσελίδα χρησιμοποιεί) cookies?\b"
    r"|(?:当サイト|このサイト)(?:では|は)、?cookie ?(?:を使用|を利用)"
    r"|(?:我们|本网站|本站|我們|本網站)(?:会|會)?使用 ?cookie|(?:이 (?:웹)?사이트는 |당사는 )?쿠키를 사용)", re.IGNORECASE)
#: A banner's buttons, which tell its text from a policy's as the dialog's
#: controls do; a line may hold several ("Allow All Manage Consent
#: Preferences", "Accept AllDecline AllCustomize").  The banners' text and
#: buttons are known in 25 languages; the buttons are only the evidence, and
#: stay.
_CONSENT_BUTTON = re.compile(
    r"[^\w\n]*+(?:(?:(?:accept|allow|reject|decline|deny)(?: all)?(?: cookies)?|customi[sz]e|i (?:accept|agree)"
    r"|agree|got it|ok(?:ay)?|confirm(?: my choices)?|save (?:settings|preferences|my choices)"
    r"|(?:select your |customi[sz]e your )?(?:cookie|privacy) (?:settings|preferences)"
    r"|manage (?:consent|cookies|settings|preferences|options)(?: preferences)?"
    r"|akzeptieren|ablehnen|einverstanden|accepter|refuser|j['’]accepte|aceptar|rechazar|acepto|accetta"
    r"|rifiuta|accetto|aceitar|rejeitar|aceito|accepteren|weigeren|akkoord|akceptuję|zgadzam się|odrzuć"
    r"|acceptera|godkänn|avvisa|afvis|godta(?: alle)?|avvis|acceptar|rebutjar|принять(?: все)?|отклонить"
    r"|прийняти(?: все)?|відхилити|přijmout(?: vše)?|odmítnout(?: vše)?|souhlasím|prijať(?: všetko)?|odmietnuť"
    r"|(?:tümünü )?kabul et|reddet|hyväksy(?: kaikki)?|hylkää(?: kaikki)?|elfogadom|elutasítom|accept(?:ă)? toate"
    r"|refuz|αποδοχή(?: όλων)?|απόρριψη(?: όλων)?|(?:すべて)?同意する|拒否する|(?:全部)?接受(?:全部|所有)?|同意|拒绝"
    r"|(?:모두 )?동의(?:합니다)?|거부)[^\w\n]*+)+", re.IGNORECASE)
CONSENT_CONTROL_LINES = 6


def drop_chrome_lines(page: Page) -> None:
    """Drop the kept blocks that are lines of a page's chrome copied from its
    software (``_CHROME_LINE``), and a consent dialog's text
    (``_CONSENT_TEXT``) beside its controls or a banner's buttons.  A text page
    has no markup to tell the dialog by, and an HTML page's may not name it
    (``drop_consent_dialogs``); its paragraphs read as prose, and the model
    keeps some.  Not in HTML headings, code, quotations or a marked article
    body (``_is_text_of_its_own``).

    Out of fold (bench/oof.py), against no such rule: HTML collection +0.0086
    (an application's shell, whose gold is empty, 0 -> 1), forum +0.0004;
    text WCXB +0.0007 (collection +0.0060, forum +0.0014), 27 renderings up
    (+2.8 summed), none down.  No line of the development pages' gold
    matches but a service page's cookie banner, which the model drops.  A
    first version, with open patterns ("oops.*", ".*enable javascript.*",
    "We use cookies.*" anywhere), gained some 0.2 (text, summed) and 0.08
    (HTML) more, and dropped a forum post's "Oops, I forgot...", a manual's
    "If JavaScript is disabled, ..." and a cookie policy's paragraphs.
    The dialogs' controls and text in German, French, Spanish, Italian,
    Portuguese, Dutch, Polish, Swedish and Danish ("Alle akzeptieren", "Nous
    utilisons des cookies...") moved no page: the development pages are in
    English but for a few, whose banners the model drops.  Buttons read as a
    sequence ("Allow All Manage Consent Preferences") moved two text pages
    (+0.03 summed), none down.
    """
    blocks = page.blocks
    for i, block in enumerate(blocks):
        if not block.keep or _is_text_of_its_own(block):
            continue
        if len(block.text) <= CHROME_LINE_MAX_CHARS and _CHROME_LINE.fullmatch(block.text):
            block.keep = False
        elif _CONSENT_TEXT.match(block.text) and _beside_consent_controls(blocks, i, CONSENT_CONTROL_LINES):
            block.keep = False


def _beside_consent_controls(blocks: list[Block], i: int, lines: int) -> bool:
    """Whether a consent dialog's control or a banner's button (``_CHROME_LINE``,
    ``_CONSENT_BUTTON``) is within ``lines`` blocks of block ``i``."""
    near = blocks[max(0, i - lines): i] + blocks[i + 1: i + 1 + lines]
    return any(len(block.text) <= CHROME_LINE_MAX_CHARS
               and (_CONSENT_BUTTON.fullmatch(block.text) or _CHROME_LINE.fullmatch(block.text))
               for block in near)


#: What a line rule leaves alone in HTML, besides headings and code, and what
#: of a footer is content: a quotation, a marked article body's text ("Oops,
#: I forgot..." in a post; a blockquote's <footer> names whom it quotes).
_OWN_TEXT = _BODY_MARKS | IN_QUOTE


def _is_text_of_its_own(block: Block) -> bool:
    """Whether a block's words are the page's own even if they read like chrome."""
    return block.tag in HEADING_LEVELS or block.tag == "pre" or bool(block.context & _OWN_TEXT)


def drop_closing_appeals(page: Page, counts: list[int]) -> None:
    """Drop the calls to action that close an article: the kept blocks at the
    end of the kept text, below the article's first confident paragraph, that
    ask the reader to subscribe, follow, share or write in ("Sign up for our
    newsletter", "Follow @Site on Twitter", "Have a tip? Email ... at"), and
    the sign-off lines of editors' credits ("(Web editor: ...)").  ``counts``
    are the blocks' ``word_counts``.

    They are short, in the article's voice and under its last paragraph, so
    the model keeps them.  Only at the end: inside an article such words are
    as often its subject.  Under domain-grouped cross-validation (out-of-fold
    scores, ``bench/oof.py``) this moved HTML Scrapinghub by +0.0010 and WCXB by
    +0.0001 (14 pages up, +0.26 summed; two down, -0.07: a product page's "sign
    up!" and an article's closing question), and text Scrapinghub by +0.0004,
    WCXB by +0.0000 (14 renderings up, +0.31; five down, -0.18).  The
    sign-off lines (once a rule of the assembler's, after the title was found)
    are a wash out of fold (five HTML pages moved, -0.06 summed) and worth
    +0.0004 to Scrapinghub in the harness.
    """
    blocks = page.blocks
    first_core = first_core_paragraph(blocks, counts)
    if first_core is None:
        return
    last = 0  # the kept blocks met so far, from the end
    for i in range(len(blocks) - 1, first_core, -1):
        block = blocks[i]
        if not block.keep:
            continue
        last += 1
        if (counts[i] <= APPEAL_MAX_WORDS and len(block.text) <= APPEAL_MAX_CHARS
                and _APPEAL.search(block.text.lower())
                or last <= PROMOTION_LOOKBACK and block.score < PROMOTION_MAX_SCORE
                and is_promotion(block.text)):
            block.keep = False
        elif counts[i] >= APPEAL_STOP_WORDS:
            break


#: A class or id that names reviews: "review", "product-reviews__list",
#: "jdgm-rev-widg__reviews", not "preview".
_REVIEW_NAME = re.compile(r"(?<!p)review")
#: Reviews are a repeated element: this many elements of one path whose class
#: says review (the "review" of a single review article's wrapper says nothing) ...
#: Two are enough: a product page shows its "most helpful" review or two.
#: Out-of-fold (bench/oof.py), against four: product +0.0036, collection
#: +0.0004, service -0.0013, other groups unchanged; 7 pages up (+0.64 summed),
#: one down (-0.39, a pest-control firm's three testimonials, which its gold
#: keeps).  Three gained product +0.0014 only, and lost the same page.
REVIEWS_MIN_COUNT = 2
#: ... beside at least this many kept words outside them: a page that is all
#: reviews, a review site's listing, keeps them.
REVIEWS_MIN_OUTSIDE_WORDS = 30


def drop_customer_reviews(page: Page, counts: list[int]) -> None:
    """Drop the customer reviews under a product: ``REVIEWS_MIN_COUNT`` or
    more elements of one path whose class or id names reviews, outside a marked
    article body, on a page that keeps at least ``REVIEWS_MIN_OUTSIDE_WORDS``
    words elsewhere.  ``counts`` are the blocks' ``word_counts``.

    Reviews are first-person prose and score like content, but a product
    page's content is the product: on the 24 WCXB product pages with such
    reviews the gold keeps 4% of their words (on 5 collection pages 1%, on 3
    listings 13%).  Out-of-fold (bench/oof.py): product 0.6413 -> 0.6538,
    collection +0.0037, listing +0.0010, article -0.0002, service -0.0008 (a
    therapy service's testimonials), forum, documentation and Scrapinghub
    unchanged; 17 pages up, 6 down (the worst -0.38, a shop whose gold keeps
    its reviews), with four elements at least.  Editorial reviews sit in an
    article's marked body.
    """
    blocks = page.blocks
    names_reviews = _signatures_naming(_REVIEW_NAME, blocks)
    named = [i for i, block in enumerate(blocks)
             if block.context & REVIEW_CLASS and names_reviews(block.signature)]
    if not named:  # most pages
        return
    # Each block's ancestors whose class names reviews, as (depth, path) -> ids.
    elements: dict[tuple[int, str], set[int]] = {}
    ancestors: dict[int, list[tuple[int, str]]] = {}
    steps_of: dict[str, tuple[int, list[tuple[int, str]]]] = {}  # blocks share signatures
    for i in named:
        block = blocks[i]
        if block.context & _BODY_MARKS:
            continue
        if block.signature not in steps_of:
            steps_of[block.signature] = _review_steps(block.signature)
        depth_of_signature, keys = steps_of[block.signature]
        if depth_of_signature != len(block.containers):  # cut at MAX_SIGNATURE, or a ">" in a class
            continue
        ancestors[i] = keys
        for key in keys:
            elements.setdefault(key, set()).add(block.containers[key[0]])
    reviews = {i for i, keys in ancestors.items()
               if any(len(elements[key]) >= REVIEWS_MIN_COUNT for key in keys)}
    if reviews:
        drop_beside_content(blocks, counts, reviews, REVIEWS_MIN_OUTSIDE_WORDS)


def _review_steps(signature: str) -> tuple[int, list[tuple[int, str]]]:
    """How many steps a signature has, and (depth, path to it) of those whose
    class names reviews."""
    steps = signature.split(">")[1:]
    return len(steps), [(depth, ">".join(steps[:depth + 1])) for depth, step in enumerate(steps)
                        if _REVIEW_NAME.search(step.lower())]


#: The heading of a shop's customer reviews, as a whole line, in English,
#: German, French, Spanish, Italian, Portuguese, Dutch, Polish, Russian,
#: Japanese and Chinese: reviews or ratings said to be the customers', or
#: counted ("98 Customer ratings", "Ratings & Reviews", "Customers say").  Not
#: the bare "Reviews" (a game shop's press quotes, which its gold keeps), nor
#: "Review" (an editorial review's verdict: article -0.0010), nor "What our
#: customers say" (a service page's testimonials, kept by its gold: service
#: -0.0021).
_REVIEWS_NAMED = (
    r"(?:customer|product|user|guest|verified|buyer) (?:reviews|ratings)(?: (?:&|and) (?:reviews|ratings))?",
    r"ratings (?:&|and) reviews|reviews (?:&|and) ratings|customers say",
    r"kundenbewertungen|kundenrezensionen|avis (?:clients?|des clients)|opiniones de (?:los )?clientes",
    r"reseñas de clientes|recensioni dei clienti|avaliações de clientes|klantbeoordelingen|opinie klientów",
    r"отзывы покупателей|カスタマーレビュー|用户评价|商品评价",
)
_REVIEWS_PHRASES = _REVIEWS_NAMED + (
    r"[\d,.]+ (?:customer |product )?(?:reviews|ratings)|be the first to review.*|write a review",
)


def _section_heading(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """One of ``phrases`` as a whole heading (in lower case, after a newline, as
    the other headers), with a count after it ("Customer Reviews (12)")."""
    return re.compile(
        r"\n(?:" + "|".join(phrases).replace(" ", r"[^\S\n]+")
        + r")[^\S\n]*(?:\([^\S\n]*[\d,.]+[^\S\n]*\))?[^\S\n]*[:.!?…]*[^\S\n]*(?=\n|\Z)")


_REVIEWS_HEADER = _section_heading(_REVIEWS_PHRASES)
#: The headings that name the customers' reviews: not a count of reviews nor
#: the invitation to write one, which a shop's grid of products shows under
#: each card ("1411 Reviews", "Be the first to review this product").
_REVIEWS_NAMED_HEADER = _section_heading(_REVIEWS_NAMED)


def drop_review_sections(page: Page, counts: list[int]) -> None:
    """Drop the sections that an HTML heading names as customer reviews
    (``_REVIEWS_HEADER``), from the heading to the next one of its level or
    above inside the element that holds it and what follows it
    (``review_section_end``), outside a marked article body and on a page that
    keeps ``REVIEWS_MIN_OUTSIDE_WORDS`` words elsewhere.  ``counts`` are the
    blocks' ``word_counts``.

    ``drop_customer_reviews`` knows reviews by their class names, which many
    shops' review widgets do not use ("Customers say" over a summary of what
    buyers wrote, an "N Customer ratings" box, "Be the first to review this
    item"); their heading says what they are in the shop's words.  Out-of-fold
    (bench/oof.py): product 0.6651 -> 0.6678, every other group and
    Scrapinghub unchanged; WCXB 0.8739 -> 0.8741, 11 pages of 8 shops up
    (+0.31 summed, 6 by more than 0.01), none down.  With the bare "Reviews", "Review" and the customers'
    testimonials as well, product +0.0015, article -0.0010, service -0.0021
    (11 pages down, two editorial reviews by -0.37 and -0.45).  Taking the
    element around a header of heading and summary when reviews follow it
    (``REVIEW_WIDGET_STEPS``): product 0.6686 -> 0.6692, one page up (+0.075,
    a shop whose widget's reviews have no class of their own that names them),
    none down, every other group unchanged; taking it whenever the header held
    nothing kept moved no page (the summary is kept).  Taking it too when the
    header holds only the heading and a few labels (``HEADER_MAX_LABELS``),
    with ``drop_shop_sections``: product 0.6758 -> 0.6803 (+0.0045), WCXB
    0.8752 -> 0.8755, two pages of one shop up (+0.28, +0.26: its "People are
    asking" over a "See all FAQs" link), none down, every other group unchanged.
    """
    drop_sections_headed(page, counts, _REVIEWS_HEADER)


def drop_sections_headed(page: Page, counts: list[int], header: re.Pattern[str]) -> None:
    """Drop the sections whose HTML heading ``header`` matches (whole, in lower
    case, after a newline), from the heading to where ``review_section_end``
    ends it, outside a marked article body and on a page that keeps
    ``REVIEWS_MIN_OUTSIDE_WORDS`` words elsewhere."""
    blocks = page.blocks
    kept = sum(words for block, words in zip(blocks, counts) if block.keep)
    # Only headings are read: a page has a few dozen, and thousands of blocks.
    for heading, block in enumerate(blocks):
        if (block.tag not in HEADING_LEVELS or block.context & _BODY_MARKS or len(block.text) > HEADER_MAX_CHARS
                or not header.fullmatch("\n" + block.text.lower())):
            continue
        end = review_section_end(blocks, heading)
        # The kept words outside the section, from a running total: summing the
        # page's blocks again for each heading took a page of 30,000 review
        # headings four minutes.
        inside = sum(words for block, words in zip(blocks[heading:end], counts[heading:end]) if block.keep)
        if kept - inside < REVIEWS_MIN_OUTSIDE_WORDS:
            continue
        for block in blocks[heading:end]:
            block.keep = False
        kept -= inside


#: The heading of what a shop sets beside a product that is not the product,
#: as a whole line: the other products it offers ("Customers also bought",
#: "Frequently bought together", "Recently viewed", "Related products",
#: "Similar items", "Complete the look"), its terms ("Shipping & Returns") and
#: its customers' questions ("Questions & Answers", "People are asking"); in
#: English, German, French, Spanish, Italian, Portuguese and Dutch.  Not the
#: bare "Returns", "Shipping" or "Warranty" (a reference page's "Returns" over
#: what a function returns), nor "You may also like", which
#: ``cut_related_sections`` reads, with the teasers under it.
_SHOP_PHRASES = (
    r"(?:customers|people|shoppers)(?: who (?:bought|viewed) this (?:item|product))? also"
    r" (?:bought|viewed|liked|purchased)",
    r"frequently bought together|recently viewed(?: items| products)?|related products|similar (?:items|products)",
    r"complete the look|pairs well with|(?:shipping|delivery) (?:&|and) returns",
    r"questions (?:&|and) answers|customer questions(?: (?:&|and) answers)?|people are asking",
    r"kunden kauften auch|wird oft zusammen gekauft|zuletzt angesehen|ähnliche (?:artikel|produkte)",
    r"versand (?:&|und) rückgabe|fragen (?:&|und) antworten",
    r"(?:les clients ont )?(?:aussi|également) acheté|souvent achetés ensemble|produits (?:similaires|associés)",
    r"récemment consultés|livraison et retours|questions et réponses",
    r"productos (?:relacionados|similares)|(?:los clientes )?también compraron|vistos recientemente",
    r"envío y devoluciones|preguntas y respuestas",
    r"prodotti (?:correlati|simili)|spedizione e resi|domande e risposte",
    r"produtos (?:relacionados|semelhantes)|perguntas e respostas",
    r"gerelateerde producten|vergelijkbare producten|verzending (?:&|en) retour",
)
_SHOP_SECTIONS_HEADER = _section_heading(_SHOP_PHRASES)


def drop_shop_sections(page: Page, counts: list[int]) -> None:
    """Drop the sections that an HTML heading names as the shop's, not the
    product's (``_SHOP_SECTIONS_HEADER``: other products, shipping and
    returns, customers' questions), as ``drop_review_sections`` drops the
    customers' reviews.  ``counts`` are the blocks' ``word_counts``.

    The model keeps the cards of a "Related products" carousel and the prose
    of a shop's terms under a product; the gold keeps neither.  On WCXB HTML
    pages, what the model kept in such sections held no gold word on product
    pages against 750 others.  Out-of-fold (bench/oof.py): product 0.6726 ->
    0.6758 (+0.0032), documentation -0.0001, WCXB 0.8749 -> 0.8752, every other
    group and Scrapinghub unchanged; 5 pages up (+0.37 summed; 4 shops and an
    article's "Related Products"), one down (-0.012, a reference page of a
    product feed whose "Related Products" attribute is its content).  With
    "You may also like" as well, product +0.0039 but collection -0.0009: the
    header dropped, ``cut_related_sections`` no longer found it and left a
    catalogue's teasers (-0.11).
    """
    drop_sections_headed(page, counts, _SHOP_SECTIONS_HEADER)


#: A review widget's heading sits in its own header, over the summary of the
#: ratings: when what follows the element holding the heading and the block
#: after it is of an element whose class names reviews (``REVIEW_CLASS``), the
#: section is the element around both, up to this many steps out.
REVIEW_WIDGET_STEPS = 2
#: So it is when that header holds nothing but the heading and at most this
#: many labels of at most this many characters ("See all FAQs", "Write a
#: review", "Based on 4567 reviews"): the section's items are in the element
#: around it.
HEADER_MAX_LABELS = 3
HEADER_LABEL_MAX_CHARS = 40


def review_section_end(blocks: list[Block], heading: int) -> int:
    """Where the section a heading opens ends: at the next heading of its level
    or above, or where the innermost element holding both the heading and the
    block after it ends (a review widget's heading sits in its own header) --
    or, if reviews follow that element or it holds only the heading and a few
    labels (``HEADER_MAX_LABELS``), where the element around it ends
    (``REVIEW_WIDGET_STEPS``)."""
    if heading + 1 == len(blocks):
        return heading + 1
    after = set(blocks[heading + 1].containers)
    containers = blocks[heading].containers
    step = next((k for k in range(len(containers) - 1, -1, -1) if containers[k] in after), None)
    level = HEADING_LEVELS[blocks[heading].tag]
    end = heading + 1
    labels = True  # whether the area holds nothing but the heading and short labels
    for _ in range(REVIEW_WIDGET_STEPS + 1):
        area = containers[step] if step is not None else None
        while end < len(blocks) and area in blocks[end].containers:
            if HEADING_LEVELS.get(blocks[end].tag, 7) <= level:
                return end
            labels = labels and len(blocks[end].text) <= HEADER_LABEL_MAX_CHARS and end - heading <= HEADER_MAX_LABELS
            end += 1
        if (step is None or step == 0 or end == len(blocks)
                or not (labels or blocks[end].context & REVIEW_CLASS)
                or containers[step - 1] not in blocks[end].containers):
            break
        step -= 1
    return end


#: A block hidden (``display: none``, ``hidden``) inside a form.
_HIDDEN_IN_FORM = HIDDEN | IN_FORM


def drop_hidden_form_panels(page: Page) -> None:
    """Drop the kept blocks hidden inside a form that the model is unsure of
    (below ``UNSURE_SCORE``): the panels a form shows on a click, the steps of
    a "report this item" dialog, a membership offer's popover, the rest of a
    list of add-ons behind "Show all".  Their text is sentences, and the model,
    which reads the page as served, keeps some.  Out-of-fold (bench/oof.py):
    product +0.0023, listing +0.0033, collection +0.0005, forum +0.0005,
    service -0.0001, article, documentation and Scrapinghub unchanged; WCXB
    +0.0005, 10 pages of 9 sites up (+0.71 summed), one down (-0.01).  Cuts of
    0.5 to 0.7 all gained (WCXB +0.0001 to +0.0005); any score (a form's
    hidden pricing details that a service page's gold keeps) lost service
    -0.0042.
    """
    for block in page.blocks:
        if block.keep and block.context & _HIDDEN_IN_FORM == _HIDDEN_IN_FORM and block.score < UNSURE_SCORE:
            block.keep = False


#: The whole text of a button or a link that is one: "Learn more", "Add to
#: cart", "Show more ›", "Close", "Reply", in English, German, French,
#: Spanish, Italian, Portuguese, Dutch and Polish (the development pages,
#: nearly all in English, hold none of the others in their gold); the links'
#: "Read more", "Show more", "See all" also in Russian, Ukrainian, Czech,
#: Slovak, Turkish, the Scandinavian languages, Finnish, Hungarian, Romanian,
#: Greek, Arabic, Hebrew, Indonesian, Vietnamese, Thai, Japanese, Chinese and
#: Korean; not a bare "more" ("עוד", "المزيد"), nor the Vietnamese "Xem thêm"
#: and "Đọc thêm", which head a page's "See also" and "Further reading".
#: Not "Next" or "Print", which the gold of the development pages
#: keeps as lines of their own (25 and 33 times), nor "Download", a heading
#: of manuals.
_BUTTON_LABEL = re.compile(
    r"(?:learn more|read more|shop now|shop all|add to (?:cart|bag|basket|wishlist)|buy now|see details"
    r"|view details|show more|see more|show less|quick ?view|more info|view all|see all|load more"
    r"|continue reading|read (?:the )?full (?:story|article)|click to expand|view fullsize|book now|apply now"
    r"|live chat|join now|skip to (?:main )?content|back to top|clear all(?: filters)?|loading(?:\.\.\.|…)"
    r"|mehr erfahren|weiterlesen|mehr lesen|in den warenkorb|alle anzeigen|mehr anzeigen|jetzt kaufen|nach oben"
    r"|zum inhalt springen|en savoir plus|lire la suite|ajouter au panier|voir plus|voir tout|afficher plus"
    r"|acheter maintenant|retour en haut|aller au contenu|leer más|saber más|ver más|seguir leyendo|mostrar más"
    r"|ver todos?|comprar ahora|añadir al carrito|volver arriba|ir al contenido|leggi (?:di più|tutto)"
    r"|scopri di più|continua a leggere|mostra (?:di )?più|vedi tutt[io]|acquista ora|torna su|vai al contenuto"
    r"|saiba mais|leia mais|ver tudo|continu(?:ar|e) lendo|comprar agora|voltar ao topo|ir para o conteúdo"
    r"|lees (?:meer|verder)|meer informatie|toon meer|bekijk alles?|nu kopen|naar boven"
    r"|czytaj (?:więcej|dalej)|zobacz (?:więcej|wszystkie)|pokaż więcej|kup teraz"
    r"|читать (?:далее|полностью)|подробнее|показать (?:ещё|еще|больше|все)|наверх|читати далі|детальніше"
    r"|číst dále|zobrazit (?:více|vše)|čítať ďalej|zobraziť viac|devamını oku|daha fazla göster"
    r"|läs mer|visa (?:mer|alla)|læs mere|vis (?:mere|alle)|les mer|vis mer|lue lisää|näytä (?:lisää|kaikki)"
    r"|bővebben|tovább olvasom|cite(?:ș|ş|s)te mai mult|vezi (?:mai mult|toate)"
    r"|δι[αά]β[αά]στε περισσ[οό]τερα|[اأ]قر[اأ] المزيد|קרא(?:ו)? עוד|baca selengkapnya|lihat semua"
    r"|xem tất cả|อ่านเพิ่มเติม|ดูทั้งหมด|続きを読む|もっと見る|阅读全文|查看更多|加载更多"
    r"|閱讀全文|加載更多|載入更多|더 ?보기)[\s.!›>→»…«‹←]*",
    re.IGNORECASE)
#: Such a label is short; the length is tested before the pattern, which most
#: blocks then never meet.
BUTTON_LABEL_MAX_CHARS = 30
#: One word of a page's chrome: a button's label, except as a heading, where it
#: may title a manual's section ("Loading", "Subscribe", "Close").
_CHROME_WORD = re.compile(r"(?:close|loading|previous|subscribe|reply|clear|customi[sz]e"
                          r"|schließen|fermer|cerrar|chiudi|fechar|sluiten|zamknij"
                          r"|laden|chargement|cargando|caricamento|carregando"
                          r"|abonnieren|s['’]abonner|suscr[ií]bete|iscriviti|inscreva-se|abonneren"
                          r"|antworten|répondre|responder|rispondi|beantwoorden|odpowiedz)[\s.!›>→»…]*",
                          re.IGNORECASE)


def drop_button_labels(page: Page) -> None:
    """Drop the kept blocks that are a button's label (``_BUTTON_LABEL``): the
    model keeps the "Learn more" under a product's blurb or a card, as it reads
    them with their neighbours.  Out-of-fold (bench/oof.py): collection +0.0005,
    listing, product and service +0.0003, article +0.0001, WCXB +0.0001, forum,
    documentation and Scrapinghub unchanged; 9 pages up (+0.13 summed), none down.
    On text pages too, where a link's label is a line of its own: WCXB +0.0002
    in each style, Scrapinghub +0.0001; 22 renderings up (+0.41 summed), three
    down (-0.06, a service page's gold keeps its "Learn more").  The labels of
    a forum's quotes, a blog's teasers and a gallery ("Click to expand...",
    "Continue reading", "Read the full story", "View fullsize") added HTML
    collection +0.0004 and listing +0.0002; one service page lost 0.02, whose
    gold keeps its "Read the full story" links.  The words of a page's chrome
    ("Close", "Loading...", "Previous", "Subscribe", "Reply", "Back to top")
    added HTML product +0.0004 (three pages up, +0.08 summed, none down);
    "Clear" and "Customize", a filter's and a dialog's, moved no page by 0.01.
    """
    for block in page.blocks:
        text = block.text
        if (block.keep and len(text) <= BUTTON_LABEL_MAX_CHARS and block.tag != "pre"
                and not block.context & IN_QUOTE
                and (_BUTTON_LABEL.fullmatch(text)
                     or block.tag not in HEADING_LEVELS and _CHROME_WORD.fullmatch(text))):
            block.keep = False


#: A page whose model kept this many code blocks (``<pre>``) is one about code:
#: its other code blocks are its content too.  Out of fold, one and two scored
#: alike, three gained documentation +0.0027; on every page (none needed) the
#: code blocks the model dropped under articles and on service pages lost
#: article -0.0003 and service -0.0002.
CODE_PAGE_MIN_BLOCKS = 2
#: ... but not a code block in the page's chrome: a snippet in a sidebar, a
#: footer or a form is no part of the page's text.  (On the evaluation data no
#: such block was dropped on a page of code: the guard moved nothing.)
_NOT_CODE = IN_NAV | IN_ASIDE | IN_FOOTER | IN_FORM


def keep_code_blocks(page: Page) -> None:
    """Keep every code block (``<pre>``, outside ``_NOT_CODE``) of an HTML page
    whose model kept ``CODE_PAGE_MIN_BLOCKS`` of them.

    A code block reads like no prose, and the model scores it by its
    surroundings and its length: a long listing ("Itertools Recipes", 0.16), a
    shell session, the tabs of one example in other languages (hidden but for
    the first) fall under the cut on documentation pages whose gold keeps them
    all.  On a page about code the markup says what a ``<pre>`` is.
    Out-of-fold (bench/oof.py): documentation 0.9252 -> 0.9281, WCXB 0.8741 ->
    0.8743, every other group and Scrapinghub unchanged (service -0.0000);
    12 pages of 10 sites up (+0.33 summed), 6 down (-0.05: two PostgreSQL
    reference pages and a Django one whose gold stops halfway down the page,
    the source of a diagram under an article, -0.017).  Without the hidden
    code blocks, documentation +0.0021.
    """
    blocks = page.blocks
    if sum(1 for block in blocks if block.keep and block.tag == "pre") < CODE_PAGE_MIN_BLOCKS:
        return
    for block in blocks:
        if not block.keep and block.tag == "pre" and not block.context & _NOT_CODE:
            block.keep = True


def drop_signatures(page: Page) -> None:
    """Drop the signatures under forum posts and comments: the same lines under
    every post of their author, never part of the thread.  They read like the
    posts around them, so the model kept 1,700 words of them on 18 WCXB
    threads.  Elsewhere a "signature" class may be what the page is about (a
    product line, an e-signature service)."""
    for block in page.blocks:
        if block.keep and block.context & SIGNATURE_CLASS and block.context & (POST_CLASS | COMMENT_CLASS):
            block.keep = False


#: A class or id that names a disclaimer or a legal notice: "disclaimer",
#: "pdp-disclaimer", "copy-legal", "game_area_legal"; "legal" only as a whole
#: word ("legalzoom" is a company).  Not "disclosure", which names the
#: show-and-hide widgets that hold FAQs and product tabs (product -0.008).
_DISCLAIMER_NAME = re.compile(r"disclaimer|(?<![a-z])legal(?![a-z])")


def drop_disclaimers(page: Page) -> None:
    """Drop the kept blocks inside an element whose class or id names a
    disclaimer or legal notice, but for those inside a marked article body:
    the fine print under a product ("* Image simulated", "Rates from 0% to 36%
    APR"), an affiliate notice over an article.  They are sentences and score
    as such.  Out-of-fold (bench/oof.py): product +0.0059, service +0.0024,
    article +0.0004, other groups unchanged; 19 pages up, 2 down (-0.08, a
    service page whose gold keeps its pricing's fine print).  A news agency's
    "views expressed are not ours" line inside the article's body is in its
    Scrapinghub gold.
    """
    named = _signatures_naming(_DISCLAIMER_NAME, page.blocks)
    for block in page.blocks:
        if (block.keep and block.context & DISCLAIMER_CLASS and not block.context & _BODY_MARKS
                and named(block.signature)):
            block.keep = False


def drop_footers(page: Page) -> None:
    """Drop the kept blocks inside a <footer>, but for those inside a marked
    article body or a quotation (a blockquote's <footer> names whom it quotes).
    A page's footer, and an article's (its tags, "Posted in", the author's
    line), are never content on the development pages: out of fold the model
    kept 304 words of them on 7 pages, none in the gold.  Out of fold
    (bench/oof.py): collection +0.0019, product +0.0003; three pages up (+0.25
    summed), none down.
    """
    for block in page.blocks:
        if block.keep and block.context & IN_FOOTER and not block.context & _OWN_TEXT:
            block.keep = False


#: A dialog is none of the page's text: a class naming cookies inside its
#: <article> or <main> is a post's category ("category-cookies") or a cookie
#: policy's id.
_IN_PAGE_TEXT = _BODY_MARKS | IN_ARTICLE | IN_MAIN


def drop_consent_dialogs(page: Page) -> None:
    """Drop the kept blocks inside a cookie or consent dialog (a class or id
    naming cookies, consent, GDPR or a consent platform: OneTrust, Didomi,
    Cookiebot), but for those inside a marked article body.  Such a dialog's
    "Privacy Preference Center" is paragraphs and headings, and it is the same
    on every page of thousands of sites; a model that never saw the site keeps
    it beside a short post.  Out of fold (bench/oof.py): forum +0.0033, listing
    +0.0062, WCXB +0.0007; four pages up (+0.99 summed), none down.  Of the
    words the development pages hold in such dialogs, 1.6% are in their gold.
    """
    for block in page.blocks:
        if block.keep and block.context & CONSENT_CLASS and not block.context & _IN_PAGE_TEXT:
            block.keep = False


def _signatures_naming(pattern: re.Pattern[str], blocks: list[Block]) -> Callable[[str], bool]:
    """Whether ``pattern`` matches a signature, in lower case: searched once per
    distinct signature (a page has a few hundred, shared by its thousand blocks)."""
    verdicts: dict[str, bool] = {}

    def named(signature: str) -> bool:
        verdict = verdicts.get(signature)
        if verdict is None:
            verdict = verdicts[signature] = pattern.search(signature.lower()) is not None
        return verdict

    return named


def block_weights(counts: list[int]) -> list[int]:
    """How much each block weighs in a page's word F1: its ``word_counts``, plus one."""
    return [count + 1 for count in counts]


#: The page-adaptive threshold stays within this distance of the model's tuned one:
#: it corrects for how much content a page seems to have, it does not overrule the
#: model.  (``core_floor`` may lift the cut above it on a page with a confident core.)
ADAPTIVE_RANGE = 0.25


def best_f1_threshold(scores: list[float], words: list[int], prior: float) -> float:
    """The cut on this page's scores that maximises the expected word F1.

    Reading the scores as probabilities, keeping the top-k blocks has expected
    true positives sum(p*w) over them and expected gold size sum(p*w) over all,
    so F1(k) = 2 * tp(k) / (kept words + gold words).  A page with little
    likely content wants a lower cut than a page full of confident paragraphs:
    the metric averages F1 over pages, so both matter equally.
    """
    if not scores:
        return prior
    order = sorted(range(len(scores)), key=scores.__getitem__, reverse=True)
    gold = sum(s * w for s, w in zip(scores, words))
    if gold <= 0:
        return prior
    ranked = [scores[i] for i in order]
    weights = [words[i] for i in order]
    tp = accumulate(map(mul, ranked, weights))  # running totals over the top-k blocks
    kept = accumulate(weights)
    f1 = [2 * t / (k + gold) for t, k in zip(tp, kept)]
    best_cut = ranked[f1.index(max(f1))]  # the first k with the best F1
    return min(max(best_cut, prior - ADAPTIVE_RANGE), prior + ADAPTIVE_RANGE)


#: A block scoring this high is confidently content ...
CONFIDENT_SCORE = 0.9
#: ... and a page whose confident blocks hold this share of its words has a core:
#: the body of an article, the posts of a thread.  Set by hand from the
#: out-of-fold scores: 0.8 or 0.9 with a share from 0.05 to 0.4 all scored within
#: 0.002 of each other (the peak share matters more, and train.py tunes it); a
#: tenth keeps a short article under a long comment thread a core.
CORE_MIN_SHARE = 0.1


def core_floor(scores: list[float], words: list[int], peak_share: float) -> float:
    """The lowest cut a page with a confident core may take: ``peak_share`` of
    its best score (0.0, no floor, on a page without a core).

    The page-adaptive cut reads the scores as probabilities, so under a short
    article it drops low enough to keep a long comment thread or teaser list
    scoring 0.3-0.45 throughout: many words, each perhaps content.  Beside a
    confident core, such middling blocks are what the page is not about.  A
    listing, whose cards all score middling, has no core and keeps its low cut.
    ``words`` are the blocks' ``block_weights``.
    """
    if peak_share <= 0.0 or not scores:
        return 0.0
    return peak_share * max(scores) if has_core(scores, words) else 0.0


def has_core(scores: list[float], words: list[int]) -> bool:
    """Whether the blocks the model is confident of (``CONFIDENT_SCORE``) hold
    ``CORE_MIN_SHARE`` of the page's words: an article's body, a thread's posts.
    ``words`` are the blocks' ``block_weights``."""
    core = sum(w for score, w in zip(scores, words) if score >= CONFIDENT_SCORE)
    return core >= CORE_MIN_SHARE * sum(words)


def smooth(scores: list[float], threshold: float, switch_cost: float) -> list[bool]:
    """Most likely keep/drop sequence given per-block scores and a cost per switch.

    Each block's evidence is its log-odds against ``threshold``; every change of
    state along the page costs ``switch_cost``.  With a cost of 0 this is a plain
    threshold.  Two states, so the Viterbi pass is linear in the number of blocks.
    """
    if switch_cost <= 0.0:
        return [s >= threshold for s in scores]
    bias = _logit(threshold)
    keep_cost, drop_cost = 0.0, 0.0
    # Whether the best path into each block's keep (drop) state comes from keep.
    keep_from_keep: list[bool] = []
    drop_from_keep: list[bool] = []
    for half_evidence in [(logit - bias) / 2 for logit in map(_logit, scores)]:
        stay_kept = keep_cost
        start_keeping = drop_cost + switch_cost
        stay_dropped = drop_cost
        start_dropping = keep_cost + switch_cost
        if stay_kept <= start_keeping:
            keep_from_keep.append(True)
            keep_cost = stay_kept - half_evidence
        else:
            keep_from_keep.append(False)
            keep_cost = start_keeping - half_evidence
        if start_dropping < stay_dropped:
            drop_from_keep.append(True)
            drop_cost = start_dropping + half_evidence
        else:
            drop_from_keep.append(False)
            drop_cost = stay_dropped + half_evidence
    state = keep_cost <= drop_cost
    decisions = [False] * len(scores)
    for i in range(len(scores) - 1, -1, -1):
        decisions[i] = state
        state = keep_from_keep[i] if state else drop_from_keep[i]
    return decisions


def compile_forest(forest: dict, names: tuple[str, ...]) -> Scorer:
    """The scorer of a boosted forest: ``forest["base"]`` plus the leaf value each
    tree reaches, through a sigmoid.

    A tree is a leaf value or ``[feature name, threshold, left, right]``; a block
    goes left when its feature is at most the threshold.  The trees become one
    Python function of the features they use, compiled once: nested conditional
    expressions on local variables run about five times faster than walking the
    trees as data, and that is the difference between a forest costing a
    millisecond or several per page.  The source is generated only from names
    checked against ``names`` and from numbers, so the file cannot inject code.
    """
    used: dict[str, str] = {}

    def expression(tree: float | list) -> str:
        if not isinstance(tree, list):
            return repr(_finite(tree))
        name, threshold, left, right = tree
        if name not in names:
            raise ValueError(f"model: unknown feature {name!r}")
        variable = used.setdefault(name, f"x{len(used)}")
        return f"({expression(left)} if {variable} <= {_finite(threshold)!r} else {expression(right)})"

    terms = [expression(tree) for tree in forest["trees"]]
    # A forest that tests no feature still needs a column to count the rows by.
    variables = ", ".join(used.values()) or "_"
    columns_used = tuple(used) or names[:1]
    # One loop over the rows inside the function rather than a call per row (the
    # call costs about as much as the trees), adding up to 50 terms per statement:
    # enough to spare storing the total after each tree, few enough for the
    # compiler, which recurses into nested expressions.  The order of the
    # additions is the order of the trees either way.
    sums = [" + ".join(terms[i:i + 50]) for i in range(0, len(terms), 50)]
    source = ("def margins(columns):\n"
              "    margins = []\n"
              "    append = margins.append\n"
              f"    for ({variables},) in zip(*columns):\n"
              f"        total = {_finite(forest['base'])!r}\n"
              + "".join(f"        total = total + {terms_sum}\n" for terms_sum in sums)
              + "        append(total)\n"
              "    return margins\n")
    namespace: dict = {}
    exec(compile(source, "<dechaff forest>", "exec"), namespace)  # noqa: S102 - see docstring
    return Scorer(namespace["margins"], columns_used)


def _finite(value: object) -> float:
    number = float(value)  # type: ignore[arg-type]
    if not math.isfinite(number):
        raise ValueError(f"model: {value!r} is not a finite number")
    return number


def _logit(p: float) -> float:
    p = 1e-6 if p < 1e-6 else 1 - 1e-6 if p > 1 - 1e-6 else p  # min/max calls cost more
    return math.log(p / (1 - p))
