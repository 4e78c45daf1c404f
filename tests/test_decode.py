"""Bytes are decoded as a browser would, and never raise."""

from __future__ import annotations

import codecs

import pytest

import dechaff
from dechaff.decode import clean_text, decode

TEXT = "Zürich café: naïve façade, 5 € — «déjà vu»"


def _html(body: str, meta: str = "") -> str:
    return f"<html><head>{meta}<title>t</title></head><body><p>{body}</p></body></html>"


def test_utf8_bom_wins() -> None:
    assert TEXT in decode(codecs.BOM_UTF8 + _html(TEXT).encode("utf-8"))


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_with_and_without_bom(encoding: str) -> None:
    raw = _html(TEXT).encode(encoding)
    bom = codecs.BOM_UTF16_LE if encoding.endswith("le") else codecs.BOM_UTF16_BE
    assert TEXT in decode(bom + raw)
    assert TEXT in decode(raw)


def test_meta_charset_is_followed_for_legacy_bytes() -> None:
    raw = _html(TEXT, '<meta charset="windows-1252">').encode("cp1252")
    assert TEXT in decode(raw)
    cyrillic = "Привет, как дела? Это проверка кодировки страницы."
    raw = _html(cyrillic, '<meta http-equiv="Content-Type" content="text/html; charset=koi8-r">')
    assert cyrillic in decode(raw.encode("koi8-r"))


@pytest.mark.parametrize("label", ["iso-8859-1", "ISO8859-1", "iso_8859-1", "latin_1", "l1", "cp819",
                                   "us-ascii"])
def test_legacy_labels_decode_as_browsers_do(label: str) -> None:
    # Browsers read Latin-1 and ASCII as windows-1252, whose 0x80-0x9f are
    # punctuation and the euro, however the label is spelt.
    quoted = "\u201cprice\u201d \u20ac5 \u2014 caf\u00e9"
    page = _html(quoted, f'<meta charset="{label}">')
    assert decode(page.encode("cp1252")) == page


@pytest.mark.parametrize(("label", "text", "codec"), [
    ("windows-874", "\u0e20\u0e32\u0e29\u0e32\u0e44\u0e17\u0e22 \u2026", "cp874"),  # Python knows no such label
    ("x-sjis", "\u65e5\u672c\u8a9e\u306e\u30da\u30fc\u30b8", "shift_jis"),
    ("ks_c_5601-1987", "\ub620 \ud55c\uad6d\uc5b4", "cp949"),  # \ub620 is only in the superset
])
def test_east_asian_and_thai_labels_decode_as_browsers_do(label: str, text: str, codec: str) -> None:
    page = _html(text, f'<meta charset="{label}">')
    assert decode(page.encode(codec)) == page


def test_valid_utf8_beats_a_lying_meta_charset() -> None:
    raw = _html(TEXT, '<meta charset="iso-8859-1">').encode("utf-8")
    assert TEXT in decode(raw)


def test_undeclared_legacy_bytes_are_detected() -> None:
    text = "Съешь же ещё этих мягких французских булок, да выпей чаю. " * 5
    assert "мягких французских" in decode(_html(text).encode("cp1251"))


def test_broken_bytes_never_raise() -> None:
    raw = b"<p>caf\xc3\xa9 and \xff\xfe\xfd broken \xe2\x82 bytes</p>"
    assert "caf" in decode(raw)
    assert isinstance(dechaff.extract(raw), str)


def test_lone_surrogates_and_nul_are_cleaned() -> None:
    cleaned = clean_text("a\ud800b\x00c")
    cleaned.encode("utf-8")  # would raise on a surrogate
    assert "\x00" not in cleaned and cleaned.startswith("a") and cleaned.endswith("c")
