"""No section heading is left at a page foot while its table starts on the next page."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader

from retro.domain import Audience
from retro.report import write_pdf
from retro.report.multilingual import multilingual_retro

# a section heading → the first words of its table's header row
TABLE_HEADS = {"Participants and roles": "Name", "Timeline": "Local time", "Actions": "Owner", "Links in full": "Where"}


def _pages(path: Path) -> list[list[str]]:
    return [[line.strip() for line in (page.extract_text() or "").splitlines() if line.strip()] for page in PdfReader(path).pages]


@pytest.mark.parametrize("summary_lines", [0, 6, 14, 22, 30])
def test_a_heading_and_its_table_start_on_the_same_page(tmp_path: Path, summary_lines: int) -> None:
    """The summary grows line by line, so the headings below it land at every height of a page."""
    retro = multilingual_retro()
    retro.incident = replace(retro.incident, summary=retro.incident.summary + " filler words" * 9 * summary_lines)
    pages = _pages(write_pdf(retro, tmp_path / "r.pdf", Audience.INTERNAL))
    for heading, head in TABLE_HEADS.items():
        found = [lines for lines in pages if heading in lines]
        if not found:
            continue
        lines = found[-1]  # the section's own page (the contents on the cover names it too)
        assert any(line.startswith(head) for line in lines[lines.index(heading):]), (heading, lines[-6:])
