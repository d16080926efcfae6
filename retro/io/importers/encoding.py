"""Turn the bytes of an imported file into text, or refuse clearly.

Handled: UTF-8 (with or without BOM), UTF-16 LE/BE (with BOM, or without one when the NUL
pattern is unmistakable) and Windows-1252 as a fallback (said in the preview). Anything else,
e.g. UTF-32 or binary data, is refused with a message saying how to fix it.
"""

from __future__ import annotations

import codecs

from .common import TimelineImportError

UTF8 = "utf-8"
UTF8_BOM = "utf-8 (with BOM)"
WINDOWS_1252 = "windows-1252"


def decode_text(data: bytes, source_name: str) -> tuple[str, str]:
    """``(text, encoding)`` for ``data``; raises :class:`TimelineImportError` when it is not text."""
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        raise TimelineImportError(source_name, "is UTF-32 encoded, which is not supported; save it as UTF-8")
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8", UTF8_BOM, source_name)
    if data.startswith(codecs.BOM_UTF16_LE):
        return _strict(data[2:], "utf-16-le", "utf-16-le", source_name)
    if data.startswith(codecs.BOM_UTF16_BE):
        return _strict(data[2:], "utf-16-be", "utf-16-be", source_name)
    utf16 = _utf16_without_bom(data)
    if utf16:
        return _strict(data, utf16, utf16, source_name)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError as exc:
            raise TimelineImportError(
                source_name,
                f"is not text in a supported encoding (byte 0x{data[exc.start]:02x} at offset {exc.start} is "
                "neither UTF-8 nor Windows-1252); save it as UTF-8",
            ) from None
        _refuse_binary(text, source_name)
        _refuse_mojibake(text, source_name)
        return text, WINDOWS_1252
    _refuse_binary(text, source_name)
    return text, UTF8


def _strict(data: bytes, codec: str, label: str, source_name: str) -> tuple[str, str]:
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        raise TimelineImportError(
            source_name, f"says it is {label} but byte offset {exc.start} is not valid {label}; save it as UTF-8"
        ) from None
    _refuse_binary(text, source_name)
    return text, label


def _utf16_without_bom(data: bytes) -> str:
    """``utf-16-le``/``utf-16-be`` when every other byte of the start is NUL (ASCII-heavy UTF-16)."""
    head = data[:4096]
    if len(head) < 4 or len(head) % 2:
        return ""
    even, odd = head[0::2], head[1::2]
    if odd.count(0) > 0.9 * len(odd) and even.count(0) == 0:
        return "utf-16-le"
    if even.count(0) > 0.9 * len(even) and odd.count(0) == 0:
        return "utf-16-be"
    return ""


def _refuse_mojibake(text: str, source_name: str) -> None:
    """Refuse text that only "decodes" as Windows-1252 because it is really another encoding.

    Western text has a few accented letters among many ASCII ones; Shift-JIS, GBK, KOI8-R and
    the like read as Windows-1252 are mostly accented letters and symbols.
    """
    visible = [ch for ch in text[:20000] if not ch.isspace()]
    foreign = sum(1 for ch in visible if ord(ch) > 127)
    if visible and foreign > 0.3 * len(visible):
        raise TimelineImportError(
            source_name,
            "is not UTF-8, and read as Windows-1252 it is mostly symbols, so it is in another encoding "
            "(such as Shift-JIS, GBK or KOI8-R) that is not supported; save it as UTF-8",
        )


def _refuse_binary(text: str, source_name: str) -> None:
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise TimelineImportError(
            source_name, "contains NUL bytes, so it is a binary file or text in an unsupported encoding (e.g. UTF-32), not UTF-8 text", f"line {line}"
        )
