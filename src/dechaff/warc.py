"""Reading web archives: the pages of a WARC file or of Common Crawl's WET files.

A WARC file is a sequence of records, each a block of "Name: value" header
lines, a blank line and ``Content-Length`` bytes of payload; compressed, each
record is a gzip member of its own.  Of those records, the pages are:

- a WET file's ``conversion`` records: the text of a page (``kind="text"``);
- a WARC file's ``response`` records holding an HTTP response whose type is
  HTML: the HTTP headers are cut off, the body is the page (``kind="html"``);
- ``resource`` records of an HTML type (a page archived without its HTTP exchange).

The archive is read as a stream, one record at a time: a crawl's file of a
gigabyte never sits in memory, and a payload longer than ``max_bytes`` is cut
to that length (the rest skipped unread into memory) and flagged ``truncated``.
"""

from __future__ import annotations

import gzip
import io
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

#: How a WARC record starts ("WARC/1.0", "WARC/1.1").
MAGIC = b"WARC/"
_GZIP_MAGIC = b"\x1f\x8b"
#: Header lines longer than this, or more of them than MAX_HEADER_LINES, are no
#: WARC header: reading stops there instead of buffering a hostile "line".
MAX_HEADER_LINE = 65_536
MAX_HEADER_LINES = 1_000
#: The payload is skipped in pieces of this size past ``max_bytes``.
_SKIP_CHUNK = 1 << 20


class WarcError(ValueError):
    """The archive is not a WARC file, or is cut or malformed at some record."""


@dataclass(frozen=True)
class Record:
    """One page of an archive."""

    #: The page's address (``WARC-Target-URI``), "" if the record has none.
    url: str
    #: "html" or "text": how the page is to be read.
    kind: str
    #: The page: the HTTP body of a response, the text of a conversion.
    payload: bytes
    #: ``WARC-Date`` and ``WARC-Record-ID``, as written in the archive.
    date: str = ""
    record_id: str = ""
    #: The payload was longer than the reader's ``max_bytes`` and was cut.
    truncated: bool = False


def open_input(stream: BinaryIO) -> tuple[io.BufferedIOBase, bool]:
    """``stream`` decompressed if it is gzipped (a ``.warc.gz``, a ``.wet.gz``, a
    gzipped page), and whether it is a WARC archive.  What is read to tell is
    put back: the stream returned reads the input from its start.  A pipe may
    deliver a few bytes at a time: the start is read until it is whole."""
    head = _read_up_to(stream, len(MAGIC))
    if head[:2] != _GZIP_MAGIC:
        return io.BufferedReader(_Prefixed(head, stream)), head == MAGIC
    # Enough of the gzip stream to know it is one: junk that starts like gzip
    # is read as it is, with nothing lost.
    head += _read_up_to(stream, _GZIP_PROBE - len(head))
    try:
        start = zlib.decompressobj(_GZIP_WBITS).decompress(head, len(MAGIC))
    except zlib.error:
        return io.BufferedReader(_Prefixed(head, stream)), False
    unzipped = gzip.GzipFile(fileobj=io.BufferedReader(_Prefixed(head, stream)))
    return unzipped, start == MAGIC


#: How much of a stream that starts like gzip is tried as one, and the zlib
#: window bits that read a gzip header (16 + 15).
_GZIP_PROBE = 65_536
_GZIP_WBITS = 31


def _read_up_to(stream: BinaryIO, size: int) -> bytes:
    """The next ``size`` bytes of ``stream``, fewer only at its end."""
    data = b""
    while len(data) < size:
        chunk = stream.read(size - len(data))
        if not chunk:
            break
        data += chunk
    return data


class _Prefixed(io.RawIOBase):
    """A stream that reads ``prefix``, then the rest of ``stream``."""

    def __init__(self, prefix: bytes, stream: BinaryIO) -> None:
        self.prefix = prefix
        self.stream = stream

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        if self.prefix:
            size = min(len(buffer), len(self.prefix))
            buffer[:size] = self.prefix[:size]
            self.prefix = self.prefix[size:]
            return size
        read = getattr(self.stream, "read1", self.stream.read)
        data = read(len(buffer))
        buffer[:len(data)] = data
        return len(data)


def records(archive: io.BufferedIOBase, max_bytes: int) -> Iterator[Record]:
    """The pages of an archive (``open_input``), in order; other
    records (``warcinfo``, ``request``, ``metadata``, images...) are skipped.
    Raises ``WarcError`` where the archive stops being WARC (a cut download:
    the pages before it have been yielded)."""
    try:
        yield from _records(archive, max_bytes)
    except (zlib.error, EOFError, gzip.BadGzipFile) as error:  # a corrupt or cut .gz
        raise WarcError(f"corrupt compressed data ({error})") from None


def _records(archive: io.BufferedIOBase, max_bytes: int) -> Iterator[Record]:
    while True:
        headers = _read_headers(archive)
        if headers is None:
            return
        try:
            length = int(headers.get("content-length", ""))
        except ValueError:
            raise WarcError(f"record without a valid Content-Length: {headers.get('warc-record-id', '?')}") from None
        if length < 0:
            raise WarcError("negative Content-Length")
        kind = _page_kind(headers)
        if kind is None:
            _skip(archive, length)
            continue
        wanted = min(length, max_bytes + _HTTP_HEADER_ALLOWANCE)
        payload = archive.read(wanted)
        if len(payload) < wanted:
            raise WarcError("the archive ends inside a record")
        _skip(archive, length - len(payload))
        truncated = length > len(payload)
        if headers.get("warc-type") == "response":
            body = _http_body(payload, max_bytes)
            if body is None:
                continue  # no HTML behind the HTTP headers, or in an encoding unknown here
            payload = body
        if len(payload) > max_bytes:
            payload, truncated = payload[:max_bytes], True
        yield Record(headers.get("warc-target-uri", "").strip("<>"), kind, payload,
                     headers.get("warc-date", ""), headers.get("warc-record-id", ""), truncated)


