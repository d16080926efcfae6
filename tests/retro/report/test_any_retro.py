"""Any valid retrospective, however odd its text, gives both reports in both formats."""

from __future__ import annotations

import io

from hypothesis import HealthCheck, given, settings
from pypdf import PdfReader

from retro.domain import Audience, Retro
from retro.report import render_markdown, render_pdf
from tests.strategies import retros


@given(retros(with_private_notes=True, max_items=3))
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
def test_every_valid_retro_renders_and_no_private_note_appears(retro: Retro) -> None:
    without_notes = Retro.of(retro.incident, [e for e in retro.entities() if e not in retro.private_notes.values()])
    for audience in Audience:
        pdf = render_pdf(retro, audience)
        assert len(PdfReader(io.BytesIO(pdf)).pages) >= 1
        text = render_markdown(retro, audience)
        assert text == render_markdown(without_notes, audience)  # private notes change nothing
