"""The registry of entity kinds is complete: a kind added in one place and missed in another fails here."""

from __future__ import annotations

import typing
from dataclasses import fields

import pytest

from retro.domain import ENTITY_TYPES, KINDS, Entity, EntityRef, Factor, Incident, Retro, kind_of
from retro.domain.entities import ActionItem, FactorLink, Impact, Participant
from retro.domain.kinds import referrers


def test_every_member_of_the_entity_union_is_a_kind_and_nothing_else() -> None:
    assert set(typing.get_args(Entity)) == set(ENTITY_TYPES)
    assert len(ENTITY_TYPES) == len(set(ENTITY_TYPES))


def test_every_kind_has_its_own_typed_collection_on_the_retro() -> None:
    retro_fields = {f.name: f for f in fields(Retro)}
    hints = typing.get_type_hints(Retro)
    collections = [k.collection for k in KINDS]
    assert len(collections) == len(set(collections))
    for kind in KINDS:
        assert kind.collection in retro_fields, kind.name
        assert hints[kind.collection] == dict[str, kind.entity_type], kind.name
    # And no collection of the retro is left out of the registry.
    # (a dict keyed by an entity's key; the "Seen before" decisions, keyed by a factor pair, are not entities)
    keyed_by_id = {name for name, hint in hints.items()
                   if typing.get_origin(hint) is dict and typing.get_args(hint)[0] is str}
    assert keyed_by_id == set(collections)


def test_key_fields_make_the_key() -> None:
    for kind in KINDS:
        names = {f.name for f in fields(kind.entity_type)}
        assert set(kind.key_fields) <= names, kind.name
        assert {r.field for r in kind.references} <= names, kind.name


def test_removing_a_kind_reads_everything_its_removal_reaches() -> None:
    for kind in KINDS:
        for child, _ in referrers(kind):
            assert child.entity_type in kind.reads_to_remove, (kind.name, child.name)


def test_the_cascade_is_derived_from_the_references() -> None:
    factor = kind_of(Factor)
    assert [(c.entity_type, [r.field for r in refs]) for c, refs in referrers(factor)] == [
        (FactorLink, ["cause_id", "effect_id"]),
        (kind_of("FactorEvidence").entity_type, ["factor_id"]),
        (ActionItem, ["factor_ids"]),
    ]
    assert [(c.entity_type, [r.field for r in refs]) for c, refs in referrers(kind_of(Impact))] == [
        (FactorLink, ["effect_id"]),
    ]


def test_kind_of_accepts_a_class_a_name_or_an_entity_and_refuses_anything_else() -> None:
    person = Participant("p1", "Dana")
    assert kind_of(Participant) is kind_of("Participant") is kind_of(person)
    assert kind_of(person).label == "participant"
    with pytest.raises(KeyError, match="Participnt"):
        kind_of("Participnt")
    assert EntityRef.of(person).is_a(Participant) and not EntityRef.of(person).is_a(Factor)


def test_a_retro_collection_is_found_by_class_or_by_name() -> None:
    retro = Retro.of(Incident("i", "Outage"), [Factor("f1", "Pool too small")])
    assert retro.collection(Factor) is retro.collection("Factor") is retro.factors
