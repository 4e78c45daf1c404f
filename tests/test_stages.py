"""Each stage of the pipeline, alone."""

from __future__ import annotations

import math

import dechaff
from dechaff import blocks as b
import pytest

from dechaff.classify import best_f1_threshold, block_weights, compile_forest, core_floor, model, smooth
from dechaff.features import (
    FEATURES, TextStats, block_tokens, context_features, headline_candidates, lexicon_known,
    longest_prose_run, page_features,
)
from dechaff.pipeline import detect_kind


def test_html_blocks_follow_block_elements_and_record_context() -> None:
    page = b.html_page(
        "<html><body><nav><a href='/'>Home</a> <a href='/x'>News</a></nav>"
        "<div class='post-content'><h2>Heading</h2><p>First <b>para</b>graph.</p>"
        "<ul><li>one</li><li>two</li></ul><table><tr><td>Weight</td><td>2 kg</td></tr></table>"
        "<pre>  code\n    indented</pre></div>"
        "<script>var x = 'never';</script><footer class='site-footer'>Legal</footer></body></html>")
    texts = [blk.text for blk in page.blocks]
    assert texts == ["Home News", "Heading", "First paragraph.", "one", "two", "Weight 2 kg",
                     "  code\n    indented", "Legal"]
    nav, heading, para, *_ , code, footer = page.blocks
    assert nav.context & b.IN_NAV and nav.context & b.IN_LINK and nav.link_chars == len("HomeNews")
    assert heading.tag == "h2" and para.tag == "p" and para.context & b.POS_CLASS
    assert code.tag == "pre"
    assert footer.context & b.IN_FOOTER and footer.context & b.NEG_CLASS
    assert code.containers == para.containers[:-1]  # both inside the post-content div
    # The containers holding blocks, each with its parent, children before parents.
    chains = {blk.containers for blk in page.blocks}
    links = {(chain[i], chain[i - 1]) for chain in chains for i in range(1, len(chain))}
    assert sorted(links, reverse=True) == page.tree


def test_html_harvests_title_headline_json_ld_and_lang() -> None:
    page = b.html_page(
        '<html lang="de"><head><title>Titel | Site</title>'
        '<meta property="og:title" content="Titel"><script type="application/ld+json">'
        '{"@type": "Article"}</script></head><body><h1>Titel</h1></body></html>')
    assert page.title == "Titel | Site"
    assert page.headlines == ["Titel", "Titel"]
    assert page.json_ld == ['{"@type": "Article"}']
    assert page.lang == "de"


def test_hidden_elements_are_flagged_not_dropped() -> None:
    page = b.html_page('<div style="display: none"><p>Tab two text</p></div><p hidden>x</p>')
    assert [blk.context & b.HIDDEN != 0 for blk in page.blocks] == [True, True]


def test_text_blocks_split_glued_menus_and_sentences() -> None:
    page = b.text_page("HomeOpinionsBusinessMilitary\n\nThat is easier said than done.At Scratch "
                       "Culinary we cook.\n  * iPhone deals\n")
    texts = [blk.text for blk in page.blocks]
    assert texts == ["Home", "Opinions", "Business", "Military", "That is easier said than done.",
                     "At Scratch Culinary we cook.", "* iPhone deals"]
    assert page.blocks[4].blank_before and page.blocks[-1].bullet


def test_text_blocks_split_glued_greek_and_cyrillic() -> None:
    page = b.text_page("НовостиМодаКрасота здоровье\nэто сделано.Позовавания на статия\n"
                       "ΑρχικήΕιδήσειςΑθλητισμός\nЭто iPhone и МГУ, США.\n")
    assert [blk.text for blk in page.blocks] == [
        "Новости", "Мода", "Красота здоровье", "это сделано.", "Позовавания на статия",
        "Αρχική", "Ειδήσεις", "Αθλητισμός", "Это iPhone и МГУ, США."]


def test_text_blocks_split_at_the_indentation_of_a_minified_dump() -> None:
    page = b.text_page("Главная » Интересное     Скайрим скорость бега.\tСтатья.    "
                       "ForumNewsHelp\n    indented line   \n")
    assert [blk.text for blk in page.blocks] == [
        "Главная » Интересное", "Скайрим скорость бега.\tСтатья.", "Forum", "News", "Help",
        "indented line"]


def test_text_blocks_leave_short_links_whole() -> None:
    page = b.text_page("13) Dark Side of the Moon\nhttp://amzn.to/2hWxAKk\namzn.to/2hWxAKk\n"
                       "Links: https://t.co/AbCdEf HomeNewsSportWeather\n")
    assert [blk.text for blk in page.blocks] == [
        "13) Dark Side of the Moon", "http://amzn.to/2hWxAKk", "amzn.to/2hWxAKk",
        "Links: https://t.co/AbCdEf Home", "News", "Sport", "Weather"]


def test_text_stats_read_prose_in_several_languages() -> None:
    def stop_ratio(text: str) -> float:
        return TextStats([b.Block(text, "line")]).stop_ratio[0]
    for prose in ("The cat sat on the mat and it was happy with the day.",
                  "Die Katze saß auf der Matte und sie war mit dem Tag zufrieden.",
                  "Le chat est sur le tapis et il est content de la journée.",
                  "Кошка сидела на коврике, и она была довольна этим днём."):
        assert stop_ratio(prose) > 0.2, prose
    assert stop_ratio("Home News Sport Weather Contact Login") == 0.0
    assert stop_ratio("我们的人在中国的发展是很好的") > 0.2


def test_longest_prose_run_spans_the_article() -> None:
    lines = ["Home", "News", "Sport"] + ["This is a sentence of the article, and it is long."] * 4 \
        + ["Caption"] + ["And the article goes on with more of the same words here."] * 3 \
        + ["Privacy", "Terms", "Contact"]
    stats = TextStats([b.Block(line, "line") for line in lines])
    start, end, words = longest_prose_run(stats)
    assert (start, end) == (3, 10)


def test_features_have_one_value_per_block_and_name() -> None:
    for kind, page in (("html", b.html_page("<p>one two</p><p>three</p>")),
                       ("text", b.text_page("one two\nthree"))):
        columns = page_features(page)
        assert list(columns) == list(FEATURES[kind])
        assert all(len(column) == 2 for column in columns.values())


def test_smoothing_fills_isolated_gaps_and_drops_isolated_blips() -> None:
    scores = [0.1, 0.1, 0.9, 0.9, 0.4, 0.9, 0.9, 0.1, 0.6, 0.1, 0.1]
    assert smooth(scores, 0.5, 0.0) == [s >= 0.5 for s in scores]
    smoothed = smooth(scores, 0.5, 1.0)
    assert smoothed[2:7] == [True] * 5
    assert smoothed[8] is False
    assert smoothed[:2] == [False, False]


def test_a_confident_core_keeps_the_cut_from_sinking_into_a_comment_thread() -> None:
    # A short article (two confident paragraphs) above a long thread of middling blocks.
    scores = [0.95, 0.92] + [0.4] * 20
    weights = block_weights([60, 60] + [40] * 20)
    cut = best_f1_threshold(scores, weights, 0.35)
    assert cut <= 0.4  # read as probabilities, 800 words at 0.4 are worth keeping
    floor = core_floor(scores, weights, 0.5)
    assert floor == pytest.approx(0.475)
    assert smooth(scores, max(cut, floor), 0.0) == [True, True] + [False] * 20
    # A listing: every card middling, no core, so no floor.
    assert core_floor([0.4] * 22, block_weights([40] * 22), 0.5) == 0.0
    # One confident line among many words is no core (under a tenth of them).
    assert core_floor([0.95] + [0.4] * 20, block_weights([60] + [40] * 20), 0.5) == 0.0
    assert core_floor(scores, weights, 0.0) == 0.0


def test_detect_kind() -> None:
    assert detect_kind("<!DOCTYPE html><html><body>x</body></html>") == "html"
    assert detect_kind("  <div><p>x</p></div>") == "html"
    assert detect_kind("Just text, with a < b comparison.\nAnd more.") == "text"
    assert detect_kind("Intro line\n<html><body><p>late markup</p><div>x</div></body></html>") == "html"


def test_title_is_moved_out_of_the_body() -> None:
    prose = "The river rose through the night and the town woke to flooded streets. " * 4
    html = (f"<html><head><title>River floods town - Daily</title></head><body><nav>"
            f"<a href='/'>Home</a></nav><h1>River floods town</h1><p>{prose}</p><p>{prose}</p>"
            f"</body></html>")
    result = dechaff.extract_result(html)
    assert result.title == "River floods town"
    assert not result.text.startswith("River floods town")


def test_a_text_dumps_headline_above_its_byline_becomes_the_title() -> None:
    prose = ("The council voted on Tuesday to build a second bridge over the river, ending a "
             "debate that has divided the town for a decade. ")
    lines = ["HomeNewsSportWeatherContact", "Search", "Council approves second river bridge",
             "By Jane Doe | March 3, 2024", prose * 3, "The bridge will open in 2027. " + prose * 2,
             "Share this article", "Cookie settings"]
    result = dechaff.extract_result("\n".join(lines), kind="text")
    assert result.title == "Council approves second river bridge"
    assert "Council approves" not in result.text and prose.strip() in result.text


def test_a_text_page_of_one_paragraph_keeps_it_in_the_body() -> None:
    # Whatever line is ranked the headline, a sentence that is the whole content stays.
    prose = "Some body text here that is long enough to be content, with words and more words."
    result = dechaff.extract_result(f"Titleline\n\n{prose}\n", kind="text")
    assert result.text == prose


def test_headline_candidates_are_the_first_line_and_short_lines_around_the_content() -> None:
    from dechaff.features import HEADLINE, HEADLINE_ABOVE, HEADLINE_BELOW, headline_features

    lines = [f"Menu item {i}" for i in range(40)] + ["x" * 400] + [f"Line {i}" for i in range(10)]
    page = b.text_page("\n".join(lines))
    first_kept = 35
    candidates = headline_candidates(page.blocks, first_kept)
    assert candidates[0] == 0 and candidates[1] == first_kept - HEADLINE_ABOVE
    assert 40 not in candidates  # too long for a headline
    assert candidates[-1] == first_kept + HEADLINE_BELOW - 1
    columns = headline_features(page.blocks, candidates, first_kept)
    assert set(columns) == set(HEADLINE)
    assert all(len(values) == len(candidates) for values in columns.values())
    assert columns["offset"][1] == -HEADLINE_ABOVE and columns["first_line"][:2] == [1.0, 0.0]


def test_html_title_candidates_are_the_headline_the_h1s_and_the_title_parts() -> None:
    from dechaff.assemble import title_candidates
    from dechaff.features import TITLE, title_features

    page = b.html_page(
        "<html><head><title>Bridge approved | Local News | Town Daily</title>"
        "<meta property='og:title' content='Bridge approved'></head><body>"
        "<h1>Bridge approved</h1><p>The council voted on Tuesday.</p></body></html>")
    candidates = title_candidates(page, 0)
    assert [(source, order) for _, source, order in candidates] == [
        ("block", 0), ("headline", 0), ("headline", 1), ("title", 0),
        ("title_part", 0), ("title_part", 1), ("title_part", 2)]
    assert candidates[-1][0] == "Town Daily"
    columns = title_features(candidates, page, 0)
    assert set(columns) == set(TITLE) and all(len(v) == len(candidates) for v in columns.values())
    # "Bridge approved" is said four times; the site's name once.
    assert columns["agreement"][0] == 3.0 and columns["agreement"][-1] == 0.0


def test_repeated_outlines_after_the_article_are_marked() -> None:
    article = ["The river rose through the night and the town woke to flooded streets today."] * 5
    thread = []
    for name in ("anna", "bob", "carl"):
        thread += [f"{name} says:", "November 19, 2019 at 6:34 am",
                   "What a night, we lost the whole ground floor of the shop to the water."]
    share = ["Share Facebook Twitter Email Print WhatsApp", "Related Stories Most Read Top Ten"] * 6
    page = b.text_page("\n".join(["Home News Sport"] + article + share + thread))
    columns = page_features(page)
    first_says = 1 + len(article) + len(share)
    assert columns["shape_repeats_after_run"][first_says + 3] > 0  # "bob says:" recurs
    assert all(value == 0.0 for value in columns["shape_repeats_after_run"][:1 + len(article)])


