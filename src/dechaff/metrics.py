"""Scoring an extraction against a reference text.

These are the benchmark metrics of the data this library is measured on, shipped so
that users can score dechaff (or anything else) on their own gold data:

* word F1 -- WCXB's ``evaluate.py``: lowercased ``\\w+`` tokens, bag of words;
* shingle F1 -- the Scrapinghub article-extraction benchmark: 4-token shingles,
  case kept, per-page tp/fp/fn normalised to sum to one.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import NamedTuple

_TOKEN = re.compile(r"\w+")


class PRF(NamedTuple):
    precision: float
    recall: float
    f1: float


def tokens(text: str) -> list[str]:
    """The tokens word F1 counts: lowercased runs of word characters."""
    return _TOKEN.findall(text.lower()) if text else []


def word_prf(predicted: str, reference: str) -> PRF:
    """Bag-of-words precision, recall and F1 of one page (WCXB convention).

    An empty reference scores 1 for an empty prediction and 0 otherwise.
    """
    pred, ref = tokens(predicted), tokens(reference)
    if not ref:
        return PRF(1.0, 1.0, 1.0) if not pred else PRF(0.0, 0.0, 0.0)
    if not pred:
        return PRF(0.0, 0.0, 0.0)
    overlap = sum((Counter(pred) & Counter(ref)).values())
    precision, recall = overlap / len(pred), overlap / len(ref)
    f1 = 2 * precision * recall / (precision + recall) if overlap else 0.0
    return PRF(precision, recall, f1)


def shingle_counts(predicted: str, reference: str, n: int = 4) -> tuple[float, float, float]:
    """Normalised (tp, fp, fn) of one page's ``n``-token shingles (Scrapinghub convention)."""
    pred, ref = _shingles(predicted, n), _shingles(reference, n)
    tp = sum((pred & ref).values())
    fp = sum((pred - ref).values())
    fn = sum((ref - pred).values())
    total = tp + fp + fn
    if not total:
        return (0.0, 0.0, 0.0)
    return (tp / total, fp / total, fn / total)


def shingle_prf(pages: list[tuple[float, float, float]]) -> PRF:
    """Dataset shingle scores: per-page precision and recall averaged, F1 of the means."""
    if not pages:
        return PRF(0.0, 0.0, 0.0)
    precision = sum(tp / (tp + fp) if tp + fp else 0.0 for tp, fp, _ in pages) / len(pages)
    recall = sum(tp / (tp + fn) if tp + fn else 0.0 for tp, _, fn in pages) / len(pages)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return PRF(precision, recall, f1)


def _shingles(text: str, n: int) -> Counter[str]:
    words = _TOKEN.findall(text or "")
    return Counter(" ".join(words[i : i + n]) for i in range(max(1, len(words) - n + 1)) if words)
