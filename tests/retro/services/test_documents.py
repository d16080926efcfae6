"""Whole retros coming in: fresh ids keep the speaking order, however the document numbered it."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from retro.domain import AccountabilityStatement, Participant, Retro, Role
from retro.services import RetroStore
from retro.services.documents import with_new_ids

from .builders import full_retro


def tied_retro(speakers: int = 10) -> Retro:
    """A leader and ``speakers - 1`` others who all share order 1; the ids say who spoke first."""
    retro = full_retro()
    retro.statements.clear()
    for i in range(speakers):
        person = Participant(f"p-{i}", f"Person {i}", frozenset({Role.LEADER} if i == 0 else {Role.RESPONDER}), i)
        retro.participants[person.id] = person
        retro.statements[f"s-{i:02}"] = AccountabilityStatement(f"s-{i:02}", person.id, f"Statement {i}", order=1)
    return retro


def test_fresh_ids_keep_tied_statements_in_id_order_and_number_them_densely() -> None:
    copy = with_new_ids(tied_retro())
    spoken = copy.speaking_order()
    assert [s.text for s in spoken] == [f"Statement {i}" for i in range(10)]
    assert [s.order for s in spoken] == list(range(1, 11))


def test_order_zero_is_a_number_and_speaks_before_one_as_documented() -> None:
    retro = full_retro()
    s1, s2 = retro.statements["s-1"], retro.statements["s-2"]
    retro.statements["s-1"] = replace(s1, order=0, recorded_at=s2.recorded_at)
    retro.statements["s-2"] = replace(s2, order=5)
    assert [s.text for s in retro.speaking_order()] == [s1.text, s2.text]  # what the document reader checks
    spoken = with_new_ids(retro).speaking_order()
    assert [(s.text, s.order) for s in spoken] == [(s1.text, 1), (s2.text, 2)]


def test_a_leader_at_order_zero_before_others_at_one_and_two_loads(store: RetroStore, tmp_path: Path) -> None:
    import json

    from retro.cli import main
    from retro.io.document import dump, load_document

    retro = tied_retro(3)
    for i, key in enumerate(sorted(retro.statements)):
        retro.statements[key] = replace(retro.statements[key], order=i)  # leader 0, then 1 and 2
    path = tmp_path / "doc.json"
    path.write_text(json.dumps(dump(retro)))
    loaded = store.load(store.add_retro(load_document(path.read_bytes())))
    assert [(s.text, s.order) for s in loaded.speaking_order()] == [
        ("Statement 0", 1), ("Statement 1", 2), ("Statement 2", 3)]
    assert main(["--db", str(tmp_path / "cli.sqlite3"), "load", str(path)]) == 0


def test_a_document_with_tied_orders_loads_every_time(store: RetroStore) -> None:
    for _ in range(5):
        loaded = store.load(store.add_retro(tied_retro()))
        assert loaded.speaking_order()[0].text == "Statement 0"
