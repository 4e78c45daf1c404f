"""Benchmark datasets: which pages there are, their inputs and their gold.

A dataset name is ``scrapinghub`` or ``wcxb-dev`` (HTML pages) or
``text/<style>/<source>`` (whole-page text renderings of a source's pages, scored
against the source's gold).
"""

from __future__ import annotations

import codecs
import gzip
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

HTML_DATASETS = ("scrapinghub", "wcxb-dev")
TEXT_STYLES = ("wet", "naive", "browser")
TEXT_DATASETS = tuple(f"text/{style}/{source}" for source in HTML_DATASETS for style in TEXT_STYLES)
ALL_DATASETS = HTML_DATASETS + TEXT_DATASETS
DATASET_GROUPS = {"all": ALL_DATASETS, "html": HTML_DATASETS, "text": TEXT_DATASETS}

PAGE_TYPES = ("article", "forum", "product", "collection", "listing", "documentation", "service")


@dataclass(frozen=True)
class Page:
    dataset: str
    id: str
    gold: str
    html_path: Path
    text_path: Path | None = None  # set for text datasets
    page_type: str | None = None  # wcxb only
    with_snippets: tuple[str, ...] = field(default=(), repr=False)  # wcxb only
    without_snippets: tuple[str, ...] = field(default=(), repr=False)
    author: str = ""  # wcxb only: "" where the gold has none
    date: str = ""

    @property
    def source(self) -> str:
        """The HTML dataset this page comes from."""
        return self.dataset.rsplit("/", 1)[-1]

    @property
    def is_text(self) -> bool:
        return self.text_path is not None

    def html_bytes(self) -> bytes:
        return gzip.decompress(self.html_path.read_bytes())

    def text(self) -> str:
        assert self.text_path is not None, f"{self.dataset} is not a text dataset"
        return self.text_path.read_text(encoding="utf-8")


def expand_datasets(spec: str) -> list[str]:
    """``"scrapinghub,text"`` -> the dataset names; groups: all, html, text."""
    names: list[str] = []
    for item in (s.strip() for s in spec.split(",") if s.strip()):
        for name in DATASET_GROUPS.get(item, (item,)):
            if name not in ALL_DATASETS:
                raise SystemExit(f"unknown dataset {name!r}; known: {', '.join(ALL_DATASETS)}")
            if name not in names:
                names.append(name)
    return names


def load_pages(data: Path, dataset: str, limit: int | None = None, ids: set[str] | None = None) -> list[Page]:
    """The pages of ``dataset``, sorted by id, optionally restricted.

    ``limit`` takes ``limit`` ids evenly spread over the sorted ids (so that a small
    run still mixes page types); text datasets pick the same ids as their source.
    """
    source = dataset.rsplit("/", 1)[-1]
    golds = _golds(data, source)
    chosen = sorted(golds)
    if ids:
        chosen = [i for i in chosen if i in ids]
    if limit is not None and limit < len(chosen):
        chosen = [chosen[i * len(chosen) // limit] for i in range(limit)]
    text_dir = data / dataset if dataset.startswith("text/") else None
    return [
        Page(
            dataset=dataset,
            id=page_id,
            html_path=data / source / "html" / f"{page_id}.html.gz",
            text_path=text_dir / f"{page_id}.txt" if text_dir else None,
            **golds[page_id],
        )
        for page_id in chosen
    ]


@lru_cache(maxsize=None)
def _golds(data: Path, source: str) -> dict[str, dict]:
    if source == "scrapinghub":
        raw = json.loads((data / source / "ground-truth.json").read_text(encoding="utf-8"))
        return {page_id: {"gold": entry.get("articleBody") or ""} for page_id, entry in raw.items()}
    if source == "wcxb-dev":
        return {path.stem: _wcxb_gold(path) for path in (data / source / "ground-truth").glob("*.json")}
    raise ValueError(f"unknown source dataset {source!r}")


def _wcxb_gold(path: Path) -> dict:
    doc = json.loads(path.read_text(encoding="utf-8"))
    truth = doc.get("ground_truth") or {}
    page_type = ((doc.get("_internal") or {}).get("page_type") or {}).get("primary") or "article"
    return {
        "gold": truth.get("main_content") or "",
        "page_type": "collection" if page_type == "category" else page_type,  # as WCXB's evaluate.py
        "with_snippets": tuple(truth.get("with") or ()),
        "without_snippets": tuple(truth.get("without") or ()),
        "author": (truth.get("author") or "").strip(),
        "date": (truth.get("publish_date") or "").strip(),
    }


# --- decoding the crawled bytes for the peers (dechaff decodes by itself) -------------

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
_WHATWG_ALIASES = {"iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252", "us-ascii": "cp1252", "ascii": "cp1252"}


def decode_html(raw: bytes) -> str:
    """Decode crawled HTML as the data's text renderings were: BOM, then UTF-8 if
    valid, else the ``<meta>`` charset, else cp1252."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            return raw.decode(encoding, errors="replace")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    match = _META_CHARSET.search(raw[:8192])
    if match:
        name = match.group(1).decode("ascii", "ignore").lower()
        encoding = _WHATWG_ALIASES.get(name, name)
        if _usable_encoding(encoding):
            return raw.decode(encoding, errors="replace")
    return raw.decode("cp1252", errors="replace")


def _usable_encoding(name: str) -> bool:
    if name.startswith("utf-16"):  # a browser ignores a <meta> claiming UTF-16
        return False
    try:
        codecs.lookup(name)
    except LookupError:
        return False
    return True
