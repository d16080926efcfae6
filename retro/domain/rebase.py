"""Re-making a refused edit on top of someone else's changes ("Reload and re-apply my change").

A stale edit carries whole values: the incident and every entity as the person's copy had them.
Storing those again would put back everything the other person changed meanwhile. So the edit
is merged field by field, the way a person would: only the fields this person changed (their
value differs from the one the person's copy had before the edit) move onto what is stored now.
A change to something someone else deleted is dropped, and said so; a removal of something
already gone is nothing to do.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any

from .kinds import kind_of
from .retro import Edit, Retro


@dataclass(frozen=True, slots=True)
class RebasedEdit:
    """A refused edit re-made against the stored retro, and what could not be carried over."""

    edit: Edit
    #: One phrase per change dropped because someone else deleted what it changed.
    dropped: tuple[str, ...] = ()


def changed_fields(mine: Any, old: Any, *, skip: frozenset[str] = frozenset()) -> dict[str, Any]:
    """The fields of ``mine`` whose value differs from ``old`` (two values of one dataclass)."""
    return {f.name: getattr(mine, f.name) for f in fields(mine)
            if f.name not in skip and getattr(mine, f.name) != getattr(old, f.name)}


def merged_value(mine: Any, old: Any, current: Any) -> Any:
    """The person's change to a field, carried onto the value stored now.

    For a collection (an action's factors, a person's roles, services, tags) only what the person
    added or took away is applied, so an item someone else added meanwhile stays; for anything
    else the person's value wins (it is the field they changed).
    """
    if isinstance(mine, tuple) and isinstance(old, tuple) and isinstance(current, tuple):
        added = [v for v in mine if v not in old]
        taken = {v for v in old if v not in mine}
        kept = [v for v in current if v not in taken]
        return tuple(kept + [v for v in added if v not in kept])
    if isinstance(mine, frozenset) and isinstance(old, frozenset) and isinstance(current, frozenset):
        return (current | (mine - old)) - (old - mine)
    return mine


def rebased_fields(mine: Any, old: Any, current: Any, *, skip: frozenset[str] = frozenset()) -> dict[str, Any]:
    """The fields the person changed (``mine`` against ``old``), merged onto ``current``."""
    return {name: merged_value(value, getattr(old, name), getattr(current, name))
            for name, value in changed_fields(mine, old, skip=skip).items()}


def describe(entity: Any) -> str:
    """``the timeline event “Alert fired”``: how a message names ``entity``."""
    kind = kind_of(entity)
    name = kind.label
    if not kind.personal:
        for attr in ("title", "name", "text", "question"):
            value = getattr(entity, attr, None)
            if isinstance(value, str) and value.strip():
                text = " ".join(value.split())
                return f"the {name} “{text if len(text) <= 60 else text[:59] + '…'}”"
    return f"a {name}" if name[0] not in "aeiou" else f"an {name}"


def rebase_edit(edit: Edit, before: Retro, now: Retro) -> RebasedEdit:
    """``edit`` (made against ``before``) re-made against ``now``, field by field.

    Incident and entity fields the person did not change keep the values stored now, so
    re-applying one change never reverts someone else's. Entities the person created are stored
    as made; a change to an entity that is gone now is dropped (and named in ``dropped``).
    """
    incident = None
    if edit.incident is not None:
        mine = rebased_fields(edit.incident, before.incident, now.incident, skip=frozenset({"version"}))
        if mine:
            incident = replace(now.incident, **mine)
    upsert = []
    dropped: list[str] = []
    for entity in edit.upsert:
        kind = type(entity).__name__
        old = before.collection(kind).get(entity.key)
        current = now.collection(kind).get(entity.key)
        if old is None:  # the person made it (or brought it back): theirs as made
            upsert.append(entity)
        elif current is None:  # someone else deleted it meanwhile: do not bring it back
            dropped.append(describe(old))
        else:
            mine = rebased_fields(entity, old, current)
            if mine:
                upsert.append(replace(current, **mine))
    remove = tuple(ref for ref in edit.remove if ref.key in now.collection(ref.kind))
    return RebasedEdit(Edit(incident, tuple(upsert), remove), tuple(dropped))


def snapshot(retro: Retro) -> Retro:
    """A copy of ``retro`` that later edits of the document do not change (entities are frozen)."""
    return Retro.of(retro.incident, retro.entities())
