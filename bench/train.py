"""Train dechaff's block classifier from ../shared/data and write src/dechaff/data/model.json.

    python bench/train.py [--data ../shared/data] [--folds 5] [--kinds html,text] [--write]

Every page is cut into blocks exactly as the library does; a block is labelled
content when its words are found, in order, in the page's gold main content.
Two boosted forests are fitted per input kind (HTML; text, over all three text
styles): one on the block features, one on the context of the first one's
scores.  Each block is weighted by its share of the page's words, so that the
fit optimises what the benchmark measures: per-page word F1.  Text pages also
get a lexicon: each common word's log-odds of being in content rather than
boilerplate, learnt from the training folds only.  A third forest per kind ranks
the candidates for the page's title (a text page's lines around the content; an
HTML page's headline block, <h1>s and <title> parts) by their word F1 with the
gold title (WCXB's pages have one), given the out-of-fold keep decisions.
The text forests also learn from every text page rewritten into two made-up
languages (``bench/unseen_language.py``), which the lexicon does not know, one
of them with function words the lists hold and one without; each copy weighs
as much as its page.  The decoding
is chosen, and the figures given, on the pages as they are; held out, the
copies are reported apart.

The figures printed are cross-validated with folds grouped by domain, never
training figures.  The smoothing cost and threshold are chosen on those folds
too.  Needs the ``train`` extra (numpy, scikit-learn); the shipped model needs
neither.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import math
import os
import pickle
import re
import sys
import time
from collections import Counter
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, replace
from pathlib import Path

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier, HistGradientBoostingRegressor
from sklearn.model_selection import GroupKFold

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from dechaff import blocks as dblocks  # noqa: E402
from dechaff.assemble import _headline_index, first_copies, title_candidates  # noqa: E402
from dechaff.classify import best_f1_threshold, compile_forest, core_floor, smooth  # noqa: E402
from dechaff.classify import follow_rules  # noqa: E402
from dechaff.classify import block_weights as f1_weights  # noqa: E402
from dechaff.decode import clean_text, decode  # noqa: E402
from dechaff.features import (  # noqa: E402
    CONTEXT, FEATURES, HEADLINE, TITLE, TextStats, block_tokens, context_features, headline_candidates,
    headline_features, lexicon_columns, lexicon_known, lexicon_score, page_features, title_features,
    word_counts,
)
from dechaff.metrics import word_prf  # noqa: E402
from unseen_language import UNLISTED, copy_languages, rewriter  # noqa: E402

MODEL_PATH = ROOT / "src" / "dechaff" / "data" / "model.json"


def _cache_path() -> Path:
    """Where the blocks, features and labels of every page are kept once computed
    (4 minutes).  The name hashes the code and the word lists that compute them,
    and the rewriter of pages into made-up languages, so that a change to how
    pages are cut, rewritten or described starts a new cache instead of training
    on stale blocks or columns (a change to the labelling below still needs --rebuild)."""
    digest = hashlib.sha1()
    for source in ("decode.py", "blocks.py", "features.py", "data/stopwords.txt"):
        digest.update((ROOT / "src" / "dechaff" / source).read_bytes())
    digest.update((ROOT / "bench" / "unseen_language.py").read_bytes())
    return ROOT / "bench" / "results" / f"train-cache-{digest.hexdigest()[:8]}.pkl"


CACHE = _cache_path()

_TOKEN = re.compile(r"\w+")
#: A block of at least this many tokens is labelled by its shingles found in the gold.
SHINGLE = 3
#: Share of a block's shingles that must occur in the gold for it to be content.
LABEL_SHARE = 0.5
#: The input kinds, each with its own forests in the model.
KINDS = ("html", "text")
SWITCH_COSTS = (0.0, 0.5, 1.0, 2.0)
MIN_PEAKS = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7)
#: Once the core floor is set, the peak is chosen again, and the highest within
#: this much of the best macro F1 is taken: below it, a page gives an empty text,
#: which tells a caller there is nothing to extract, and the metric barely sees the
#: difference (on the HTML out-of-fold scores at 3c7c247, a peak of 0.3 scored
#: 0.00012 under 0.0, which gains three pages and loses one whose gold is empty).
#: The grid steps by 0.1 from 0: a product grid of short cards peaks around 0.25
#: out of fold (at 31f2af3, 0.3 emptied six such pages that 0.2 keeps, at 0.004
#: of the macro F1, since the rules after the model now recover their cards).
MIN_PEAK_TOLERANCE = 0.0005
PEAK_SHARES = (0.0, 0.4, 0.5, 0.6, 0.7)
#: The decoding in the model file is kept unless the search finds one that scores
#: this much more (macro F1, out of fold): refits move the optimum by noise, and
#: a decoding that changes with every refit changes every page's output for
#: nothing.  (At 1f8c0ea the text search preferred a peak of 0.2 and a core
#: share of 0.4 by 0.0003; a peak empties the pages scored low, as pages in
#: languages the lexicon lacks are.)
DECODING_MIN_GAIN = 0.001
THRESHOLDS = (0.35, 0.4, 0.45, 0.5, 0.55, 0.6)

#: The forests' size.  Few, shallow-ish trees with a high learning rate: in
#: domain-grouped cross-validation 30 trees of 15 leaves score as well as 100
#: (HTML 0.865 vs 0.866 word F1), and every tree costs run time on every block.
TREES = 30
LEAVES = 15
LEARNING_RATE = 0.25
#: A leaf needs this many blocks behind it: no rule learnt from one site's markup.
MIN_LEAF_BLOCKS = 50
#: Shrinks the leaf values of leaves that few (weighted) blocks support.  The
#: trees are otherwise sensitive to where scikit-learn puts its bin edges: three
#: seeds of domain-grouped CV gave HTML wcxb-dev 0.8628 without it, 0.8651 with it.
L2_REGULARIZATION = 1.0
#: scikit-learn picks the bin edges from a random sample of 200,000 blocks: a
#: fixed seed makes every run of this script write the same model.
RANDOM_STATE = 0


# --- Data -------------------------------------------------------------------


def url_domain(url: str) -> str:
    """The host of ``url`` without "www.": what the folds are grouped by."""
    return re.sub(r"^https?://(www\.)?", "", url).split("/")[0]


def load_pages(data: Path) -> list[dict]:
    """Every benchmark page as (id, kind, style, domain, page_type, source path, gold),
    then every text page again with the made-up ``language`` to rewrite it into."""
    pages = []
    for gt_file in sorted((data / "wcxb-dev" / "ground-truth").glob("*.json")):
        pid = gt_file.stem
        gt = json.loads(gt_file.read_text())
        domain = url_domain(gt.get("url") or pid)
        page_type = gt.get("_internal", {}).get("page_type", {}).get("primary", "?")
        base = dict(id=pid, dataset="wcxb-dev", domain=domain, page_type=page_type,
                    gold=gt["ground_truth"].get("main_content") or "",
                    title=gt["ground_truth"].get("title") or "")
        pages.append(dict(base, kind="html", style="html",
                          path=str(data / "wcxb-dev" / "html" / f"{pid}.html.gz")))
        for style in ("wet", "naive", "browser"):
            pages.append(dict(base, kind="text", style=style,
                              path=str(data / "text" / style / "wcxb-dev" / f"{pid}.txt")))
    truth = json.loads((data / "scrapinghub" / "ground-truth.json").read_text())
    for pid, gt in sorted(truth.items()):
        domain = url_domain(gt.get("url", pid))
        base = dict(id=pid, dataset="scrapinghub", domain=domain, page_type="article",
                    gold=gt["articleBody"] or "", title="")
        pages.append(dict(base, kind="html", style="html",
                          path=str(data / "scrapinghub" / "html" / f"{pid}.html.gz")))
        for style in ("wet", "naive", "browser"):
            pages.append(dict(base, kind="text", style=style,
                              path=str(data / "text" / style / "scrapinghub" / f"{pid}.txt")))
    # Each text page again in made-up languages (bench/unseen_language.py), in
    # the same domain: always in the same fold as the page it copies.
    pages += [dict(page, language=language) for page in pages if page["kind"] == "text"
              for language in copy_languages(page["id"])]
    return pages


def prepare(page: dict) -> dict:
    """Blocks, features and labels of one page (rewritten into its ``language``, if it has one)."""
    path = page["path"]
    if path.endswith(".gz"):
        text = decode(gzip.open(path).read())
    else:
        text = Path(path).read_text("utf-8")
    if page.get("language"):
        rewrite = rewriter(page["language"])
        text = rewrite(text)
        page = dict(page, gold=rewrite(page["gold"]))
    text = clean_text(text)
    parsed = dblocks.html_page(text) if page["kind"] == "html" else dblocks.text_page(text)
    columns = page_features(parsed)
    texts = [b.text for b in parsed.blocks]
    counts = word_counts(parsed)
    vocab: dict[str, int] = {}
    gold_ids = [vocab.setdefault(t, len(vocab)) for t in _TOKEN.findall(page["gold"].lower())]
    block_ids = [[vocab.setdefault(t, len(vocab)) for t in _TOKEN.findall(text.lower())] for text in texts]
    tokens = block_tokens(TextStats(parsed.blocks)) if page["kind"] == "text" and parsed.blocks else []
    return dict(page, path=None, parsed=parsed, tokens=tokens,
                X=as_matrix(columns, FEATURES[page["kind"]]),
                y=label_blocks(texts, page["gold"]),
                words=np.array([len(ids) for ids in block_ids], dtype=np.float32),
                counts=counts, f1_weights=f1_weights(counts),
                token_ids=[np.array(ids, dtype=np.int32) for ids in block_ids],
                gold_counts=np.bincount(np.array(gold_ids, dtype=np.int64), minlength=len(vocab)))


def as_matrix(columns: dict[str, list[float]], names: tuple[str, ...]) -> np.ndarray:
    """Feature columns as a blocks x features matrix, in the model's feature order."""
    return np.array([columns[name] for name in names], dtype=np.float32).T.reshape(-1, len(names))


