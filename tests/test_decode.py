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
