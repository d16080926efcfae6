"""An event's kind in the PDF timeline fits its column: broken at spaces, never drawn over the next."""

from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import stringWidth

from retro.domain import EventKind
from retro.report.fonts import SANS, report_fonts
from retro.report.pdf_timeline import wrapped_label


def test_every_kind_label_fits_the_kind_column() -> None:
    report_fonts()  # registers the bundled faces
    for kind in EventKind:
        text = wrapped_label(kind.label, 62.0, 8.5)
        assert text.replace("\n", " ") == kind.label
        for line in text.split("\n"):
            assert stringWidth(line, SANS, 8.5) <= 62.0 or " " not in line, (kind, line)
    assert "\n" in wrapped_label("Environment / human factors", 62.0, 8.5)
    assert wrapped_label("Deploy", 62.0, 8.5) == "Deploy"
