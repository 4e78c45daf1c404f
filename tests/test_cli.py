"""The dechaff command, run as a user would run it."""

from __future__ import annotations

import json
import multiprocessing
import os
import subprocess
import sys
from pathlib import Path

import pytest

import dechaff
from dechaff import cli
from dechaff.cli import build_parser

from cases import FIXTURES, all_cases

SEED = FIXTURES / "seed" / "input.txt"


def run(*args: str, stdin: bytes | None = None,
        env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "dechaff", *args], input=stdin,
                          capture_output=True, timeout=120, env=env)


def test_file_argument_prints_main_content() -> None:
    done = run(str(SEED))
    assert done.returncode == 0
    assert done.stdout.decode() == dechaff.extract(SEED.read_bytes()) + "\n"


def test_stdin_is_read_without_arguments_and_with_dash() -> None:
    expected = dechaff.extract(SEED.read_bytes()) + "\n"
    assert run(stdin=SEED.read_bytes()).stdout.decode() == expected
    assert run("-", stdin=SEED.read_bytes()).stdout.decode() == expected


def test_example_prints_the_bundled_article_with_title() -> None:
    done = run("--example", "--title")
    assert done.returncode == 0
    lines = done.stdout.decode().splitlines()
    assert lines[0] == "Putin says ready to strengthen Russia-China cooperation"
    assert lines[2].startswith("MOSCOW, Oct. 22 (Xinhua)")


def test_unreadable_file_is_named_and_others_still_run(tmp_path: Path) -> None:
    missing = tmp_path / "missing.html"
    done = run(str(missing), str(SEED))
    assert done.returncode == 1
    err = done.stderr.decode()
    assert str(missing) in err and "Traceback" not in err and len(err.splitlines()) == 1
    assert b"MOSCOW" in done.stdout


def test_json_prints_one_record_per_page_in_order(tmp_path: Path) -> None:
    html_case = next(case for case in all_cases() if case.kind == "html")
    page = tmp_path / "page.html"
    page.write_bytes(html_case.page())
    done = run("--json", str(page), "-", stdin=SEED.read_bytes())
    assert done.returncode == 0
    lines = done.stdout.decode("utf-8").splitlines()
    assert len(lines) == 2
    records = [json.loads(line) for line in lines]
    assert [r["file"] for r in records] == [str(page), "-"]
    for record, data in zip(records, (page.read_bytes(), SEED.read_bytes())):
        expected = dechaff.extract_result(data)
        assert record["text"] == expected.text and record["title"] == expected.title
        assert record["kind"] == expected.kind and record["source"] == expected.source
        assert (record["author"], record["date"]) == (expected.author, expected.date)
        assert abs(record["confidence"] - expected.confidence) < 1e-4
    assert [r["kind"] for r in records] == ["html", "text"]
    assert records[1]["title"] == "Putin says ready to strengthen Russia-China cooperation"
    assert records[1]["date"] == "2020-10-23"


def test_a_stdout_that_cannot_encode_the_text_gets_replacements_not_a_crash(tmp_path: Path) -> None:
    sentence = "Un texte français avec des accents éàü et du chinois 中文, assez long pour être gardé. "
    page = tmp_path / "fr.html"
    page.write_text(f"<html><body><article><p>{sentence * 3}</p></article></body></html>", "utf-8")
    expected = dechaff.extract(page.read_bytes())
    assert "ç" in expected
    ascii_env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    done = run(str(page), env=ascii_env)
    assert done.returncode == 0 and b"Traceback" not in done.stderr
    assert done.stdout.decode("ascii") == expected.encode("ascii", "replace").decode("ascii") + "\n"
    # JSON escapes what the encoding lacks: the record is whole.
    done = run("--json", str(page), env=ascii_env)
    assert done.returncode == 0
    assert json.loads(done.stdout.decode("ascii"))["text"] == expected


def test_usage_error_exits_2() -> None:
    done = run("--kind", "pdf", str(SEED))
    assert done.returncode == 2
    assert b"invalid choice" in done.stderr
    assert run("--threshold", "7", str(SEED)).returncode == 2


def test_kind_flag_forces_text_reading(tmp_path: Path) -> None:
    page = tmp_path / "p.html"
    page.write_text("<p>" + "A sentence of plain words that reads like prose. " * 8 + "</p>")
    assert b"<p>" not in run(str(page)).stdout
    assert b"<p>" in run("--kind", "text", str(page)).stdout


def test_markdown_flag_prints_markdown_also_in_json(tmp_path: Path) -> None:
    docs = next(case for case in all_cases() if case.page_type == "documentation" and case.kind == "html")
    page = tmp_path / "docs.html"
    page.write_bytes(docs.page())
    expected = dechaff.extract(docs.page(), output_format="markdown")
    assert "\n## " in expected and "\n```\n" in expected
    assert run("--markdown", str(page)).stdout.decode("utf-8") == expected + "\n"
    record = json.loads(run("--markdown", "--json", str(page)).stdout)
    assert record["text"] == expected


