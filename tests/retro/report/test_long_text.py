"""Text taller than a page (a pasted stack trace) flows on across pages; nothing of it is lost.

A table row cannot be taller than a page unless the table may split rows: without that, one long
event or action description made the whole PDF fail with reportlab's LayoutError.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from retro.domain import Audience
from retro.report import write_pdf

from .conftest import pdf_text
from .fixtures import LONG_TEXT_LINES, LONG_TEXT_PLACES, long_text_retro


def squash(text: str) -> str:
    return "".join(text.split())


@pytest.fixture(scope="module")
def long_pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[Audience, Path]:
    folder = tmp_path_factory.mktemp("long")
    retro = long_text_retro()
    return {a: write_pdf(retro, folder / f"{a.value}.pdf", a) for a in Audience}


@pytest.mark.parametrize("audience", list(Audience))
@pytest.mark.parametrize("place", sorted(LONG_TEXT_PLACES))
def test_every_line_of_a_long_text_is_in_the_pdf(long_pdfs: dict[Audience, Path], audience: Audience, place: str) -> None:
    tag, shown_in = LONG_TEXT_PLACES[place]
    text = squash(pdf_text(long_pdfs[audience]))
    found = [i for i in range(LONG_TEXT_LINES) if f"{tag}-{i:03d}" in text]
    if audience in shown_in:
        assert found == list(range(LONG_TEXT_LINES)), f"{place}: lines missing from the {audience.value} PDF"
    else:
        assert not found, f"{place} must not be in the {audience.value} PDF"


def test_a_long_table_row_goes_on_over_the_next_page(long_pdfs: dict[Audience, Path]) -> None:
    """The internal event's trace starts on one page and ends on a later one, with the table heading repeated."""
    pages = [squash(page.extract_text()) for page in PdfReader(long_pdfs[Audience.INTERNAL]).pages]
    first = next(i for i, p in enumerate(pages) if "LTINTEVENT-000" in p)
    last = next(i for i, p in enumerate(pages) if f"LTINTEVENT-{LONG_TEXT_LINES - 1:03d}" in p)
    assert last > first
    assert all("Whathappened" in pages[i] for i in range(first, last + 1))


def test_no_page_shows_a_table_heading_twice(long_pdfs: dict[Audience, Path]) -> None:
    """A tall row is cut where the page ends, not continued below a second heading on the same page."""
    for audience, pdf in long_pdfs.items():
        for number, page in enumerate(PdfReader(pdf).pages, start=1):
            text = squash(page.extract_text())
            for heading in ("LocaltimeUTCKindWhathappened", "ActionOwnerDueTypeStatusTicket", "WhatwearedoingTypeStatus"):
                assert text.count(heading) <= 1, f"{heading} twice on page {number} of the {audience.value} PDF"


@pytest.mark.parametrize(("section", "tag"), [("Accountability", "LTSTATEMENT"), ("Review", "LTREVIEW"), ("Lessons learned", "LTLESSONS"), ("Actions", "LTACTION")])
def test_a_long_text_starts_on_the_page_of_its_heading(long_pdfs: dict[Audience, Path], section: str, tag: str) -> None:
    """Keeping a heading with a text taller than a page must not leave the heading alone on a page."""
    reader = PdfReader(long_pdfs[Audience.INTERNAL])
    page = next(reader.get_destination_page_number(item) for item in reader.outline if not isinstance(item, list) and item.title == section)
    assert f"{tag}-000" in squash(reader.pages[page].extract_text())
