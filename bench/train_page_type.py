"""Train dechaff's page-type forests from ../shared/data and write src/dechaff/data/page_type.json.

    python bench/train_page_type.py [--data ../shared/data] [--folds 5] [--write]

Every WCXB page is extracted as the library does (HTML; and its three text
renderings, for the text forests), and ``dechaff.pagetype.page_type_features``
read from the result.  Per input kind, one boosted forest per page type learns
that type against the others; the page gets the type whose forest scores
highest.  The figures printed are cross-validated with folds grouped by domain,
never training figures; the majority type is the baseline.  (The block
decisions the features read come from the shipped block model, which saw every
page: the figures are slightly optimistic for that.)  Needs the ``train`` extra.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.model_selection import GroupKFold

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

import dechaff  # noqa: E402
from dechaff.pagetype import FEATURES, PAGE_TYPES, page_type_features  # noqa: E402
from pages import load_pages  # noqa: E402
from train import export_forest, url_domain  # noqa: E402

OUT = ROOT / "src" / "dechaff" / "data" / "page_type.json"
STYLES = {"html": ("wcxb-dev",), "text": ("text/wet/wcxb-dev", "text/naive/wcxb-dev", "text/browser/wcxb-dev")}
#: Small forests: a page is one row, and there are 1,497 of them per style.
TREES, LEAVES, LEARNING_RATE, MIN_LEAF, L2 = 60, 8, 0.1, 10, 1.0
RANDOM_STATE = 0


def page_domains(data: Path) -> dict[str, str]:
    """Each WCXB page's domain, from its URL (as ``bench/train.py`` groups its folds)."""
    domains = {}
    for path in (data / "wcxb-dev" / "ground-truth").glob("*.json"):
        url = json.loads(path.read_text("utf-8")).get("url") or path.stem
        domains[path.stem] = url_domain(url)
    return domains


def page_row(args: tuple[str, str, Path]) -> list[float]:
    dataset, page_id, data = args
    page = load_pages(data, dataset, ids={page_id})[0]
    if page.is_text:
        result = dechaff.extract_result(page.text(), kind="text")
    else:
        result = dechaff.extract_result(page.html_bytes(), kind="html")
    row = page_type_features(result._page, result._json_ld_nodes, result.title) if result._page else {}
    return [row.get(name, 0.0) for name in FEATURES]


def dataset_rows(data: Path, dataset: str, jobs: int) -> tuple[np.ndarray, list[str], list[str]]:
    pages = load_pages(data, dataset)
    with ProcessPoolExecutor(jobs) as pool:
        rows = list(pool.map(page_row, [(dataset, p.id, data) for p in pages], chunksize=20))
    return np.array(rows, dtype=float), [p.page_type for p in pages], [p.id for p in pages]


def fit(X: np.ndarray, y: np.ndarray) -> HistGradientBoostingClassifier:
    model = HistGradientBoostingClassifier(
        max_iter=TREES, max_leaf_nodes=LEAVES, learning_rate=LEARNING_RATE, min_samples_leaf=MIN_LEAF,
        l2_regularization=L2, early_stopping=False, random_state=RANDOM_STATE)
    return model.fit(X, y)


def fit_all(X: np.ndarray, types: np.ndarray) -> dict[str, HistGradientBoostingClassifier]:
    return {name: fit(X, (types == name).astype(int)) for name in PAGE_TYPES}


def predict(models: dict[str, HistGradientBoostingClassifier], X: np.ndarray) -> np.ndarray:
    margins = np.column_stack([models[name].decision_function(X) for name in PAGE_TYPES])
    return np.array(PAGE_TYPES)[margins.argmax(axis=1)]


def report(kind: str, types: np.ndarray, predicted: np.ndarray, styles: np.ndarray) -> None:
    majority = Counter(types).most_common(1)[0]
    print(f"\n## {kind}: accuracy {np.mean(predicted == types):.3f} out of fold "
          f"(majority type '{majority[0]}': {majority[1] / len(types):.3f})")
    for style in sorted(set(styles)):
        chosen = styles == style
        print(f"  {style}: {np.mean(predicted[chosen] == types[chosen]):.3f}")
    print("\n| gold \\ predicted | " + " | ".join(PAGE_TYPES) + " | recall |")
    print("|---|" + "--:|" * (len(PAGE_TYPES) + 1))
    for gold in PAGE_TYPES:
        row = [int(np.sum((types == gold) & (predicted == p))) for p in PAGE_TYPES]
        recall = row[PAGE_TYPES.index(gold)] / max(1, sum(row))
        print(f"| {gold} | " + " | ".join(map(str, row)) + f" | {recall:.2f} |")
    precision = [np.mean(types[predicted == p] == p) if np.any(predicted == p) else 0.0 for p in PAGE_TYPES]
    print("| precision | " + " | ".join(f"{p:.2f}" for p in precision) + " | |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--write", action="store_true", help=f"write {OUT.relative_to(ROOT)}")
    args = parser.parse_args()
    domains = page_domains(args.data)
    shipped: dict[str, dict] = {}
    for kind, datasets in STYLES.items():
        parts = [dataset_rows(args.data, dataset, args.jobs) for dataset in datasets]
        X = np.concatenate([p[0] for p in parts])
        types = np.array([t for p in parts for t in p[1]])
        ids = [i for p in parts for i in p[2]]
        styles = np.array([d.split("/")[1] if "/" in d else "html" for d, p in zip(datasets, parts) for _ in p[2]])
        groups = [domains[i] for i in ids]  # a page's renderings share its domain
        predicted = np.empty(len(types), dtype=object)
        for train, test in GroupKFold(args.folds).split(X, types, groups):
            predicted[test] = predict(fit_all(X[train], types[train]), X[test])
        report(kind, types, predicted.astype(str), styles)
        models = fit_all(X, types)
        shipped[kind] = {name: export_forest(models[name], FEATURES) for name in PAGE_TYPES}
    if args.write:
        OUT.write_text(json.dumps({"features": list(FEATURES), "kinds": shipped}, separators=(",", ":")) + "\n")
        print(f"\nwrote {OUT.relative_to(ROOT)} ({OUT.stat().st_size // 1024} kB)")


if __name__ == "__main__":
    main()
