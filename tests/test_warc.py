"""Web archives: the pages of WARC and WET files, read as a stream."""

from __future__ import annotations

import gzip
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

import dechaff
from dechaff.warc import WarcError, open_input, records

from cases import all_cases

HTML_CASES = [case for case in all_cases() if case.kind == "html"][:2]
TEXT_CASES = [case for case in all_cases() if case.style == "wet"][:2]


def warc_record(record_type: str, payload: bytes, url: str = "", content_type: str = "") -> bytes:
    headers = [f"WARC-Type: {record_type}", "WARC-Date: 2024-02-20T12:00:00Z",
               f"WARC-Record-ID: <urn:uuid:{record_type}-{len(payload)}>"]
    if url:
        headers.append(f"WARC-Target-URI: {url}")
    if content_type:
        headers.append(f"Content-Type: {content_type}")
    headers.append(f"Content-Length: {len(payload)}")
    return ("WARC/1.0\r\n" + "\r\n".join(headers) + "\r\n\r\n").encode() + payload + b"\r\n\r\n"


def http_response(body: bytes, content_type: str) -> bytes:
    return (f"HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\n"
            f"Content-Length: {len(body)}\r\n\r\n").encode() + body


def gzipped_members(parts: list[bytes]) -> bytes:
    """As crawlers write them: one gzip member per record."""
    return b"".join(gzip.compress(part) for part in parts)


def wet_archive() -> bytes:
    parts = [warc_record("warcinfo", b"software: test\r\n", content_type="application/warc-fields")]
    parts += [warc_record("conversion", case.page(), f"https://example.org/{case.name}", "text/plain")
              for case in TEXT_CASES]
    return gzipped_members(parts)


def warc_archive() -> bytes:
    image = http_response(b"\x89PNG\r\n\x1a\n" + bytes(200), "image/png")
    parts = [warc_record("request", b"GET / HTTP/1.1\r\n\r\n", "https://example.org/", "application/http")]
    for i, case in enumerate(HTML_CASES):
        response = http_response(case.page(), "text/html; charset=utf-8")
        parts.append(warc_record("response", response, f"https://example.org/{i}", "application/http; msgtype=response"))
        parts.append(warc_record("response", image, f"https://example.org/{i}.png", "application/http; msgtype=response"))
    parts.append(warc_record("metadata", b"fetchTimeMs: 12\r\n", "https://example.org/", "application/warc-fields"))
    return b"".join(parts)


def pages_of(archive: bytes, max_bytes: int = 10**8) -> list:
    stream, is_archive = open_input(io.BytesIO(archive))
    assert is_archive
    return list(records(stream, max_bytes))


def test_a_wet_file_yields_its_text_records_with_their_urls() -> None:
    pages = pages_of(wet_archive())
    assert [page.url for page in pages] == [f"https://example.org/{case.name}" for case in TEXT_CASES]
    assert [page.payload for page in pages] == [case.page() for case in TEXT_CASES]
    assert {page.kind for page in pages} == {"text"} and not any(page.truncated for page in pages)


def test_a_warc_file_yields_its_html_responses_without_http_headers() -> None:
    pages = pages_of(warc_archive())
    assert [page.url for page in pages] == ["https://example.org/0", "https://example.org/1"]
    assert [page.payload for page in pages] == [case.page() for case in HTML_CASES]
    assert {page.kind for page in pages} == {"html"}
    assert pages[0].date == "2024-02-20T12:00:00Z" and pages[0].record_id.startswith("<urn:uuid:")


def test_a_page_longer_than_the_limit_is_cut_and_flagged() -> None:
    case = TEXT_CASES[0]
    pages = pages_of(wet_archive(), max_bytes=1000)
    assert pages[0].truncated and pages[0].payload == case.page()[:1000]
    assert len(pages) == len(TEXT_CASES)  # the next record is read where it starts


def test_a_cut_or_malformed_archive_raises_after_the_pages_before_it() -> None:
    whole = warc_archive()
    cut = whole[: whole.index(b"https://example.org/1") + 200]
    stream, _ = open_input(io.BytesIO(cut))
    read = []
    with pytest.raises(WarcError):
        for page in records(stream, 10**8):
            read.append(page.url)
    assert read == ["https://example.org/0"]
    # A header line of a megabyte without a newline is no header, nor held whole.
    stream, _ = open_input(io.BytesIO(b"WARC/1.0\r\nWARC-Type: " + b"x" * 1_000_000))
    with pytest.raises(WarcError):
        list(records(stream, 10**8))
    stream, _ = open_input(io.BytesIO(b"WARC/1.0\r\nContent-Length: many\r\n\r\n"))
    with pytest.raises(WarcError, match="Content-Length"):
        list(records(stream, 10**8))


def test_a_page_that_is_no_archive_is_read_as_it_is_and_gzip_undone() -> None:
    page = HTML_CASES[0].page()
    for data in (page, gzip.compress(page)):
        stream, is_archive = open_input(io.BytesIO(data))
        assert not is_archive and stream.read() == page
    junk = b"\x1f\x8b" + bytes(100)  # gzip's magic, then no gzip stream
    stream, is_archive = open_input(io.BytesIO(junk))
    assert not is_archive


def run(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "dechaff", *args], capture_output=True, timeout=120)


def test_the_command_prints_a_json_line_per_page_of_an_archive(tmp_path: Path) -> None:
    wet, warc = tmp_path / "crawl.warc.wet.gz", tmp_path / "crawl.warc"
    wet.write_bytes(wet_archive())
    warc.write_bytes(warc_archive())
    done = run("--json", str(wet), str(warc))
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stdout.decode("utf-8").splitlines()]
    assert [line["file"] for line in lines] == [str(wet)] * 2 + [str(warc)] * 2
    assert [line["url"] for line in lines] == [
        *(f"https://example.org/{case.name}" for case in TEXT_CASES), "https://example.org/0",
        "https://example.org/1"]
    for line, case in zip(lines, TEXT_CASES + HTML_CASES):
        expected = dechaff.extract_result(case.page(), kind=case.kind)
        assert (line["text"], line["title"], line["kind"]) == (expected.text, expected.title, case.kind)


def test_the_command_reports_a_cut_archive_after_its_pages(tmp_path: Path) -> None:
    whole = warc_archive()
    cut = tmp_path / "cut.warc"
    cut.write_bytes(whole[: whole.index(b"https://example.org/1") + 200])
    done = run("--json", str(cut))
    assert done.returncode == 1
    assert len(done.stdout.splitlines()) == 1
    assert b"cannot read" in done.stderr and b"Traceback" not in done.stderr
