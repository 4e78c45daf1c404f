"""The public API on real and hand-made pages."""

from __future__ import annotations

from html import escape

import pytest

import dechaff
from dechaff.metrics import word_prf

from cases import FIXTURES, all_cases

SEED = FIXTURES / "seed"


def _lines(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.strip().splitlines()]


def test_seed_page_body_and_title() -> None:
    result = dechaff.extract_result((SEED / "input.txt").read_text("utf-8"))
    assert result.kind == "text"
    assert _lines(result.text) == _lines((SEED / "expected.txt").read_text("utf-8"))
    assert result.title == "Putin says ready to strengthen Russia-China cooperation"


def test_extract_returns_result_text() -> None:
    page = (SEED / "input.txt").read_bytes()
    assert dechaff.extract(page) == dechaff.extract_result(page).text


def test_html_page_keeps_article_drops_navigation() -> None:
    article = " ".join(["The committee met on Tuesday and agreed that the new bridge will be built"
                        " before the end of the decade, despite the objections of residents."] * 3)
    html = f"""<html><head><title>Bridge approved | Town News</title></head><body>
      <nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
      <li><a href="/sport">Sport</a></li><li><a href="/contact">Contact</a></li></ul></nav>
      <article><h1>Bridge approved</h1><p>{article}</p><p>{article}</p></article>
      <footer><p>Copyright 2024 Town News. All rights reserved.</p></footer></body></html>"""
    result = dechaff.extract_result(html)
    assert result.kind == "html"
    assert result.title == "Bridge approved"
    assert "committee met on Tuesday" in result.text
    assert "Contact" not in result.text and "Copyright" not in result.text
    assert "Bridge approved" not in result.text


def test_blocks_carry_decisions_and_scores() -> None:
    result = dechaff.extract_result((SEED / "input.txt").read_text("utf-8"))
    kept = [b for b in result.blocks if b.keep]
    dropped = [b for b in result.blocks if not b.keep]
    assert kept and dropped
    assert all(0.0 <= b.score <= 1.0 for b in result.blocks)
    assert min(b.score for b in kept) > max(b.score for b in dropped if "Related" in b.text)
    assert 0.5 < result.confidence <= 1.0


def test_kind_override_reads_html_as_text() -> None:
    html = "<p>Some <b>bold</b> words in a paragraph that is long enough to be a sentence.</p>"
    assert dechaff.extract_result(html).kind == "html"
    assert dechaff.extract_result(html, kind="text").kind == "text"


@pytest.mark.parametrize("bad", [None, 3, 2.5, ["<p>x</p>"], object()])
def test_wrong_type_raises_type_error(bad: object) -> None:
    with pytest.raises(TypeError, match="str .* or bytes"):
        dechaff.extract(bad)  # type: ignore[arg-type]


def test_bad_arguments_raise_value_error() -> None:
    with pytest.raises(ValueError, match="kind"):
        dechaff.extract("x", kind="pdf")
    with pytest.raises(ValueError, match="output_format"):
        dechaff.extract("x", output_format="docx")
    with pytest.raises(ValueError, match="threshold"):
        dechaff.Settings(threshold=2.0)


@pytest.mark.parametrize("page", ["", b"", "   \n\n ", b"\x00\x01\x02", "<html></html>", "<<<>>>"])
def test_empty_and_junk_pages_give_empty_text(page: str | bytes) -> None:
    result = dechaff.extract_result(page)
    assert isinstance(result.text, str)
    assert result.confidence == 0.0 or result.text


def test_threshold_trades_precision_for_recall() -> None:
    case = next(c for c in all_cases() if c.style == "html" and c.page_type == "article")
    loose = dechaff.extract(case.page(), settings=dechaff.Settings(threshold=0.1))
    strict = dechaff.extract(case.page(), settings=dechaff.Settings(threshold=0.9))
    assert word_prf(loose, case.gold()).recall >= word_prf(strict, case.gold()).recall
    assert len(loose) > len(strict)


def test_input_longer_than_limit_is_truncated_and_flagged() -> None:
    page = (SEED / "input.txt").read_text("utf-8")
    cut = page.index("Putin hailed")
    result = dechaff.extract_result(page, settings=dechaff.Settings(max_input_chars=cut))
    assert result.truncated
    # The article's paragraphs before the cut, and nothing else: which of the
    # three the model is sure of, on a page that stops mid-article, may vary.
    kept = [line for line in _lines(result.text) if line]
    body = _lines((SEED / "expected.txt").read_text("utf-8"))
    before_cut = " ".join(page[:cut].split())
    assert kept and all(line in body and line in before_cut for line in kept)
    assert not dechaff.extract_result(page).truncated