def test_a_paragraph_repeated_by_a_carousel_is_kept_once() -> None:
    slide = "Step into a world of fun creative possibilities and entertainment with the new tablet."
    other = "The battery lasts through a long day of streaming, drawing and video calls with friends."
    slides = "".join(f"<div class='slide'><h2>Colourful design</h2><p>{slide}</p></div>" for _ in range(4))
    html = (f"<html><body><main><h1>Tablet</h1>{slides}<p>{other}</p><p>{other} Truly.</p>"
            f"<p>Yes</p><p>Yes</p></main></body></html>")
    result = dechaff.extract_result(html)
    assert result.text.count(slide) == 1
    assert other in result.text and f"{other} Truly." in result.text
    copies = [block for block in result.blocks if block.text == slide]
    assert len(copies) == 4 and [block.keep for block in copies] == [True, False, False, False]


def test_context_features_tell_what_follows_the_confident_content() -> None:
    prose = "This is a long paragraph of the article, with many words in it to count."
    page = b.text_page("\n".join(["Menu", prose, prose + " More.", "Related link", "Another"]))
    columns = context_features(page, [0.1, 0.95, 0.9, 0.4, 0.2], [1, 15, 16, 2, 1])
    assert columns["after_score_run"] == [0.0, 0.0, 0.0, 1.0, 1.0]
    assert columns["confident_after"] == [1.0, 16 / 31, 0.0, 0.0, 0.0]
    nothing = context_features(page, [0.1] * 5, [1, 15, 16, 2, 1])
    assert nothing["after_score_run"] == [0.0] * 5 and nothing["confident_after"] == [0.0] * 5


def test_first_copies_leaves_short_repeats_code_and_dropped_blocks_alone() -> None:
    from dechaff.assemble import first_copies

    texts = ["Yes", "Yes", "A paragraph long enough to count.", "a paragraph  long enough to count.",
             "Dropped and long enough to count here.", "Dropped and long enough to count here.",
             "client = Client(account_sid, auth_token)", "client = Client(account_sid, auth_token)"]
    blocks = [b.Block(text, "pre" if text.startswith("client") else "p") for text in texts]
    keep = [True, True, True, True, False, True, True, True]
    assert first_copies(blocks, keep) == [True, True, True, False, False, True, True, True]


def test_an_article_that_libxml2_nests_inside_a_button_is_kept() -> None:
    # The header of many magazine sites: an unclosed <div> in the menu button
    # makes libxml2 ignore </button> and put the rest of the page inside it.
    prose = ("Start with a sunny spot, rich soil and a few easy crops such as beans, "
             "lettuce and tomatoes, then water them deeply once a week. ") * 6
    html = (f"<html><body><header><button class='menu'><div>Menu</button>"
            f"<a href='/'>Home</a></header><main><article><h1>How to start a garden</h1>"
            f"<p>{prose}</p><p>{prose}</p><p>{prose}</p></article></main></body></html>")
    assert "sunny spot" in dechaff.extract(html)
    menu_only = "<html><body><button><div>Open the menu</div></button><p>Short.</p></body></html>"
    assert "Open the menu" not in dechaff.extract(menu_only)
    # Unclosed buttons inside each other, each swallowing the rest of the page:
    # those nested deeper than MAX_NESTED_RESCUES are rescued without asking.
    nested = html.replace("<button class='menu'><div>Menu</button>",
                          "<button class='menu'><div>Menu" * (b.MAX_NESTED_RESCUES + 3))
    assert "sunny spot" in dechaff.extract(nested)


def test_a_forest_adds_the_leaf_each_tree_reaches() -> None:
    forest = {"base": -1.0, "trees": [["a", 0.5, 2.0, -3.0], ["b", 1.0, ["a", 0.25, 0.5, 1.5], 0.0]]}
    scorer = compile_forest(forest, ("bias", "a", "b"))
    scores = scorer({"bias": [1.0] * 3, "a": [0.0, 0.5, 0.75], "b": [0.0, 2.0, 1.0]})
    margins = [-1.0 + 2.0 + 0.5, -1.0 + 2.0 + 0.0, -1.0 - 3.0 + 1.5]
    assert scores == pytest.approx([1 / (1 + math.exp(-m)) for m in margins])


def test_a_forest_of_thousands_of_trees_compiles() -> None:
    forest = {"base": 0.0, "trees": [["a", 0.5, 0.001, -0.001]] * 3000}
    scores = compile_forest(forest, ("bias", "a"))({"bias": [1.0, 1.0], "a": [0.0, 1.0]})
    assert scores == pytest.approx([1 / (1 + math.exp(-3.0)), 1 / (1 + math.exp(3.0))])


@pytest.mark.parametrize("forest", [
    {"base": 0.0, "trees": [["os.system('x')", 0.5, 1.0, 0.0]]},
    {"base": 0.0, "trees": [["a", "0.5) or __import__('os') or (1", 1.0, 0.0]]},
    {"base": float("nan"), "trees": []},
])
def test_a_forest_file_cannot_name_unknown_features_or_smuggle_code(forest: dict) -> None:
    with pytest.raises(ValueError):
        compile_forest(forest, ("bias", "a"))


def test_the_shipped_forests_score_every_block_of_both_kinds() -> None:
    for kind, page in (("html", "<p>A paragraph of text, as an article has.</p><p>Home</p>"),
                       ("text", "Home\nA paragraph of text, as an article has.")):
        parsed = b.html_page(page) if kind == "html" else b.text_page(page)
        scores = model()[kind]["first"](page_features(parsed))
        assert len(scores) == len(parsed.blocks) and all(0.0 < s < 1.0 for s in scores)


def test_consent_dialogs_are_flagged_but_page_state_classes_are_not() -> None:
    page = b.html_page(
        "<html class='cookie-banner-visible'><body class='gdpr-pending'>"
        "<article><p>The article text.</p></article>"
        "<div id='onetrust-consent-sdk'><p>We and our partners store and access personal data.</p></div>"
        "</body></html>")
    article, dialog = page.blocks
    assert not article.context & b.CONSENT_CLASS and not article.context & b.NEG_CLASS
    assert dialog.context & b.CONSENT_CLASS and dialog.context & b.NEG_CLASS


def test_a_comment_thread_lowers_the_lexicon_window_of_the_prose_inside_it() -> None:
    prose = "We think the evidence on this question is mixed, and we have asked the authors."
    article = b.text_page("\n".join([prose] * 3))
    thread = b.text_page("\n".join(["Reply", prose, "2 days ago", "Reply", prose]))
    lexicon = model()["text"]["lexicon"]
    in_article = page_features(article, lexicon)
    in_thread = page_features(thread, lexicon)
    # The prose line is the same in both; its neighbours tell the two apart.
    assert in_thread["window_lexicon1"][1] < in_article["window_lexicon1"][1]
    assert in_thread["window_lexicon3"][1] < in_article["window_lexicon3"][1]


def test_the_lexicon_knows_more_of_an_english_page_than_of_a_german_one() -> None:
    english = b.text_page("We think the evidence on this question is mixed.\nShare this article")
    german = b.text_page("Wir glauben, dass die Beweislage zu dieser Frage gemischt ist.\nArtikel teilen")
    lexicon = model()["text"]["lexicon"]
    known_english = page_features(english, lexicon)["lexicon_known"]
    known_german = page_features(german, lexicon)["lexicon_known"]
    # One value for the whole page: how far its lexicon scores can be trusted.
    assert len(set(known_english)) == 1 and len(set(known_german)) == 1
    assert known_english[0] > 0.5 > 0.2 > known_german[0]
    assert page_features(german)["lexicon_known"] == [0.0, 0.0]  # no lexicon, nothing known
    # bench/train.py computes it from the blocks' token lists: it must get the same value.
    tokens = [token for block in block_tokens(TextStats(english.blocks)) for token in block]
    assert known_english[0] == lexicon_known(tokens, lexicon)
    # Numbers say nothing of the language, and a CJK sentence is one long token.
    chinese = b.text_page("这是一个关于中国经济发展的很长的句子。\nCopyright 2024 新华网")
    assert page_features(chinese, lexicon)["lexicon_known"][0] < 0.5 * known_english[0]


def _marked_article_page(body_paragraphs: int, mark: str = "itemprop='articleBody'") -> b.Page:
    paragraph = "The son of a former president was stabbed during a talk at the clinic where he worked."
    teasers = "".join(f"<div class='news-item'><a href='/n{i}'>Minister resigns over budget row number {i}"
                      f"</a><p>11/20/2019 01:1{i} PM</p></div>" for i in range(4))
    return b.html_page(
        "<html><body><h1>Son of former president stabbed</h1>"
        f"<div {mark}>{f'<p>{paragraph}</p>' * (1 + body_paragraphs)}</div>"
        f"<div class='breaking'>{teasers}</div></body></html>")


def _keep_all_then_narrow(page: b.Page) -> list[bool]:
    from dechaff.classify import keep_only_article_body
    from dechaff.features import word_counts

    for blk in page.blocks:
        blk.keep = True
    keep_only_article_body(page, word_counts(page))
    return [blk.keep for blk in page.blocks]


@pytest.mark.parametrize("mark, bit", [("ITEMPROP='articleBody'", b.ARTICLE_BODY),
                                       ("class='entry-content clearfix'", b.BODY_CLASS)])
@pytest.mark.parametrize("body_paragraphs, teasers_dropped", [(3, True), (0, False)])
def test_kept_text_outside_a_marked_article_body_is_dropped_when_the_body_holds_most(
        mark: str, bit: int, body_paragraphs: int, teasers_dropped: bool) -> None:
    page = _marked_article_page(body_paragraphs, mark)
    marked = [blk.context & bit != 0 for blk in page.blocks]
    assert marked.count(True) == body_paragraphs + 1 and not marked[0]  # the <h1> is outside
    # 4 paragraphs of 17 words outweigh the headline and 4 teasers of 10; 1 paragraph does not.
    assert _keep_all_then_narrow(page) == [m or not teasers_dropped for m in marked]


def test_a_blog_index_with_a_body_class_on_every_excerpt_is_left_as_it_is() -> None:
    excerpt = f"<div class='entry-content'><p>{'A long excerpt of the post that goes on. ' * 5}</p></div>"
    page = b.html_page("<html><body>" + "".join(
        f"<article><h2>Post number {i}</h2>{excerpt}</article>" for i in range(5)) + "</body></html>")
    assert _keep_all_then_narrow(page) == [True] * 10


def test_an_articlebody_mark_takes_precedence_over_body_classes() -> None:
    page = _marked_article_page(3, "itemprop='articleBody'")
    teaser_cards = page.blocks[5:]
    for blk in teaser_cards:  # as if the teaser cards reused the theme's body class
        blk.context |= b.BODY_CLASS
    assert _keep_all_then_narrow(page) == [False] + [True] * 4 + [False] * len(teaser_cards)


def test_a_repeated_structure_mostly_kept_is_kept_whole() -> None:
    from dechaff.classify import keep_whole_structures
    from dechaff.features import word_counts

    cards = "".join(f"<li class='card'>{name}</li>" for name in (
        "Walnut desk with two drawers and brass handles", "Oak bookshelf, five shelves, adjustable",
        "Lamp", "Pine bed frame for a double mattress"))
    links = "".join(f"<li class='nav-item'><a href='/{n}'>{n}</a></li>" for n in ("Home", "Shop", "Blog"))
    intro = ("Our furniture is made to order in our workshop from solid wood that we buy from "
             "sawmills we know, and every piece is finished by hand with oil and wax.")
    page = b.html_page(f"<html><body><p>{intro}</p><ul>{links}</ul><ul>{cards}</ul></body></html>")
    assert len({blk.signature for blk in page.blocks[4:]}) == 1  # the cards share one
    # The model kept the page's introduction, sure of it (a core), three cards of
    # four ("Lamp" read too short) and one menu link of three.
    for blk, keep in zip(page.blocks, (True, True, False, False, True, True, False, True)):
        blk.keep = keep
    page.blocks[0].score = 0.95
    keep_whole_structures(page, word_counts(page))
    assert [blk.keep for blk in page.blocks] == [True, True, False, False, True, True, True, True]
    # A text page's lines share no structure.
    lines = b.text_page("Walnut desk with two drawers\nOak bookshelf, five shelves\nLamp\nPine bed frame")
    for blk, keep in zip(lines.blocks, (True, True, False, True)):
        blk.keep = keep
    keep_whole_structures(lines, word_counts(lines))
    assert [blk.keep for blk in lines.blocks] == [True, True, False, True]


