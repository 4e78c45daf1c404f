"""Include and exclude selectors (``Settings.include``, ``Settings.exclude``).

A selector is a CSS selector ("article.post", "#comments", "div[role=main]")
or an XPath expression ("//main", "(//article)[1]"), told apart by how it
starts.  CSS is translated to XPath by the cssselect package (``pip install
'dechaff[css]'``), imported only when a CSS selector is given.
"""

from __future__ import annotations

from functools import lru_cache

from lxml import etree

#: How an XPath expression starts; anything else is CSS.
_XPATH_STARTS = ("/", "(", "./")


def check(selector: str) -> None:
    """Raise ``ValueError`` if ``selector`` is neither valid CSS nor valid XPath
    (``ImportError`` for CSS without cssselect)."""
    try:
        etree.XPath(as_xpath(selector))
    except etree.XPathSyntaxError as error:
        raise ValueError(f"not an XPath expression: {selector!r} ({error})") from None


@lru_cache(maxsize=256)
def as_xpath(selector: str) -> str:
    """The XPath expression of ``selector``."""
    if selector.startswith(_XPATH_STARTS):
        return selector
    try:
        from cssselect import HTMLTranslator, SelectorError
    except ImportError:
        raise ImportError(
            f"the CSS selector {selector!r} needs the cssselect package: pip install 'dechaff[css]' "
            "(or write it as an XPath expression, starting with '/')") from None
    try:
        return HTMLTranslator().css_to_xpath(selector)
    except SelectorError as error:
        raise ValueError(f"not a CSS selector: {selector!r} ({error})") from None


def matching(root: etree._Element, selectors: tuple[str, ...]) -> list[etree._Element]:
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
