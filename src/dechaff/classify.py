"""Stage 3: deciding, block by block, what is content.

A logistic model weighs each block's features into a content probability; a
two-state Viterbi pass then smooths the keep/drop sequence, because content comes
in runs: a short line between two paragraphs of an article is usually part of
it, and one wordy line in a footer usually is not.

The weights are learnt from the development data by ``bench/train.py`` and ship
as ``data/model.json``; running them needs nothing but arithmetic.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from importlib import resources

from .blocks import Page
from .features import FEATURES, page_features
from .settings import Settings


@lru_cache(maxsize=1)
def model() -> dict[str, dict]:
    """The shipped model, read once: per input kind, weights by feature name."""
    raw = json.loads(resources.files("dechaff").joinpath("data/model.json").read_text("utf-8"))
    compiled = {}
    for kind, spec in raw["kinds"].items():
        weights = spec["weights"]
        compiled[kind] = {
            "weights": tuple(float(weights.get(name, 0.0)) for name in FEATURES[kind]),
            "switch_cost": float(spec.get("switch_cost", 0.0)),
            "threshold": float(spec.get("threshold", 0.5)),
        }
    return compiled


def classify(page: Page, settings: Settings) -> None:
    """Score every block of the page and set its keep decision."""
    if not page.blocks:
        return
    spec = model()[page.kind]
    weights = spec["weights"]
    for block, row in zip(page.blocks, page_features(page)):
        block.score = _sigmoid(sum(w * x for w, x in zip(weights, row)))
    threshold = spec["threshold"] if settings.threshold is None else settings.threshold
    keep = smooth([block.score for block in page.blocks], threshold, spec["switch_cost"])
    for block, decision in zip(page.blocks, keep):
        block.keep = decision


def smooth(scores: list[float], threshold: float, switch_cost: float) -> list[bool]:
    """Most likely keep/drop sequence given per-block scores and a cost per switch.

    Each block's evidence is its log-odds against ``threshold``; every change of
    state along the page costs ``switch_cost``.  With a cost of 0 this is a plain
    threshold.  Two states, so the Viterbi pass is linear in the number of blocks.
    """
    if switch_cost <= 0.0:
        return [s >= threshold for s in scores]
    bias = _logit(threshold)
    keep_cost, drop_cost = 0.0, 0.0
    back: list[tuple[bool, bool]] = []  # best previous state for (keep, drop)
    for score in scores:
        evidence = _logit(score) - bias
        from_keep_to_keep = keep_cost
        from_drop_to_keep = drop_cost + switch_cost
        from_drop_to_drop = drop_cost
        from_keep_to_drop = keep_cost + switch_cost
        prev_for_keep = from_keep_to_keep <= from_drop_to_keep
        prev_for_drop = from_keep_to_drop < from_drop_to_drop
        keep_cost = min(from_keep_to_keep, from_drop_to_keep) - evidence / 2
        drop_cost = min(from_drop_to_drop, from_keep_to_drop) + evidence / 2
        back.append((prev_for_keep, prev_for_drop))
    state = keep_cost <= drop_cost
    decisions = [False] * len(scores)
    for i in range(len(scores) - 1, -1, -1):
        decisions[i] = state
        state = back[i][0] if state else back[i][1]
    return decisions


def _sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    z = math.exp(x)
    return z / (1.0 + z)


def _logit(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))
