"""The README's Python examples run as written, and say what they print."""

from __future__ import annotations

import contextlib
import gzip
import io
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
_PYTHON_BLOCK = re.compile(r"^```python\n(.*?)^```", re.M | re.S)
#: A line of an example that states its value in a comment: ``result.title  # 'Putin ...'``.
_STATED_VALUE = re.compile(r"^(\w[\w.]*)\s+#\s+('[^']*')\s*$", re.M)


def test_the_readme_python_examples_run_in_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    blocks = _PYTHON_BLOCK.findall(readme)
    assert len(blocks) >= 4
    # The examples read "page.html" and the bundled seed from the repository's root.
    page = ROOT / "tests" / "fixtures" / "cases" / "scrapinghub-04a6711caa7c-html" / "input.html.gz"
    (tmp_path / "page.html").write_bytes(gzip.decompress(page.read_bytes()))
    (tmp_path / "tests").symlink_to(ROOT / "tests")
    # ... and "crawl.warc.wet.gz": the seed as a WET file's one page, as crawlers write it.
    seed = (ROOT / "tests" / "fixtures" / "seed" / "input.txt").read_bytes()
    record = (b"WARC/1.0\r\nWARC-Type: conversion\r\nWARC-Target-URI: http://en.people.cn/n3/2020/1023/"
              b"\r\nContent-Type: text/plain\r\nContent-Length: %d\r\n\r\n%s\r\n\r\n" % (len(seed), seed))
    (tmp_path / "crawl.warc.wet.gz").write_bytes(gzip.compress(record))
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {}
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        for block in blocks:
            exec(compile(block, "README.md", "exec"), namespace)  # noqa: S102 - our own README
    assert "Xinhua" in printed.getvalue()  # the seed's article was printed
    assert "http://en.people.cn/n3/2020/1023/" in printed.getvalue()  # and its record read
    stated = _STATED_VALUE.findall("\n".join(blocks))
    assert stated, "no example states a value"
    for expression, value in stated:
        assert eval(expression, namespace) == eval(value), expression  # noqa: S307
    assert 0 < namespace["f1"] < 1  # type: ignore[operator]
