"""Golden outputs: the exact text dechaff writes for a few real pages, as plain
text (expected.txt) and, for the HTML pages, as Markdown (expected.md).

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
    "wcxb-dev-2997-html",  # documentation: headings, lists and code
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


#: The golden file of each output format.
FILES = {"txt": "expected.txt", "markdown": "expected.md"}


def golden_outputs() -> list[tuple[Case, str]]:
    """Each golden case with each format it is kept in: Markdown for HTML only
    (a text page's Markdown differs from its text only in its bullets)."""
    return [(case, output_format) for case in golden_cases() for output_format in FILES
            if output_format == "txt" or case.kind == "html"]


def actual(case: Case, output_format: str) -> str:
    return dechaff.extract(case.page(), kind=case.kind, output_format=output_format) + "\n"


@pytest.mark.parametrize(("case", "output_format"), golden_outputs(),
                         ids=lambda value: value.name if isinstance(value, Case) else value)
def test_output_matches_golden(case: Case, output_format: str) -> None:
    name = FILES[output_format]
    expected = (case.folder / name).read_text("utf-8")
    got = actual(case, output_format)
    if got != expected:
        diff = "".join(difflib.unified_diff(
            expected.splitlines(keepends=True), got.splitlines(keepends=True),
            fromfile=f"{case.name}/{name}", tofile="dechaff output"))
        pytest.fail(f"output differs from golden (regenerate: python tests/test_golden.py "
                    f"--regenerate)\n{diff}", pytrace=False)


def regenerate() -> None:
    for case, output_format in golden_outputs():
        path = case.folder / FILES[output_format]
        path.write_text(actual(case, output_format), encoding="utf-8")
        print(f"wrote {path.relative_to(CASES.parent.parent.parent)}")


if __name__ == "__main__":
    if sys.argv[1:] != ["--regenerate"]:
        sys.exit("usage: python tests/test_golden.py --regenerate")
    regenerate()