def test_workers_write_what_one_process_writes_in_the_same_order(tmp_path: Path) -> None:
    files = []
    for case in all_cases()[:10]:
        path = tmp_path / f"{case.name}.{'html' if case.kind == 'html' else 'txt'}"
        path.write_bytes(case.page())
        files.append(str(path))
    one = run("--json", *files)
    two = run("--json", "--jobs", "2", *files)
    assert one.returncode == two.returncode == 0
    assert two.stdout == one.stdout and len(one.stdout.splitlines()) == 10
    # The settings reach the workers whole: selectors, Markdown, explanations.
    options = ("--json", "--markdown", "--explain", "--include", "//article", "--exclude", "//aside")
    one, two = run(*options, *files), run(*options, "--jobs", "2", *files)
    assert two.stdout == one.stdout and b'"blocks"' in one.stdout


def test_a_page_past_the_timeout_is_reported_and_left_empty(tmp_path: Path) -> None:
    html = next(case for case in all_cases() if case.kind == "html")
    page = tmp_path / "page.html"
    page.write_bytes(html.page())
    for jobs in ("1", "2"):
        done = run("--json", "--timeout", "0.0001", "--jobs", jobs, str(page), str(SEED))
        assert done.returncode == 0 and b"Traceback" not in done.stderr
        records = [json.loads(line) for line in done.stdout.splitlines()]
        assert [r["file"] for r in records] == [str(page), str(SEED)]
        assert all(r["text"] == "" and r["error"].startswith("timed out") for r in records)
        assert done.stderr.decode().count("timed out") == 2
    # Given the time, the same pages come out whole.
    done = run("--json", "--timeout", "60", str(page))
    assert "error" not in json.loads(done.stdout) and json.loads(done.stdout)["text"]


_REAL_EXTRACT = cli._extract


def _killing_extract(page: cli._Page, job: cli._Job) -> cli._Outcome:
    """What a page that crashes the process it is read in does to it."""
    if page.file == "killer":
        os._exit(1)
    return _REAL_EXTRACT(page, job)


def test_a_page_that_kills_its_worker_is_reported_and_the_others_go_on(
        monkeypatch: pytest.MonkeyPatch) -> None:
    if multiprocessing.get_start_method() != "fork":
        pytest.skip("the workers must inherit the patched function")
    monkeypatch.setattr(cli, "_extract", _killing_extract)
    seed = SEED.read_bytes()
    names = ["p0", "p1", "killer", "p3", "p4", "p5", "p6"]
    job = cli._Job(None, dechaff.Settings(), "txt", None)
    outcomes = list(cli._extract_all((cli._Page(name, seed) for name in names), job, 2))
    assert [page.file for page, _ in outcomes] == names
    expected = dechaff.extract(seed)
    for page, outcome in outcomes:
        if page.file == "killer":
            assert outcome.error == cli.WORKER_DIED and outcome.record["text"] == ""
            assert outcome.record["kind"] == "text"
        else:
            assert not outcome.error and outcome.record["text"] == expected


def test_progress_counts_the_pages_on_standard_error() -> None:
    done = run("--progress", str(SEED), str(SEED), "--example")
    assert done.returncode == 0
    assert done.stderr.decode().rstrip().endswith("pages/s")
    assert "3 pages" in done.stderr.decode()
    assert run("--jobs", "0", str(SEED)).returncode == 2
    for bad in ("-1", "0", "inf", "nan", "1e20"):
        assert run("--timeout", bad, str(SEED)).returncode == 2, bad


def test_version_and_help() -> None:
    assert run("--version").stdout.decode().strip() == f"dechaff {dechaff.__version__}"
    text = build_parser().format_help()
    for option in ("--kind", "--title", "--json", "--markdown", "--threshold", "--include-comments",
                   "--include", "--exclude", "--explain", "--jobs", "--timeout", "--progress", "--example",
                   "--version", "exit status"):
        assert option in text


def test_explain_prints_every_block_with_its_reason() -> None:
    result = dechaff.extract_result(SEED.read_bytes(), settings=dechaff.Settings(explain=True))
    lines = run("--explain", str(SEED)).stdout.decode("utf-8").splitlines()
    assert len(lines) == len(result.blocks)
    for line, block in zip(lines, result.blocks):
        assert line.startswith(("+ " if block.keep else "- ") + f"{block.score:.2f} {block.tag}")
        assert block.reason in line
    record = json.loads(run("--json", "--explain", str(SEED)).stdout)
    assert [b["reason"] for b in record["blocks"]] == [b.reason for b in result.blocks]
    assert record["text"] == result.text


def test_include_and_exclude_selectors(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    prose = "The council voted on Monday to close the old bridge for repairs, said the mayor. " * 3
    page.write_text(f"<html><body><article><p>{prose}</p><div id='c'><p>{prose.upper()}</p></div>"
                    f"</article><aside><p>{prose.replace('bridge', 'harbour')}</p></aside></body></html>")
    both = run("--threshold", "0", "--include", "article", "--exclude", "//div[@id='c']", str(page))
    assert both.returncode == 0
    assert both.stdout.decode().strip() == prose.strip()
    assert run("--include", "article[", str(page)).returncode == 2  # a usage error, said at once
