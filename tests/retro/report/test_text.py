"""User text is content, never markup; every character shows or is visibly replaced."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from reportlab.platypus import SimpleDocTemplate

from retro.domain import Audience
from retro.report import render_markdown, render_pdf, write_pdf
from retro.report.fonts import CJK, report_fonts
from retro.report.markdown import md
from retro.report.paragraphs import Paragraph
from retro.report.styles import styles
from retro.report.text import escape, inline, para, placeholder, plain

from .conftest import pdf_text
from .fixtures import minimal_retro

TRICKY = ["<b>bold?</b>", "AT&T", "&amp;", "<http://x>", "a < b > c", "</para>", "<br/>", "&#60;", "<font color=red>x"]

# Text a person might type: printable ASCII (all of the markup characters) plus Latin-1, Greek and
# Cyrillic letters, and line breaks.
typed_text = st.lists(
    st.one_of(
        st.characters(min_codepoint=0x20, max_codepoint=0x7E),
        st.characters(min_codepoint=0xC0, max_codepoint=0xFF),
        st.characters(min_codepoint=0x391, max_codepoint=0x3C9, categories=["Lu", "Ll"]),
        st.characters(min_codepoint=0x410, max_codepoint=0x44F),
        st.sampled_from(["\n", "&", "<", ">", "<b>", "&amp;", "</para>", "<br/>", "&#60;"]),
    ),
    min_size=1,
    max_size=40,
).map("".join)


def squash(text: str) -> str:
    return "".join(text.split())


def paragraph_pdf_text(markup: str) -> str:
    """Build a one-paragraph PDF in memory and extract its text again."""
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer).build([Paragraph(markup, styles().body)])
    buffer.seek(0)
    return "\n".join(page.extract_text() for page in PdfReader(buffer).pages)


@given(typed_text)
@settings(max_examples=60, deadline=None)
def test_escape_round_trips_through_the_paragraph_parser(text: str) -> None:
    report_fonts()
    parsed = Paragraph(para(text), styles().body).getPlainText()
    # reportlab turns <br/> into nothing in plain text and collapses runs of spaces, as HTML does;
    # every other character comes back as typed
    assert " ".join(parsed.split()) == " ".join(text.replace("\n", "").split())


@given(typed_text)
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_user_text_comes_back_out_of_the_report_pdf(text: str) -> None:
    """The whole path: summary → report PDF → pypdf's text extraction (whitespace aside)."""
    pdf = render_pdf(minimal_retro(summary=text), Audience.INTERNAL)
    extracted = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert squash(text) in squash(extracted)


@given(typed_text)
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_escaped_paragraph_text_comes_back_out_of_a_pdf(text: str) -> None:
    report_fonts()
    assert squash(text) in squash(paragraph_pdf_text(para(text)))


@pytest.mark.parametrize("text", TRICKY)
def test_markup_in_user_text_shows_as_typed_in_the_report(text: str, tmp_path: Path) -> None:
    retro = minimal_retro(summary=f"before {text} after")
    extracted = pdf_text(write_pdf(retro, tmp_path / "r.pdf", Audience.INTERNAL))
    assert f"before {text} after" in extracted


def test_line_breaks_are_kept(tmp_path: Path) -> None:
    retro = minimal_retro(summary="first line\nsecond line\r\nthird line")
    extracted = pdf_text(write_pdf(retro, tmp_path / "r.pdf", Audience.INTERNAL))
    assert re.search(r"first line\nsecond line\nthird line", extracted)


def test_escape_escapes_exactly_the_markup_characters() -> None:
    assert escape("a<b>&c") == "a&lt;b&gt;&amp;c"
    assert para("a\nb") == "a<br/>b"
    assert inline("a\nb") == "a b"


def test_greek_cyrillic_and_cjk_come_out_of_the_pdf(tmp_path: Path) -> None:
    text = "Ελληνικά Кириллица 数据库连接 日本語のテキスト"
    extracted = pdf_text(write_pdf(minimal_retro(summary=text), tmp_path / "r.pdf", Audience.INTERNAL))
    for word in text.split():
        assert word in extracted


def test_cjk_runs_use_the_fallback_font() -> None:
    report_fonts()
    paragraph = Paragraph(para("db 数据库 ok"), styles().body)
    runs = [(f.fontName, f.text) for f in paragraph.frags]
    assert (CJK, "数据库") in runs
    assert runs[0][1].startswith("db ") and runs[-1][1].endswith(" ok")


def test_a_character_no_font_has_is_shown_visibly(tmp_path: Path) -> None:
    text = "deploy \U00013000 done \x07 \ue000"  # a hieroglyph, a control character, private use
    extracted = pdf_text(write_pdf(minimal_retro(summary=text), tmp_path / "r.pdf", Audience.INTERNAL))
    assert "deploy [U+13000] done [U+0007] [U+E000]" in extracted
    assert placeholder("😀") == "[U+1F600]"
    assert plain("a\x00b") == "a[U+0000]b"


def test_the_cjk_font_is_embedded(tmp_path: Path) -> None:
    path = write_pdf(minimal_retro(summary="数据库"), tmp_path / "r.pdf", Audience.INTERNAL)
    names = {
        str(font.get_object()["/BaseFont"])
        for page in PdfReader(path).pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert any("RetroCJK" in n or "Droid" in n for n in names), names


@given(typed_text)
@settings(max_examples=60, deadline=None)
def test_markdown_escaping_round_trips(text: str) -> None:
    escaped = md(text)
    unescaped = re.sub(r"\\(.)", r"\1", escaped.replace("  \n", "\n"))
    assert unescaped == "\n".join(line.rstrip() for line in text.split("\n"))
    assert "<b>" not in escaped and "&amp;" not in escaped.replace("\\&amp;", "")


def test_markdown_shows_markup_as_typed() -> None:
    out = render_markdown(minimal_retro(summary="<b>hi</b> AT&T [x](y) *no*"), Audience.INTERNAL)
    assert r"\<b\>hi\</b\> AT\&T \[x\](y) \*no\*" in out
