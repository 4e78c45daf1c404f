"""The package ships ``py.typed``: its annotations must hold, as a type checker sees them."""

from __future__ import annotations

from pathlib import Path

from mypy import api

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "dechaff"


def test_package_type_checks() -> None:
    # lxml ships no annotations (and lxml-stubs disagrees with its str/bytes use):
    # its calls are taken as untyped; every annotation of ours is checked.
    report, errors, status = api.run([str(PACKAGE), "--ignore-missing-imports",
                                      "--no-error-summary", "--cache-dir=/dev/null"])
    assert status == 0, report + errors
