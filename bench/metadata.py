"""Author and publication date against the WCXB gold, dechaff beside trafilatura.

    python bench/metadata.py [--data DIR] [--styles html,wet,naive,browser] [--show N]

Per input style, on the pages whose gold has a date (author): the share
where the system finds that very date (author, compared without case and
spacing), and the author's mean word F1; on the pages whose gold has none:
the share where the system states one anyway.  trafilatura (with metadata,
on the HTML) is cached in ``bench/results/metadata-trafilatura.json``.
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import sys
from collections import Counter
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent / "src"))
sys.path.insert(0, str(BENCH))

import dechaff  # noqa: E402
from pages import Page, decode_html, load_pages  # noqa: E402

CACHE = BENCH / "results" / "metadata-trafilatura.json"
_WORD = re.compile(r"\w+")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=BENCH.parent.parent / "shared" / "data")
    parser.add_argument("--styles", default="html,wet,naive,browser")
    parser.add_argument("--show", type=int, default=0, help="print N misses per field (html)")
    args = parser.parse_args(argv)
    pages = load_pages(args.data, "wcxb-dev")
    rows = []
    for style in args.styles.split(","):
        if style == "html":
            found = {p.id: _dechaff(dechaff.extract_result(p.html_bytes())) for p in pages}
            rows.append(("dechaff", "html", score(pages, found)))
            rows.append(("trafilatura", "html", score(pages, trafilatura_metadata(pages))))
            if args.show:
                show_misses(pages, found, args.show)
        else:
            texts = {p.id: p for p in load_pages(args.data, f"text/{style}/wcxb-dev")}
            found = {i: _dechaff(dechaff.extract_result(texts[i].text(), kind="text")) for i in texts}
            rows.append(("dechaff", style, score(pages, found)))
    print("| system | input | date right | date stated, none in gold | author right | author word F1 "
          "| author stated, none in gold |")
    print("|---|---|--:|--:|--:|--:|--:|")
    for system, style, s in rows:
        print(f"| {system} | {style} | {s['date']:.3f} | {s['date_spurious']:.3f} | {s['author']:.3f} "
              f"| {s['author_f1']:.3f} | {s['author_spurious']:.3f} |")
    with_date = sum(1 for p in pages if p.date)
    with_author = sum(1 for p in pages if p.author)
    print(f"\n{len(pages)} pages: {with_date} with a gold date, {with_author} with a gold author.")
    return 0


def _dechaff(result: dechaff.Result) -> dict[str, str]:
    return {"author": result.author, "date": result.date}


def trafilatura_metadata(pages: list[Page]) -> dict[str, dict[str, str]]:
    import trafilatura

    key = trafilatura.__version__
    cached = json.loads(CACHE.read_text()) if CACHE.exists() else {}
    if cached.get("version") == key and len(cached.get("pages", {})) == len(pages):
        return cached["pages"]
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    logging.getLogger("htmldate").setLevel(logging.CRITICAL)
    found = {}
    for page in pages:
        doc = trafilatura.bare_extraction(decode_html(page.html_bytes()), with_metadata=True)
        found[page.id] = {"author": (doc.author or "") if doc else "", "date": (doc.date or "") if doc else ""}
    CACHE.parent.mkdir(parents=True, exist_ok=True)
    CACHE.write_text(json.dumps({"version": key, "pages": found}))
    return found


def normal(text: str) -> str:
    return " ".join(text.casefold().split())


def word_f1(found: str, gold: str) -> float:
    a, b = Counter(_WORD.findall(found.lower())), Counter(_WORD.findall(gold.lower()))
    shared = sum((a & b).values())
    if not shared:
        return 0.0
    precision, recall = shared / sum(a.values()), shared / sum(b.values())
    return 2 * precision * recall / (precision + recall)


def score(pages: list[Page], found: dict[str, dict[str, str]]) -> dict[str, float]:
    dated = [p for p in pages if p.date]
    undated = [p for p in pages if not p.date]
    authored = [p for p in pages if p.author]
    anonymous = [p for p in pages if not p.author]
    return {
        "date": sum(found[p.id]["date"][:10] == p.date for p in dated) / len(dated),
        "date_spurious": sum(bool(found[p.id]["date"]) for p in undated) / len(undated),
        "author": sum(normal(found[p.id]["author"]) == normal(p.author) for p in authored) / len(authored),
        "author_f1": sum(word_f1(found[p.id]["author"], p.author) for p in authored) / len(authored),
        "author_spurious": sum(bool(found[p.id]["author"]) for p in anonymous) / len(anonymous),
    }


def show_misses(pages: list[Page], found: dict[str, dict[str, str]], n: int) -> None:
    for field in ("date", "author"):
        misses = [p for p in pages if getattr(p, field) and normal(found[p.id][field][:40]) != normal(getattr(p, field))]
        print(f"# {field}: {len(misses)} misses")
        for p in misses[:n]:
            print(f"  {p.id} {p.page_type:13s} gold={getattr(p, field)!r} found={found[p.id][field]!r}")


if __name__ == "__main__":
    raise SystemExit(main())
