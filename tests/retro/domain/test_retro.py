"""The Retro aggregate, Edit/Changes, enums and the blame-wording nudge."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from retro.domain import (
    Audience,
    Changes,
    Edit,
    EntityRef,
    Factor,
    Incident,
    Retro,
    Role,
    Severity,
    TimelineEvent,
    blame_hints,
)

NOW = datetime(2026, 10, 14, 12, 0, tzinfo=UTC)


def test_apply_folds_changes_in_and_inverse_undoes_them() -> None:
    retro = Retro.of(Incident("i", "Outage", version=3), [Factor("f1", "Old title"), TimelineEvent("e1", NOW, "x")])
    original = Retro.of(retro.incident, retro.entities())
    renamed = replace(retro.factors["f1"], title="New title")
    added = Factor("f2", "Second factor")
    changes = Changes(
        "i",
        4,
        upserted=(renamed, added),
        removed=(EntityRef.of(retro.events["e1"]),),
        before=(retro.factors["f1"], retro.events["e1"]),
    )
    retro.apply(changes)
    assert retro.incident.version == 4
    assert retro.factors["f1"].title == "New title" and "f2" in retro.factors and not retro.events

    undo = changes.inverse()
    assert {r.key for r in undo.remove} == {"f2"}
    assert set(undo.upsert) == {original.factors["f1"], original.events["e1"]}
    retro.apply(Changes("i", 5, upserted=undo.upsert, removed=undo.remove))
    assert retro.factors == original.factors and retro.events == original.events


def test_edit_of_accepts_entities_or_refs() -> None:
    f = Factor("f1", "x")
    edit = Edit.of(remove=[f, EntityRef("Factor", "f2")])
    assert edit.remove == (EntityRef("Factor", "f1"), EntityRef("Factor", "f2"))
    assert Edit().is_empty() and not edit.is_empty()
    assert Changes("i", 1, upserted=(f,)).touches(Factor) and not Changes("i", 1).touches(Factor)


def test_touches_takes_classes_so_a_misspelt_kind_cannot_silently_never_match() -> None:
    changes = Changes("i", 1, upserted=(Factor("f1", "Pool too small"),))
    with pytest.raises(TypeError, match="TimelineEvnt"):
        changes.touches("TimelineEvnt")  # type: ignore[arg-type]  # the mistake this guards against
    with pytest.raises(TypeError, match="Factor"):
        changes.touches("Factor")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        changes.touches(str)  # a class, but not a kind a retro records
    assert changes.touches(Factor, Incident) and not changes.touches(Incident)


def test_timeline_is_sorted_by_time_then_id() -> None:
    later = TimelineEvent("a", NOW.replace(hour=13), "later")
    tie1, tie2 = TimelineEvent("c", NOW, "tie"), TimelineEvent("b", NOW, "tie")
    assert [e.id for e in Retro.of(Incident("i", "x"), [later, tie1, tie2]).timeline()] == ["b", "c", "a"]


def test_enum_labels_and_parsing() -> None:
    assert Severity.SEV1.label == "SEV1" and "Critical" in Severity.SEV1.description
    assert Role.parse("Incident commander") is Role.INCIDENT_COMMANDER
    assert Audience.parse("internal") is Audience.INTERNAL
    with pytest.raises(ValueError, match="choose one of"):
        Severity.parse("sev9")


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("Human error during deploy", "Human error"),
        ("The engineer failed to check the dashboard", "failed to"),
        ("Ops should have known", "should have known"),
        ("The root cause was the config", "root cause"),
    ],
)
def test_blame_wording_is_spotted(text: str, phrase: str) -> None:
    assert phrase in [h.phrase for h in blame_hints(text)]


def test_blameless_wording_passes() -> None:
    assert blame_hints("The pool limit was lower than peak traffic needed") == []
