"""Copy the test cases of tests/fixtures/cases (and the metadata cases of
tests/fixtures/metadata) from ../shared/data (run once, reviewed, committed).

    python bench/make_fixtures.py [--data ../shared/data]

The choice is a fixed-seed random sample per page type and text style, not a
hand-picked set: the quality gate must reflect typical pages, not easy ones.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "fixtures" / "cases"
METADATA = ROOT / "tests" / "fixtures" / "metadata"
TYPES = ("article", "forum", "product", "collection", "listing", "documentation", "service")
#: HTML cases per WCXB page type, Scrapinghub HTML cases, and text cases per style.
PER_TYPE, SCRAPINGHUB, PER_STYLE = 2, 4, 24
#: WCXB HTML pages whose gold states an author or a date, for the metadata tests.
METADATA_PAGES = 24
SEED = 2026
#: Pages in a language written without spaces, which the sample would seldom
#: draw (4 of the evaluation data's 6,712 pages and renderings are): two
#: Japanese blog posts with a box of related articles under them.
UNSPACED = (
    ("f105de6e63ca91ea482f60193f6252092557f969f2fd128ff68c0d4d6b90dd7d", "wet"),
    ("85439e26c41c75901820d01a13e8cea7836abb58635ea3986f71a163ab0311d3", "browser"),
)
#: Keep the repository small: pages above this size are skipped.
MAX_BYTES = 400_000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    args = parser.parse_args()
    data = args.data
    rng = random.Random(SEED)
    wcxb = {}
    for path in sorted((data / "wcxb-dev" / "ground-truth").glob("*.json")):
        gt = json.loads(path.read_text())
        if gt["ground_truth"].get("main_content"):
            wcxb[path.stem] = gt
    by_type: dict[str, list[str]] = {t: [] for t in TYPES}
    for pid, gt in wcxb.items():
        by_type.setdefault(gt["_internal"]["page_type"]["primary"], []).append(pid)
    shub = json.loads((data / "scrapinghub" / "ground-truth.json").read_text())

    if CASES.exists():
        shutil.rmtree(CASES)
    chosen: set[tuple[str, str]] = set()

    def small(dataset: str, pid: str) -> bool:
        return (data / dataset / "html" / f"{pid}.html.gz").stat().st_size < MAX_BYTES / 4

    for page_type in TYPES:
        for pid in rng.sample([p for p in by_type[page_type] if small("wcxb-dev", p)], PER_TYPE):
            write_case("wcxb-dev", pid, "html", page_type, wcxb[pid]["ground_truth"]["main_content"], data,
                       wcxb[pid]["ground_truth"].get("title") or "")
            chosen.add(("wcxb-dev", pid))
    for pid in rng.sample([p for p in sorted(shub) if small("scrapinghub", p)], SCRAPINGHUB):
        write_case("scrapinghub", pid, "html", "article", shub[pid]["articleBody"], data)
        chosen.add(("scrapinghub", pid))
    for style in ("wet", "naive", "browser"):
        pool = [("wcxb-dev", p) for p in sorted(wcxb)] + [("scrapinghub", p) for p in sorted(shub)]
        pool = [c for c in pool if c not in chosen]
        for dataset, pid in rng.sample(pool, PER_STYLE):
            if dataset == "wcxb-dev":
                gold, page_type = wcxb[pid]["ground_truth"]["main_content"], wcxb[pid]["_internal"]["page_type"]["primary"]
                title = wcxb[pid]["ground_truth"].get("title") or ""
            else:
                gold, page_type, title = shub[pid]["articleBody"], "article", ""
            write_case(dataset, pid, style, page_type, gold, data, title)
    for pid, style in UNSPACED:
        if ("scrapinghub", pid) not in chosen:
            write_case("scrapinghub", pid, style, "article", shub[pid]["articleBody"], data)
    write_metadata_cases(wcxb, data, small)


def write_metadata_cases(wcxb: dict[str, dict], data: Path, small) -> None:
    """A sample of the WCXB pages whose gold states an author or a date: the
    page and its gold author and date ("" where the gold has none)."""
    if METADATA.exists():
        shutil.rmtree(METADATA)
    rng = random.Random(SEED)  # its own: the cases above stay the same
    stated = [pid for pid, gt in wcxb.items()
              if (gt["ground_truth"].get("author") or gt["ground_truth"].get("publish_date"))
              and small("wcxb-dev", pid)]
    for pid in sorted(rng.sample(stated, METADATA_PAGES)):
        folder = METADATA / f"wcxb-dev-{pid}"
        folder.mkdir(parents=True)
        html = gzip.open(data / "wcxb-dev" / "html" / f"{pid}.html.gz").read()
        (folder / "input.html.gz").write_bytes(gzip.compress(html, mtime=0))
        truth = wcxb[pid]["ground_truth"]
        gold = {"source": f"wcxb-dev/{pid}", "page_type": wcxb[pid]["_internal"]["page_type"]["primary"],
                "author": (truth.get("author") or "").strip(), "date": (truth.get("publish_date") or "").strip(),
                "licence": "CC-BY-4.0 (WCXB)"}
        (folder / "gold.json").write_text(json.dumps(gold, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def write_case(dataset: str, pid: str, style: str, page_type: str, gold: str, data: Path,
               title: str = "") -> None:
    name = f"{dataset}-{pid[:12]}-{style}"
    folder = CASES / name
    folder.mkdir(parents=True)
    if style == "html":
        html = gzip.open(data / dataset / "html" / f"{pid}.html.gz").read()
        (folder / "input.html.gz").write_bytes(gzip.compress(html, mtime=0))
    else:
        shutil.copy(data / "text" / style / dataset / f"{pid}.txt", folder / "input.txt")
    (folder / "gold.txt").write_text(gold.strip() + "\n", encoding="utf-8")
    write_title(folder, title)
    licence = "CC-BY-4.0 (WCXB)" if dataset == "wcxb-dev" else "MIT (Scrapinghub article-extraction-benchmark)"
    meta = {"source": f"{dataset}/{pid}", "style": style, "page_type": page_type, "licence": licence}
    (folder / "meta.json").write_text(json.dumps(meta, indent=1) + "\n")


def write_title(folder: Path, title: str) -> None:
    """The gold title, where the source has one (WCXB's pages)."""
    if title.strip():
        (folder / "title.txt").write_text(title.strip() + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
