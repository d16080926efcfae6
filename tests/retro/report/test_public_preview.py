"""The public preview is the public report's own redaction, row by row, with every change marked."""

from __future__ import annotations

from retro.demo import build_demo_retro
from retro.domain import Audience
from retro.report import render_markdown
from retro.report.audience import public_retro
from retro.report.public_preview import INTERNAL_EVENT, INTERNAL_FACTOR, NEVER_PUBLIC, public_preview

from .fixtures import INTERNAL_MARKERS, canary_retro


def test_every_public_row_is_exactly_what_the_public_report_prints() -> None:
    retro = canary_retro()
    preview = public_preview(retro)
    public = public_retro(retro)
    markdown = " ".join(render_markdown(retro, Audience.PUBLIC).replace("\\", "").split())
    texts = {public.incident.title, public.incident.summary, public.incident.customer_impact,
             *public.incident.services, *(e.text for e in public.events.values()),
             *(f.title for f in public.factors.values()), *(f.description for f in public.factors.values()),
             *(a.title for a in public.actions.values()), *(a.public_reason for a in public.actions.values()),
             *(i.title for i in public.impacts.values()), *(i.description for i in public.impacts.values())}
    shown = [r for r in preview.rows if r.public is not None]
    assert shown and all(r.public_text in texts for r in shown)
    assert all(" ".join(r.public_text.split()) in markdown for r in shown if r.section != "Cover")
    for marker in INTERNAL_MARKERS.values():  # nothing internal in any public column
        assert not any(marker in r.public_text for r in shown), marker


def test_what_is_left_out_is_said_and_the_internal_text_is_beside_it() -> None:
    retro = canary_retro()
    rows = public_preview(retro).rows
    left = {r.left_out for r in rows if r.public is None}
    assert {INTERNAL_EVENT, INTERNAL_FACTOR, NEVER_PUBLIC} <= left
    event = next(r for r in rows if r.left_out == INTERNAL_EVENT)
    assert INTERNAL_MARKERS["internal event text"] in "".join(p.original for p in event.internal)
    replaced = [p for r in rows for p in r.public or () if p.kind and p.kind != "approved"]
    assert replaced and all(p.original != p.text for p in replaced)  # a service named like the leader


def test_a_factor_has_the_same_number_in_both_audiences() -> None:
    retro = build_demo_retro()
    labels = [r.label for r in public_preview(retro).rows if r.section == "Contributing factors" and r.public]
    assert "F1 title" in labels and "F4 title" in labels and "F2 title" not in labels  # F2, F3 are internal
    internal = render_markdown(retro, Audience.INTERNAL).replace("\\", "")
    public = render_markdown(retro, Audience.PUBLIC).replace("\\", "")
    for factor in public_retro(retro).factors.values():
        line = next(line for line in internal.splitlines() if line.startswith("### ") and factor.title in line)
        assert line in public  # "### F4 · Config changes roll out to every pod at once"
