"""Encodings handled, and the ones refused clearly."""

from __future__ import annotations

import codecs

import pytest

from retro.io.importers import TimelineImportError
from retro.io.importers.encoding import WINDOWS_1252, decode_text

TEXT = "16:58 Alarm: Latenz über 2 s – “rollback”\n"


@pytest.mark.parametrize(
    ("data", "label"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8 (with BOM)"),
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16-be"),
        (TEXT.encode("utf-16-le"), "utf-16-le"),
        (TEXT.encode("cp1252"), WINDOWS_1252),
    ],
)
def test_decodes(data: bytes, label: str) -> None:
    assert decode_text(data, "notes.txt") == (TEXT, label)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (codecs.BOM_UTF32_LE + TEXT.encode("utf-32-le"), "UTF-32"),
        (b"16:58 ok\x81\x8d\x90", "not text in a supported encoding"),
        (b"abc\x00def", "binary"),
        (codecs.BOM_UTF16_LE + b"\x00\xd8", "not valid"),
    ],
)
def test_refuses(data: bytes, message: str) -> None:
    with pytest.raises(TimelineImportError, match=message) as info:
        decode_text(data, "notes.txt")
    assert "notes.txt" in str(info.value)


@pytest.mark.parametrize(
    ("text", "codec", "message"),
    [
        ("16:58 сработал алерт\n17:10 откатили релиз\n", "koi8_r", "another encoding"),  # decodes as cp1252
        ("16:58 アラートが発生しました\n", "shift_jis", "not text in a supported encoding"),
    ],
)
def test_other_encodings_are_refused(text: str, codec: str, message: str) -> None:
    with pytest.raises(TimelineImportError, match=message):
        decode_text(text.encode(codec), "notes.txt")
