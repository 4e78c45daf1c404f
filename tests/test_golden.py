"""Golden outputs: the exact text dechaff writes for a few real pages.

A failure prints a unified diff.  When a change is meant to alter the output,
regenerate and review:

    python tests/test_golden.py --regenerate
    git diff tests/fixtures
"""

from __future__ import annotations

import difflib
import sys

import pytest

import dechaff

from cases import CASES, Case, all_cases

#: The golden cases: a few of each input kind and style.
GOLDEN = (
    "wcxb-dev-0164-html",  # article
    "wcxb-dev-0566-html",  # forum
    "wcxb-dev-3014-html",  # listing
    "scrapinghub-232a43fb15ab-html",
)


def golden_cases() -> list[Case]:
    by_name = {case.name: case for case in all_cases()}
    styles_seen: set[str] = set()
    chosen = [by_name[name] for name in GOLDEN if name in by_name]
    for case in all_cases():  # plus the first case of each text style
        if case.kind == "text" and case.style not in styles_seen:
            styles_seen.add(case.style)
            chosen.append(case)
    return chosen


def actual(case: Case) -> str:
    return dechaff.extract(case.page(), kind=case.kind) + "\n"


@pytest.mark.parametrize("case", golden_cases(), ids=lambda c: c.name)
def test_output_matches_golden(case: Case) -> None:
    expected = (case.folder / "expected.txt").read_text("utf-8")
    got = actual(case)
    if got != expected:
        diff = "".join(difflib.unified_diff(
            expected.splitlines(keepends=True), got.splitlines(keepends=True),
            fromfile=f"{case.name}/expected.txt", tofile="dechaff output"))
        pytest.fail(f"output differs from golden (regenerate: python tests/test_golden.py "
                    f"--regenerate)\n{diff}", pytrace=False)


def regenerate() -> None:
    for case in golden_cases():
        (case.folder / "expected.txt").write_text(actual(case), encoding="utf-8")
        print(f"wrote {(case.folder / 'expected.txt').relative_to(CASES.parent.parent.parent)}")


if __name__ == "__main__":
    if sys.argv[1:] != ["--regenerate"]:
        sys.exit("usage: python tests/test_golden.py --regenerate")
    regenerate()
