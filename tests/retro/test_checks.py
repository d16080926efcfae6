"""One list of findings for the Review stage and `retro check`: readiness, graph shape, public report."""

from __future__ import annotations

from dataclasses import replace

from retro.checks import all_findings
from retro.demo import build_demo_retro
from retro.domain import Level, Stage


def test_the_demo_has_only_a_question_worth_discussing() -> None:
    findings = all_findings(build_demo_retro())
    assert [(f.code, f.level) for f in findings] == [("hub", Level.WARNING)]


def test_names_in_public_text_and_missing_basics_are_listed_once_blockers_first() -> None:
    retro = build_demo_retro()
    leader = retro.leaders()[0]
    retro.incident = replace(retro.incident, summary=f"{leader.name} rolled back the change.")
    del retro.statements[next(s.id for s in retro.statements.values() if s.participant_id == leader.id)]
    # the others' statements now stand before any leader's: readiness blocks on the leader's silence
    findings = all_findings(retro)
    codes = [f.code for f in findings]
    assert "leader-silent" in codes and "public-name" in codes
    assert len(codes) == len({(f.code, f.target_id) for f in findings})
    first_warning = next(i for i, f in enumerate(findings) if not f.is_blocker)
    assert all(f.is_blocker for f in findings[:first_warning])
    name = next(f for f in findings if f.code == "public-name")
    assert name.stage is Stage.SETUP and leader.name in name.message
