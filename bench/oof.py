"""Score the rules after the model on fixed out-of-fold block scores.

    python bench/oof.py [--kind html|text] [--data ../shared/data] [--save NAME] [--compare NAME]

The model is fitted on the evaluation pages, so a rule after it that gains in
the harness may only have learnt those pages' quirks.  This computes, once,
every page's block scores from a model that never saw the page's domain
(``train.cross_validate``: five folds grouped by domain, text pages trained
with their copies in made-up languages as ``train.py`` does; cached under
bench/results, keyed by the code that computes blocks and features: a few
minutes for HTML, a quarter of an hour for text), then applies the shipped
decoding (``model.json``'s threshold, switch cost, adaptive cut, minimum peak
and peak share) and the rules after the model as they stand in ``src/``
(``train.page_keep``), and prints the mean word F1 per WCXB page type and of
Scrapinghub (for text, over the three styles together, then per style).  Edit
a rule, rerun, and compare: the scores do not move, so the difference is the
rule's alone.  ``--save NAME`` keeps the per-page F1 under
bench/results/oof-NAME.json (oof-text-NAME.json for text); ``--compare NAME``
lists the pages that moved against it.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import sys
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")  # one core: the machine is shared, timings run beside it

import numpy as np  # noqa: E402

import train  # noqa: E402

RESULTS = train.ROOT / "bench" / "results"
#: More than this change of a page's word F1 counts as a move.
MOVED = 0.01


def oof_pages(data: Path, kind: str) -> tuple[list[dict], list[np.ndarray]]:
    """The pages of one input kind as ``train.prepare`` makes them, and their
    out-of-fold scores; for text, only the pages as they are (not their copies
    in a made-up language, which are only trained on)."""
    cache = RESULTS / f"oof-{kind}-{train.CACHE.stem.rsplit('-', 1)[-1]}.pkl"
    if cache.exists():
        return pickle.loads(cache.read_bytes())
    pages = [train.prepare(page) for page in train.load_pages(data) if page["kind"] == kind]
    scores = train.cross_validate(pages, 5)
    original = [i for i, page in enumerate(pages) if not page.get("language")]
    pages, scores = [pages[i] for i in original], [scores[i] for i in original]
    RESULTS.mkdir(parents=True, exist_ok=True)
    cache.write_bytes(pickle.dumps((pages, scores)))
    return pages, scores


def page_key(page: dict) -> str:
    return f"{page['dataset']}/{page['style']}/{page['id']}"


def page_scores(pages: list[dict], scores: list[np.ndarray], decoding: train.Decoding) -> dict[str, float]:
    """Word F1 of every page under ``decoding``, by ``page_key``."""
    return {page_key(p): float(train.page_f1(p, s, decoding)) for p, s in zip(pages, scores)}


def group_means(pages: list[dict], f1: dict[str, float]) -> dict[str, tuple[float, int]]:
    """Mean word F1 and page count of Scrapinghub, WCXB and each WCXB page type,
    and on text pages of each dataset's styles."""
    groups: dict[str, list[float]] = {}
    for page in pages:
        value = f1[page_key(page)]
        dataset = page["dataset"]
        for name in (dataset, page["page_type"] if dataset == "wcxb-dev" else None,
                     f"{dataset}/{page['style']}" if page["kind"] == "text" else None):
            if name:
                groups.setdefault(name, []).append(value)
    order = ["scrapinghub", "wcxb-dev", "article", "forum", "product", "collection", "listing",
             "documentation", "service"]
    order += sorted(name for name in groups if "/" in name)
    return {name: (float(np.mean(groups[name])), len(groups[name])) for name in order if name in groups}


def table(pages: list[dict], f1: dict[str, float], old: dict[str, float] | None = None) -> str:
    """The group means, and with ``old`` its means and the difference."""
    new_means = group_means(pages, f1)
    old_means = group_means(pages, old) if old else {}
    lines = []
    for name, (mean, n) in new_means.items():
        line = f"  {name:14s} {mean:.4f}"
        if name in old_means:
            line += f"  (was {old_means[name][0]:.4f}, {mean - old_means[name][0]:+.4f})"
        lines.append(f"{line}  n={n}")
    return "\n".join(lines)


def moves(old: dict[str, float], new: dict[str, float], pages: list[dict]) -> str:
    types = {page_key(p): p["page_type"] for p in pages}
    deltas = sorted(((new[k] - old[k], k) for k in new if k in old), reverse=True)
    up = [(d, k) for d, k in deltas if d > MOVED]
    down = [(d, k) for d, k in deltas if d < -MOVED]
    lines = [f"  {len(up)} pages up (+{sum(d for d, _ in up):.3f}), {len(down)} down "
             f"({sum(d for d, _ in down):.3f}); by more than {MOVED}"]
    lines += [f"    {d:+.3f}  {k} ({types[k]})  {old[k]:.3f} -> {new[k]:.3f}" for d, k in up[:15] + down[-15:]]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kind", choices=("html", "text"), default="html")
    parser.add_argument("--data", type=Path, default=train.ROOT.parent / "shared" / "data")
    parser.add_argument("--save", metavar="NAME", help="keep the per-page F1 as bench/results/oof-NAME.json")
    parser.add_argument("--compare", metavar="NAME", help="list the pages that moved against a saved NAME")
    args = parser.parse_args()
    pages, scores = oof_pages(args.data, args.kind)
    decoding = train.shipped_decoding(args.kind)
    f1 = page_scores(pages, scores, decoding)
    prefix = "oof-" if args.kind == "html" else "oof-text-"
    old = json.loads((RESULTS / f"{prefix}{args.compare}.json").read_text()) if args.compare else None
    print(f"out-of-fold {args.kind} word F1, {decoding}" + (f", against {args.compare}" if old else ""))
    print(table(pages, f1, old))
    if old:
        print(moves(old, f1, pages))
    if args.save:
        (RESULTS / f"{prefix}{args.save}.json").write_text(json.dumps(f1, indent=0))


if __name__ == "__main__":
    sys.exit(main())