def label_blocks(texts: list[str], gold: str) -> np.ndarray:
    """1 for blocks whose word sequences occur in the gold, 0 otherwise.

    Long blocks: the share of their token 3-grams found in the gold's.  Short
    blocks ("Home", "Share"): their whole token sequence must occur in the gold
    *and* a neighbour must be content, because short words occur anywhere.
    """
    gold_tokens = _TOKEN.findall(gold.lower())
    gold_shingles = {tuple(gold_tokens[i:i + SHINGLE]) for i in range(len(gold_tokens) - SHINGLE + 1)}
    gold_joined = " " + " ".join(gold_tokens) + " "
    labels = np.zeros(len(texts), dtype=np.int8)
    short = []
    for i, text in enumerate(texts):
        tokens = _TOKEN.findall(text.lower())
        if len(tokens) >= SHINGLE + 1:
            shingles = [tuple(tokens[j:j + SHINGLE]) for j in range(len(tokens) - SHINGLE + 1)]
            hits = sum(1 for s in shingles if s in gold_shingles)
            labels[i] = hits >= LABEL_SHARE * len(shingles)
        elif tokens:
            short.append((i, " " + " ".join(tokens) + " " in gold_joined))
    for i, found in short:
        if found and labels[max(0, i - 2):i + 3].any():
            labels[i] = 1
    return labels