def test_include_comments_keeps_reader_comments() -> None:
    prose = ("The council approved the budget after a long debate about the cost of the new "
             "library, which residents have wanted for many years. ") * 4
    comment = "I think this is a great decision and I hope the library opens soon for everyone."
    html = (f"<html><body><article><h1>Budget approved</h1><p>{prose}</p><p>{prose}</p></article>"
            f"<section id='comments'><h3>3 comments</h3>"
            f"<div class='comment-body'><p>{comment}</p><a href='#'>Reply</a></div>"
            f"<div class='comment-body'><p>Another reader agrees, it took far too long to get "
            f"this far but it is good news at last.</p></div></section></body></html>")
    default = dechaff.extract(html)
    with_comments = dechaff.extract(html, settings=dechaff.Settings(include_comments=True))
    assert "council approved" in default and "council approved" in with_comments
    assert comment not in default
    assert comment in with_comments and "Another reader agrees" in with_comments
    assert "Reply" not in with_comments


@pytest.mark.parametrize("kwargs", [{"max_input_chars": 1e6}, {"max_input_chars": True},
                                    {"threshold": "0.5"}, {"threshold": True}, {"include_comments": "yes"}])
def test_settings_of_the_wrong_type_raise_type_error(kwargs: dict) -> None:
    with pytest.raises(TypeError):
        dechaff.Settings(**kwargs)


def test_a_threshold_the_user_sets_is_taken_as_it_is() -> None:
    # By default a page where no block looks like content comes out empty; a
    # threshold of 0 keeps every block, on that page too.
    menu = ("<html><body><nav><a href=/>Home</a> <a href=/n>News</a> <a href=/s>Sport</a></nav>"
            "<footer><a href=/c>Contact</a></footer></body></html>")
    assert dechaff.extract(menu) == ""
    assert dechaff.extract(menu, settings=dechaff.Settings(threshold=0.0)) == "Home News Sport\n\nContact"


def rendered(markdown: str) -> str:
    """The text a Markdown reader shows (CommonMark, as markdown-it parses it),
    an ordered list item's number with it."""
    from markdown_it import MarkdownIt

    shown = []
    for token in MarkdownIt("commonmark").parse(markdown):
        if token.type == "list_item_open" and token.info:
            shown.append(token.info)
        elif token.type in ("fence", "code_block", "html_block"):
            shown.append(token.content)
        for child in token.children or ():
            if child.type in ("text", "code_inline", "html_inline"):
                shown.append(child.content)
    return " ".join(shown)


def test_markdown_renders_to_the_words_of_the_text_on_every_fixture() -> None:
    # Markdown only adds markup, and escapes what would read as markup: once
    # rendered, the same words in the same order ("__init__", "<package>",
    # "2*3*4" and "&copy;" of the pages stay as they are).
    from dechaff.metrics import tokens

    structured = 0
    for case in all_cases():
        result = dechaff.extract_result(case.page(), kind=case.kind)
        markdown = dechaff.extract(case.page(), kind=case.kind, output_format="markdown")
        assert tokens(rendered(markdown)) == tokens(result.text), case.name
        if any(blk.keep and blk.tag in ("h2", "h3", "li", "pre") for blk in result.blocks):
            assert markdown != result.text, case.name
            structured += 1
    assert structured >= 5


def test_markdown_escapes_what_would_read_as_markdown() -> None:
    from dechaff.metrics import tokens

    text = ("Call __init__ on snake_case names, 2*3*4, then <package> and &copy; in C:\\*.txt, "
            "[a](b) and `tick`.")
    html = f"<h2>Learn C #</h2><p>{escape(text)}</p><ul><li>* not emphasis *</li></ul>"
    markdown = dechaff.extract(html, kind="html", output_format="markdown", settings=dechaff.Settings(threshold=0.0))
    assert tokens(rendered(markdown)) == tokens(dechaff.extract(html, kind="html", settings=dechaff.Settings(threshold=0.0)))
    assert "snake_case" in markdown  # inside a word "_" emphasises nothing: left alone
    assert markdown.startswith("## Learn C \\#")


def test_explain_names_why_each_block_is_kept_or_dropped_and_changes_nothing() -> None:
    from dechaff import assemble, classify

    rules = {name for module in (classify, assemble) for name in dir(module)
             if name.startswith(("drop_", "cut_", "keep_"))} | {"find_title"}
    reasons_seen: set[str] = set()
    for case in all_cases():
        plain = dechaff.extract_result(case.page(), kind=case.kind)
        explained = dechaff.extract_result(case.page(), kind=case.kind, settings=dechaff.Settings(explain=True))
        assert explained.text == plain.text and explained.title == plain.title, case.name
        assert [b.keep for b in explained.blocks] == [b.keep for b in plain.blocks], case.name
        assert not any(b.reason for b in plain.blocks)
        for block in explained.blocks:
            assert block.reason in rules | {classify.MODEL, classify.NO_CONTENT}, block.reason
            reasons_seen.add(block.reason)
    # The model decides most blocks; rules and the headline the rest, on some page.
    assert classify.MODEL in reasons_seen and "find_title" in reasons_seen
    assert len(reasons_seen & rules) >= 3
    # A cut the user sets decides every block.
    case = all_cases()[0]
    result = dechaff.extract_result(case.page(), settings=dechaff.Settings(threshold=0.5, explain=True))
    assert {b.reason for b in result.blocks} <= {classify.THRESHOLD, "find_title", "drop_repeated_blocks"}
    assert all(b.keep == (b.score >= 0.5) for b in result.blocks if b.reason == classify.THRESHOLD)


