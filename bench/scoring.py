"""Per-page scores and per-system aggregates, all through ``dechaff.metrics``."""

from __future__ import annotations

import math
import statistics

from dechaff.metrics import shingle_counts, shingle_prf, word_prf

from pages import Page


def score_page(page: Page, text: str) -> dict:
    """Word P/R/F1; shingle tp/fp/fn on scrapinghub pages; snippet shares on wcxb."""
    prf = word_prf(text, page.gold)
    scores = {"p": prf.precision, "r": prf.recall, "f1": prf.f1}
    if page.source == "scrapinghub":
        scores["shingle"] = list(shingle_counts(text, page.gold))
    if page.source == "wcxb-dev":
        scores["with"] = snippet_share(text, page.with_snippets)
        scores["without"] = snippet_share(text, page.without_snippets)
    return scores


def snippet_share(text: str, snippets: tuple[str, ...]) -> float:
    """Share of ``snippets`` found in ``text``, case-insensitive (WCXB; 1 if none)."""
    if not snippets:
        return 1.0
    lowered = text.lower()
    return sum(s.lower() in lowered for s in snippets) / len(snippets)


def summarize(records: list[dict]) -> dict:
    """Aggregate one system's per-page records on one dataset (or page type)."""
    n = len(records)
    summary = {
        "n": n,
        "f1": _mean(r["f1"] for r in records),
        "p": _mean(r["p"] for r in records),
        "r": _mean(r["r"] for r in records),
        "errors": sum(1 for r in records if r["error"]),
    }
    if records and "shingle" in records[0]:
        shingle = shingle_prf([tuple(r["shingle"]) for r in records])
        summary.update(sf1=shingle.f1, sp=shingle.precision, sr=shingle.recall)
    if records and "with" in records[0]:
        summary["with"] = _mean(r["with"] for r in records)
        summary["without"] = _mean(r["without"] for r in records)
    summary.update(timing([r["ms"] for r in records]))
    return summary


def timing(ms: list[float]) -> dict:
    if not ms:
        return {"median_ms": math.nan, "mean_ms": math.nan, "p99_ms": math.nan, "max_ms": math.nan}
    ordered = sorted(ms)
    rank = max(0, math.ceil(0.99 * len(ordered)) - 1)  # nearest-rank percentile
    return {
        "median_ms": statistics.median(ordered),
        "mean_ms": statistics.fmean(ordered),
        "p99_ms": ordered[rank],
        "max_ms": ordered[-1],
    }


def _mean(values) -> float:
    values = list(values)
    return statistics.fmean(values) if values else math.nan
