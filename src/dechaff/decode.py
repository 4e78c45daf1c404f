"""Turning input bytes into text the way a browser would, without ever raising."""

from __future__ import annotations

import codecs
import re

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it shares its first two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.I)
#: Browsers (WHATWG Encoding) decode these character sets as their supersets; by
#: Python's name for the codec, which every spelling of a label leads to
#: ("ISO8859-1", "latin_1", "l1", "cp819" are all iso8859-1).
_WHATWG_SUPERSETS = {"iso8859-1": "cp1252", "ascii": "cp1252", "iso8859-9": "cp1254",
                     "tis-620": "cp874", "gb2312": "gb18030", "gbk": "gb18030",
                     "euc_kr": "cp949", "big5": "big5hkscs"}
#: Labels browsers know and Python does not.
_WHATWG_LABELS = {"x-sjis": "shift_jis", "windows-874": "cp874", "x-gbk": "gb18030",
                  "x-euc-jp": "euc_jp", "x-cp1252": "cp1252"}
#: Python codecs a page may name that are no character set a browser knows: decoding
#: with them raises (``undefined``, ``idna``) or rewrites the text (backslash
#: escapes, Punycode, UTF-7).  Codecs that are not text encodings at all
#: (``base64``, ``rot13``) fail when decoding and fall through to detection too.
_NOT_CHARSETS = frozenset(
    ("undefined", "idna", "punycode", "unicode-escape", "raw-unicode-escape", "utf-7"))
#: How far into a page a ``<meta charset>`` is looked for (the HTML spec says 1024
#: bytes; real pages put it later, behind long inline scripts).
_META_WINDOW = 16_384
#: How much of a page charset detection reads: enough to decide, bounded in time.
_DETECT_WINDOW = 65_536


def decode(data: bytes) -> str:
    """Decode page bytes: BOM, then valid UTF-8, then ``<meta charset>``, then detection.

    Valid UTF-8 wins over a declared legacy charset because declarations lie far
    more often than non-UTF-8 bytes happen to form valid multi-byte UTF-8.
    Undecodable bytes become U+FFFD; this function never raises.
    """
    return decode_utf8(data)[0]


def decode_utf8(data: bytes) -> tuple[str, bytes | None]:
    """``decode``, and ``data`` itself if it is the UTF-8 encoding of the text
    (valid UTF-8 without BOM, most pages), else None."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(encoding, "replace"), None
    utf16 = _utf16_without_bom(data)
    if utf16:
        return data.decode(utf16, "replace"), None
    try:
        return data.decode("utf-8"), data
    except UnicodeDecodeError as error:
        # UTF-8 but for a character cut at the end (a truncated download, or
        # the pipeline's cut of an input over the size limit): still UTF-8.
        if error.reason == "unexpected end of data" and error.start >= len(data) - 3:
            data = data[: error.start]
            return data.decode("utf-8"), data
    declared = _declared_charset(data)
    text = _decode(data, declared) if declared else None
    if text is None:
        text = _decode(data, _detected_charset(data))
    return data.decode("cp1252", "replace") if text is None else text, None


def clean_text(text: str) -> str:
    """Make any ``str`` safe for the engine: no lone surrogates, no NUL bytes."""
    return clean_text_utf8(text)[0]


def clean_text_utf8(text: str, utf8: bytes | None = None) -> tuple[str, bytes]:
    """``clean_text`` and the UTF-8 bytes of its result, from one encoding pass
    (which also finds any lone surrogate); the HTML parser reads the bytes.

    ``utf8``: the UTF-8 encoding of ``text`` if the caller has it (valid UTF-8
    holds no lone surrogate), which spares the encoding.
    """
    # A NUL byte of UTF-8 is always the NUL character, and searching the bytes
    # is several times faster than searching a text of wide characters.
    if utf8 is not None and b"\x00" not in utf8:
        return text, utf8
    if "\x00" in text:
        text = text.replace("\x00", "")
    try:
        return text, text.encode("utf-8")
    except UnicodeEncodeError:
        text = text.encode("utf-8", "replace").decode("utf-8")  # lone surrogates -> "?"
        return text, text.encode("utf-8")


def _decode(data: bytes, encoding: str) -> str | None:
    """``data`` decoded with ``encoding``, or None if that codec cannot decode bytes."""
    try:
        return data.decode(encoding, "replace")
    except (LookupError, UnicodeError):  # a codec that is no text encoding
        return None


def _declared_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data, 0, _META_WINDOW)
    if not match:
        return None
    label = match.group(1).decode("ascii", "replace").lower()
    try:
        name = codecs.lookup(_WHATWG_LABELS.get(label, label)).name
    except LookupError:
        return None
    name = _WHATWG_SUPERSETS.get(name, name)
    # A page that declares UTF-16 but reached this point has no BOM and is not
    # UTF-16 (it would have been caught above): the declaration is a lie.
    if name.startswith(("utf-16", "utf-32")) or name in _NOT_CHARSETS:
        return None
    return name


def _detected_charset(data: bytes) -> str:
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:_DETECT_WINDOW]).best()
    except Exception:  # detection is a guess; a failed guess must not stop extraction
        best = None
    return best.encoding if best is not None else "cp1252"


def _utf16_without_bom(data: bytes) -> str | None:
    """Spot BOM-less UTF-16 by its NUL bytes: ASCII text puts one in every other byte."""
    sample = data[:4096]
    if len(sample) < 16 or sample.count(0) < len(sample) // 4:
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) // 2
    if odd_nuls > 0.6 * half and even_nuls < 0.1 * half:
        return "utf-16-le"
    if even_nuls > 0.6 * half and odd_nuls < 0.1 * half:
        return "utf-16-be"
    return None
