"""What an extraction returns when you want more than the text."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from . import metadata, pagetype
from .blocks import Block, Page


@dataclass(frozen=True)
class Result:
    """The main content of one page, with how it was found.

    ``text`` is what ``dechaff.extract`` returns.  ``blocks`` lists every block
    of the page in order, kept or not, with its content ``score``: the basis for
    explaining a decision or for a stricter or looser cut of your own.
    ``author``, ``date`` and ``page_type`` are worked out when first read.
    """

    text: str
    title: str
    #: "html" or "text": how the input was read.
    kind: str
    blocks: list[Block] = field(default_factory=list, repr=False)
    #: Language declared by the page (``<html lang>``), if any.
    lang: str = ""
    #: The input was longer than ``Settings.max_input_chars`` and was cut.
    truncated: bool = False
    #: Where the text came from: "blocks", or "json-ld" when the page's DOM was
    #: thin and its structured data held the content.
    source: str = "blocks"
    #: The page as cut into blocks, for the metadata read only when asked for.
    _page: Page | None = field(default=None, repr=False, compare=False)

    @property
    def author(self) -> str:
        """Who wrote the page, as its markup states it or, failing that, its
        byline ("By Jane Doe"); "" where unknown."""
        return self._metadata[0]

    @property
    def date(self) -> str:
        """When the page was published, as YYYY-MM-DD: from its markup or, failing
        that, a dateline near the top of its content; "" where unknown."""
        return self._metadata[1]

    @property
    def page_type(self) -> str:
        """What kind of page it is: "article", "forum", "product", "collection",
        "listing", "documentation" or "service"; "" for a page without text."""
        return self._page_type

    # Read on demand: most callers want the text only, and these cost 0.1 to 1 ms a page.
    @cached_property
    def _page_type(self) -> str:
        if self._page is None:
            return ""
        return pagetype.page_type(self._page, self._json_ld_nodes, self.title)

    @cached_property
    def _metadata(self) -> tuple[str, str]:
        if self._page is None:
            return "", ""
        return metadata.page_metadata(self._page, self._json_ld_nodes, self.title)

    @cached_property
    def _json_ld_nodes(self) -> list[dict]:
        return metadata.json_ld_nodes(self._page) if self._page is not None else []

    @property
    def confidence(self) -> float:
        """Mean content score of the kept blocks, weighted by length; 0 when nothing is kept.

        Low values flag pages that are boilerplate only, or where the extractor
        hesitated: worth a look before they enter a corpus.
        """
        kept = [b for b in self.blocks if b.keep]
        total = sum(len(b.text) for b in kept)
        return sum(b.score * len(b.text) for b in kept) / total if total else 0.0

    def as_dict(self) -> dict[str, str | float | bool]:
        """The result without its blocks, as JSON-ready values: what a corpus
        record keeps of a page (``dechaff --json`` prints one per line)."""
        return {"title": self.title, "author": self.author, "date": self.date,
                "page_type": self.page_type, "text": self.text, "kind": self.kind, "lang": self.lang,
                "confidence": round(self.confidence, 4), "truncated": self.truncated,
                "source": self.source}