def _product_grid(core: bool) -> b.Page:
    """A category page: a menu, a sidebar of filters, five product cards and a
    list of links to popular searches, kept as the model keeps such a page: two
    card titles of five, one spec line of five, one menu link, filter and link
    of three each.  With ``core``, the page also has a paragraph the model is
    sure of."""
    names = ("Walnut desk with two drawers", "Oak standing desk", "Pine writing desk",
             "Corner desk in white ash", "Folding wall desk")
    cards = "".join(f"<li class='card'><h3>{name}</h3><p class='spec'>Width: {100 + 10 * i} cm</p></li>"
                    for i, name in enumerate(names))
    menu = "".join(f"<li><a href='/{n}'>{n}</a></li>" for n in ("Desks", "Chairs", "Lamps"))
    filters = "".join(f"<li>{wood} ({n})</li>" for wood, n in (("Oak", 12), ("Walnut", 8), ("Pine", 5)))
    about = ("<p>Every desk is made to order in our workshop from solid wood, finished by hand "
             "with oil and wax, and delivered to your door within six weeks.</p>") if core else ""
    searches = "".join(f"<li><a href='/s/{n}'>{n}</a></li>" for n in ("Oak desk", "Small desk", "Desk lamp"))
    page = b.html_page(f"<html><body><nav><ul>{menu}</ul></nav><aside><ul>{filters}</ul></aside>"
                       f"{about}<ul class='grid'>{cards}</ul><ul>{searches}</ul></body></html>")
    kept = {"Desks", "Oak (12)", "Walnut desk with two drawers", "Pine writing desk", "Width: 130 cm", "Oak desk"}
    for blk in page.blocks:
        blk.keep = blk.text in kept or blk.text.startswith("Every desk")
        blk.score = 0.95 if blk.text.startswith("Every desk") else 0.4 if blk.keep else 0.2
    return page


def test_on_a_page_without_a_core_a_structure_one_tenth_kept_is_kept_whole() -> None:
    from dechaff.classify import keep_whole_structures
    from dechaff.features import word_counts

    grid = _product_grid(core=False)
    keep_whole_structures(grid, word_counts(grid))
    kept = [blk.text for blk in grid.blocks if blk.keep]
    # Every card's title and spec line; the menu, the filters and the links to
    # other searches stay as the model left them.
    assert kept == ["Desks", "Oak (12)"] + [blk.text for blk in grid.blocks[6:16]] + ["Oak desk"]
    assert len(kept) == 13
    # Beside a paragraph the model is sure of, two titles of five are no majority.
    shop = _product_grid(core=True)
    keep_whole_structures(shop, word_counts(shop))
    assert [blk.text for blk in shop.blocks if blk.keep] == [
        "Desks", "Oak (12)", shop.blocks[6].text, "Walnut desk with two drawers", "Pine writing desk",
        "Width: 130 cm", "Oak desk"]


def _product_with_reviews(description: str, wrapper: str = "div", count: int = 4) -> b.Page:
    """A product page: its description and ``count`` customer reviews, every block kept."""
    texts = ("Sturdy and quiet, I use it every day at my desk.", "Arrived quickly and was easy to set up.",
             "The height range suits both me and my tall son.", "Great value, though the drawer sticks a bit.",
             "Would buy again, the oak finish looks lovely.")
    reviews = "".join(f"<article class='review-item'><h5 class='review-title'>Review {i + 1}</h5>"
                      f"<p class='review-body'>{text}</p></article>" for i, text in enumerate(texts[:count]))
    page = b.html_page(f"<html><body><{wrapper}><p>{description}</p>"
                       f"<div class='product-reviews'>{reviews}</div></{wrapper}></body></html>")
    for blk in page.blocks:
        blk.keep = True
    return page


def test_customer_reviews_under_a_product_are_dropped() -> None:
    from dechaff.classify import drop_customer_reviews
    from dechaff.features import word_counts

    description = ("This standing desk has a solid oak top, two quiet motors and a height range from "
                   "62 to 127 centimetres, with four memory presets on the keypad and a cable tray "
                   "underneath that keeps the wires out of sight.")
    shop = _product_with_reviews(description)
    drop_customer_reviews(shop, word_counts(shop))
    assert [blk.text for blk in shop.blocks if blk.keep] == [description]
    # One review is no list of them; reviews under a few words are the page's content;
    # reviews inside an article's marked body are the article.
    for page in (_product_with_reviews(description, count=1), _product_with_reviews("Oak desk."),
                 _product_with_reviews(description, wrapper="div class='entry-content'")):
        drop_customer_reviews(page, word_counts(page))
        assert all(blk.keep for blk in page.blocks)
    # "preview" names no review.
    previews = b.html_page("<p>" + description + "</p>" + "".join(
        f"<div class='preview'><p>Chapter {i}: the first pages of the book</p></div>" for i in range(5)))
    for blk in previews.blocks:
        blk.keep = True
    drop_customer_reviews(previews, word_counts(previews))
    assert all(blk.keep for blk in previews.blocks)


def _product_with_review_section(heading: str, wrapper: str = "div", description: str = "") -> b.Page:
    """A product page whose review widget has no class that names reviews: its
    heading in a header of its own, a summary, two reviews, then a line on
    returns and the shop's "Shipping" section and a "Customer reviews" line set in the description's
    text; every block kept."""
    description = description or (
        "This standing desk has a solid oak top, two quiet motors and a height range from "
        "62 to 127 centimetres, with four memory presets on the keypad.")
    page = b.html_page(
        f"<html><body><{wrapper}><h1>Oak standing desk</h1><p>{description}</p>"
        "<p>Customer reviews</p><p>Our customers love the quiet motors and the finish.</p>"
        f"<div class='widget'><div class='widget-head'><h2>{heading}</h2></div>"
        "<div class='widget-summary'><h3>4.6 out of 5</h3><p>Based on 212 ratings</p></div>"
        "<div class='widget-list'><p>Sturdy and quiet, I use it every day.</p>"
        "<p>Arrived quickly and was easy to set up.</p></div></div><p>Free returns within 30 days.</p>"
        f"<h2>Shipping</h2><p>Delivered in five days.</p></{wrapper}></body></html>")
    for blk in page.blocks:
        blk.keep = True
    return page


def test_sections_headed_as_customer_reviews_are_dropped() -> None:
    from dechaff.classify import drop_review_sections
    from dechaff.features import word_counts

    # The section runs from its heading past the sub-heading of its summary to the
    # end of the widget that holds it, or to the next heading of its level; the plain
    # line "Customer reviews" is no heading.
    for heading in ("Customer Reviews (212)", "Ratings & Reviews", "Customers say", "212 ratings",
                    "Kundenbewertungen"):
        shop = _product_with_review_section(heading)
        drop_review_sections(shop, word_counts(shop))
        kept = [blk.text for blk in shop.blocks if blk.keep]
        assert kept == [blk.text for blk in shop.blocks[:4]] + [
            "Free returns within 30 days.", "Shipping", "Delivered in five days."], heading
    # A game shop's press quotes, an editorial verdict and a service's testimonials
    # keep their headings; so do reviews in a marked article body and a page that is
    # all reviews.
    for page in (_product_with_review_section("Reviews"), _product_with_review_section("Review"),
                 _product_with_review_section("What our customers say"),
                 _product_with_review_section("Customer reviews", wrapper="div class='entry-content'"),
                 _product_with_review_section("Customer reviews", description="Oak desk.")):
        drop_review_sections(page, word_counts(page))
        assert all(blk.keep for blk in page.blocks)
    # Among siblings, a section ends at the next heading of its level; a heading last
    # on the page is a section of one block.
    flat = b.html_page("<p>" + "A desk of solid oak with two motors. " * 4 + "</p><h2>Customer reviews</h2>"
                       "<p>Sturdy and quiet.</p><h2>Care</h2><p>Oil the top once a year.</p>"
                       "<h2>Customer reviews</h2>")
    for blk in flat.blocks:
        blk.keep = True
    drop_review_sections(flat, word_counts(flat))
    assert [blk.keep for blk in flat.blocks] == [True, False, False, True, True, False]
    # A widget whose header holds its heading and summary: when reviews follow the
    # header (a class naming them), the section is the widget; when something
    # else does, the header alone -- unless the header holds nothing but short
    # labels (then what is around it is the section's).
    summary = "<p>Shoppers rate its quiet motors and the finish of the oak top highly</p>"
    for after, dropped in (("rev-widget__reviews", True), ("rev-widget__photos", False)):
        widget = b.html_page(
            "<p>" + "A desk of solid oak with two motors. " * 4 + "</p>"
            "<div class='rev-widget'><div class='rev-widget__header'><h2>Customer Reviews</h2>"
            f"{summary}<p>Write a review</p></div>"
            f"<div class='{after}'><div class='rev'><p>Justin</p><p>Sturdy and quiet, I use it every day.</p>"
            "</div><div class='rev'><p>Carlos</p><p>Arrived quickly and was easy to set up.</p></div></div></div>"
            "<p>Free returns within 30 days.</p>")
        for blk in widget.blocks:
            blk.keep = True
        drop_review_sections(widget, word_counts(widget))
        assert [blk.keep for blk in widget.blocks] == [True] + [False] * 3 + [not dropped] * 4 + [True], after


def _kept_by(rule, html: str) -> list[str]:
    """The texts of an HTML page, every block kept, that ``rule(page, counts)`` leaves kept."""
    from dechaff.features import word_counts

    page = b.html_page(html)
    for blk in page.blocks:
        blk.keep = True
    rule(page, word_counts(page))
    return [blk.text for blk in page.blocks if blk.keep]


def _kept_after(rule, page: b.Page | str) -> list[str]:
    """The texts of ``page`` (or of an HTML page's source), every block kept,
    that ``rule(page)`` leaves kept."""
    if isinstance(page, str):
        page = b.html_page(page)
    for blk in page.blocks:
        blk.keep = True
    rule(page)
    return [blk.text for blk in page.blocks if blk.keep]


def test_sections_headed_as_the_shops_are_dropped() -> None:
    from dechaff.classify import drop_shop_sections

    def kept(html: str) -> list[str]:
        return _kept_by(drop_shop_sections, html)

    description = ("This standing desk has a solid oak top, two quiet motors and a height range from "
                   "62 to 127 centimetres, with four memory presets on the keypad.")
    assert kept(
        f"<h1>Oak standing desk</h1><p>{description}</p>"
        "<div class='tabs'><h2>Shipping &amp; Returns</h2><p>Free delivery in five days; returns within 30 days.</p>"
        "<h2>Dimensions</h2><p>Top 160 x 80 cm, 42 kg.</p></div>"
        "<section><h2>Customers also bought</h2><div class='card'><p>Oak monitor stand</p><p>$89.00</p></div>"
        "<div class='card'><p>Cable tray</p><p>$29.00</p></div></section>"
        "<h2>Frequently Bought Together</h2><p>Desk + chair bundle, $899.00</p>"
    ) == ["Oak standing desk", description, "Dimensions", "Top 160 x 80 cm, 42 kg."]
    # A heading in a header of its own with a link: the section is what is around it.
    assert kept(
        f"<h1>Oak standing desk</h1><p>{description}</p><div class='faq'>"
        "<div class='faq-head'><h2>Questions &amp; Answers</h2><a href='/faq'>See all FAQs</a></div>"
        "<div class='faq-item'><p>Does it wobble at full height?</p><p>No, the frame is braced.</p></div>"
        "<div class='faq-item'><p>Can I fit castors?</p><p>Yes, from our shop.</p></div></div>"
        "<div class='care'><h2>Care</h2><p>Oil the top once a year.</p></div>"
    ) == ["Oak standing desk", description, "Care", "Oil the top once a year."]
    # A reference page's "Returns" (of a function) and a teaser box's "You may also
    # like" (``cut_related_sections``) are not the shop's sections.
    reference = ("<h1>parse()</h1><p>" + "Parses the text into a tree of nodes. " * 4 + "</p>"
                 "<h2>Returns</h2><p>The root node.</p><h2>You may also like</h2><p>Oak desk</p>")
    assert kept(reference) == [blk.text for blk in b.html_page(reference).blocks]