def load_prepared(data: Path, rebuild: bool, jobs: int, kinds: tuple[str, ...] = KINDS) -> list[dict]:
    """The prepared pages of the input ``kinds``, from the cache if it holds them."""
    cache = CACHE if kinds == KINDS else CACHE.with_name(f"{CACHE.stem}-{'-'.join(kinds)}.pkl")
    if cache.exists() and not rebuild:
        return pickle.loads(cache.read_bytes())
    pages = [page for page in load_pages(data) if page["kind"] in kinds]
    start = time.time()
    with ProcessPoolExecutor(jobs) as pool:
        prepared = list(pool.map(prepare, pages, chunksize=16))
    print(f"prepared {len(prepared)} pages in {time.time() - start:.0f}s", file=sys.stderr)
    cache.parent.mkdir(parents=True, exist_ok=True)
    for stale in cache.parent.glob("train-cache*.pkl"):  # a gigabyte each
        if not stale.name.startswith(CACHE.stem):
            stale.unlink()
    cache.write_bytes(pickle.dumps(prepared))
    return prepared


# --- The text lexicon -----------------------------------------------------------

#: A word enters the lexicon only if it occurs on pages of this many domains:
#: a site's own product names say nothing about other sites.
LEXICON_MIN_DOMAINS = 10
#: Words whose log-odds are nearer 0 than this are left out (they score 0 anyway).
LEXICON_MIN_WEIGHT = 0.05


