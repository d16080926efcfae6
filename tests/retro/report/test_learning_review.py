"""The learning review PDF carries every figure and what it rests on."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader

from retro.report.learning_review import write_learning_review

from ..analysis.insights_library import NOW, known_library
from ..analysis.test_insights import facts


def test_learning_review_pdf_has_the_figures(tmp_path: Path) -> None:
    from retro.analysis.insights import compute_insights

    ins = compute_insights(*facts(known_library()), now=NOW)
    path = write_learning_review(ins, tmp_path / "review.pdf")
    reader = PdfReader(str(path))
    text = " ".join(page.extract_text() for page in reader.pages)
    for words in ("Time to detect", "Median 10 min", "Rests on 3 incidents; 3 left out", "Done on time",
                  "Internal report (goal: 24 h after resolution)", "Replaced by platform work",
                  "Pool size left at default", "Internal — learning review"):
        assert words in " ".join(text.split()), words
    assert reader.metadata.title == "Learning review"


def test_one_incident_is_counted_in_the_singular(tmp_path: Path) -> None:
    from retro.analysis.insights import compute_insights

    library = known_library()[:1]
    ins = compute_insights(*facts(library), now=NOW)
    reader = PdfReader(str(write_learning_review(ins, tmp_path / "one.pdf")))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "1 incident ·" in text and "1 incidents" not in text
