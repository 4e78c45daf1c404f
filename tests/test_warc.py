"""Web archives: the pages of WARC and WET files, read as a stream."""

from __future__ import annotations

import gzip
import io
import json
import subprocess
import sys
import zlib
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
    junk = b"\x1f\x8b" + bytes(100)  # gzip's magic, then no gzip stream: read whole
    stream, is_archive = open_input(io.BytesIO(junk))
    assert not is_archive and stream.read() == junk


def response_pages(response: bytes) -> list[bytes]:
    archive = warc_record("response", response, "https://example.org/", "application/http; msgtype=response")
    return [page.payload for page in pages_of(archive)]


def test_a_response_body_is_read_as_the_server_meant_it() -> None:
    page = HTML_CASES[0].page()
    head = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
    # Compressed, sent in chunks, or both, as WARC files keep it.
    gzipped = gzip.compress(page)
    chunks = b"".join(b"%x;ext=1\r\n%s\r\n" % (len(gzipped[i:i + 700]), gzipped[i:i + 700])
                      for i in range(0, len(gzipped), 700)) + b"0\r\n\r\n"
    both = (head + "Content-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n").encode() + chunks
    assert response_pages(both) == [page]
    deflated = (head + "Content-Encoding: deflate\r\n\r\n").encode() + zlib.compress(page)
    assert response_pages(deflated) == [page]
    # An interim "100 Continue" block, and headers ending in bare newlines
    # before a body that holds a blank CRLF line.
    body = b"<p>First</p>\r\n\r\n<p>Second</p>"
    interim = b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\nContent-Type: text/html\n\n" + body
    assert response_pages(interim) == [body]
    # An encoding the standard library cannot undo is no page.
    assert response_pages((head + "Content-Encoding: br\r\n\r\n").encode() + bytes(range(50))) == []


def test_a_compressed_response_is_decompressed_only_up_to_the_limit() -> None:
    bomb = gzip.compress(b"<p>" + b"a" * 5_000_000)
    response = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n" + bomb
    archive = warc_record("response", response, "https://example.org/", "application/http")
    [page] = pages_of(archive, max_bytes=10_000)
    assert page.truncated and len(page.payload) == 10_000


class Trickle(io.RawIOBase):
    """A pipe that delivers one byte per read."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        if not self.data:
            return 0
        buffer[0], self.data = self.data[0], self.data[1:]
        return 1


def test_an_archive_trickling_through_a_pipe_is_still_an_archive() -> None:
    for archive in (warc_archive(), wet_archive()):
        stream, is_archive = open_input(io.BufferedReader(Trickle(archive), buffer_size=1))
        assert is_archive and len(list(records(stream, 10**8))) == 2


def test_a_corrupt_gzip_archive_raises_a_warc_error() -> None:
    archive = bytearray(wet_archive())
    archive[len(archive) // 2: len(archive) // 2 + 64] = bytes(64)
    stream, is_archive = open_input(io.BytesIO(bytes(archive)))
    assert is_archive
    with pytest.raises(WarcError, match="corrupt"):
        list(records(stream, 10**8))


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


def test_the_command_reports_a_cut_or_corrupt_file_and_goes_on(tmp_path: Path) -> None:
    whole = warc_archive()
    cut = tmp_path / "cut.warc"
    cut.write_bytes(whole[: whole.index(b"https://example.org/1") + 200])
    corrupt_page = tmp_path / "page.html.gz"
    zipped = bytearray(gzip.compress(HTML_CASES[1].page()))
    zipped[len(zipped) // 2: len(zipped) // 2 + 64] = bytes(64)
    corrupt_page.write_bytes(bytes(zipped))
    good = tmp_path / "good.html"
    good.write_bytes(HTML_CASES[0].page())
    done = run("--json", str(cut), str(corrupt_page), str(good))
    assert done.returncode == 1
    assert [json.loads(line)["file"] for line in done.stdout.splitlines()] == [str(cut), str(good)]
    assert done.stderr.count(b"cannot read") == 2 and b"Traceback" not in done.stderr