def fit_lexicon(pages: list[dict]) -> dict[str, float]:
    """Each common word's log-odds of appearing in a content block rather than a
    boilerplate block (counted once per block, add-one smoothed).

    The pages rewritten into a made-up language are left out: they stand for
    the languages the lexicon knows nothing of."""
    in_content: Counter[str] = Counter()
    in_boilerplate: Counter[str] = Counter()
    domains: dict[str, set[str]] = {}
    for page in pages:
        if page.get("language"):
            continue
        for tokens, label in zip(page["tokens"], page["y"]):
            (in_content if label else in_boilerplate).update(set(tokens))
            for token in set(tokens):
                domains.setdefault(token, set()).add(page["domain"])
    content_total = sum(in_content.values()) + 1
    boilerplate_total = sum(in_boilerplate.values()) + 1
    lexicon = {}
    for token, seen_on in domains.items():
        if len(seen_on) < LEXICON_MIN_DOMAINS:
            continue
        weight = math.log((in_content[token] + 1) / content_total) - math.log(
            (in_boilerplate[token] + 1) / boilerplate_total)
        if abs(weight) >= LEXICON_MIN_WEIGHT:
            lexicon[token] = round(weight, 2)
    return lexicon


def with_lexicon(page: dict, lexicon: dict[str, float]) -> dict:
    """The page with its lexicon columns filled from ``lexicon``."""
    if not len(page["X"]):
        return page
    X = page["X"].copy()
    columns = lexicon_columns([lexicon_score(tokens, lexicon) for tokens in page["tokens"]],
                              lexicon_known([t for tokens in page["tokens"] for t in tokens], lexicon))
    for name, column in columns.items():
        X[:, FEATURES["text"].index(name)] = column
    return dict(page, X=X)


# --- Fitting and evaluating ---------------------------------------------------


def block_weights(page: dict) -> np.ndarray:
    """Each block weighs its share of the page's words: every page counts once."""
    w = page["words"] + 1.0
    return w / w.sum()


def fit(pages: list[dict], key: str = "X") -> HistGradientBoostingClassifier:
    X = np.concatenate([p[key] for p in pages])
    y = np.concatenate([p["y"] for p in pages])
    w = np.concatenate([block_weights(p) for p in pages])
    model = HistGradientBoostingClassifier(
        max_iter=TREES, learning_rate=LEARNING_RATE, max_leaf_nodes=LEAVES,
        min_samples_leaf=MIN_LEAF_BLOCKS, l2_regularization=L2_REGULARIZATION,
        early_stopping=False, random_state=RANDOM_STATE)
    model.fit(X, y, sample_weight=w * len(pages))
    return model


