"""What an extraction returns when you want more than the text."""

from __future__ import annotations

from dataclasses import dataclass, field

from .blocks import Block


@dataclass(frozen=True)
class Result:
    """The main content of one page, with how it was found.

    ``text`` is what ``dechaff.extract`` returns.  ``blocks`` lists every block
    of the page in order, kept or not, with its content ``score``: the basis for
    explaining a decision or for a stricter or looser cut of your own.
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
        return {"title": self.title, "text": self.text, "kind": self.kind, "lang": self.lang,
                "confidence": round(self.confidence, 4), "truncated": self.truncated,
                "source": self.source}
