"""The Markdown export: the same sections and rules as the PDF, for wikis."""

from __future__ import annotations

from pathlib import Path

import pytest

from retro.domain import Audience
from retro.report import content, render_markdown
from retro.report import samples as samples_module

from .fixtures import canary_retro


def headings(text: str) -> list[str]:
    return [line[3:] for line in text.splitlines() if line.startswith("## ")]


def test_markdown_has_the_pdf_sections_in_order() -> None:
    retro = canary_retro()
    for audience in Audience:
        expected = ["Contents"] + [s.title for s in content.sections(retro, audience)]
        assert headings(render_markdown(retro, audience)) == expected


def test_markdown_starts_and_ends_with_the_marking() -> None:
    text = render_markdown(canary_retro(), Audience.INTERNAL)
    assert text.startswith("> **Internal — do not distribute**")
    assert text.rstrip().endswith("_Internal — do not distribute_")


def test_markdown_tables_keep_their_shape_with_pipes_and_newlines_in_text() -> None:
    retro = canary_retro()
    event = retro.events["e-pub"]
    from dataclasses import replace

    retro.events["e-pub"] = replace(event, text="a | b\nc")
    text = render_markdown(retro, Audience.PUBLIC)
    row = next(line for line in text.splitlines() if "a \\| b" in line)
    assert row.count(" | ") == 3 and "<br>c" in row  # four cells: local, UTC, kind, what


def test_markdown_links_evidence_and_tickets_internally_only() -> None:
    retro = canary_retro()
    internal = render_markdown(retro, Audience.INTERNAL)
    public = render_markdown(retro, Audience.PUBLIC)
    assert "](https://grafana.example.com/d/pub)" in internal
    assert "](https://tracker.example.com/browse/" in internal
    assert "](http" not in public


def test_samples_command_writes_all_four_reports(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(samples_module.shutil, "which", lambda name: None)  # no page images: faster
    written = samples_module.write_samples(tmp_path)
    assert sorted(p.name for p in written) == [
        "internal.md", "internal.pdf", "multilingual.md", "multilingual.pdf", "public.md", "public.pdf",
    ]
    assert all(p.stat().st_size > 1000 for p in written)


def test_line_breaks_in_titles_do_not_break_headings() -> None:
    retro = canary_retro()
    from dataclasses import replace

    retro.incident = replace(retro.incident, title="first\nsecond")
    text = render_markdown(retro, Audience.INTERNAL)
    assert "# first second" in text.splitlines()


def test_the_public_action_count_does_not_call_a_dropped_action_completed() -> None:
    from retro.domain import ActionItem, ActionStatus

    actions = [
        ActionItem("a", "One", status=ActionStatus.DONE),
        ActionItem("b", "Two", status=ActionStatus.WONT_DO),
        ActionItem("c", "Three"),
    ]
    assert content.action_counts(actions) == "3 actions (3 prevent); 1 completed so far, 1 decided against."
    assert content.action_counts(actions[2:]) == "1 action (1 prevent); 0 completed so far."


def test_a_factor_lists_an_action_decided_against_as_addressing_it_only_internally() -> None:
    from retro.demo import build_demo_retro
    from retro.domain import ActionStatus

    retro = build_demo_retro()
    wont = next(a for a in retro.actions.values() if a.status is ActionStatus.WONT_DO)

    def factors_section(text: str) -> str:
        return text.split("## Contributing factors", 1)[1].split("\n## ", 1)[0]

    assert wont.title in factors_section(render_markdown(retro, Audience.INTERNAL))
    public = render_markdown(retro, Audience.PUBLIC)
    assert wont.title not in factors_section(public)  # not "addressed by" something not being done
    assert f"**{wont.title}**" in public and "Won't do" in public  # said plainly in the actions table


def test_a_wont_do_action_is_public_only_with_its_public_reason() -> None:
    from dataclasses import replace

    from retro.demo import build_demo_retro
    from retro.domain import ActionStatus
    from retro.report.public_checks import public_findings

    retro = build_demo_retro()
    wont = next(a for a in retro.actions.values() if a.status is ActionStatus.WONT_DO)
    public = render_markdown(retro, Audience.PUBLIC).replace("\\", "")
    assert wont.public_reason in public and wont.status_reason not in public
    assert f"public reason: {wont.public_reason}" in render_markdown(retro, Audience.INTERNAL).replace("\\", "")
    retro.actions[wont.id] = replace(wont, public_reason="")
    public = render_markdown(retro, Audience.PUBLIC)
    assert wont.title not in public and wont.status_reason not in public
    assert [f.target_id for f in public_findings(retro) if f.code == "wont-do-public-reason"] == [wont.id]
