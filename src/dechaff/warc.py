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
    gzipped page), and whether it is a WARC archive; nothing is consumed."""
    raw = stream if isinstance(stream, io.BufferedReader) else io.BufferedReader(stream)  # type: ignore[type-var]
    if raw.peek(2)[:2] != _GZIP_MAGIC:
        return raw, raw.peek(len(MAGIC))[:len(MAGIC)] == MAGIC
    unzipped = gzip.GzipFile(fileobj=raw)
    try:
        start = unzipped.peek(len(MAGIC))[:len(MAGIC)]
    except (OSError, EOFError):  # gzip's magic, but no gzip stream: junk, read what is left
        return raw, False
    return unzipped, start == MAGIC


def records(archive: io.BufferedIOBase, max_bytes: int) -> Iterator[Record]:
    """The pages of an archive (``open_input``), in order; other
    records (``warcinfo``, ``request``, ``metadata``, images...) are skipped.
    Raises ``WarcError`` where the archive stops being WARC (a cut download:
    the pages before it have been yielded)."""
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
        payload = archive.read(min(length, max_bytes + _HTTP_HEADER_ALLOWANCE))
        if len(payload) < min(length, max_bytes + _HTTP_HEADER_ALLOWANCE):
            raise WarcError("the archive ends inside a record")
        _skip(archive, length - len(payload))
        truncated = length > len(payload)
        if headers.get("warc-type") == "response":
            body = _http_body(payload)
            if body is None:
                continue  # no HTML behind the HTTP headers
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


def _http_body(response: bytes) -> bytes | None:
    """The body of an HTTP response whose Content-Type is HTML (or unstated);
    None for other types (images, PDFs, JSON...)."""
    end = response.find(b"\r\n\r\n")
    separator = 4
    if end < 0:
        end, separator = response.find(b"\n\n"), 2
    if end < 0:
        return None
    head = response[:end].lower()
    for line in head.split(b"\n")[1:]:
        if line.startswith(b"content-type:"):
            if b"html" not in line:
                return None
            break
    # A chunked or compressed body is stored as it came: WARC writers mostly
    # decode it, and the rest is left to the decoder's best effort.
    return response[end + separator:]


def _skip(archive: io.BufferedIOBase, count: int) -> None:
    """Read past ``count`` bytes without holding them."""
    while count > 0:
        chunk = archive.read(min(count, _SKIP_CHUNK))
        if not chunk:
            raise WarcError("the archive ends inside a record")
        count -= len(chunk)
