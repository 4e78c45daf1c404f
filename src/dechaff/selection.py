"""Include and exclude selectors (``Settings.include``, ``Settings.exclude``).

A selector is a CSS selector ("article.post", "#comments", "div[role=main]")
or an XPath expression ("//main", "(//article)[1]"), told apart by how it
starts.  CSS is translated to XPath by the cssselect package (``pip install
'dechaff[css]'``), imported only when a CSS selector is given.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from lxml import etree

#: How an XPath expression starts, or what it holds ("descendant::p"); any
#: other selector is CSS.
_XPATH_STARTS = ("/", "(", "./")
_XPATH_AXIS = "::"
#: A page to try a selector on: what fails on every page fails here.
_TRIAL_PAGE = "<html><head><title>t</title></head><body><p>p</p></body></html>"


#: XPath 1.0's functions, node tests and operators: a call to another ("foo()"), or a
#: variable ("$v"), fails on every page, but only where its step matches.
_XPATH_FUNCTIONS = frozenset(
    "last position count id local-name namespace-uri name string concat starts-with contains "
    "substring-before substring-after substring string-length normalize-space translate boolean "
    "not true false lang number sum floor ceiling round comment text processing-instruction node "
    "and or div mod".split())  # the operators, which "and (" looks like a call to
_CALL = re.compile(r"([A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?)\s*\(")
_VARIABLE = re.compile(r"\$[A-Za-z_]")
_LITERAL = re.compile(r"'[^']*'|\"[^\"]*\"")


def check(selector: str) -> None:
    """Raise ``ValueError`` unless ``selector`` is valid CSS or an XPath
    expression that selects elements (``ImportError`` for CSS without cssselect)."""
    expression = as_xpath(selector)
    code = _LITERAL.sub("''", expression)
    unknown = sorted(set(_CALL.findall(code)) - _XPATH_FUNCTIONS)
    if unknown or _VARIABLE.search(code):
        what = f"the function {unknown[0]}()" if unknown else "a variable"
        raise ValueError(f"{selector!r} calls {what}, which no page defines")
    try:
        result = etree.fromstring(_TRIAL_PAGE, etree.HTMLParser()).xpath(expression)
    except etree.XPathError as error:  # syntax, an unknown function, variable or prefix
        raise ValueError(f"not an XPath expression that selects elements: {selector!r} ({error})") from None
    if not isinstance(result, list):  # "count(//p)", "(1)"
        raise ValueError(f"{selector!r} selects no elements: it gives a {type(result).__name__}")


@lru_cache(maxsize=256)
def as_xpath(selector: str) -> str:
    """The XPath expression of ``selector``."""
    selector = selector.strip()
    if selector.startswith(_XPATH_STARTS) or _XPATH_AXIS in selector:
        return selector
    try:
        from cssselect import HTMLTranslator, SelectorError
    except ImportError:
        raise ImportError(
            f"the CSS selector {selector!r} needs the cssselect package: pip install 'dechaff[css]' "
            "(or write it as an XPath expression, starting with '/')") from None
    try:
        return str(HTMLTranslator().css_to_xpath(selector))
    except SelectorError as error:
        raise ValueError(f"not a CSS selector: {selector!r} ({error})") from None


def matching(root: etree._Element, selectors: Sequence[str]) -> list[etree._Element]:
    """The elements under ``root`` that any of ``selectors`` selects, in the
    order the selectors find them (an element twice if two select it)."""
    found: list[etree._Element] = []
    for selector in selectors:
        try:
            result = root.xpath(as_xpath(selector))
        except etree.XPathError:  # valid, but fails on this page (checked when set)
            continue
        if isinstance(result, list):
            found += (item for item in result if isinstance(item, etree._Element))
    return found
