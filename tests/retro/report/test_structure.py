"""The postmortem PDFs' structure: sections, bookmarks, contents, page numbers, marking, metadata."""

from __future__ import annotations

import re
from pathlib import Path

from pypdf import PdfReader

from retro.domain import Audience
from retro.report import content, write_pdf
from retro.report.pdf import LANGUAGE

INTERNAL_SECTIONS = [
    "Summary", "What happened, in short", "Customer impact", "Participants and roles", "Timeline", "Contributing factors",
    "Accountability", "Actions", "Review", "Lessons learned", "Links in full",
]
PUBLIC_SECTIONS = ["Summary", "Customer impact", "Timeline", "Contributing factors", "What we are doing about it"]


def outline(reader: PdfReader) -> list[tuple[int, str, int]]:
    """(level, title, page number) of every bookmark, in order."""
    out: list[tuple[int, str, int]] = []

    def walk(items: list, level: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            else:
                out.append((level, item.title, reader.get_destination_page_number(item) + 1))

    walk(reader.outline, 0)
    return out


def test_internal_pdf_has_every_section_bookmarked_in_order(demo_pdfs: dict[Audience, Path]) -> None:
    reader = PdfReader(demo_pdfs[Audience.INTERNAL])
    marks = outline(reader)
    top = [title for level, title, _ in marks if level == 0]
    # the demo is ready to publish: no "Open readiness findings" section closes it
    assert top == INTERNAL_SECTIONS
    pages = [page for level, _, page in marks if level == 0]
    assert pages == sorted(pages) and pages[0] >= 1 and pages[-1] <= len(reader.pages)
    factors = [title for level, title, _ in marks if level == 1]
    assert len(factors) == 9 and factors[0].startswith("F1 · ")


def test_public_pdf_has_only_public_sections(demo_pdfs: dict[Audience, Path]) -> None:
    reader = PdfReader(demo_pdfs[Audience.PUBLIC])
    assert [t for level, t, _ in outline(reader) if level == 0] == PUBLIC_SECTIONS


def test_contents_on_the_cover_give_the_bookmarked_pages(demo_pdfs: dict[Audience, Path]) -> None:
    reader = PdfReader(demo_pdfs[Audience.INTERNAL])
    cover = reader.pages[0].extract_text()
    assert "Contents" in cover
    for _, title, page in (m for m in outline(reader) if m[0] == 0):
        assert re.search(rf"{re.escape(title)}[\s.]*{page}\b", cover), f"{title} → {page} not in the contents"
    links = [a.get_object() for a in reader.pages[0].get("/Annots", [])]
    assert sum(1 for a in links if a.get("/Subtype") == "/Link") >= len(INTERNAL_SECTIONS)


def test_every_page_is_marked_and_numbered(demo_pdfs: dict[Audience, Path]) -> None:
    for audience, marking in ((Audience.INTERNAL, "Internal — do not distribute"), (Audience.PUBLIC, "Public")):
        reader = PdfReader(demo_pdfs[audience])
        total = len(reader.pages)
        assert 2 <= total <= 30
        for number, page in enumerate(reader.pages, start=1):
            text = page.extract_text()
            assert marking in text
            assert f"Page {number} of {total}" in text


def test_metadata_and_language_are_set(demo_pdfs: dict[Audience, Path]) -> None:
    for audience in Audience:
        reader = PdfReader(demo_pdfs[audience])
        meta = reader.metadata
        assert meta.title.startswith("Checkout errors")
        assert meta.author and meta.subject and "postmortem" in (meta.get("/Keywords") or "")
        assert content.DOC_KIND[audience] in meta.subject
        assert reader.trailer["/Root"]["/Lang"] == LANGUAGE
    internal = PdfReader(demo_pdfs[Audience.INTERNAL]).metadata
    public = PdfReader(demo_pdfs[Audience.PUBLIC]).metadata
    assert internal.author == "Mara Lindqvist"  # the facilitator
    assert public.author == "Blameless Retro"  # never a person's name


def test_cover_shows_times_and_derived_durations(demo_pdfs: dict[Audience, Path]) -> None:
    cover = PdfReader(demo_pdfs[Audience.INTERNAL]).pages[0].extract_text()
    for expected in ("SEV2", "In review", "Time to detect", "26 min", "Time to mitigate", "1 h 57 min",
                     "Time to resolve", "3 h 42 min", "2026-10-14 10:05 CEST (08:05 UTC)"):
        assert expected in cover


def test_timeline_shows_local_and_utc_times_and_live_evidence_links(demo_pdfs: dict[Audience, Path]) -> None:
    reader = PdfReader(demo_pdfs[Audience.INTERNAL])
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert "09:48 CEST" in text and "07:48 UTC" in text
    uris = [
        a.get_object()["/A"]["/URI"]
        for p in reader.pages
        for a in p.get("/Annots", [])
        if "/A" in a.get_object() and "/URI" in a.get_object()["/A"]
    ]
    assert any(u.startswith("https://deploy.example.com/") for u in uris)
    assert any("tracker.example.com" in u for u in uris)  # ticket links on actions


def test_accountability_puts_the_leader_first(demo_pdfs: dict[Audience, Path]) -> None:
    text = "\n".join(p.extract_text() for p in PdfReader(demo_pdfs[Audience.INTERNAL]).pages)
    # the section itself, not its line in the contents (followed by dot leaders)
    section = text[re.search(r"Accountability\n(?!\.)", text).start() :]
    assert section.index("Manager / leader") < section.index("Responder")


def test_fonts_are_embedded_subsets(demo_pdfs: dict[Audience, Path]) -> None:
    reader = PdfReader(demo_pdfs[Audience.INTERNAL])
    embedded = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            if descriptor is not None and "/FontFile2" in descriptor.get_object():
                embedded.add(str(font["/BaseFont"]))
    assert any("DejaVuSans" in name for name in embedded)
    # nothing falls back to a non-embedded standard font
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            assert "Helvetica" not in str(font.get_object().get("/BaseFont")) or font.get_object().get("/Subtype") != "/Type1"


def test_open_readiness_findings_close_the_internal_report_only(tmp_path: Path) -> None:
    from .fixtures import minimal_retro

    retro = minimal_retro()  # no summary, factors, leader or actions: plenty of blockers
    internal = PdfReader(write_pdf(retro, tmp_path / "i.pdf", Audience.INTERNAL))
    public = PdfReader(write_pdf(retro, tmp_path / "p.pdf", Audience.PUBLIC))
    assert [t for level, t, _ in outline(internal) if level == 0][-1] == "Open readiness findings"
    text = "\n".join(p.extract_text() for p in internal.pages)
    assert "Blocker" in text and "Write a short summary" in text
    assert "readiness" not in "\n".join(p.extract_text() for p in public.pages).lower()


def test_no_page_is_left_blank(demo_pdfs: dict[Audience, Path], tmp_path: Path) -> None:
    """Every page shows something besides its header and footer (a stray page break shows nothing)."""
    from .fixtures import long_text_retro

    pdfs = [*demo_pdfs.values(), *(write_pdf(long_text_retro(), tmp_path / f"{a.value}.pdf", a) for a in Audience)]
    chrome = re.compile(r"INTERNAL — DO NOT DISTRIBUTE|Internal — do not distribute|PUBLIC|Public|"
                        r"Internal postmortem|Public postmortem|Page \d+ of \d+")
    for pdf in pdfs:
        for number, page in enumerate(PdfReader(pdf).pages, start=1):
            body = chrome.sub("", page.extract_text())
            assert body.strip(), f"page {number} of {pdf.name} is blank"