def test_lists_of_counted_labels_are_dropped() -> None:
    from dechaff.classify import drop_count_lists

    def kept(html: str) -> list[str]:
        return _kept_by(drop_count_lists, html)

    cards = "".join(f"<div class='card'><p>{name} trail helmet with a visor and vents</p><p>$89.00</p></div>"
                    for name in ("Giro", "Smith", "Bell", "Fox"))
    facets = "<h3>Brand</h3><ul>" + "".join(f"<li>{brand} ({n})</li>" for brand, n in
                                          (("Bell", 5), ("Fox", 21), ("Giro", 29), ("Smith", 37))) + "</ul>"
    months = (("December", "111"), ("November", "97"), ("October", "39"), ("September", "1,204"))
    archive = "<ul>" + "".join(f"<li>{month} ({n})</li>" for month, n in months) + "</ul>"
    grid = kept(f"<aside>{facets}</aside><main>{cards}</main><aside>{archive}</aside>")
    assert grid == ["Brand"] + [blk.text for blk in b.html_page(cards).blocks]
    # Three counted labels are no list; "libalpm(3)" counts nothing; a page that is
    # nothing but such lists (a directory of categories) keeps them.
    three = "<ul><li>Bell (5)</li><li>Fox (21)</li><li>Giro (29)</li></ul>"
    manual = "<ul>" + "".join(f"<li>lib{name}(3)</li>" for name in ("alpm", "curl", "ssl", "xml")) + "</ul>"
    for html in (three + cards, manual + cards, facets):
        assert kept(html) == [blk.text for blk in b.html_page(html).blocks]


def test_advertisement_labels_are_dropped() -> None:
    from dechaff.classify import drop_ad_labels

    story = ("<p>The council voted to close the bridge for repairs next spring.</p>"
             "<p>- ADVERTISEMENT -</p><div class='ad'>Advertisement</div>"
             "<p>Drivers will be sent along the ring road for six weeks.</p>"
             "<p>Story continues below advertisement</p><p>» Publicidade</p><p>Sponsored</p>"
             "<p>The works are to cost four million euros.</p>")
    assert _kept_after(drop_ad_labels, story) == [
        "The council voted to close the bridge for repairs next spring.",
        "Drivers will be sent along the ring road for six weeks.",
        "The works are to cost four million euros."]
    # Only a whole line that is nothing but the label; and not a heading, which
    # a Bluetooth manual's "Advertisement" section has.
    others = ("<h2>Advertisement</h2><p>Advertisement packets are sent every 100 ms.</p>"
              "<p>Sponsored by the city of Ghent</p><p>Advertise with us</p><p>Adam</p>")
    assert _kept_after(drop_ad_labels, others) == [blk.text for blk in b.html_page(others).blocks]


def test_consent_dialogs_are_dropped() -> None:
    from dechaff.classify import drop_consent_dialogs

    post = "<div class='post'><p>Does anyone know what the two ports on the back of the case are for?</p></div>"
    dialog = ("<div id='onetrust-pc-sdk'><h2>Privacy Preference Center</h2>"
              "<p>When you visit any website, it may store or retrieve information on your browser.</p>"
              "<h4>Strictly Necessary Cookies</h4></div>"
              "<div class='cookie-banner'><p>We use cookies to improve your experience.</p></div>")
    assert _kept_after(drop_consent_dialogs, post + dialog) == [
        "Does anyone know what the two ports on the back of the case are for?"]
    # A marked article body is the page's content whatever its class says.
    policy = ("<article itemprop='articleBody' class='cookie-policy'>"
              "<p>This policy explains how we use cookies.</p></article>")
    assert _kept_after(drop_consent_dialogs, policy) == ["This policy explains how we use cookies."]


def test_footers_are_dropped_but_a_quotations_and_an_article_bodys() -> None:
    from dechaff.classify import drop_footers

    page = ("<article><p>The museum reopens on Monday after two years of works.</p>"
            "<blockquote><p>We kept every brick we could.</p><footer>The architect</footer></blockquote>"
            "<footer><p>Posted in Culture, Cities</p></footer></article>"
            "<div itemprop='articleBody'><footer><p>Corrected on 3 May: the opening day.</p></footer></div>"
            "<footer><p>About us</p><p>Contact</p></footer>")
    assert _kept_after(drop_footers, page) == [
        "The museum reopens on Monday after two years of works.", "We kept every brick we could.",
        "The architect", "Corrected on 3 May: the opening day."]


def test_chrome_lines_are_dropped_from_page_text() -> None:
    from dechaff.classify import drop_chrome_lines

    page = b.text_page(
        "Our trails reopen on Saturday after the storm damage was cleared.\n"
        "Privacy Preference Center\nStrictly Necessary Cookies\nAlways Active\n"
        "These cookies are necessary for the website to function and cannot be switched off.\n"
        "This website uses cookies to improve your experience.\nAccept All Cookies\n"
        "Oops! Something went wrong while submitting the form.\n"
        "Highest score (default) Date modified (newest first) Date created (oldest first)\n"
        "Reactions: Brian33, unixfool and felixen\n"
        "You need to enable JavaScript to run this app.\nShowing 1–24 of 120 results\n"
        "Our cookie policy explains which cookies we set and why.\n")
    assert _kept_after(drop_chrome_lines, page) == [
        "Our trails reopen on Saturday after the storm damage was cleared.",
        "Our cookie policy explains which cookies we set and why."]


def test_consent_dialogs_in_other_languages_are_dropped_from_page_text() -> None:
    from dechaff.classify import drop_chrome_lines

    article = "Der Stadtrat hat am Dienstag den Bau der neuen Brücke über den Fluss beschlossen."
    page = b.text_page(
        f"{article}\nWir verwenden Cookies, um Ihnen das beste Nutzererlebnis zu bieten.\n"
        "Notwendige Cookies\nAlle akzeptieren\nCookie-Einstellungen\n"
        "Utilizziamo i cookie per essere sicuri che tu possa avere la migliore esperienza sul nostro sito.\nOk\n"
        "Nous utilisons des cookies pour mesurer l'audience.\nTout accepter\nTout refuser\n")
    # A button as plain as "Ok" tells the banner's text, but is not dropped alone.
    assert _kept_after(drop_chrome_lines, page) == [article, "Ok"]
    more = b.text_page(
        f"{article}\nМы используем файлы cookie для улучшения работы сайта.\nПринять\n"
        "Používáme soubory cookies k analýze návštěvnosti.\nPřijmout vše\n"
        "Bu web sitesi çerezleri kullanmaktadır.\nKabul et\n"
        "Käytämme evästeitä sivuston toiminnan parantamiseksi.\nHyväksy kaikki\n"
        "我们使用 Cookie 来改善您的体验。\n接受\n")
    assert _kept_after(drop_chrome_lines, more) == [article, "Принять", "Přijmout vše", "Kabul et",
                                                    "Hyväksy kaikki", "接受"]
    # Without a dialog's controls beside it, a privacy policy's sentence stays;
    # a sentence that starts like a control is no control.
    policy = b.text_page(
        "Datenschutzerklärung\nWir verwenden Cookies, um die Nutzung unserer Website zu analysieren.\n"
        "Notwendige Cookies\nDiese Cookies sind für den Betrieb der Website erforderlich.\n"
        "Tout accepter sans discuter n'est pas dans ses habitudes.\n")
    assert _kept_after(drop_chrome_lines, policy) == [blk.text for blk in policy.blocks]


def test_a_cookie_policy_and_sentences_like_chrome_lines_are_kept() -> None:
    from dechaff.classify import drop_chrome_lines

    # A policy says what a dialog says, but no dialog's controls stand beside it.
    policy = b.text_page(
        "Cookie policy\nWe use cookies to remember your preferences and to count visits.\n"
        "Strictly Necessary Cookies\nThese cookies are necessary for the website to function.\n"
        "Analytics Cookies\nThese cookies allow us to count visits and traffic sources.\n"
        "Oops, I forgot to attach the log: the pump stops after three minutes.\n"
        "Reactions: nausea, headache and dizziness were reported in 2% of patients.\n"
        "If JavaScript is disabled, the form falls back to a plain POST request.\n"
        "This feature requires JavaScript.\n")
    assert _kept_after(drop_chrome_lines, policy) == [blk.text for blk in policy.blocks]
    # In HTML, a heading, code, a quotation and a marked article body are the page's own.
    html = ("<h2>Loading</h2><pre>Reactions: 3</pre><blockquote><p>Oops! Something went wrong.</p></blockquote>"
            "<div itemprop='articleBody'><p>Showing 1–24 of 120 results</p></div><p>Loading...</p>")
    assert _kept_after(drop_chrome_lines, html) == [
        "Loading", "Reactions: 3", "Oops! Something went wrong.", "Showing 1–24 of 120 results", "Loading..."]


def test_the_rules_after_the_model_drop_labels_and_chrome_from_page_text() -> None:
    from dechaff.classify import follow_rules
    from dechaff.features import word_counts

    page = b.text_page(
        "The council voted to close the bridge for repairs next spring, the mayor said.\n"
        "Advertisement\nDrivers will be sent along the ring road for six weeks.\nRead more\n"
        "Accept All Cookies\nThe works are to cost four million euros, paid by the region.\n")
    for blk in page.blocks:
        blk.keep, blk.score = True, 0.5
    follow_rules(page, word_counts(page))
    assert [blk.text for blk in page.blocks if blk.keep] == [
        "The council voted to close the bridge for repairs next spring, the mayor said.",
        "Drivers will be sent along the ring road for six weeks.",
        "The works are to cost four million euros, paid by the region."]


def test_disclaimers_and_legal_notices_are_dropped() -> None:
    from dechaff.classify import drop_disclaimers

    page = b.html_page(
        "<html><body><div class='product-description'><p>A 10.9 inch tablet with a pen in the box.</p></div>"
        "<div class='feature-benefit__disclaimer'><p>* Image simulated. Colours may vary by market.</p></div>"
        "<div class='copy-legal'><p>Offer valid until 31 March for new customers only.</p></div>"
        "<div class='legalzoom-guide'><p>How to register a company in four steps.</p></div>"
        "<div class='disclosure'><p>The pen charges when it is attached to the side.</p></div>"
        "<p class='illegal-parking'>Cars parked here will be towed away.</p>"
        "<div class='entry-content'><p class='disclaimer'>The views expressed are the author's.</p></div>"
        "</body></html>")
    for blk in page.blocks:
        blk.keep = True
    drop_disclaimers(page)
    # "legal" only as a whole word, not a "disclosure" widget, and not in an article's marked body.
    assert [blk.text for blk in page.blocks if blk.keep] == [
        "A 10.9 inch tablet with a pen in the box.", "How to register a company in four steps.",
        "The pen charges when it is attached to the side.", "Cars parked here will be towed away.",
        "The views expressed are the author's."]


def _short_post_with_extras(body_mark: str) -> b.Page:
    """A short blog post, a teaser link and a comment section, every block kept:
    the post's paragraph scored surely content, the rest as given."""
    page = b.html_page(
        f"<html><body><div {body_mark}><p>Our open thread: ask us anything about our research.</p></div>"
        "<p><a href='/n/1'>Minister resigns over the budget row</a></p>"
        "<div id='comments'><div class='comment'><p>Any update on the follow-up paper?</p></div>"
        "<div class='comment'><p>We have not reviewed it yet, but plan to this year.</p></div>"
        "<div class='comment'><p>Great question, the answer is in the full report.</p></div>"
        "</div></body></html>")
    for blk, score in zip(page.blocks, (0.95, 0.45, 0.35, 0.5, 0.9)):
        blk.keep, blk.score = True, score
    return page