def export_forest(model: HistGradientBoostingClassifier, names: tuple[str, ...]) -> dict:
    """The fitted trees as ``dechaff.classify.compile_forest`` reads them."""
    def tree(nodes: np.ndarray, i: int = 0) -> float | list:
        node = nodes[i]
        if node["is_leaf"]:
            return round(float(node["value"]), 6)
        return [names[node["feature_idx"]], float(node["num_threshold"]),
                tree(nodes, node["left"]), tree(nodes, node["right"])]

    return {"base": float(model._baseline_prediction.ravel()[0]),
            "trees": [tree(predictors[0].nodes) for predictors in model._predictors]}


def check_export(forest: dict, names: tuple[str, ...], model: HistGradientBoostingClassifier,
                 pages: list[dict], key: str) -> None:
    """The shipped scorer must agree with scikit-learn's on the training pages."""
    scorer = compile_forest(forest, names)
    for page in pages[:50]:
        if len(page[key]):
            columns = {name: page[key][:, j].astype(float).tolist() for j, name in enumerate(names)}
            gap = np.abs(np.array(scorer(columns)) - scores_of(page, model, key)).max()
            assert gap < 1e-4, f"exported forest differs from scikit-learn's by {gap}"


@dataclass(frozen=True)
class Decoding:
    """How a page's block scores become keep/drop decisions (``dechaff.classify``)."""

    threshold: float = 0.5
    switch_cost: float = 0.0
    adaptive: bool = False
    min_peak: float = 0.0
    peak_share: float = 0.0


def shipped_decoding(kind: str) -> Decoding | None:
    """The decoding of ``kind`` in the model file, if it has one."""
    if not MODEL_PATH.exists():
        return None
    spec = json.loads(MODEL_PATH.read_text("utf-8"))["kinds"].get(kind)
    if spec is None:
        return None
    return Decoding(**{name: spec[name] for name in
                       ("threshold", "switch_cost", "adaptive", "min_peak", "peak_share")})


def page_keep(page: dict, scores: np.ndarray, decoding: Decoding) -> list[bool]:
    """The page's keep decisions from its block scores, as ``dechaff.classify``
    and the assembler's ``first_copies`` make them.

    With ``adaptive`` the threshold is the model's prior and the page's own cut
    adapts around it.
    """
    threshold, switch_cost = decoding.threshold, decoding.switch_cost
    if len(scores) and scores.max() < decoding.min_peak:
        return [False] * len(scores)
    if decoding.adaptive and len(scores):
        listed, weights = scores.tolist(), page["f1_weights"]
        threshold = max(best_f1_threshold(listed, weights, threshold),
                        core_floor(listed, weights, decoding.peak_share))
    if switch_cost:
        keep = smooth(scores.tolist(), threshold, switch_cost)
    else:
        keep = (scores >= threshold).tolist()
    parsed = page["parsed"]
    for block, decision, score in zip(parsed.blocks, keep, scores.tolist()):
        block.keep, block.score = decision, score  # the rules after the model read both
    follow_rules(parsed, page["counts"])
    keep = [block.keep for block in parsed.blocks]
    return first_copies(page["parsed"].blocks, keep)


def page_f1(page: dict, scores: np.ndarray, decoding: Decoding) -> float:
    """Word F1 of the page's kept blocks, computed on token ids (as metrics.word_prf)."""
    keep = page_keep(page, scores, decoding)
    gold = page["gold_counts"]
    kept = [ids for ids, k in zip(page["token_ids"], keep) if k]
    predicted = sum(len(ids) for ids in kept)
    if not gold.sum():
        return 0.0 if predicted else 1.0
    if not predicted:
        return 0.0
    counts = np.bincount(np.concatenate(kept), minlength=len(gold))[: len(gold)]
    overlap = np.minimum(counts, gold).sum()
    return 2 * overlap / (predicted + gold.sum())


def scores_of(page: dict, model: HistGradientBoostingClassifier, key: str = "X") -> np.ndarray:
    if not len(page[key]):
        return np.zeros(0)
    return model.predict_proba(page[key])[:, 1]


