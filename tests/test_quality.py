"""Quality gate: mean word F1 over the real pages in tests/fixtures/cases, of
their main content and of their titles.

The floors sit just under what the code reaches; raise them when the extractor
improves, never lower them to make a change pass.
"""

from __future__ import annotations

from statistics import mean

import pytest

import dechaff
from dechaff.metrics import word_prf

from cases import all_cases

#: Floors of mean word F1, per input kind.
FLOORS = {"html": 0.79, "text": 0.87}


def _scores(kind: str) -> dict[str, float]:
    return {
        case.name: word_prf(dechaff.extract(case.page(), kind=case.kind), case.gold()).f1
        for case in all_cases() if case.kind == kind
    }


@pytest.mark.parametrize("kind", sorted(FLOORS))
def test_mean_word_f1_stays_above_floor(kind: str) -> None:
    scores = _scores(kind)
    assert len(scores) >= 15
    worst = sorted(scores.items(), key=lambda item: item[1])[:5]
    report = ", ".join(f"{name}={f1:.2f}" for name, f1 in worst)
    assert mean(scores.values()) >= FLOORS[kind], f"mean {mean(scores.values()):.3f}; worst: {report}"


#: Floors of mean title word F1 over the cases with a gold title, per group of
#: input styles: HTML has its <title>, <h1>s and og:title to choose from; a WET
#: record opens with the page's <title>; the other dumps have no title line, and
#: their headline must be found among the lines.  The fixture pages are among
#: the pages the title forests are fitted on: the floors catch regressions; what
#: to expect on new sites is the cross-validated figure bench/train.py prints.
#: With 22 WET cases a refit moves their mean by a few pages: when the text
#: forests learnt from pages in made-up languages, 5 of them changed headline
#: and the mean fell from 0.861 to 0.803, while over all 1,497 WCXB WET pages
#: title F1 rose from 0.822 to 0.824 (cross-validated 0.811 to 0.812).  The
#: floors sit just under what the shipped model reaches; the rule the forest
#: replaced scored about 0.60 (WET) and 0.25 (the others).  (The next refit moved
#: the 44 naive and browser cases from 0.586 to 0.559, while all WCXB pages went
#: 0.503 -> 0.512 and 0.646 -> 0.646, cross-validated 0.478 -> 0.492 and 0.619 -> 0.625.)
TITLE_FLOORS = {("html",): 0.87, ("wet",): 0.79, ("naive", "browser"): 0.55}


@pytest.mark.parametrize("styles", sorted(TITLE_FLOORS))
def test_mean_title_word_f1_stays_above_floor(styles: tuple[str, ...]) -> None:
    scores = {}
    for case in all_cases():
        gold = case.title()
        if case.style in styles and gold:
            result = dechaff.extract_result(case.page(), kind=case.kind)
            scores[case.name] = (word_prf(result.title, gold).f1, result.title, gold)
    assert len(scores) >= 12
    misses = [f"{name}: {title!r} for {gold!r}" for name, (f1, title, gold) in scores.items() if f1 < 0.5]
    average = mean(f1 for f1, _, _ in scores.values())
    assert average >= TITLE_FLOORS[styles], f"mean {average:.3f}; missed: " + "; ".join(misses[:5])


def test_cases_cover_every_page_type_and_style() -> None:
    cases = all_cases()
    assert len(cases) >= 40
    assert {c.style for c in cases} == {"html", "wet", "naive", "browser"}
    assert {c.page_type for c in cases if c.style == "html"} >= {
        "article", "forum", "product", "collection", "listing", "documentation", "service"}


#: The Japanese pages of the cases (``bench/make_fixtures.py``'s ``UNSPACED``).
UNSPACED_CASES = ("scrapinghub-f105de6e63ca-wet", "scrapinghub-85439e26c41c-browser")


@pytest.mark.parametrize("name", UNSPACED_CASES)
def test_related_box_under_japanese_article_goes(name: str) -> None:
    # Japanese is written without spaces: a paragraph is one or two
    # whitespace-separated "words", and counted so, no paragraph was long enough
    # for the rules after the model, which left the "関連記事" (related articles)
    # box and the sidebar under the article (word F1 0.68 and 0.79).
    case = next(case for case in all_cases() if case.name == name)
    body = dechaff.extract(case.page(), kind=case.kind)
    lines = case.page().decode("utf-8").splitlines()
    box = lines.index("関連記事")
    teasers = [line for line in lines[box + 1: box + 8] if line not in case.gold()]
    assert teasers and not any(teaser in body for teaser in teasers), teasers
    assert word_prf(body, case.gold()).f1 >= 0.85


#: Latin letters to Greek ones, case kept: text in a script that none of the
#: shipped function-word lists is written in.
_GREEK_LETTERS = str.maketrans("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
                               "αβγδεζηθικλμνξοπρστυφχψωάέΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩΆΈ")


def _in_greek_letters(html: bytes) -> bytes:
    """The page with the letters of its visible text (not of its scripts) made Greek."""
    from lxml import etree

    from dechaff.decode import decode_utf8

    root = etree.fromstring(decode_utf8(html)[0].encode("utf-8"), etree.HTMLParser(encoding="utf-8"))
    for element in root.iter():
        if element.tag not in ("script", "style") and element.text:
            element.text = element.text.translate(_GREEK_LETTERS)
        if element.tail:
            element.tail = element.tail.translate(_GREEK_LETTERS)
    return etree.tostring(root, encoding="utf-8", method="html")


def test_html_in_a_language_without_a_function_word_list(monkeypatch: pytest.MonkeyPatch) -> None:
    # Held-out pages come in languages the function-word lists lack (Greek,
    # Hebrew, Arabic, Hindi...).  Without function words no block reads as prose;
    # the page's most frequent words stand in for them.
    from dechaff import features

    cases = [case for case in all_cases() if case.kind == "html"]
    originals = [word_prf(dechaff.extract(case.page()), case.gold()).f1 for case in cases]
    pages = [_in_greek_letters(case.page()) for case in cases]
    golds = [case.gold().translate(_GREEK_LETTERS) for case in cases]
    greek = [word_prf(dechaff.extract(page), gold).f1 for page, gold in zip(pages, golds)]
    assert mean(greek) >= mean(originals) - 0.02, (mean(originals), mean(greek))
    monkeypatch.setattr(features, "MIN_KNOWN_FUNCTION_SHARE", 0.0)  # never find the page's own
    without = [word_prf(dechaff.extract(page), gold).f1 for page, gold in zip(pages, golds)]
    assert mean(without) <= mean(greek) - 0.03, (mean(without), mean(greek))
