"""Score dechaff on copies of the pages written in other letters.

    python bench/other_letters.py [--dataset scrapinghub] [--step 1] [--data ../shared/data]

The evaluation pages are nearly all English, and the held-out ones are not.
Every Latin letter of a page's visible text (and of its gold) becomes a Greek
one (a cased script) or a Hebrew one (caseless): the page keeps its markup,
shape, punctuation and digits, but none of its words is in the shipped
function-word lists.  Prints the mean word F1 of the pages as they are, through
the rewriting parser unchanged (``identity``: what re-serialising costs), and in
each script.  A ``text/<style>/<source>`` dataset rewrites the text renderings.
"""

from __future__ import annotations

import argparse
import gzip
import statistics
import sys
from collections.abc import Callable
from pathlib import Path

from lxml import etree

import dechaff
from dechaff.decode import decode_utf8
from dechaff.metrics import word_prf

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pages import load_pages  # noqa: E402

_LATIN = "abcdefghijklmnopqrstuvwxyz"
SCRIPTS = {
    "identity": str.maketrans("", ""),
    "greek": str.maketrans(_LATIN + _LATIN.upper(),
                           "αβγδεζηθικλμνξοπρστυφχψωάέ" "ΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩΆΈ"),
    "hebrew": str.maketrans(_LATIN + _LATIN.upper(), "אבגדהוזחטיכלמנסעפצקרשתאבגד" * 2),
}


def rewrite_html(raw: bytes, rewrite: Callable[[str], str]) -> bytes:
    """The page with ``rewrite`` applied to its text (not to its scripts and styles)
    and to the titles and descriptions it gives in attributes."""
    root = etree.fromstring(decode_utf8(raw)[0].encode("utf-8"), etree.HTMLParser(encoding="utf-8"))
    if root is None:
        return raw
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag not in ("script", "style") and element.text:
            element.text = rewrite(element.text)
        if element.tail:
            element.tail = rewrite(element.tail)
        for name in ("title", "alt", "content"):
            if name in element.attrib:
                element.attrib[name] = rewrite(element.attrib[name])
    return etree.tostring(root, encoding="utf-8", method="html")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data")
    parser.add_argument("--dataset", default="scrapinghub", help="scrapinghub, wcxb-dev or text/<style>/<source>")
    parser.add_argument("--step", type=int, default=1, help="every STEP-th page")
    args = parser.parse_args()
    pages = load_pages(args.data, args.dataset)[:: args.step]
    scores: dict[str, list[float]] = {"as is": []} | {name: [] for name in SCRIPTS}
    for page in pages:
        if page.text_path:
            raw, kind = page.text_path.read_bytes(), "text"
        else:
            raw, kind = page.html_path.read_bytes(), "html"
            if page.html_path.suffix == ".gz":
                raw = gzip.decompress(raw)
        scores["as is"].append(word_prf(dechaff.extract(raw, kind=kind), page.gold).f1)
        for name, table in SCRIPTS.items():
            def rewrite(text: str, table: dict = table) -> str:
                return text.translate(table)
            copy = rewrite_html(raw, rewrite) if kind == "html" else rewrite(decode_utf8(raw)[0]).encode()
            scores[name].append(word_prf(dechaff.extract(copy, kind=kind), rewrite(page.gold)).f1)
    for name, values in scores.items():
        print(f"{args.dataset:24s} {name:9s} {statistics.mean(values):.4f}  n={len(values)}")


if __name__ == "__main__":
    main()