def with_context(page: dict, first_model: HistGradientBoostingClassifier) -> dict:
    """The page with its second-pass features from the first model's scores."""
    first = scores_of(page, first_model)
    parsed = page["parsed"]
    columns = context_features(parsed, first.tolist(), word_counts(parsed))
    return dict(page, X2=as_matrix(columns, CONTEXT))


def fit_both(pages: list[dict]) -> tuple[HistGradientBoostingClassifier, HistGradientBoostingClassifier]:
    first = fit(pages)
    return first, fit([with_context(p, first) for p in pages], "X2")


def cross_validate(pages: list[dict], folds: int) -> list[np.ndarray]:
    """Out-of-fold final scores for every page, folds grouped by domain."""
    groups = [p["domain"] for p in pages]
    oof: list[np.ndarray] = [np.zeros(0)] * len(pages)
    for train_idx, test_idx in GroupKFold(folds).split(pages, groups=groups):
        training = [pages[i] for i in train_idx]
        lexicon = fit_lexicon(training) if pages[0]["kind"] == "text" else {}
        if lexicon:  # learnt on the training folds only, like every other weight
            training = [with_lexicon(p, lexicon) for p in training]
        first, second = fit_both(training)
        for i in test_idx:
            page = with_lexicon(pages[i], lexicon) if lexicon else pages[i]
            oof[i] = scores_of(with_context(page, first), second, "X2")
    return oof


def macro_f1(pages: list[dict], f1s: list[float]) -> float:
    """Mean word F1 over page groups (each WCXB page type, and Scrapinghub), each
    group the mean of its pages.

    The decoding is chosen for every kind of page, not for the most common one:
    a smoothing that helps the 793 articles but costs forum threads is not taken.
    """
    groups: dict[str, list[float]] = {}
    for page, f1 in zip(pages, f1s):
        groups.setdefault(f"{page['dataset']}/{page['page_type']}", []).append(f1)
    return float(np.mean([np.mean(values) for values in groups.values()]))


def best_decoding(pages: list[dict], oof: list[np.ndarray]) -> tuple[float, Decoding]:
    """Threshold, smoothing and adaptivity first; then the peak score below which a
    page is judged to have no content at all; then the floor under a page's core,
    and the peak again with it (the floor changes which pages the cut leaves
    nearly empty: at 3c7c247 the HTML peak chosen without it, 0.4, emptied six
    collection and listing pages that 0.3 keeps, at 0.017 of both groups' F1)."""

    def score(decoding: Decoding) -> float:
        f1 = macro_f1(pages, [page_f1(p, s, decoding) for p, s in zip(pages, oof)])
        print(f"    {decoding}: {f1:.4f}", file=sys.stderr)
        return f1

    def best_of(candidates: Iterable[Decoding]) -> tuple[float, Decoding]:
        return max(((score(d), d) for d in candidates), key=lambda scored: scored[0])  # the first best

    _, best = best_of(Decoding(threshold, switch_cost, adaptive) for adaptive in (False, True)
                      for switch_cost in SWITCH_COSTS for threshold in THRESHOLDS)
    f1, best = best_of(replace(best, min_peak=min_peak) for min_peak in MIN_PEAKS)
    if best.adaptive:
        f1, best = best_of(replace(best, peak_share=share) for share in PEAK_SHARES)
        peaks = [(score(replace(best, min_peak=min_peak)), min_peak) for min_peak in MIN_PEAKS]
        top = max(peak_f1 for peak_f1, _ in peaks)
        f1, min_peak = max(((peak_f1, min_peak) for peak_f1, min_peak in peaks
                            if peak_f1 >= top - MIN_PEAK_TOLERANCE), key=lambda scored: scored[1])
        best = replace(best, min_peak=min_peak)
    return f1, best