SELECTOR_PAGE = (
    "<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
    "<main><article class='post'><h1>Bridge closes for repairs</h1>"
    + "".join(f"<p>The council voted on Monday to close the old bridge for repairs {i}, "
              "and drivers will be sent along the ring road for six weeks.</p>" for i in range(4))
    + "<div id='promo'><p>Our newsletter brings the week's council decisions to your inbox, "
      "with the votes of every member and what they mean for you.</p></div>"
      "</article></main><aside class='bio'><p>The reporter has covered the city council for "
      "ten years, and before that the courts and the harbour.</p></aside></body></html>")


def test_exclude_leaves_out_what_it_selects() -> None:
    everything = dechaff.extract(SELECTOR_PAGE, settings=dechaff.Settings(threshold=0.0))
    assert "newsletter" in everything and "reporter" in everything
    for selector in ("#promo", "//div[@id='promo']"):
        text = dechaff.extract(SELECTOR_PAGE, settings=dechaff.Settings(threshold=0.0, exclude=selector))
        assert "newsletter" not in text and "reporter" in text and "bridge for repairs 3" in text


def test_include_reads_only_what_it_selects_or_the_whole_page_if_nothing_matches() -> None:
    for selectors in (["aside.bio"], ("//aside",), ["aside", "aside.bio"]):
        result = dechaff.extract_result(SELECTOR_PAGE, settings=dechaff.Settings(include=selectors))
        assert [b.text for b in result.blocks] == [
            "The reporter has covered the city council for ten years, and before that the courts and the harbour."]
    inside = dechaff.extract_result(SELECTOR_PAGE, settings=dechaff.Settings(include="article", exclude="#promo"))
    assert all("bridge" in b.text.lower() for b in inside.blocks) and len(inside.blocks) == 5
    plain = dechaff.extract_result(SELECTOR_PAGE)
    missing = dechaff.extract_result(SELECTOR_PAGE, settings=dechaff.Settings(include=".no-such-class"))
    assert [b.text for b in missing.blocks] == [b.text for b in plain.blocks]
    assert missing.text == plain.text
    # Characters lxml reads but will not write back, after a selected element.
    odd = "<p>The <b class='k'>bridge</b>\x0bcloses today for repairs, the council said.</p>"
    assert dechaff.extract(odd, settings=dechaff.Settings(include=".k", threshold=0.0)) == "bridge"
    # Structured data is the whole page's: with selectors it does not stand in for the text.
    ld = ('<script type="application/ld+json">{"@type": "NewsArticle", "articleBody": "'
          + "The structured body of the story, long enough to stand in for a thin page. " * 20 + '"}</script>')
    thin = SELECTOR_PAGE.replace("<body>", "<body>" + ld)
    result = dechaff.extract_result(thin, settings=dechaff.Settings(include="aside.bio"))
    assert result.source == "blocks" and "structured body" not in result.text
    # A text page has no elements: the selectors change nothing.
    seed = (FIXTURES / "seed" / "input.txt").read_text("utf-8")
    assert dechaff.extract(seed, settings=dechaff.Settings(include="article", exclude="p")) == dechaff.extract(seed)


def test_bad_selectors_are_refused_when_set() -> None:
    with pytest.raises(ValueError, match="CSS selector"):
        dechaff.Settings(include="article[")
    for bad in ("//div[", "//a[foo()]", "//svg:path", "//a[$v]", "count(//p)", "(1)"):
        with pytest.raises(ValueError):
            dechaff.Settings(exclude=bad)
    assert dechaff.Settings(include=" //main ", exclude="descendant::form").exclude == ("descendant::form",)
    with pytest.raises(TypeError, match="exclude"):
        dechaff.Settings(exclude=[3])  # type: ignore[list-item]
    assert dechaff.Settings(include="main").include == ("main",)


def test_explain_names_the_rule_that_changed_a_decision() -> None:
    from dechaff import blocks
    from dechaff.classify import MODEL, explaining, follow_rules, give_reason
    from dechaff.features import word_counts

    prose = "The council voted on Monday to close the old bridge for repairs next spring, the mayor said."
    page = blocks.text_page(f"{prose}\nAdvertisement\n{prose.replace('bridge', 'harbour')}\nRead more\n")
    for blk in page.blocks:  # as if the model had kept them all
        blk.keep, blk.score = True, 0.6
    give_reason(page.blocks, MODEL)
    follow_rules(page, word_counts(page), run=explaining(page))
    assert [(blk.keep, blk.reason) for blk in page.blocks] == [
        (True, MODEL), (False, "drop_ad_labels"), (True, MODEL), (False, "drop_button_labels")]