def test_unsure_comments_and_links_beside_a_marked_article_body_are_dropped() -> None:
    from dechaff.classify import drop_unsure_extras

    post = _short_post_with_extras("class='entry-content'")
    assert [blk.context & b.IN_LINK != 0 for blk in post.blocks] == [False, True, False, False, False]
    assert [blk.context & b.COMMENT_CLASS != 0 for blk in post.blocks] == [False, False, True, True, True]
    drop_unsure_extras(post)
    # The comment scoring 0.9 reads like a thread's reply and stays.
    assert [blk.keep for blk in post.blocks] == [True, False, False, False, True]
    # Without a marked body nothing says the page is an article with reader comments.
    unmarked = _short_post_with_extras("class='intro'")
    drop_unsure_extras(unmarked)
    assert all(blk.keep for blk in unmarked.blocks)


def test_signatures_under_posts_are_dropped_but_a_page_about_signatures_keeps_them() -> None:
    from dechaff.classify import drop_signatures

    thread = b.html_page(
        "<div class='post'><div class='content'><p>My telescope arrived today.</p></div>"
        "<div class='post-signature'><p>Clear skies! My gear: 8in Dobsonian</p></div></div>")
    service = b.html_page(
        "<section class='e-signature-apis'><p>Sign contracts online with our e-signature API.</p></section>")
    for page in (thread, service):
        for blk in page.blocks:
            blk.keep = True
        drop_signatures(page)
    assert [blk.keep for blk in thread.blocks] == [True, False]
    assert [blk.keep for blk in service.blocks] == [True]


def test_include_comments_does_not_bring_back_a_commenters_signature() -> None:
    post = "I tried this recipe twice and the second time it came out perfectly moist and light."
    html = (f"<html><body><article><p>{'The cake needs four eggs and a slow oven for an hour. ' * 6}</p>"
            f"</article><div class='comments'><div class='comment'><p>{post}</p>"
            "<div class='signature'><p>Baking since 1998 and still burning the first batch</p></div>"
            "</div></div></body></html>")
    text = dechaff.extract(html, settings=dechaff.Settings(include_comments=True))
    assert post in text and "Baking since 1998" not in text


def _text_with_comments(header: str, replies: int, dated: bool = True, tail: tuple[str, ...] = ()) -> b.Page:
    """An article's text dump, a comment header and ``replies`` reader comments
    (each under its author's line and, if ``dated``, a dateline), then the
    ``tail`` lines, every line kept, the article's paragraphs scored surely content."""
    article = ["The council approved the new cycle lanes on Tuesday after a long debate.",
               "Work on the first two streets starts in spring and should end by the autumn.",
               "Residents can comment on the plans for the other streets until the end of March."]
    comments = [header] + [line for n in range(replies) for line in (
        f"reader{n} says:", "March 3, 2024 at 9:12 am" if dated else "Reply",
        "Finally, great news for the town.")]
    page = b.text_page("\n".join(article + comments + list(tail)))
    for blk in page.blocks:
        blk.keep, blk.score = True, 0.95 if blk.text in article else 0.7
    return page


def test_a_text_pages_comment_section_under_its_article_is_cut() -> None:
    from dechaff.classify import cut_comment_section
    from dechaff.features import word_counts

    for header in ("2 Comments", "Leave a Reply", "2 responses to “New cycle lanes”", "Comments (2)",
                   "Deixe uma resposta", "2 комментария", "Komentarze (2)", "[ 2 comments ]",
                   "Top Rated Comments"):
        page = _text_with_comments(header, replies=2)
        cut_comment_section(page, word_counts(page))
        assert [blk.keep for blk in page.blocks] == [True] * 3 + [False] * 7, header
    # Replies that outweigh the first post are a thread's content, not an article's comments ...
    thread = _text_with_comments("6 Comments", replies=6, dated=False)
    cut_comment_section(thread, word_counts(thread))
    assert all(blk.keep for blk in thread.blocks)
    # ... unless a dateline under the header shows reader comments opening, however many.
    dated = _text_with_comments("6 Comments", replies=6)
    cut_comment_section(dated, word_counts(dated))
    assert [blk.keep for blk in dated.blocks] == [True] * 3 + [False] * 19
    # The "Leave a Reply" under such comments is a second header, and the cut starts at the first.
    replied = _text_with_comments("6 Comments", replies=6, tail=("Leave a Reply",))
    cut_comment_section(replied, word_counts(replied))
    assert [blk.keep for blk in replied.blocks] == [True] * 3 + [False] * 20
    # A short post the model is less sure of than of the long reply under it.
    unsure = _text_with_comments("Comments", replies=2, tail=(
        "Our best guess is that the effect on speed is small, and the trial measured it directly on "
        "the buses, so we do not model it.",))
    for blk in unsure.blocks:
        blk.score = 0.95 if blk.text.startswith("Our best guess") else 0.6
    cut_comment_section(unsure, word_counts(unsure))
    assert [blk.keep for blk in unsure.blocks] == [True] * 3 + [False] * 8
    # Headers repeated down the page are a listing's "3 comments" under each card, dated
    # or not (two, when no dateline follows the first); a Q&A site's "Add a comment"
    # under each post heads no section.
    twice = _text_with_comments("2 Comments", 2, dated=False, tail=("Next story: the bridge reopens", "2 Comments"))
    cards = b.text_page("\n".join(line for n in range(3) for line in (
        f"Story {n}: the bridge reopens after two years of repairs", "March 3, 2024", "3 Comments")))
    add = _text_with_comments("Add a comment", replies=2)
    for page in (twice, cards, add):
        for blk in page.blocks:
            blk.keep, blk.score = True, 0.95
        cut_comment_section(page, word_counts(page))
        assert all(blk.keep for blk in page.blocks)


def test_comment_counters_under_what_was_kept_leave_the_comment_header_alone() -> None:
    from dechaff.classify import cut_comment_section
    from dechaff.features import word_counts

    # "8 comments" under each of the other stories the model dropped below the
    # comments: no listing's counters among kept cards, so the comments go.
    page = _text_with_comments("[ 2 comments ]", replies=2, tail=tuple(
        line for n in (8, 44, 24) for line in ("The bridge reopens after two years of repairs", f"{n} comments")))
    for blk in page.blocks[-6:]:
        blk.keep, blk.score = False, 0.2
    cut_comment_section(page, word_counts(page))
    assert not any(blk.keep for blk in page.blocks[3:])
    assert all(blk.keep for blk in page.blocks[:3])
    # Counters among kept cards still count (the listing of the test above), and a
    # manual's "Response:" over an answer is no header, counted "responses" are.
    manual = b.text_page("\n".join((
        "Send the request with your key in its header, as the example below shows.",
        "Ask the service for the account's balance in the smallest currency unit.",
        "Response:", "The balance is 1099 cents in the account's default currency.")))
    for blk in manual.blocks:
        blk.keep, blk.score = True, 0.95
    cut_comment_section(manual, word_counts(manual))
    assert all(blk.keep for blk in manual.blocks)


def _article_with_teasers(box_header: str, tail_header: str) -> b.Page:
    """A text dump of an article with a teaser box inside it and another under
    it, every line kept (as the model keeps teasers beside an article)."""
    paragraph = ("The council approved the new cycle lanes on Tuesday after a debate that "
                 "lasted well into the evening, and work starts in spring.")
    later = ("Residents can comment on the plans for the other streets until the end of "
             "March, at the town hall or on the council's website.")
    teasers = ["Bridge to reopen after two years of repairs", "Why the market hall is closing early"]
    lines = [paragraph, box_header, *teasers, later, tail_header, *teasers[::-1]]
    page = b.text_page("\n".join(lines))
    for blk in page.blocks:
        blk.keep, blk.score = True, 0.95 if blk.text in (paragraph, later) else 0.7
    return page


def test_teaser_boxes_inside_and_under_an_article_are_dropped() -> None:
    from dechaff.classify import cut_related_sections
    from dechaff.features import word_counts

    for box, tail in (("Related articles", "You may also like"), ("Read next:", "Most read in Local news"),
                      ("Lire aussi", "Você pode gostar..."), ("More from Local news", "Related"),
                      ("Читайте также", "相关文章"), ("Next article", "Вам также может быть интересно"),
                      ("Recent posts", "More like this")):
        page = _article_with_teasers(box, tail)
        cut_related_sections(page, word_counts(page))
        kept = [blk.keep for blk in page.blocks]
        assert kept == [True, False, False, False, True, False, False, False], box
    # Not a header: a word that heads something else, a line that only starts like one.
    for box, tail in (("Recommended:", "See also"),
                      ("Related articles about the lanes are below.", "Trending")):
        page = _article_with_teasers(box, tail)
        cut_related_sections(page, word_counts(page))
        assert all(blk.keep for blk in page.blocks), box
    page = _article_with_teasers("Related articles", "You may also like")
    page.blocks.insert(0, b.Block("Related", "line", keep=True, score=0.7))
    page.blocks[1].score = 0.8  # no confident paragraph anywhere: no article to go by
    page.blocks[5].score = 0.8
    cut_related_sections(page, word_counts(page))
    assert all(blk.keep for blk in page.blocks)
    # A menu's "Most recent" tab, far from what the model kept, heads no teasers.
    page = _article_with_teasers("Related articles", "You may also like")
    menu = [b.Block(text, "line") for text in ("Sign in", "Most recent", "Top sellers")]
    page.blocks[5:6] = menu  # in place of the tail's header, all dropped
    cut_related_sections(page, word_counts(page))
    assert [blk.keep for blk in page.blocks] == [True, False, False, False, True] + [False] * 3 + [True] * 2


def test_teaser_links_set_in_an_articles_text_are_dropped() -> None:
    from dechaff.classify import drop_teaser_links
    from dechaff.features import word_counts

    paragraph = ("The council approved the new cycle lanes on Tuesday after a debate that "
                 "lasted well into the evening, and work starts in spring.")
    page = b.html_page(
        "<html><body><p>Read more: <a href='/n/0'>Council elections set for May</a></p>"
        f"<p>{paragraph}</p>"
        "<p>Related: <a href='/n/1'>Bridge to reopen after two years of repairs</a></p>"
        "<p>READ MORE: <a href='/n/2'>WHY THE MARKET HALL IS CLOSING EARLY</a></p>"
        "<p>Lire aussi : <a href='/n/3'>Le pont rouvre après deux ans de travaux</a></p>"
        "<p>Related: a study of <a href='/s'>the lanes</a> found that fewer cyclists were hurt.</p>"
        "<p>Note: <a href='/plan'>the full plan is online</a></p>"
        "<p>See: <a href='/q/7'>Why cycle lanes are not enough</a></p>"
        "<p><a href='/app'>CLICK HERE TO GET THE NEWS APP</a></p>"
        "<p>THE COUNCIL SAID NO TO THE BRIDGE TOLL.</p>"
        "<h2><a href='#cost'>WHAT THE LANES WILL COST</a></h2><p><a href='/nasa'>NASA</a></p>"
        "<p>Tags: <a href='/t/cycling'>cycling</a>, <a href='/t/council'>town council</a></p>"
        "<p>Don't miss<br><a href='/n/4'>Market hall to close early</a><br><a href='/n/5'>A new bus line</a></p>"
        f"<p>{paragraph}</p></body></html>")
    for blk in page.blocks:
        blk.keep, blk.score = True, 0.95 if blk.text == paragraph else 0.8
    drop_teaser_links(page, word_counts(page))
    # Above the article's first paragraph a link is the page's own (a menu's, a
    # summary's); a label whose line is mostly unlinked, or another label, is
    # prose, and "See:" quotes a source in a forum's answers.  A linked paragraph
    # in capitals is a call to click, but not a heading or a name so set.  A
    # label may also end its line, the links below it (tags, a "Don't miss" box).
    assert [blk.keep for blk in page.blocks] == [True, True, False, False, False, True, True, True,
                                                 False, True, True, True, False, False, True]