def report(pages: list[dict], oof: list[np.ndarray], decoding: Decoding) -> None:
    by: dict[str, list[float]] = {}
    for p, s in zip(pages, oof):
        f1 = page_f1(p, s, decoding)
        by.setdefault(f"{p['dataset']}/{p['style']}", []).append(f1)
        if p["dataset"] == "wcxb-dev":
            by.setdefault(f"  {p['style']}:{p['page_type']}", []).append(f1)
    for key in sorted(by):
        print(f"  {key:32s} {np.mean(by[key]):.3f}  (n={len(by[key])})")


# --- The title ----------------------------------------------------------------------

TITLE_TREES = 60
TITLE_LEARNING_RATE = 0.15
TITLE_MIN_LEAF = 40


def title_rows(page: dict, scores: np.ndarray, decoding: Decoding) -> dict | None:
    """A titled page's title candidates: their features and their word F1 with
    the gold title; None if the page has no gold title or no candidate (or, for
    text, keeps nothing), and for the pages rewritten into a made-up language."""
    if not page["title"] or page.get("language"):
        return None
    keep = page_keep(page, scores, decoding)
    first_kept = next((i for i, k in enumerate(keep) if k), None)
    blocks = [replace(b, score=float(s), keep=k) for b, s, k in zip(page["parsed"].blocks, scores, keep)]
    if page["kind"] == "text":
        if first_kept is None:
            return None
        lines = headline_candidates(blocks, first_kept)
        texts = [blocks[i].text for i in lines]
        columns = headline_features(blocks, lines, first_kept)
    else:
        parsed = replace(page["parsed"], blocks=blocks)
        candidates = title_candidates(parsed, None if first_kept is None else _headline_index(parsed, first_kept))
        texts = [text for text, _, _ in candidates]
        columns = title_features(candidates, parsed, first_kept or 0)
    if not texts:
        return None
    return dict(X=as_matrix(columns, title_names(page["kind"])),
                f1=np.array([word_prf(text, page["title"]).f1 for text in texts]))


def title_names(kind: str) -> tuple[str, ...]:
    return HEADLINE if kind == "text" else TITLE


def fit_title(rows: list[dict]) -> HistGradientBoostingRegressor:
    model = HistGradientBoostingRegressor(
        max_iter=TITLE_TREES, learning_rate=TITLE_LEARNING_RATE, max_leaf_nodes=LEAVES,
        min_samples_leaf=TITLE_MIN_LEAF, early_stopping=False, random_state=RANDOM_STATE)
    return model.fit(np.concatenate([r["X"] for r in rows]), np.concatenate([r["f1"] for r in rows]))


def title_report(pages: list[dict], rows: list[dict | None], folds: int) -> None:
    """Cross-validated title word F1 of the best-ranked candidate, per style
    (a page without candidates gets no title and scores 0)."""
    titled = [i for i, p in enumerate(pages) if p["title"] and not p.get("language")]
    chosen = {i: 0.0 for i in titled}
    usable = [i for i in titled if rows[i] is not None]
    groups = [pages[i]["domain"] for i in usable]
    for train_idx, test_idx in GroupKFold(folds).split(usable, groups=groups):
        model = fit_title([rows[usable[j]] for j in train_idx])
        for j in test_idx:
            row = rows[usable[j]]
            chosen[usable[j]] = float(row["f1"][int(np.argmax(model.predict(row["X"])))])
    by: dict[str, list[float]] = {}
    for i, f1 in chosen.items():
        by.setdefault(pages[i]["style"], []).append(f1)
    print("  title word F1, cross-validated: " + ", ".join(
        f"{style} {np.mean(f1s):.3f}" for style, f1s in sorted(by.items())))


