"""Markdown tables of a run."""

from __future__ import annotations

import math
from collections import Counter

from pages import PAGE_TYPES


def dataset_table(dataset: str, summaries: dict[str, dict], reference: str, reference_ms: float | None) -> str:
    """One row per system; ``reference_ms`` is the median the time ratio divides by."""
    first = next(iter(summaries.values()))
    columns = ["system", "word F1", "P", "R"]
    has_shingle, has_snippets = "sf1" in first, "with" in first
    if has_shingle:
        columns += ["shingle F1", "sh. P", "sh. R"]
    if has_snippets:
        columns += ["with ↑", "without ↓"]
    columns += ["errors", "median ms", "mean ms", "p99 ms", "max ms", f"time / {reference}"]
    rows = []
    for name, s in summaries.items():
        row = [name, _f(s["f1"]), _f(s["p"]), _f(s["r"])]
        if has_shingle:
            row += [_f(s["sf1"]), _f(s["sp"]), _f(s["sr"])]
        if has_snippets:
            row += [_f(s["with"]), _f(s["without"])]
        ratio = s["median_ms"] / reference_ms if reference_ms else math.nan
        row += [str(s["errors"]), _ms(s["median_ms"]), _ms(s["mean_ms"]), _ms(s["p99_ms"]), _ms(s["max_ms"]), _x(ratio)]
        rows.append(row)
    return f"### {dataset} ({first['n']} pages)\n\n" + markdown(columns, rows)


def page_type_table(dataset: str, by_type: dict[str, dict[str, dict]]) -> str:
    """Word F1 per page type: ``by_type[system][page_type]`` summaries."""
    counts = Counter()
    for per_type in by_type.values():
        counts.update({t: s["n"] for t, s in per_type.items()})
        break
    types = [t for t in PAGE_TYPES if counts.get(t)]
    columns = ["system"] + [f"{t} ({counts[t]})" for t in types]
    rows = [[name] + [_f(per_type[t]["f1"]) if t in per_type else "" for t in types] for name, per_type in by_type.items()]
    return f"### {dataset}: word F1 per page type\n\n" + markdown(columns, rows)


def summary_table(overview: list[dict]) -> str:
    """One row per dataset: dechaff against the reference and the best peer."""
    columns = ["dataset", "pages", "dechaff F1", "reference F1", "best peer on same input (F1)", "dechaff median ms", "time / reference", "dechaff errors"]
    rows = []
    for o in overview:
        best = f"{o['best_peer']} ({_f(o['best_peer_f1'])})" if o.get("best_peer") else ""
        rows.append([
            o["dataset"], str(o["n"]), _f(o["dechaff_f1"]), _f(o.get("reference_f1")), best,
            _ms(o["dechaff_median_ms"]), _x(o.get("ratio")), str(o["dechaff_errors"]),
        ])
    return "### summary (dechaff)\n\n" + markdown(columns, rows)


def markdown(columns: list[str], rows: list[list[str]]) -> str:
    """A markdown table: first column left-aligned, the others right-aligned."""
    widths = [max([len(c)] + [len(r[i]) for r in rows]) for i, c in enumerate(columns)]

    def line(cells: list[str]) -> str:
        padded = [cells[0].ljust(widths[0])] + [c.rjust(w) for c, w in zip(cells[1:], widths[1:])]
        return "| " + " | ".join(padded) + " |"

    rule = ["-" * widths[0]] + ["-" * (w - 1) + ":" for w in widths[1:]]
    return "\n".join([line(columns), line(rule)] + [line(r) for r in rows]) + "\n"


def _f(value) -> str:
    return "" if value is None or (isinstance(value, float) and math.isnan(value)) else f"{value:.3f}"


def _ms(value: float) -> str:
    if math.isnan(value):
        return ""
    return f"{value:.2f}" if value < 10 else f"{value:.1f}" if value < 100 else f"{value:.0f}"


def _x(value) -> str:
    if value is None or math.isnan(value):
        return ""
    return f"{value:.2f}×" if value >= 0.1 else f"{value:.3f}×"