def test_a_text_pages_labelled_teaser_lines_are_dropped() -> None:
    from dechaff.classify import drop_teaser_links
    from dechaff.features import word_counts

    paragraph = ("The council approved the new cycle lanes on Tuesday after a debate that "
                 "lasted well into the evening, and work starts in spring.")
    prose = ("Related: a study of the lanes in the next town found that fewer cyclists were hurt "
             "in the two years after they opened, and that more children rode to school.")
    lines = ["Read more: Bridge to reopen after two years of repairs", paragraph,
             "READ MORE: Why the market hall is closing early", "Lire aussi : Le pont rouvre après deux ans",
             prose, "Note: the full plan is online", "Tags: cycling, town council", paragraph]
    page = b.text_page("\n".join(lines))
    for blk in page.blocks:
        blk.keep, blk.score = True, 0.95 if blk.text == paragraph else 0.8
    drop_teaser_links(page, word_counts(page))
    # A text page shows no links: a label and a headline's length of words make
    # a teaser; above the article's first paragraph, or longer, a labelled line stays.
    assert [blk.keep for blk in page.blocks] == [True, True, False, False, True, True, False, True]


def test_a_text_pages_teasers_under_its_copyright_notice_are_dropped() -> None:
    from dechaff.classify import cut_after_copyright
    from dechaff.features import word_counts

    paragraph = ("The council approved the new cycle lanes on Tuesday after a debate that "
                 "lasted well into the evening, and work starts in spring.")
    teasers = ["Why farmers may want to paint their cows with zebra stripes",
               "Some people thought the stripy cattle were a joke, but the science is sound.", "32M ago"]

    def page_of(*lines: str) -> b.Page:
        page = b.text_page("\n".join(lines))
        for blk in page.blocks:
            blk.keep, blk.score = True, 0.95 if blk.text == paragraph else 0.7
        return page

    notice = "© 2019 CBS Interactive Inc. All Rights Reserved."
    page = page_of(paragraph, "Image Copyright @BigMachine", "Photo: the new lanes ©Town Council 2019",
                   paragraph, notice, "More World", *teasers)
    cut_after_copyright(page, word_counts(page))
    # The notice closes the article; a photo's credit, naming no year or after
    # its caption, closes nothing.
    assert [blk.keep for blk in page.blocks] == [True] * 5 + [False] * 4
    # Above the first confident paragraph, or with the article resuming under it, a notice cuts nothing.
    for page in (page_of(notice, paragraph, *teasers), page_of(paragraph, notice, paragraph, *teasers)):
        cut_after_copyright(page, word_counts(page))
        assert all(blk.keep for blk in page.blocks)


def test_a_text_pages_share_bar_closes_its_article() -> None:
    from dechaff.classify import cut_at_share_bar
    from dechaff.features import word_counts

    paragraph = ("The council approved the new cycle lanes on Tuesday after a debate that "
                 "lasted well into the evening, and work starts in spring.")
    bio = "Jo Smith covers the town council and writes about the region's roads and railways."

    def page_of(*lines: str) -> b.Page:
        page = b.text_page("\n".join(lines))
        for blk in page.blocks:
            blk.keep, blk.score = True, 0.95 if blk.text == paragraph else 0.7
        return page

    for bar in (("Facebook", "Twitter", "Email"), ("Share: Facebook Twitter LinkedIn",),
                ("Поделиться: ВКонтакте Одноклассники",), ("공유하기 카카오톡 네이버",), ("分享到： 微信 微博",)):
        page = page_of(paragraph, paragraph, *bar, bio)
        cut_at_share_bar(page, word_counts(page))
        assert [blk.keep for blk in page.blocks] == [True, True] + [False] * (len(bar) + 1), bar
    # One network named, prose about networks, a bar above the article or with the
    # article resuming under it, a bar under every post of a thread: nothing closes.
    reply = "I disagree: the lanes on the high street are far too narrow for the buses."
    for page in (page_of(paragraph, "Follow us on Instagram", bio),
                 page_of(paragraph, *[line for _ in range(3) for line in ("Share", "Twitter", "Facebook", reply)]),
                 page_of(paragraph, "Social media apps (for example Facebook and TikTok) connect people", bio),
                 page_of("Facebook Twitter", paragraph, bio), page_of(paragraph, "Facebook Twitter", paragraph, bio)):
        cut_at_share_bar(page, word_counts(page))
        assert all(blk.keep for blk in page.blocks)


#: The five paragraphs of a news article, for the rules that find an article's run.
COUNCIL_ARTICLE = [
    ("The town council approved the new cycle lanes on Tuesday evening after a debate that lasted "
     "well into the night, with residents from both sides of the river filling the public gallery "
     "and a dozen of them speaking before the vote was finally taken by a show of hands."),
    ("Work on the first stretch starts in the spring, when the road is closed for resurfacing "
     "anyway, and the engineers expect the whole network to be finished by the end of next year "
     "if the weather is kind and the contractors keep to the schedule they have promised."),
    ("Shop owners on the high street had asked for the loading bays to stay where they are, and "
     "the final plan keeps most of them, moving only three to the side streets so that the "
     "delivery vans no longer block the bus lane during the busy morning hours on weekdays."),
    ("The lanes will run along three routes that the council chose after counting the cyclists "
     "who use each street, and a survey last year found that most parents would let their "
     "children ride to school if the busiest junctions on those routes were made safer."),
    ("Critics say the money would be better spent on repairing the potholes that cover the "
     "estate roads, but the council's transport officer said the grant can only be used for "
     "cycling and walking schemes and would go back to the government if it were not spent."),
]


def test_runs_of_headlines_around_a_text_pages_article_are_dropped() -> None:
    from dechaff.classify import drop_headline_runs
    from dechaff.features import word_counts

    paragraphs = COUNCIL_ARTICLE
    routes = ["Main Street", "Station Road and the bridge", "The market square"]
    before = ["Mayor opens the new footbridge", "Floods close the coast road again", "Schools reopen after the storm"]
    after = ["Why the market hall is closing early", "A new bus line for the estates",
             "Ten places to eat by the river", "Police appeal after a break-in"]
    chrome = ["Advertisement", "Share this article", "Print"]

    def page_of(lines: list[str], confident: set[str]) -> b.Page:
        page = b.text_page("\n".join(lines))
        for blk in page.blocks:
            blk.keep = blk.text not in chrome
            blk.score = 0.95 if blk.text in confident else 0.6
        return page

    article = [*paragraphs[:4], *routes, paragraphs[4]]
    lines = [*before, *chrome, "Council approves the cycle lanes", *article, *chrome, *after]
    page = page_of(lines, set(paragraphs))
    drop_headline_runs(page, word_counts(page))
    kept = [blk.text for blk in page.blocks if blk.keep]
    # The lists of headlines above and below the article go; its headline and the
    # list inside its text stay.
    assert kept == ["Council approves the cycle lanes", *article]
    # An index page's paragraph or two over its list, or a page without a
    # confident core, is no article: its lists are its content.
    for lines, confident in (([*paragraphs[:2], *chrome, *after], set(paragraphs)), (lines, set())):
        page = page_of(lines, confident)
        drop_headline_runs(page, word_counts(page))
        assert [blk.keep for blk in page.blocks] == [line not in chrome for line in lines]


def test_dated_teaser_cards_under_a_text_pages_article_are_dropped() -> None:
    from dechaff.classify import drop_dated_teaser_cards
    from dechaff.features import word_counts

    paragraphs = COUNCIL_ARTICLE
    # "More from the Gazette": headline, author, date, the story's first sentence.
    cards = [
        "Mayor opens the new footbridge", "Ann Lee", "Wednesday November 20, 2019",
        "The footbridge links the two halves of the old town for the first time in forty years.",
        "What will the market hall become?", "Tom Hart", "Wednesday November 20, 2019",
        "Three plans are on the table and the traders have a favourite among them.",
        "Floods close the coast road again", "Ann Lee", "Tuesday November 19, 2019",
        "The road was shut at high tide on Monday night for the third time this month.",
    ]
    # A forum's replies, dated as steadily: a user name above each date.
    replies = [
        "Reefing102", "Mar 6, 2024", "Thanks for the plan, the lanes on the bridge are the ones I need.",
        "Bagabaga", "Mar 6, 2024", "Same here, I ride that way every morning with the kids",
        "griss", "Mar 7, 2024", "Will the loading bays on the high street really stay where they are?",
    ]

    def page_of(lines: list[str]) -> b.Page:
        page = b.text_page("\n".join(lines))
        for blk in page.blocks:
            blk.keep = blk.text not in ("More from the Gazette", "Advertisement")
            blk.score = 0.95 if blk.text in paragraphs else 0.6
        return page

    page = page_of([*paragraphs, "Advertisement", "More from the Gazette", "Advertisement", *cards])
    drop_dated_teaser_cards(page, word_counts(page))
    assert [blk.text for blk in page.blocks if blk.keep] == paragraphs
    # A thread's replies stay, as do two cards, and cards on a page without an
    # article (a listing of the stories).
    for lines in ([*paragraphs, "Advertisement", "Advertisement", "Advertisement", *replies],
                  [*paragraphs, "Advertisement", "Advertisement", "Advertisement", *cards[:8]],
                  [paragraphs[0], "Advertisement", "Advertisement", "Advertisement", *cards]):
        page = page_of(lines)
        drop_dated_teaser_cards(page, word_counts(page))
        assert [blk.keep for blk in page.blocks] == [line != "Advertisement" for line in lines]


def test_teaser_runs_under_a_short_unsure_article_are_dropped() -> None:
    from dechaff.classify import drop_teaser_runs_under_short_article
    from dechaff.features import word_counts

    paragraphs = [("The council approved the new cycle lanes on Tuesday after a debate that "
                   "lasted well into the evening, and work starts in spring."),
                  ("Residents can comment on the plans for the other streets until the end of "
                   "March, at the town hall or on the council's website.")]
    popular = ["Most Popular", "Mayor opens the new footbridge", "Floods close the coast road again",
               "Schools reopen after the storm", "Ten places to eat by the river", "A new bus line for the estates"]

    def page_of(lines: list[str], scores: dict[str, float], kept: set[str]) -> b.Page:
        page = b.text_page("\n".join(lines))
        for blk in page.blocks:
            blk.score = scores.get(blk.text, 0.3)
            blk.keep = blk.text in kept
        return page

    unsure = dict.fromkeys(paragraphs, 0.7)
    teasers_kept = {*paragraphs, popular[1], popular[3]}  # the low cut keeps a headline here and there
    page = page_of([*paragraphs, *popular], unsure, teasers_kept)
    drop_teaser_runs_under_short_article(page, word_counts(page))
    assert [blk.text for blk in page.blocks if blk.keep] == paragraphs
    # Left alone: a list the cut kept nearly whole (the content under an
    # introduction); a run scoring as high as a paragraph; a page whose best
    # block is no paragraph; a page with a confident core (``drop_headline_runs``
    # reads it); a single paragraph.
    for lines, scores, kept in (
            ([*paragraphs, *popular], unsure, {*paragraphs, *popular[1:5]}),
            ([*paragraphs, *popular], {**unsure, popular[2]: 0.7}, teasers_kept),
            (["Cycle lanes approved", *paragraphs, *popular], {**unsure, "Cycle lanes approved": 0.8},
             {"Cycle lanes approved", *teasers_kept}),
            ([*paragraphs, *popular], dict.fromkeys(paragraphs, 0.95), teasers_kept),
            ([paragraphs[0], *popular], unsure, {paragraphs[0], popular[1], popular[3]})):
        page = page_of(lines, scores, kept)
        drop_teaser_runs_under_short_article(page, word_counts(page))
        assert {blk.text for blk in page.blocks if blk.keep} == kept