def export_regressor(model: HistGradientBoostingRegressor, rows: list[dict], names: tuple[str, ...]) -> dict:
    """A title forest, checked against scikit-learn's predictions."""
    forest = export_forest(model, names)
    scorer = compile_forest(forest, names)
    for row in rows[:50]:
        columns = {name: row["X"][:, j].astype(float).tolist() for j, name in enumerate(names)}
        expected = 1 / (1 + np.exp(-model.predict(row["X"])))  # the scorer's sigmoid
        gap = np.abs(np.array(scorer(columns)) - expected).max()
        assert gap < 1e-4, f"exported title forest differs from scikit-learn's by {gap}"
    return forest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--rebuild", action="store_true", help="recompute blocks and features")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--write", action="store_true", help=f"write {MODEL_PATH.relative_to(ROOT)}")
    parser.add_argument("--kinds", default=",".join(KINDS),
                        help="train only these input kinds (comma list); --write keeps the others' "
                             "forests as they are in the model file")
    args = parser.parse_args()
    chosen = tuple(kind for kind in KINDS if kind in args.kinds.split(","))
    if not chosen or set(args.kinds.split(",")) - set(KINDS):
        parser.error(f"--kinds takes a comma list of {', '.join(KINDS)}")

    prepared = load_prepared(args.data, args.rebuild, args.jobs, chosen)
    kinds = json.loads(MODEL_PATH.read_text("utf-8"))["kinds"] if chosen != KINDS else {}
    for kind in chosen:
        pages = [p for p in prepared if p["kind"] == kind]
        oof = cross_validate(pages, args.folds)
        # The decoding is chosen, and the figures given, on the pages as they are;
        # those rewritten into a made-up language are only trained on and reported.
        original = [i for i, p in enumerate(pages) if not p.get("language")]
        f1, decoding = best_decoding([pages[i] for i in original], [oof[i] for i in original])
        shipped = shipped_decoding(kind)
        if shipped is not None and shipped != decoding:
            shipped_f1 = macro_f1([pages[i] for i in original],
                                  [page_f1(pages[i], oof[i], shipped) for i in original])
            if f1 - shipped_f1 < DECODING_MIN_GAIN:
                print(f"{kind}: keeping the model file's decoding ({shipped_f1:.4f} against "
                      f"{f1:.4f} for {decoding})")
                f1, decoding = shipped_f1, shipped
        print(f"{kind}: cross-validated word F1, mean over page groups, {f1:.3f} ({decoding})")
        report([pages[i] for i in original], [oof[i] for i in original], decoding)
        for copies, unlisted in (("with listed function words", False), ("without", True)):
            rewritten = [i for i, p in enumerate(pages)
                         if p.get("language") and (p["language"] == UNLISTED) == unlisted]
            if rewritten:
                print(f"{kind}, the same pages rewritten into a made-up language {copies} "
                      "(bench/unseen_language.py):")
                report([pages[i] for i in rewritten], [oof[i] for i in rewritten], decoding)
        lexicon = fit_lexicon(pages) if kind == "text" else {}
        if lexicon:
            pages = [with_lexicon(p, lexicon) for p in pages]
        first, second = fit_both(pages)
        first_forest = export_forest(first, FEATURES[kind])
        context_forest = export_forest(second, CONTEXT)
        check_export(first_forest, FEATURES[kind], first, pages, "X")
        check_export(context_forest, CONTEXT, second, [with_context(p, first) for p in pages[:50]], "X2")
        kinds[kind] = {
            **asdict(decoding),
            "first": first_forest,
            "context": context_forest,
        }
        if lexicon:
            kinds[kind]["lexicon"] = dict(sorted(lexicon.items()))
        rows = [title_rows(p, s, decoding) for p, s in zip(pages, oof)]
        title_report(pages, rows, args.folds)
        usable = [r for r in rows if r is not None]
        kinds[kind]["headline" if kind == "text" else "title"] = export_regressor(
            fit_title(usable), usable, title_names(kind))
    if args.write:
        model = {"about": "Written by bench/train.py: per input kind, the decoding and two "
                          "boosted forests (trees are leaf values or [feature, threshold, left, right]); "
                          "a third ranking title candidates (text: headline; HTML: title).",
                 "kinds": kinds}
        MODEL_PATH.write_text(json.dumps(model, indent=1, ensure_ascii=False) + "\n")
        print(f"wrote {MODEL_PATH}")


if __name__ == "__main__":
    main()
