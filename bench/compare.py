"""Compare the per-page word F1 of one system between two benchmark runs.

    python bench/compare.py OLD_RUN_DIR NEW_RUN_DIR [--system dechaff] [--dataset wcxb-dev] [--top 15]

A run dir holds the ``pages.jsonl`` written by ``bench/run.py``. Pages are matched
by (dataset, id); a page counts as improved / worsened when its F1 moved by more
than 0.01. Standalone: needs nothing but the standard library.
"""

from __future__ import annotations

import argparse
import json
import statistics
from collections import defaultdict
from pathlib import Path

THRESHOLD = 0.01


def load_f1(run_dir: Path, system: str) -> dict[tuple[str, str], dict]:
    """{(dataset, id): record} of ``system`` in a run, in the run's order."""
    path = Path(run_dir) / "pages.jsonl"
    if not path.exists():
        raise SystemExit(f"no pages.jsonl in {run_dir}")
    pages = {}
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            if record["system"] == system:
                pages[(record["dataset"], record["id"])] = record
    return pages


def compare_runs(old_dir: Path, new_dir: Path, system: str = "dechaff", dataset: str | None = None, top: int = 15) -> str:
    old, new = load_f1(old_dir, system), load_f1(new_dir, system)
    if dataset:
        old = {k: v for k, v in old.items() if k[0] == dataset}
        new = {k: v for k, v in new.items() if k[0] == dataset}
    common = [k for k in new if k in old]
    deltas = {k: new[k]["f1"] - old[k]["f1"] for k in common}
    out = [
        f"## {system}: {new_dir} vs {old_dir}\n",
        f"{len(common)} pages in both runs, {len(new) - len(common)} only in the new one, "
        f"{len(old) - len(common)} only in the old one; |delta| > {THRESHOLD} counts as a change\n",
    ]
    out.append(_per_dataset_table(common, old, new, deltas))
    ranked = sorted(deltas.items(), key=lambda item: item[1])
    losses = [(k, d) for k, d in ranked[:top] if d < -THRESHOLD]
    gains = [(k, d) for k, d in reversed(ranked[-top:]) if d > THRESHOLD]
    out.append(_movers_table(f"{len(losses)} biggest losses", losses, old, new))
    out.append(_movers_table(f"{len(gains)} biggest gains", gains, old, new))
    return "\n".join(out)


def _per_dataset_table(common, old, new, deltas) -> str:
    by_dataset = defaultdict(list)
    for key in common:
        by_dataset[key[0]].append(key)
    rows = []
    for name, keys in by_dataset.items():
        ds = [deltas[k] for k in keys]
        rows.append([
            name, str(len(keys)),
            str(sum(d > THRESHOLD for d in ds)), str(sum(d < -THRESHOLD for d in ds)), str(sum(abs(d) <= THRESHOLD for d in ds)),
            f"{statistics.fmean(old[k]['f1'] for k in keys):.4f}", f"{statistics.fmean(new[k]['f1'] for k in keys):.4f}",
            f"{statistics.fmean(ds):+.4f}",
            f"{sum(bool(new[k].get('error')) for k in keys) - sum(bool(old[k].get('error')) for k in keys):+d}",
        ])
    columns = ["dataset", "pages", "improved", "worsened", "same", "old F1", "new F1", "mean delta", "errors delta"]
    return _markdown(columns, rows, left={"dataset"})


def _movers_table(title: str, movers, old, new) -> str:
    rows = [
        [dataset, page_id, new[(dataset, page_id)].get("page_type") or "", f"{old[(dataset, page_id)]['f1']:.3f}",
         f"{new[(dataset, page_id)]['f1']:.3f}", f"{delta:+.3f}", (new[(dataset, page_id)].get("error") or "")[:60]]
        for (dataset, page_id), delta in movers
    ]
    columns = ["dataset", "id", "type", "old F1", "new F1", "delta", "new error"]
    return f"### {title}\n\n" + _markdown(columns, rows, left={"dataset", "id", "type", "new error"})


def _markdown(columns: list[str], rows: list[list[str]], left: set[str]) -> str:
    """A markdown table; the ``left`` columns left-aligned, the others right-aligned."""
    widths = [max([len(c)] + [len(r[i]) for r in rows]) for i, c in enumerate(columns)]

    def line(cells):
        return "| " + " | ".join(c.ljust(w) if name in left else c.rjust(w) for c, w, name in zip(cells, widths, columns)) + " |"

    rule = ["-" * w if name in left else "-" * (w - 1) + ":" for w, name in zip(widths, columns)]
    return "\n".join([line(columns), line(rule)] + [line(r) for r in rows]) + "\n"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("old", type=Path, help="run dir of the baseline")
    parser.add_argument("new", type=Path, help="run dir to compare with it")
    parser.add_argument("--system", default="dechaff")
    parser.add_argument("--dataset", help="only this dataset (e.g. wcxb-dev or text/wet/wcxb-dev)")
    parser.add_argument("--top", type=int, default=15, help="how many losses and gains to list")
    args = parser.parse_args(argv)
    print(compare_runs(args.old, args.new, args.system, args.dataset, args.top))


if __name__ == "__main__":
    main()