def test_calls_to_action_closing_an_article_are_dropped() -> None:
    from dechaff.classify import drop_closing_appeals
    from dechaff.features import word_counts

    paragraph = ("The council approved the new cycle lanes on Tuesday after a debate that "
                 "lasted well into the evening, and work starts in spring.")
    long_appeal = ("Residents who want a say can sign up for the consultation at the town hall, where "
                   "the plans for each of the other streets will be on show every weekday until the "
                   "end of March, with the engineers there to answer questions.")
    lines = [paragraph, "Subscribe to our newsletter for the council's news.", paragraph, long_appeal,
             "Share", "Have a tip? Email Jo Smith at jo@town.example", "Folgen Sie uns auf Instagram"]
    page = b.text_page("\n".join(lines))
    for blk in page.blocks:
        blk.keep, blk.score = True, 0.95 if blk.text == paragraph else 0.8
    drop_closing_appeals(page, word_counts(page))
    # Only at the end of the kept text: an appeal between paragraphs, or a long
    # paragraph about signing up, is the article's; a short non-appeal is skipped.
    assert [blk.keep for blk in page.blocks] == [True] * 5 + [False] * 2
    # Without a confident paragraph there is no article to close.
    page = b.text_page("\n".join([paragraph, "Sign up for our newsletter"]))
    for blk in page.blocks:
        blk.keep, blk.score = True, 0.8
    drop_closing_appeals(page, word_counts(page))
    assert all(blk.keep for blk in page.blocks)
    # Sign-off lines go among the last two kept blocks, unless the model is sure
    # of them (and then, as the article's last line, they end the search).
    credit, social = "(Web editor: Meng Bin, Liang Jun)", "Pictures courtesy of Instagram user Jo"
    for lines, scores, kept in (
            ([paragraph, social, credit], [0.95, 0.5, 0.5], [True, False, False]),
            ([paragraph, social, credit], [0.95, 0.5, 0.85], [True, True, True]),
            ([paragraph, credit, "Share"], [0.95, 0.5, 0.85], [True, False, True]),
            ([paragraph, social, "Jo Smith", "Town Hall", credit], [0.95, 0.5, 0.5, 0.5, 0.5],
             [True, True, True, True, False])):
        page = b.text_page("\n".join(lines))
        for blk, score in zip(page.blocks, scores):
            blk.keep, blk.score = True, score
        drop_closing_appeals(page, word_counts(page))
        assert [blk.keep for blk in page.blocks] == kept, lines


def test_a_threads_replies_are_kept_with_its_first_post() -> None:
    from dechaff.classify import keep_whole_threads
    from dechaff.features import word_counts

    first = ("I replaced the thermostat last week and now the boiler fires for a minute, "
             "stops, and starts again. Has anyone seen this before?")
    replies = ("Check the wiring of the new thermostat against the old one first.",
               "Mine did the same until I set the cycle rate in the installer menu.",
               "Short cycling like that is usually the pump overrun, get it looked at.")
    profile = "".join(f"<dl class='user-extras'><dt>Joined</dt><dd>{year}</dd></dl>"
                      for year in ("2009", "2012", "2015", "2018"))
    posts = "".join(f"<div class='message reply'><div class='message-body'><p>{text}</p></div></div>"
                    for text in replies)
    page = b.html_page(
        f"<html><body><div class='message op'><div class='message-body'><p>{first}</p></div></div>"
        f"<div class='message-user'>{profile}</div>{posts}"
        f"<div class='message reply'><div class='message-body'><p><a href='/p/9'>Permalink to this post</a>"
        f"</p></div></div></body></html>")
    # The first post's wrapper differs from the replies': one structure by the
    # end of their signatures only.
    assert page.blocks[0].signature != page.blocks[-2].signature
    assert page.blocks[0].signature.endswith("div.message-body>p.")
    # The model kept the first post and two author lines of four; the replies
    # scored under the cut the first post set.
    for blk in page.blocks:
        blk.keep = blk.text == first
    page.blocks[1].keep = page.blocks[3].keep = True  # two "Joined" lines
    keep_whole_threads(page, word_counts(page))
    kept = [blk.text for blk in page.blocks if blk.keep]
    # The replies join the first post; the author lines (a word or two each) and
    # the link stay as the model left them.
    assert kept == [first, "Joined", "Joined"] + list(replies)
    # Nothing kept of the posts: nothing to follow.
    for blk in page.blocks:
        blk.keep = False
    keep_whole_threads(page, word_counts(page))
    assert not any(blk.keep for blk in page.blocks)


def test_on_a_page_without_a_core_a_grid_of_linked_titles_is_kept_whole() -> None:
    from dechaff.classify import keep_whole_structures
    from dechaff.features import word_counts

    titles = ("Canon RF 7-14mm f/2.8-3.5 L Fisheye STM Lens", "Nikon NIKKOR Z 180-600mm f/5.6-6.3 VR Lens",
              "Sony FE 24-70mm f/2.8 GM II Standard Zoom Lens", "Sigma 35mm f/1.4 DG DN Art Lens for L-Mount",
              "Tamron 28-75mm f/2.8 Di III VXD G2 Lens for Sony E")
    cards = "".join(f"<li class='card'><h2><a href='/p/{i}'>{title}</a></h2></li>"
                    for i, title in enumerate(titles))
    topics = "".join(f"<li><a href='/c/{n}'>{n}</a></li>" for n in ("Lenses", "Zoom lenses", "Primes",
                                                                     "Filters", "Bags"))
    page = b.html_page(f"<html><body><ul class='grid'>{cards}</ul><ul>{topics}</ul></body></html>")
    assert all(blk.context & b.IN_LINK for blk in page.blocks)
    # The model kept one linked title of five and one topic link of five, none of them sure.
    for blk in page.blocks:
        blk.keep = blk.text in (titles[1], "Primes")
        blk.score = 0.4 if blk.keep else 0.2
    keep_whole_structures(page, word_counts(page))
    # The titles are a grid's; the topics, a word or two each, a list of links.
    assert [blk.text for blk in page.blocks if blk.keep] == [*titles, "Primes"]


def kept_by_markup_rules(page: b.Page, score: float) -> list[str]:
    """The texts of ``page`` that ``classify.follow_markup`` keeps when the model
    kept every block with ``score``."""
    from dechaff.classify import follow_markup
    from dechaff.features import word_counts

    for blk in page.blocks:
        blk.keep, blk.score = True, score
    follow_markup(page, word_counts(page))
    return [blk.text for blk in page.blocks if blk.keep]


def test_a_posts_metadata_is_dropped() -> None:
    post = ("The kernel in the last update broke suspend on my laptop. "
            "Rolling back to the previous one fixed it for now.")
    page = b.html_page(
        "<html><body><div class='post'><dl class='postprofile'><dt>alice</dt>"
        "<dd>Posts: 471<br>Threads: 19<br>Joined: Jul 2008<br>Reputation: 66</dd></dl>"
        f"<div class='postbody'><p>{post}</p><p>Last edited by alice (2024-08-03 15:49:34)</p>"
        "<p>Posts: how many there should be in a thread is a question for the moderators, and "
        "we have discussed it at length before.</p></div></div></body></html>")
    # The author's statistics and the edit note go; a post that starts like a statistic stays.
    assert kept_by_markup_rules(page, 0.9) == ["alice", post, page.blocks[-1].text]


def test_the_short_lines_every_post_repeats_are_dropped() -> None:
    from dechaff.classify import drop_post_chrome
    from dechaff.features import word_counts

    posts = ("The pump hums at night since the last service and the noise carries upstairs.",
             "Bleed the radiators first, air in the circuit makes exactly that sound.",
             "Ours did the same until the engineer lowered the pump speed setting.")
    boxes = (("Native Language", "Spanish"), ("Native Language", "German"), ("Native Language", "Dutch"))

    def post(text: str, box: tuple[str, str], extra: str = "") -> str:
        return (f"<div class='message'><dl class='user-extras'><dt>{box[0]}</dt><dd>{box[1]}</dd></dl>"
                f"<div class='message-body'><p>{text}</p>{extra}</div>"
                "<div class='message-votes'><span>12</span></div></div>")

    def kept(html: str) -> list[str]:
        page = b.html_page(f"<html><body>{html}</body></html>")
        for blk in page.blocks:
            blk.keep = True
        drop_post_chrome(page, word_counts(page))
        return [blk.text for blk in page.blocks if blk.keep]

    thread = "".join(post(text, box) for text, box in zip(posts, boxes))
    # Each post's author box and vote count go, label and value alike; the posts stay.
    assert kept(thread) == list(posts)
    # Two posts are no thread: the same lines stay.
    assert len(kept("".join(post(text, box) for text, box in zip(posts[:2], boxes)))) == 8
    # A post's quoted "X said:" and its headings are its text, and a structure
    # with a line over five words is no chrome.
    quoted = "".join(post(text, box, "<blockquote><div>maria said:</div></blockquote><h3>Update</h3>")
                     for text, box in zip(posts, boxes))
    assert kept(quoted).count("maria said:") == kept(quoted).count("Update") == 3
    varied = (thread + post(posts[0], boxes[0])).replace(
        "<span>12</span>", "<span>12 people found this useful today</span>", 1)
    assert kept(varied).count("12") == 3
    # Short lines in one place, not one set to a post: the rows of one table
    # in a post, and lines in containers without a paragraph, stay.
    rows = "".join(f"<tr><td>{day}</td><td>{temp}</td></tr>" for day, temp in
                   (("Monday", "21"), ("Tuesday", "19"), ("Wednesday", "23")))
    table = f"<div class='message'><div class='message-body'><p>{posts[0]}</p><table>{rows}</table></div></div>"
    assert kept(table) == [posts[0], "Monday 21", "Tuesday 19", "Wednesday 23"]
    cards = "".join(f"<div class='message'><p>{name}</p><span>Joined 2019</span></div>"
                    for name in ("ana", "ben", "cy"))
    assert len(kept(cards)) == 6
    # An article's marked body or a review box is no thread's chrome.
    review = thread.replace("class='message'", "class='message review'")
    assert len(kept(review)) == 12
    assert len(kept(f"<div class='entry-content'>{thread}</div>")) == 12


def test_the_comments_that_are_a_discussion_pages_thread_are_kept_whole() -> None:
    from dechaff.classify import keep_whole_threads
    from dechaff.features import word_counts

    comments = ("The new borrow checker rules finally make this pattern compile without clones.",
                "I tried the nightly build on our codebase and two of our crates broke.",
                "Which crates? The release notes list a few known regressions with workarounds.",
                "Mostly macros that generate impl blocks, the workaround in the notes fixed one.")
    thread = "".join(f"<div class='comment'><div class='comment_text'><p>{text}</p></div></div>"
                     for text in comments)
    page = b.html_page(f"<html><body><h1><a href='/s/1'>Rust 2024 goals</a></h1>{thread}</body></html>")
    assert all(blk.context & b.COMMENT_CLASS for blk in page.blocks[1:])
    # The model kept two comments of four (a link's page has no text of its own).
    for blk in page.blocks:
        blk.keep = blk.text in comments[:2]
    keep_whole_threads(page, word_counts(page))
    assert [blk.text for blk in page.blocks if blk.keep] == list(comments)


def test_a_forms_hidden_panels_the_model_is_unsure_of_are_dropped() -> None:
    from dechaff.classify import follow_markup
    from dechaff.features import word_counts

    offer = "Members get an estimated $9.99 back on this item as part of the annual dividend."
    steps = "The first thing you should do is contact the seller directly about the problem."
    page = b.html_page(
        "<html><body><p>A waterproof daypack of 25 litres with a padded hip belt.</p>"
        f"<form><p>{offer}</p><div style='display: none'><p>{steps}</p>"
        "<p>Sizes: S, M, L</p></div></form></body></html>")
    intro, shown, hidden, sizes = page.blocks
    assert hidden.context & b.HIDDEN and hidden.context & b.IN_FORM and not shown.context & b.HIDDEN
    for blk, score in zip(page.blocks, (0.95, 0.5, 0.5, 0.8)):
        blk.keep, blk.score = True, score
    follow_markup(page, word_counts(page))
    # The hidden step goes; what the form shows, and a hidden line the model is sure of, stay.
    assert [blk.text for blk in page.blocks if blk.keep] == [intro.text, offer, sizes.text]