#: Of a response record, this much more than ``max_bytes`` is read, for its HTTP headers.
_HTTP_HEADER_ALLOWANCE = 65_536


def _read_headers(archive: io.BufferedIOBase) -> dict[str, str] | None:
    """The next record's headers (names lower-cased), None at the end of the archive."""
    line = archive.readline(MAX_HEADER_LINE)
    while line in (b"\r\n", b"\n"):  # the blank lines closing the previous record
        line = archive.readline(MAX_HEADER_LINE)
    if not line:
        return None
    if not line.startswith(MAGIC):
        raise WarcError(f"expected a WARC record, found {line[:40]!r}")
    headers: dict[str, str] = {}
    for _ in range(MAX_HEADER_LINES):
        line = archive.readline(MAX_HEADER_LINE)
        if not line:
            raise WarcError("the archive ends inside a record's headers")
        if line in (b"\r\n", b"\n"):
            return headers
        name, colon, value = line.decode("utf-8", "replace").partition(":")
        if colon:
            headers[name.strip().lower()] = value.strip()
    raise WarcError("a record with too many header lines")


def _page_kind(headers: dict[str, str]) -> str | None:
    """"text" for a WET conversion, "html" for a response or resource that may
    hold HTML, None for the records that are no page."""
    record_type = headers.get("warc-type", "")
    content_type = headers.get("content-type", "").lower()
    if record_type == "conversion":
        return "text"
    if record_type == "response" and "application/http" in content_type:
        return "html"  # the HTTP headers tell whether it is HTML (``_http_body``)
    if record_type == "resource" and ("html" in content_type or not content_type):
        return "html"
    return None


#: An HTTP response's interim status line ("HTTP/1.1 100 Continue"), whose
#: header block comes before the real one.
_INTERIM_STATUS = re.compile(rb"HTTP/\S+[ \t]+1\d\d\b")


def _http_body(response: bytes, max_bytes: int) -> bytes | None:
    """The body of an HTTP response whose Content-Type is HTML (or unstated),
    as the server meant it: de-chunked and decompressed (gzip, deflate), up to
    ``max_bytes`` and one more (so that a cut is seen).  None for other types
    (images, PDFs, JSON...) and for content encodings the standard library
    cannot undo (Brotli, Zstandard).

    A WARC file keeps the response as the server sent it; only Common Crawl's
    rewrites it, decoded.
    """
    while True:
        ends = [(at, len(separator)) for separator in (b"\r\n\r\n", b"\n\n")
                if (at := response.find(separator)) >= 0]
        if not ends:
            return None
        end, separator_size = min(ends)
        head, response = response[:end], response[end + separator_size:]
        if not _INTERIM_STATUS.match(head):
            break
    headers: dict[bytes, bytes] = {}
    for line in head.split(b"\n")[1:]:
        name, colon, value = line.partition(b":")
        if colon:
            headers[name.strip().lower()] = value.strip().lower()
    if b"html" not in headers.get(b"content-type", b"html"):
        return None
    body = response
    if b"chunked" in headers.get(b"transfer-encoding", b""):
        body = _dechunked(body)
    encoding = headers.get(b"content-encoding", b"identity")
    if encoding in (b"gzip", b"x-gzip", b"deflate"):
        return _decompressed(body, max_bytes + 1)
    return body if encoding in (b"identity", b"") else None


def _dechunked(body: bytes) -> bytes:
    """An HTTP body sent in chunks ("1a2\\r\\n<data>\\r\\n...0\\r\\n"), joined;
    what follows a malformed chunk size is dropped."""
    pieces = []
    at = 0
    while True:
        line_end = body.find(b"\n", at)
        if line_end < 0:
            break
        try:
            size = int(body[at:line_end].split(b";", 1)[0].strip(), 16)
        except ValueError:
            break
        if size <= 0:
            break
        pieces.append(body[line_end + 1: line_end + 1 + size])
        at = line_end + 1 + size
        at += 2 if body[at:at + 2] == b"\r\n" else 1 if body[at:at + 1] == b"\n" else 0
    return b"".join(pieces)


def _decompressed(body: bytes, max_size: int) -> bytes | None:
    """A gzip, zlib or raw deflate body, decompressed up to ``max_size`` bytes
    (a small body may expand a thousandfold); None if it is none of them."""
    for wbits in (47, -15):  # gzip or zlib, told by the header; then raw deflate
        try:
            return zlib.decompressobj(wbits).decompress(body, max_size)
        except zlib.error:
            continue
    return None


def _skip(archive: io.BufferedIOBase, count: int) -> None:
    """Read past ``count`` bytes without holding them."""
    while count > 0:
        chunk = archive.read(min(count, _SKIP_CHUNK))
        if not chunk:
            raise WarcError("the archive ends inside a record")
        count -= len(chunk)
