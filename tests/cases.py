"""The real pages under tests/fixtures, as the tests read them."""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"
CASES = FIXTURES / "cases"


@dataclass(frozen=True)
class Case:
    name: str
    folder: Path
    style: str  # "html", "wet", "naive" or "browser"
    page_type: str

    @property
    def kind(self) -> str:
        return "html" if self.style == "html" else "text"

    def page(self) -> bytes:
        if self.style == "html":
            return gzip.decompress((self.folder / "input.html.gz").read_bytes())
        return (self.folder / "input.txt").read_bytes()

    def gold(self) -> str:
        return (self.folder / "gold.txt").read_text("utf-8")

    def title(self) -> str | None:
        """The gold title, if the source has one (WCXB's pages)."""
        path = self.folder / "title.txt"
        return path.read_text("utf-8").strip() if path.exists() else None


def all_cases() -> list[Case]:
    cases = []
    for folder in sorted(CASES.iterdir()):
        meta = json.loads((folder / "meta.json").read_text())
        cases.append(Case(folder.name, folder, meta["style"], meta["page_type"]))
    return cases
