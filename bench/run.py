"""Benchmark dechaff (and, with --peers, the peer extractors) on the evaluation data.

    python bench/run.py [--peers] [--datasets all|html|text|NAME,...] [--limit N]
                        [--systems dechaff,trafilatura,...] [--out DIR] [--compare OLD_DIR]

See bench/README.md.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import platform
import subprocess
import sys
import time
from collections import Counter, defaultdict
from datetime import datetime
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(REPO / "src"))  # measure the working tree's dechaff

import compare  # noqa: E402
import report  # noqa: E402
import systems as registry  # noqa: E402
from pages import ALL_DATASETS, Page, expand_datasets, load_pages  # noqa: E402
from peercache import PeerCache  # noqa: E402
from runner import CHUNK_PAGES, run_chunk  # noqa: E402
from scoring import score_page, summarize  # noqa: E402

RESULTS = BENCH / "results"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data", help="evaluation data root (default: ../shared/data)")
    parser.add_argument("--datasets", default="all", help=f"comma list of datasets or groups all/html/text; datasets: {', '.join(ALL_DATASETS)}")
    parser.add_argument("--peers", action="store_true", help="also run the peer systems")
    parser.add_argument("--systems", help=f"only these systems (comma list; naming a peer implies it): {', '.join(registry.all_names())}")
    parser.add_argument("--limit", type=int, help="N pages per dataset, evenly spread over the sorted ids")
    parser.add_argument("--ids", help="only these page ids (comma list)")
    parser.add_argument("--out", type=Path, help="results dir (default: bench/results/<timestamp>)")
    parser.add_argument("--compare", type=Path, metavar="OLD_DIR", help="compare dechaff's per-page F1 with an older run")
    parser.add_argument("--no-cache", action="store_true", help="rerun the peers (and refresh their cache)")
    parser.add_argument("--jobs", type=int, default=1, help="worker processes (timings are only trustworthy with 1)")
    parser.add_argument("--save-outputs", action="store_true", help="write dechaff's outputs to OUT/outputs/<dataset>/<id>.txt")
    parser.add_argument("--quiet", action="store_true", help="no progress lines")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.time()
    out = args.out or RESULTS / datetime.now().strftime("%Y%m%d-%H%M%S")
    out.mkdir(parents=True, exist_ok=True)
    (out / "pages.jsonl").write_text("")
    cache = PeerCache(RESULTS / "peers-cache", enabled=not args.no_cache)
    only = set(args.systems.split(",")) if args.systems else None
    if only and only - set(registry.all_names()):
        raise SystemExit(f"unknown systems {sorted(only - set(registry.all_names()))}; known: {', '.join(registry.all_names())}")
    ids = set(args.ids.split(",")) if args.ids else None

    sections, overview, dechaff_errors, dechaff_pages = [], [], [], 0
    for dataset in expand_datasets(args.datasets):
        pages = load_pages(args.data, dataset, args.limit, ids)
        systems = registry.systems_for(dataset.startswith("text/"), args.peers, only)
        if not pages or not systems:
            continue
        records = evaluate(pages, systems, cache, args)
        append_jsonl(out / "pages.jsonl", records)
        if args.save_outputs:
            save_outputs(out / "outputs", records)
        text, row = dataset_report(dataset, pages, records, systems, cache)
        print(text, flush=True)
        sections.append(text)
        overview.append(row)
        dechaff_pages += sum(r["system"] == "dechaff" for r in records)
        dechaff_errors += [r for r in records if r["system"] == "dechaff" and r["error"]]

    closing = [report.summary_table(overview)] if overview else []
    closing.append(error_report(dechaff_errors, dechaff_pages))
    for text in closing:
        print(text)
    (out / "tables.md").write_text(run_header(args) + "\n".join(sections + closing), encoding="utf-8")
    write_meta(out, args, started)
    if args.compare:
        text = compare.compare_runs(args.compare, out)
        print(text)
        (out / "compare.md").write_text(text, encoding="utf-8")
    link_latest(out)
    print(f"results: {out}")
    return 0


# --- running -----------------------------------------------------------------------

def evaluate(pages: list[Page], systems: list[registry.System], cache: PeerCache, args) -> list[dict]:
    """Per-page records of every system on every page (peers from the cache when there)."""
    results: dict[str, dict[str, dict]] = defaultdict(dict)
    tasks = []
    for page in pages:
        for system in systems:
            hit = cache.get(system, page)
            if hit is not None:
                results[page.id][system.name] = {**hit, "cached": True}
        missing = [s for s in systems if s.name not in results[page.id]]
        if missing:
            tasks.append((page, missing))

    progress = Progress(pages[0].dataset, len(tasks), args.quiet)
    by_name = {s.name: s for s in systems}
    # parallel timings are skewed: they may fill the cache, not overwrite it
    store = args.jobs <= 1 or not args.no_cache
    for page, outputs in run_tasks(tasks, args.jobs):
        for name, result in outputs.items():
            if store:
                cache.put(by_name[name], page, result)
            results[page.id][name] = {**result, "cached": False}
        progress.step()
    progress.done()

    return [page_record(page, system.name, results[page.id][system.name]) for system in systems for page in pages]


def run_tasks(tasks, jobs: int):
    """(page, {system name: result}) for every task, in chunks (``runner.run_chunk``)."""
    chunks = [tasks[i:i + CHUNK_PAGES] for i in range(0, len(tasks), CHUNK_PAGES)]
    if jobs <= 1 or len(tasks) < 2:
        for chunk in chunks:
            yield from run_chunk(chunk)
        return
    with multiprocessing.Pool(jobs) as pool:
        for done in pool.imap_unordered(run_chunk, chunks, chunksize=1):
            yield from done


def page_record(page: Page, system: str, result: dict) -> dict:
    return {
        "dataset": page.dataset,
        "system": system,
        "id": page.id,
        "page_type": page.page_type,
        **score_page(page, result["text"]),
        "ms": result["ms"],
        "error": result["error"],
        "cached": result["cached"],
        "text": result["text"],  # dropped before writing, kept for --save-outputs
    }


class Progress:
    def __init__(self, dataset: str, total: int, quiet: bool):
        self.dataset, self.total, self.quiet = dataset, total, quiet
        self.count, self.start, self.last = 0, time.time(), time.time()

    def step(self) -> None:
        self.count += 1
        if not self.quiet and time.time() - self.last > 30:
            self.last = time.time()
            print(f"  {self.dataset}: {self.count}/{self.total} pages run, {self.last - self.start:.0f} s", file=sys.stderr, flush=True)

    def done(self) -> None:
        if not self.quiet and self.total:
            print(f"  {self.dataset}: {self.total} pages run in {time.time() - self.start:.0f} s", file=sys.stderr, flush=True)


# --- reporting -----------------------------------------------------------------------

def dataset_report(dataset: str, pages: list[Page], records: list[dict], systems, cache: PeerCache) -> tuple[str, dict]:
    by_system = defaultdict(list)
    for r in records:
        by_system[r["system"]].append(r)
    summaries = {name: summarize(rs) for name, rs in by_system.items()}
    is_text = dataset.startswith("text/")
    reference = registry.reference_name(is_text)
    reference_summary = summaries.get(reference) or cached_summary(pages, reference, is_text, cache)
    reference_ms = reference_summary["median_ms"] if reference_summary else None

    parts = [report.dataset_table(dataset, summaries, reference, reference_ms)]
    if pages[0].page_type is not None:
        parts.append(report.page_type_table(dataset, {name: summarize_by_type(rs) for name, rs in by_system.items()}))
    return "\n".join(parts), overview_row(dataset, summaries, reference, reference_summary)


def summarize_by_type(records: list[dict]) -> dict[str, dict]:
    by_type = defaultdict(list)
    for r in records:
        by_type[r["page_type"]].append(r)
    return {page_type: summarize(rs) for page_type, rs in by_type.items()}


def cached_summary(pages: list[Page], name: str, is_text: bool, cache: PeerCache) -> dict | None:
    """The reference's scores and times from the peers cache, when it has every page
    (so that a dechaff-only run still shows the reference F1 and the time ratio)."""
    system = next(s for s in registry.systems_for(is_text, peers=True) if s.name == name)
    hits = [cache.get(system, page) for page in pages]
    if any(h is None for h in hits):
        return None
    return summarize([page_record(page, name, {**hit, "cached": True}) for page, hit in zip(pages, hits)])


def overview_row(dataset: str, summaries: dict[str, dict], reference: str, reference_summary: dict | None) -> dict:
    mine = summaries.get("dechaff")
    peers = {n: s for n, s in summaries.items() if n != "dechaff"}
    # best peer on the same input: on text datasets the reference reads the HTML
    rivals = [n for n in peers if n != reference or not dataset.startswith("text/")]
    best = max(rivals, key=lambda n: peers[n]["f1"]) if rivals else None
    row = {"dataset": dataset, "n": next(iter(summaries.values()))["n"], "best_peer": best}
    row["best_peer_f1"] = peers[best]["f1"] if best else None
    row["reference_f1"] = reference_summary["f1"] if reference_summary else None
    row["dechaff_f1"] = mine["f1"] if mine else None
    row["dechaff_median_ms"] = mine["median_ms"] if mine else float("nan")
    row["dechaff_errors"] = mine["errors"] if mine else 0
    row["ratio"] = mine["median_ms"] / reference_summary["median_ms"] if mine and reference_summary else None
    return row


def error_report(errors: list[dict], pages: int) -> str:
    lines = [f"dechaff exceptions: {len(errors)} over {pages} pages"]
    kinds = Counter(e["error"].split(":", 1)[0] for e in errors)
    for kind, count in kinds.most_common():
        examples = [f"{e['dataset']}/{e['id']}" for e in errors if e["error"].split(":", 1)[0] == kind][:3]
        first = next(e["error"] for e in errors if e["error"].split(":", 1)[0] == kind)
        lines.append(f"  {count:5d} {kind}: e.g. {', '.join(examples)} -- {first[:200]}")
    return "\n".join(lines) + "\n"


def run_header(args) -> str:
    import dechaff

    return (
        f"# bench run {datetime.now():%Y-%m-%d %H:%M}\n\n"
        f"dechaff {getattr(dechaff, '__version__', '?')} ({git_commit()}), "
        f"datasets {args.datasets}, limit {args.limit}, peers {args.peers}, cache {'off' if args.no_cache else 'on'}, jobs {args.jobs}\n\n"
    )


# --- files ---------------------------------------------------------------------------

def append_jsonl(path: Path, records: list[dict]) -> None:
    with path.open("a", encoding="utf-8") as out:
        for r in records:
            out.write(json.dumps({k: v for k, v in r.items() if k != "text"}, ensure_ascii=False) + "\n")


def save_outputs(root: Path, records: list[dict]) -> None:
    for r in records:
        if r["system"] == "dechaff":
            path = root / r["dataset"].replace("/", "-") / f"{r['id']}.txt"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(r["text"], encoding="utf-8")


def write_meta(out: Path, args, started: float) -> None:
    import dechaff

    versions = {}
    for system in registry.HTML_PEERS + registry.TEXT_PEERS:
        try:
            versions[system.name] = system.version()
        except Exception as exc:  # noqa: BLE001 -- a peer not installed
            versions[system.name] = f"unavailable: {exc}"
    meta = {
        "args": {k: str(v) if isinstance(v, Path) else v for k, v in vars(args).items()},
        "dechaff_version": getattr(dechaff, "__version__", None),
        "git_commit": git_commit(),
        "peer_versions": versions,
        "python": platform.python_version(),
        "started": datetime.fromtimestamp(started).isoformat(timespec="seconds"),
        "seconds": round(time.time() - started, 1),
    }
    (out / "meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")


def git_commit() -> str:
    try:
        head = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(REPO), "status", "--porcelain", "--", "src"], capture_output=True, text=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return head + ("+dirty" if dirty else "")


def link_latest(out: Path) -> None:
    """bench/results/latest -> the last run (when it is under bench/results)."""
    latest = RESULTS / "latest"
    if out.resolve().parent != RESULTS.resolve():
        return
    try:
        if latest.is_symlink():
            latest.unlink()
        if not latest.exists():
            latest.symlink_to(out.name)
    except OSError:
        pass


if __name__ == "__main__":
    sys.exit(main())
