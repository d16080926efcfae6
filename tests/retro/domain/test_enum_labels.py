"""An enum member's label is its own enum's, never another enum's that happens to share the value.

StrEnum members of different enums with equal values compare and hash alike
(``EventKind.ACTION == ParkingResolution.ACTION == "action"``), so a label table keyed by member
once labelled every timeline "Action" event "Turned into an action" (the parking-lot wording).
"""

from __future__ import annotations

from itertools import combinations

import pytest

from retro.domain import EventKind, ParkingResolution, enums


def _labelled_enums() -> list[type[enums._Labelled]]:
    found: list[type[enums._Labelled]] = []
    todo = list(enums._Labelled.__subclasses__())
    while todo:
        cls = todo.pop()
        found.append(cls)
        todo.extend(cls.__subclasses__())
    return found


def _equal_pairs() -> list[tuple[enums._Labelled, enums._Labelled]]:
    members = [m for cls in _labelled_enums() for m in cls]
    return [(a, b) for a, b in combinations(members, 2) if type(a) is not type(b) and a.value == b.value]


def _owner(key: object) -> type:
    return key[0] if isinstance(key, tuple) else type(key)


def test_there_are_equal_valued_members_to_check() -> None:
    assert (EventKind.ACTION, ParkingResolution.ACTION) in _equal_pairs() or (
        ParkingResolution.ACTION,
        EventKind.ACTION,
    ) in _equal_pairs()


@pytest.mark.parametrize(("a", "b"), _equal_pairs(), ids=lambda m: f"{type(m).__name__}.{m.name}")
def test_another_enums_labels_never_change_a_members_label(
    a: enums._Labelled, b: enums._Labelled, monkeypatch: pytest.MonkeyPatch
) -> None:
    for member, other in ((a, b), (b, a)):
        monkeypatch.setattr(enums, "_LABEL_CACHE", type(enums._LABEL_CACHE)())
        with_all = member.label
        without_other = {k: v for k, v in enums._LABELS.items() if _owner(k) is not type(other)}
        monkeypatch.setattr(enums, "_LABELS", without_other)
        monkeypatch.setattr(enums, "_LABEL_CACHE", type(enums._LABEL_CACHE)())
        assert member.label == with_all, (member, other)
        monkeypatch.undo()


def test_the_timeline_action_is_labelled_action() -> None:
    assert EventKind.ACTION.label == "Action"
    assert ParkingResolution.ACTION.label == "Turned into an action"
    assert EventKind.parse("Action") is EventKind.ACTION
