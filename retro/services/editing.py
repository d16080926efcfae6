"""One edit, in one transaction: guard the version, build the post-edit retro, check, write.

Private notes go through a :class:`~retro.services.private_notes.NoteTransaction` when one is given
(team mode: they stay on this machine), and through the database like everything else when not.

Only what the edit needs is read. Adding a timeline event to a retro of 10,000 events reads one
event (to know whether it is new), not the timeline; removing a contributing factor reads the
arrows, evidence and actions that may hang off it.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from sqlalchemy import Connection, bindparam, select, update

from ..domain import (
    AccountabilityStatement,
    ActionItem,
    ActionStatus,
    Changes,
    Edit,
    Entity,
    EntityRef,
    Incident,
    NotFound,
    ParkingItem,
    Participant,
    PrivateNote,
    Retro,
    StaleEditError,
    ValidationError,
    check_accountability,
    check_can_record,
    next_order,
)
from ..domain.kinds import KINDS, is_kind_name, kind_of, referenced_keys, referrers, refers_to
from ..domain.validation import validate_entity, validate_incident
from ..storage import incident_figures, rows, search
from ..storage import models as m
from ..storage.mapping import incident_from_row
from .library_index import follow_edit
from .private_notes import KIND as NOTE
from .private_notes import NoteTransaction

Key = tuple[str, str]

# Whole collections an edit must read, by what it stores and what it removes (retro/domain/kinds.py).
_READS_TO_STORE: dict[str, set[str]] = {k.name: {t.__name__ for t in k.reads_to_store} for k in KINDS}
_READS_TO_REMOVE: dict[str, set[str]] = {k.name: {t.__name__ for t in k.reads_to_remove} for k in KINDS}
# An edit touching these re-checks the whole accountability section (the leader speaks first).
_ACCOUNTABILITY = {Participant.__name__, AccountabilityStatement.__name__}

# Built once: this statement runs on every edit.
_BUMP = (
    update(m.incidents)
    .where(m.incidents.c.id == bindparam("guard_id"), m.incidents.c.version == bindparam("guard_version"))
    .values(version=m.incidents.c.version + 1)
    .returning(*m.incidents.c)
)


def bump_version(conn: Connection, incident_id: str, expected_version: int) -> Incident:
    """The atomic version guard; returns the stored incident (with its *old* version).

    Raises :class:`StaleEditError` when someone else edited first, :class:`NotFound` when the
    retro is gone.
    """
    inc = m.incidents
    row = conn.execute(_BUMP, {"guard_id": incident_id, "guard_version": expected_version}).first()
    if row is not None:
        return replace(incident_from_row(row), version=expected_version)
    current = conn.execute(select(inc.c.title, inc.c.version).where(inc.c.id == incident_id)).first()
    if current is None:
        raise NotFound(f"The retro {incident_id!r} no longer exists (deleted by someone else?); the edit was not saved.")
    raise StaleEditError(current.title, expected_version, current.version)


def check_version(conn: Connection, incident_id: str, expected_version: int) -> Incident:
    """The version guard without the bump: like :func:`bump_version`, but changes nothing.

    Takes the incident row's write lock, so no other edit commits to the retro until this one
    ends (as when bumping) and the rest is checked against what is stored.
    """
    stored = rows.load_incident(conn, incident_id, lock=True)
    if stored is None:
        raise NotFound(f"The retro {incident_id!r} no longer exists (deleted by someone else?); the edit was not saved.")
    if stored.version != expected_version:
        raise StaleEditError(stored.title, expected_version, stored.version)
    return stored


def _load_kind(conn: Connection, notes: NoteTransaction | None, kind: str, incident_id: str,
               keys: set[str] | None = None) -> dict[str, Entity]:
    if notes is not None and kind == NOTE:
        return notes.load(incident_id, keys)  # type: ignore[return-value]
    return rows.load_kind(conn, kind, incident_id, keys)


def _read_state(conn: Connection, stored: Incident, edit: Edit, notes: NoteTransaction | None) -> Retro:
    """The part of the stored retro this edit needs, as a (partial) domain Retro."""
    full: set[str] = set()
    for entity in edit.upsert:
        full |= _READS_TO_STORE[type(entity).__name__]
    for ref in edit.remove:
        full |= _READS_TO_REMOVE[ref.kind]
    partial: dict[str, set[str]] = {}
    for entity in edit.upsert:
        of_kind = kind_of(entity)
        partial.setdefault(of_kind.name, set()).add(entity.key)
        # What it refers to, when not read whole, is read by key (the event a piece of evidence cites).
        for reference in of_kind.references:
            for parent in reference.to:
                if parent.__name__ not in full and (cited := referenced_keys(entity, reference)):
                    partial.setdefault(parent.__name__, set()).update(cited)
    for ref in edit.remove:
        partial.setdefault(ref.kind, set()).add(ref.key)
    state = Retro(stored)
    for kind in full:
        state.collection(kind).update(_load_kind(conn, notes, kind, stored.id))
    for kind, keys in partial.items():
        if kind not in full:
            state.collection(kind).update(_load_kind(conn, notes, kind, stored.id, keys))
    return state


def _copy(retro: Retro) -> Retro:
    copy = Retro(retro.incident)
    for kind in KINDS:
        copy.collection(kind.entity_type).update(retro.collection(kind.entity_type))
    return copy


class _EditInProgress:
    """The post-edit state being built, and what it removed and rewrote on the way."""

    def __init__(self, before: Retro) -> None:
        self.before = before
        self.state = _copy(before)
        self.removed: dict[Key, Entity] = {}
        # Upserted and cascaded updates, in order (a dict: ordered, and O(1) to test and drop).
        self.touched: dict[Key, None] = {}

    def touch(self, key: Key) -> None:
        self.touched.setdefault(key, None)

    def remove(self, kind: str, key: str) -> None:
        entity = self.state.collection(kind).pop(key, None)
        if entity is None:
            return  # not stored (already gone): nothing to remove
        self.touched.pop((kind, key), None)  # rewritten by an earlier cascade, now gone altogether
        # What undo must restore is the stored value, not one an earlier cascade rewrote.
        self.removed[(kind, key)] = self.before.collection(kind).get(key, entity)
        # What refers to it goes with it, or (an action's factors) lets go of it: the references
        # declared in retro/domain/kinds.py, kind by kind in their order.
        for child, references in referrers(kind_of(kind)):
            held = self.state.collection(child.entity_type)
            for other in [x for x in held.values() if any(refers_to(x, r, key) for r in references)]:
                if any(refers_to(other, r, key) for r in references if not r.detach):
                    self.remove(child.name, other.key)
                    continue
                for r in [r for r in references if r.detach]:  # a tuple of ids: only take this one out
                    kept = tuple(v for v in getattr(other, r.field) if v != key)
                    # the field is named by the registry, so mypy cannot match it to one type
                    other = replace(other, **{r.field: kept})  # type: ignore[arg-type]
                held[other.key] = other
                self.touch((child.name, other.key))

    def upsert(self, entity: Entity, now: datetime) -> None:
        kind = type(entity).__name__
        key = (kind, entity.key)
        self.removed.pop(key, None)
        self.state.collection(kind)[entity.key] = normalise(entity, self.before, self.state, now)
        self.touch(key)


def normalise(entity: Entity, before: Retro, state: Retro, now: datetime) -> Entity:
    """Fill in what the store owns: speaking order, recorded / completed / updated times."""
    if isinstance(entity, AccountabilityStatement):
        if entity.order == 0:
            others = Retro(state.incident, statements={k: v for k, v in state.statements.items() if k != entity.id})
            entity = replace(entity, order=next_order(others))
        if entity.recorded_at is None:
            entity = replace(entity, recorded_at=now)
    elif isinstance(entity, ActionItem):
        if entity.status is ActionStatus.DONE and entity.completed_at is None:
            entity = replace(entity, completed_at=now)
        elif entity.status in (ActionStatus.OPEN, ActionStatus.IN_PROGRESS) and entity.completed_at is not None:
            entity = replace(entity, completed_at=None)
        if entity.created_at is None:
            entity = replace(entity, created_at=now)
    elif isinstance(entity, ParkingItem):  # parking lot (issue 11): stamped when parked
        if entity.created_at is None:
            entity = replace(entity, created_at=now)
    elif isinstance(entity, PrivateNote):
        old = before.private_notes.get(entity.id)
        changed = old is None or (old.text, old.participant_id) != (entity.text, entity.participant_id)
        if entity.updated_at is None or (changed and old is not None and entity.updated_at == old.updated_at):
            entity = replace(entity, updated_at=now)
    return entity


def _check(work: _EditInProgress, incident: Incident | None, edit: Edit) -> None:
    """Every check the domain defines, against the post-edit state."""
    state = work.state
    if incident is not None:
        validate_incident(incident)
    for kind, key in work.touched:
        entity = state.collection(kind)[key]
        validate_entity(entity, state)
        if isinstance(entity, AccountabilityStatement) and key not in work.before.statements:
            others = _copy(state)
            del others.statements[key]
            check_can_record(others, entity)
    kinds = {type(e).__name__ for e in edit.upsert} | {k for k, _ in work.removed}
    if kinds & _ACCOUNTABILITY:
        check_accountability(state)


def apply_edit(conn: Connection, incident_id: str, expected_version: int, edit: Edit,
               notes: NoteTransaction | None = None) -> Changes:
    """Apply ``edit`` inside the caller's transaction; raise (and write nothing) when refused.

    With ``notes`` (team mode) private notes are read from and written to that local
    transaction only; the caller commits it after ``conn``'s. An edit that then changes nothing
    in the shared database (notes only, the incident as stored) checks the version there but
    does not bump it: a teammate's copy stays current, and the database does not learn that the
    facilitator wrote a note. Its :class:`Changes` carries the unchanged version.
    """
    kinds = [type(e).__name__ for e in edit.upsert] + [r.kind for r in edit.remove]
    for kind in kinds:
        if not is_kind_name(kind):
            raise ValidationError("edit", f"{kind} is not something a retro stores (retro {incident_id!r})")
    now = datetime.now(UTC)
    notes_only = notes is not None and all(kind == NOTE for kind in kinds)  # removing a note cascades to nothing
    if notes_only:
        stored = check_version(conn, incident_id, expected_version)
    else:
        stored = bump_version(conn, incident_id, expected_version)
    new_incident: Incident | None = None
    if edit.incident is not None:
        if edit.incident.id != incident_id:
            raise ValidationError("incident", f"the edit names incident {edit.incident.id!r}, not {incident_id!r}")
        new_incident = replace(edit.incident, version=expected_version,
                               created_at=edit.incident.created_at or stored.created_at)
    work = _EditInProgress(_read_state(conn, stored, edit, notes))
    for ref in edit.remove:
        work.remove(ref.kind, ref.key)
    for entity in edit.upsert:
        work.upsert(entity, now)
    _check(work, new_incident, edit)

    def local(kind: str) -> bool:
        return notes is not None and kind == NOTE

    before: list[Entity] = []
    upserted: list[Entity] = []
    inserts: list[Entity] = []
    for kind, key in work.touched:
        new = work.state.collection(kind)[key]
        old = work.before.collection(kind).get(key)
        if new == old:
            continue
        upserted.append(new)
        if old is None:
            inserts.append(new)
        else:
            before.append(old)
            if not local(kind):
                rows.update_entity(conn, incident_id, new, old)
    removed_refs = [EntityRef(kind, key) for kind, key in work.removed]
    before.extend(work.removed.values())
    if notes is not None:
        notes.delete(incident_id, [r.key for r in removed_refs if r.kind == NOTE])
        notes.save(incident_id, [e for e in upserted if isinstance(e, PrivateNote)])
    rows.delete_entities(conn, incident_id, [r for r in removed_refs if not local(r.kind)])
    rows.insert_entities(conn, incident_id, [e for e in inserts if not local(type(e).__name__)])

    changed_incident = None
    version = expected_version if notes_only else expected_version + 1
    if new_incident is not None and new_incident != stored:
        if notes_only:  # a shared change after all: bump now (this edit holds the row's lock)
            bump_version(conn, incident_id, expected_version)
            version = expected_version + 1
        rows.update_incident(conn, new_incident)
        changed_incident = replace(new_incident, version=version)
    search.forget_refs(conn, incident_id, [r for r in removed_refs if not local(r.kind)])
    search.index_entities(conn, incident_id, [e for e in inserts if not local(type(e).__name__)], new=True)
    inserted = {id(e) for e in inserts}  # by identity: comparing entities field by field is quadratic
    replaced = [e for e in upserted if id(e) not in inserted and not local(type(e).__name__)]
    search.index_entities(conn, incident_id, [*replaced, *([changed_incident] if changed_incident else [])])
    follow_edit(conn, incident_id, inserts, replaced, removed_refs)
    incident_figures.follow_edit(conn, incident_id, changed_incident is not None, upserted, removed_refs)
    return Changes(
        incident_id=incident_id,
        version=version,
        incident=changed_incident,
        upserted=tuple(upserted),
        removed=tuple(removed_refs),
        before=tuple(before),
        incident_before=stored if changed_incident else None,
    )
