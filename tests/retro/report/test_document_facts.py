"""Document facts on the cover, links between factors, and metadata for archives and readers."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from pypdf import PdfReader

from retro.domain import Audience, Participant, Role
from retro.report.fonts import report_fonts
from retro.report.pdf_sections import document_facts

from .conftest import pdf_text
from .fixtures import canary_retro


def test_the_cover_names_generated_time_version_facilitator_and_approvers() -> None:
    retro = canary_retro()
    retro.participants["p-ap"] = Participant("p-ap", "Ana Approver", frozenset({Role.APPROVER}), 9)
    retro.incident = replace(retro.incident, version=12)
    facts = dict(document_facts(retro, Audience.INTERNAL, now=datetime(2026, 5, 1, 10, 0, tzinfo=UTC)))
    assert facts["Generated"].startswith("2026-05-01 12:00 CEST by Blameless Retro ")
    assert facts["Retro version"] == "edit 12"
    assert facts["Facilitator"] == "Cy Facilitator"
    assert facts["Approvers"] == "Ana Approver"
    public = dict(document_facts(retro, Audience.PUBLIC))
    assert set(public) == {"Generated"}  # no names in the public report


def test_factor_references_and_cards_are_links_to_the_factor(demo_pdfs: dict[Audience, Path]) -> None:
    reader = PdfReader(demo_pdfs[Audience.INTERNAL])
    text = pdf_text(demo_pdfs[Audience.INTERNAL])
    internal_links = [
        annot.get_object()
        for page in reader.pages
        for annot in page.get("/Annots") or []
        if "/Dest" in annot.get_object()
    ]
    factors = text.count("Contributed to:")
    assert len(internal_links) >= 10 + factors  # contents + cards + "contributed to" + "addresses"
    pages = {page.indirect_reference.idnum for page in reader.pages}
    assert all(link["/Dest"][0].idnum in pages for link in internal_links)


def test_window_title_language_and_xmp(demo_pdfs: dict[Audience, Path]) -> None:
    for audience, path in demo_pdfs.items():
        reader = PdfReader(path)
        root = reader.trailer["/Root"]
        assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"]) is True
        assert root["/Lang"] == "en-GB"
        xmp = reader.xmp_metadata
        assert xmp is not None
        assert xmp.dc_title["x-default"] == reader.metadata.title
        assert xmp.dc_language == ["en-GB"]
        if audience is Audience.PUBLIC:
            assert xmp.dc_creator == ["Blameless Retro"]


def test_bookmarks_are_cut_at_a_word_with_an_ellipsis() -> None:
    from retro.report.text import bookmark_title

    long = "The connection pool " + "really " * 30 + "ran out"
    cut = bookmark_title(long)
    assert cut.endswith("…") and len(cut) <= 80 and long.startswith(cut[:-1])
    assert bookmark_title("Short title") == "Short title"


def test_no_page_holds_a_single_row_carried_over() -> None:

    from retro.report.paragraphs import Paragraph
    from retro.report.pdf_blocks import text_table
    from retro.report.styles import styles

    report_fonts()
    for rows in range(5, 30):
        table = text_table([[Paragraph(f"row {i}", styles().cell)] for i in range(rows)], [200])
        parts = table.split(400, 300)
        if len(parts) == 2:
            assert len(parts[1]._cellvalues) != 1, rows