def test_button_labels_are_dropped() -> None:
    blurb = "A solar generator that charges from the sun in five hours and runs a fridge for a day."
    page = b.html_page(
        f"<html><body><div class='card'><p>{blurb}</p><p><a href='/g'>Learn more ›</a></p>"
        "<p>Add to cart</p><p>Learn more about how our panels are recycled at the end of their life.</p>"
        "</div></body></html>")
    # The buttons go; a sentence that starts like one stays.
    assert kept_by_markup_rules(page, 0.7) == [blurb, page.blocks[-1].text]


def test_button_labels_are_dropped_from_page_text() -> None:
    from dechaff.classify import drop_button_labels

    page = b.text_page("The quote in the first post says the pump fails after a week.\n"
                       "Click to expand...\nContinue reading →\nRead the full story\n"
                       "Continue reading the thread before you reply, please.\nReply to the mayor\n")
    assert _kept_after(drop_button_labels, page) == [
        "The quote in the first post says the pump fails after a week.",
        "Continue reading the thread before you reply, please.", "Reply to the mayor"]
    # In other languages too, and the words of chrome only as lines of their own.
    page = b.text_page("Il consiglio comunale ha approvato il nuovo piano per le piste ciclabili.\n"
                       "Continua a leggere\nSaiba mais »\nLees verder\nSchließen\nAntworten\n"
                       "Antworten auf die häufigsten Fragen finden Sie unten.\n")
    assert _kept_after(drop_button_labels, page) == [
        "Il consiglio comunale ha approvato il nuovo piano per le piste ciclabili.",
        "Antworten auf die häufigsten Fragen finden Sie unten."]


def test_on_a_page_of_code_the_code_blocks_the_model_dropped_are_kept() -> None:
    from dechaff.classify import keep_code_blocks

    def code_page(snippets_kept: int) -> b.Page:
        page = b.html_page(
            "<html><body><main><p>Install the package, then import it.</p><pre>pip install tool</pre>"
            "<pre>import tool</pre><div hidden><pre>npm install tool</pre></div>"
            "<pre>for recipe in tool.recipes():\n    print(recipe)</pre></main>"
            "<nav><pre>tool help</pre></nav><aside><pre>$ tool --version</pre></aside>"
            "<footer><pre>curl tool.sh | sh</pre></footer><form><pre>tool login</pre></form></body></html>")
        prose, install, imports, hidden, listing, nav, aside, footer, form = page.blocks
        assert hidden.context & b.HIDDEN and nav.context & b.IN_NAV and aside.context & b.IN_ASIDE
        assert footer.context & b.IN_FOOTER and form.context & b.IN_FORM
        for blk in (prose, install, imports)[:1 + snippets_kept]:
            blk.keep = True
        keep_code_blocks(page)
        return page

    # Two kept snippets make it a page of code: its other code blocks are kept,
    # the hidden tab of another language too, but not those in its menu,
    # sidebar, footer or form.
    page = code_page(2)
    assert [blk.text for blk in page.blocks if blk.keep] == [
        "Install the package, then import it.", "pip install tool", "import tool", "npm install tool",
        "for recipe in tool.recipes():\n    print(recipe)"]
    # One kept snippet does not.
    page = code_page(1)
    assert [blk.text for blk in page.blocks if blk.keep] == ["Install the package, then import it.",
                                                            "pip install tool"]


def test_what_a_shop_sets_below_a_product_description_is_dropped() -> None:
    from dechaff.classify import cut_below_product_description
    from dechaff.features import word_counts

    description = [
        ("This waxed canvas backpack is cut from a heavy cotton duck that the mill in Scotland treats with "
         "a paraffin blend, so that rain beads on its surface and the fabric darkens and softens with every "
         "season of use, like a favourite jacket that you have worn on every trip for ten years."),
        ("The main compartment opens along a full zip and holds a fifteen inch laptop in a padded sleeve, "
         "with two mesh pockets for cables and chargers and a key clip on a short leather strap near the "
         "top, where it is easy to find in a hurry at the door of a train or a bus."),
        ("Straps of vegetable tanned leather are stitched through a reinforced panel at the back, and the "
         "base is doubled with a second layer of canvas, so the bag stands upright on a station floor "
         "without sagging and wears well under the heavy loads of a long working week."),
        ("Every bag is cut and sewn by hand in our workshop by a small team of makers, and we repair any "
         "seam that gives way for as long as you own it, because a well made bag should outlast the "
         "laptop it carries by many years."),
    ]
    tail = [
        "Customer Reviews",
        ("I bought this for my daily commute and it has held up beautifully through a wet winter, though "
         "the straps took a few weeks to soften and I wish it came in a larger size."),
        "Shipping & Returns",
        ("Orders placed before noon ship the same day. Returns are free within thirty days of delivery, "
         "provided the item is unused and in its original packaging."),
    ]
    head = ["Home", "Bags", "Waxed Canvas Backpack", "$189.00"]
    # What the model dropped between the description and the shop's sections.
    between = ["Size guide", "Care instructions", "Free delivery over $100"]

    def page_of(lines: list[str]) -> b.Page:
        page = b.text_page("\n".join(lines))
        for blk in page.blocks:
            blk.score = 0.95 if blk.text in description else 0.75
            blk.keep = blk.text in description or blk.text in tail or blk.text == "Waxed Canvas Backpack"
        return page

    page = page_of([*head, "Add to cart", *description, *between, *tail, "© 2026 Canvas & Co."])
    cut_below_product_description(page, word_counts(page))
    assert [blk.text for blk in page.blocks if blk.keep] == ["Waxed Canvas Backpack", *description]
    # Left alone: a page without the button (an article over its readers'
    # comments, a guide to backpacks), and a product page whose description
    # reads as no article (four lines of specifications).
    page = page_of([*head, *description, *between, *tail])
    cut_below_product_description(page, word_counts(page))
    assert [blk.text for blk in page.blocks if blk.keep] == ["Waxed Canvas Backpack", *description, *tail]
    page = page_of([*head, "ADD TO BAG", "Capacity: 22 l", "Weight: 1.2 kg", *between, *tail])
    cut_below_product_description(page, word_counts(page))
    assert [blk.text for blk in page.blocks if blk.keep] == ["Waxed Canvas Backpack", *tail]


def test_a_shops_customer_reviews_end_its_product_page() -> None:
    from dechaff.classify import cut_at_customer_reviews
    from dechaff.features import word_counts

    lines = ["Home", "Bags", "Waxed Canvas Backpack", "$189.00", "Add to basket",
             ("A waxed canvas backpack with a padded laptop sleeve, two mesh pockets for cables and "
              "straps of vegetable tanned leather, cut and sewn by hand in our workshop."),
             "Customer Reviews (12)", "Based on 12 reviews",
             "Sturdy and quiet, I take it to work every day and it still looks new.",
             "You may also like", "Canvas Tote Bag", "$79.00", "© 2026 Canvas & Co."]

    def page_of(lines: list[str]) -> b.Page:
        page = b.text_page("\n".join(lines))
        for blk in page.blocks:
            blk.keep = True
        return page

    page = page_of(lines)
    cut_at_customer_reviews(page, word_counts(page))
    assert [blk.text for blk in page.blocks if blk.keep] == lines[:6]
    # Left alone: a page without the button (a review site, a forum), a heading
    # above the button, and a count of reviews under a card of a shop's grid.
    for other in ([line for line in lines if line != "Add to basket"],
                  ["Customer Reviews (12)", *lines[:6]],
                  [*lines[:6], "Canvas Tote Bag", "$79.00", "1411 Reviews", "Be the first to review this product"]):
        page = page_of(other)
        cut_at_customer_reviews(page, word_counts(page))
        assert all(blk.keep for blk in page.blocks), other
    # A page that keeps too little above the heading is all reviews, and keeps them.
    page = page_of(["Add to basket", *lines[6:]])
    cut_at_customer_reviews(page, word_counts(page))
    assert all(blk.keep for blk in page.blocks)
    # On an HTML page, the shop's questions and answers under its review widget go too.
    html = b.html_page(
        "<h1>Waxed Canvas Backpack</h1><p>$189.00</p><div class='add-to-cart'><a href='/cart/add'>Add to cart</a></div>"
        f"<p>{lines[5]}</p><div class='widget'><h2>Customer Reviews</h2><p>Sturdy and quiet, I take it "
        "to work every day.</p></div><h2>Questions</h2><p>Does it fit a 16 inch laptop? Yes, just.</p>")
    for blk in html.blocks:
        blk.keep = True
    cut_at_customer_reviews(html, word_counts(html))
    assert [blk.text for blk in html.blocks if blk.keep] == ["Waxed Canvas Backpack", "$189.00", "Add to cart", lines[5]]


def test_markdown_writes_headings_lists_code_and_quotations() -> None:
    from dechaff.assemble import body_markdown

    page = b.html_page(
        "<h2>Install</h2><p>1. Not a list, a sentence that starts with a number.</p>"
        "<ul><li>Go</li><li>Git</li></ul><pre>x = 1\n```\ny = 2</pre>"
        "<blockquote><p>Quoted line</p></blockquote><p># not a heading</p><p>- 5 degrees at night</p>"
        "<table><tr><td>Weight</td><td>2 kg</td></tr></table>")
    for blk in page.blocks:
        blk.keep = True
    assert body_markdown(page.blocks) == (
        "## Install\n\n1\\. Not a list, a sentence that starts with a number.\n\n- Go\n- Git\n\n"
        "````\nx = 1\n```\ny = 2\n````\n\n> Quoted line\n\n\\# not a heading\n\n\\- 5 degrees at night\n\n"
        "Weight 2 kg")
    # A text page has no markup: its bulleted lines are the list items.
    text = b.text_page("Intro line\n* First\n\u2022 Second\n2. Numbered\nEnd\n")
    for blk in text.blocks:
        blk.keep = True
    assert body_markdown(text.blocks) == "Intro line\n\n- First\n- Second\n2. Numbered\n\nEnd"


def test_signed_reader_comments_under_a_text_article_are_cut() -> None:
    from dechaff.classify import cut_signed_comments
    from dechaff.features import word_counts

    article = ["The council approved the new cycle lanes on Tuesday after a long debate.",
               "Work on the first two streets starts in spring and should end by the autumn.",
               "Residents can comment on the plans for the other streets until the end of March."]

    def kept_after(signatures: list[str]) -> list[bool]:
        lines = article + [line for signature in signatures
                           for line in (signature, "Finally, great news for the town, and about time too.")]
        page = b.text_page("\n".join(lines))
        for blk in page.blocks:
            blk.keep, blk.score = True, 0.95 if blk.text in article else 0.7
        cut_signed_comments(page, word_counts(page))
        return [blk.keep for blk in page.blocks]

    for signatures in (["Kathy Owen says:", "Cindy says", "Sharon says"],
                       ["Milan Griffes on September 12, 2018 at 4:47 pm said:",
                        "Catherine (GiveWell) on September 19, 2018 at 12:48 pm said:",
                        "Gary M on September 17, 2018 at 8:50 pm said:"],
                       ["Kathy Owen says:\nMarch 3, 2024 at 9:12 am", "Cindy says:\nMarch 4, 2024 at 7:02 pm"]):
        lines = [line for signature in signatures for line in signature.split("\n")]
        assert kept_after(signatures) == [True] * 3 + [False] * (len(lines) + len(signatures)), signatures
    # A forum's replies quote the posts they answer with a bare "said:", dated or
    # not: its content; Slashdot signs a story's comments and a thread's posts alike.
    assert all(kept_after(["bud16415 said:", "paulb203 said:", "Corolla-2008 said:"]))
    assert all(kept_after(["by Fons_de_spons ( 1311177 ) writes:", "by reader ( 42 ) writes:",
                           "by other ( 7 ) writes:"]))
    # An article's subheadings and quoted speakers, two of them undated; headlines
    # of news teasers ("..., police says").
    assert all(kept_after(["What the research says", "What the doctors says"]))
    assert all(kept_after(["Bridge to reopen in May, council says", "Lanes are safer, study says",
                           "Cyclists welcome the plan, mayor says"]))
