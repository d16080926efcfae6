"""The report Paragraph's shortcuts (no parsing of tag-free text, line breaks kept per width) change nothing drawn."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from retro.report import paragraphs
from retro.report.fonts import report_fonts
from retro.report.paragraphs import Paragraph
from retro.report.styles import styles
from retro.report.text import escape

words = st.lists(
    st.sampled_from(["checkout", "&", "<p99>", '"quoted"', "Zoë", "Łódź", "שלום", "محمد", "नमस्ते", "김민준", "😀", "a-very-long-identifier-without-spaces", "\n", "  "]),
    min_size=1, max_size=25,
).map(" ".join)


def _parsed(text: str, style: object, monkeypatch: pytest.MonkeyPatch) -> Paragraph:
    with monkeypatch.context() as m:
        m.setattr(paragraphs, "_MARKUP", re.compile("."))  # every text through reportlab's parser
        return Paragraph(text, style)


@given(words, st.sampled_from(["cell", "body", "h1", "cell_muted", "code"]), st.integers(40, 400))
@settings(max_examples=120, deadline=None)
def test_tag_free_text_gives_what_the_parser_gives(text: str, style_name: str, width: int) -> None:
    report_fonts()
    style = getattr(styles(), style_name)
    markup = escape(text)
    with pytest.MonkeyPatch.context() as monkeypatch:
        slow = _parsed(markup, style, monkeypatch)
    fast = Paragraph(markup, style)
    assert "".join(getattr(f, "text", "") for f in fast.frags) == "".join(getattr(f, "text", "") for f in slow.frags)
    assert {f.fontName for f in fast.frags} == {f.fontName for f in slow.frags}
    assert fast.wrap(width, 10_000) == slow.wrap(width, 10_000)
    assert len(fast.blPara.lines) == len(slow.blPara.lines)


def test_lines_are_broken_once_per_width(monkeypatch: pytest.MonkeyPatch) -> None:
    report_fonts()
    para = Paragraph("Connection proxy shows 388 of 400 client connections in use", styles().cell)
    calls: list[object] = []
    original = paragraphs._Paragraph.breakLines
    monkeypatch.setattr(paragraphs._Paragraph, "breakLines", lambda self, w: calls.append(w) or original(self, w))
    first = para.wrap(120, 500)
    assert para.wrap(120, 80) == first and len(calls) == 1  # the same width: the same lines
    narrower = para.wrap(60, 500)
    assert len(calls) == 2 and narrower[1] > first[1]
    assert para.wrap(120, 500) == first and len(calls) == 3
