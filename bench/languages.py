"""Other languages: dechaff on newspaper4k's test pages, most of them not in English.

The evaluation data (``../shared/data``) is all English; the pages dechaff meets
are not.  newspaper4k ships, in its source distribution, a few news pages in
Arabic, Burmese, Chinese, Japanese, Korean, Latvian, Spanish and Thai (and
English ones) with the article text it expects (MIT licence).  Its expected
text is one extractor's output, not a human-reviewed gold, and the pages are
few: this is a check that nothing breaks in other scripts and languages, not a
figure to tune on.

    pip download --no-deps --no-binary :all: newspaper4k==0.9.6 -d /tmp
    tar xzf /tmp/newspaper4k-0.9.6.tar.gz -C /tmp
    python bench/languages.py --data /tmp/newspaper4k-0.9.6/tests/data

Each page runs as HTML (dechaff, trafilatura) and as whole-page text in two of
the data's styles, made here by their rules (``bench/render.py``): WET (dechaff,
C4's line rules) and naive.  Scores are word F1 (``\\w+`` tokens, as everywhere
in the harness) and, since Chinese, Japanese, Thai and Burmese write no spaces
between words (a \\w+ token is a whole clause), character-bigram F1 beside it.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path
from statistics import mean

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

import dechaff  # noqa: E402
from c4rules import c4_lines  # noqa: E402
from pages import decode_html  # noqa: E402
from render import naive_text, wet_text  # noqa: E402

from dechaff.metrics import word_prf  # noqa: E402

#: The language of each page, by the start of its file name (English otherwise).
LANGUAGES = {"arabic": "ar", "burmese": "my", "chinese": "zh", "japanese": "ja", "latvian": "lv",
             "spanish": "es", "thai": "th", "yna_co_kr": "ko"}


def bigram_f1(predicted: str, reference: str) -> float:
    """F1 of the character bigrams, white space removed."""
    def bigrams(text: str) -> Counter[str]:
        text = re.sub(r"\s+", "", text.lower())
        return Counter(text[i:i + 2] for i in range(len(text) - 1))
    p, r = bigrams(predicted), bigrams(reference)
    overlap = sum((p & r).values())
    return 2 * overlap / (sum(p.values()) + sum(r.values())) if p and r else float(p == r)


def systems(raw: bytes) -> dict[str, str]:
    """Each system's output on a page."""
    import trafilatura

    html = decode_html(raw)
    wet, naive = wet_text(raw), naive_text(raw)
    return {
        "dechaff html": dechaff.extract(raw),
        "trafilatura html": trafilatura.extract(html) or "",
        "dechaff wet": dechaff.extract(wet, kind="text"),
        "c4 wet": c4_lines(wet),
        "dechaff naive": dechaff.extract(naive, kind="text"),
        "c4 naive": c4_lines(naive),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="newspaper4k's tests/data directory")
    args = parser.parse_args()
    rows = []
    for path in sorted((args.data / "html").glob("*.html")):
        gold_path = args.data / "txt" / f"{path.stem}.txt"
        if not gold_path.exists():
            continue
        gold = gold_path.read_text("utf-8")
        language = next((code for prefix, code in LANGUAGES.items() if path.stem.startswith(prefix)), "en")
        outputs = systems(path.read_bytes())
        rows.append((path.stem, language, {name: (word_prf(text, gold).f1, bigram_f1(text, gold))
                                            for name, text in outputs.items()}))
    names = list(rows[0][2])
    print("| page | lang | " + " | ".join(names) + " |")
    print("|---|---|" + "---:|" * len(names))
    for page, language, scores in rows:
        print(f"| {page} | {language} | " + " | ".join(f"{scores[n][0]:.3f} / {scores[n][1]:.3f}" for n in names) + " |")
    for label, chosen in (("English", [r for r in rows if r[1] == "en"]), ("other", [r for r in rows if r[1] != "en"])):
        print(f"| **mean, {label}** ({len(chosen)}) | | " + " | ".join(
            f"{mean(r[2][n][0] for r in chosen):.3f} / {mean(r[2][n][1] for r in chosen):.3f}" for n in names) + " |")
    print("\nword F1 / character-bigram F1")
    return 0


if __name__ == "__main__":
    sys.exit(main())
