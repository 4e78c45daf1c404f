"""Check that a change to the extractor leaves every output unchanged.

Records, for every page of the HTML and text datasets, what
``dechaff.extract_result`` returns: the text, the title, and each block's
fields, score and keep flag.  ``--save FILE`` writes a reference; ``--check FILE``
compares the current code against it (text, title, blocks and keep flags must be
identical, scores equal within 1e-9) and exits non-zero on any difference.

    PYTHONPATH=src python bench/same_output.py --save /tmp/ref.json.gz
    PYTHONPATH=src python bench/same_output.py --check /tmp/ref.json.gz [--limit 200]
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import dechaff  # noqa: E402
from pages import ALL_DATASETS, load_pages  # noqa: E402

TOLERANCE = 1e-9


def record(page) -> dict:
    if page.is_text:
        result = dechaff.extract_result(page.text(), kind="text")
    else:
        result = dechaff.extract_result(page.html_bytes())
    shape = hashlib.sha1()
    for b in result.blocks:
        shape.update(repr((b.text, b.tag, b.context, b.link_chars, b.containers, b.signature,
                           b.blank_before, b.bullet)).encode("utf-8", "surrogatepass"))
    return {
        "text": result.text,
        "title": result.title,
        "kind": result.kind,
        "source": result.source,
        "lang": result.lang,
        "blocks": shape.hexdigest(),
        "scores": [b.score for b in result.blocks],
        "keep": "".join("1" if b.keep else "0" for b in result.blocks),
    }


def differences(old: dict, new: dict) -> list[str]:
    problems = [key for key in ("text", "title", "kind", "source", "lang", "blocks", "keep")
                if old[key] != new[key]]
    if len(old["scores"]) != len(new["scores"]):
        problems.append("block count")
    else:
        worst = max((abs(a - b) for a, b in zip(old["scores"], new["scores"])), default=0.0)
        if worst > TOLERANCE:
            problems.append(f"scores (max diff {worst:.3g})")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", default=str(Path(__file__).resolve().parents[2] / "shared" / "data"))
    parser.add_argument("--datasets", default=",".join(ALL_DATASETS))
    parser.add_argument("--limit", type=int, help="N pages per dataset, evenly spread")
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--save", metavar="FILE")
    group.add_argument("--check", metavar="FILE")
    args = parser.parse_args()
    print(f"dechaff from {dechaff.__file__}", file=sys.stderr)
    reference = {}
    if args.check:
        with gzip.open(args.check, "rt", encoding="utf-8") as f:
            reference = json.load(f)
    records: dict[str, dict] = {}
    failures = checked = 0
    for dataset in args.datasets.split(","):
        for page in load_pages(Path(args.data), dataset, limit=args.limit):
            key = f"{dataset}/{page.id}"
            new = record(page)
            if args.save:
                records[key] = new
                continue
            checked += 1
            problems = differences(reference[key], new)
            if problems:
                failures += 1
                print(f"DIFF {key}: {', '.join(problems)}")
        print(f"{dataset}: done", file=sys.stderr)
    if args.save:
        with gzip.open(args.save, "wt", encoding="utf-8") as f:
            json.dump(records, f, ensure_ascii=False)
        print(f"saved {len(records)} pages to {args.save}")
        return 0
    print(f"{checked} pages checked, {failures} differ")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
