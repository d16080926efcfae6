"""Documents for UI tests: the real RetroStore on temporary SQLite, or an in-memory stand-in.

The stand-in (:class:`MemoryStore`) follows the store's contract closely enough for screens:
it validates every entity, enforces the leader-first rule, cascades removals, fills in
statement order / recorded time and bumps the version. It is used only while the real store
is not implemented yet (it raises ``NotImplementedError``), so the same tests later run on the
real thing unchanged.
"""

from __future__ import annotations

import copy
from dataclasses import replace
from datetime import UTC, datetime

from PySide6.QtWidgets import QWidget

from retro.domain import (
    AccountabilityStatement,
    ActionItem,
    ActionStatus,
    Changes,
    Edit,
    EntityRef,
    FactorEvidence,
    FactorLink,
    Impact,
    Incident,
    NotFound,
    PrivateNote,
    Retro,
    Severity,
    StaleEditError,
    new_id,
)
from retro.domain.accountability import check_accountability, check_can_record
from retro.domain.validation import validate_entity, validate_incident
from retro.services import RetroStore
from ui.document import RetroDocument


class MemoryStore(RetroStore):
    """An in-memory store with the RetroStore edit semantics (tests only)."""

    def __init__(self, url: str = "memory://", *, upgrade: bool = True) -> None:
        self._retros: dict[str, Retro] = {}

    @property
    def url(self) -> str:
        return "memory://"

    def close(self) -> None:
        self._retros.clear()

    def load(self, incident_id: str) -> Retro:
        try:
            return copy.deepcopy(self._retros[incident_id])
        except KeyError:
            raise NotFound(f"No retrospective with id {incident_id}") from None

    def create_retro(self, title: str, severity: Severity = Severity.SEV3, *, timezone: str = "UTC") -> Retro:
        incident = Incident(new_id(), title, severity, timezone=timezone, created_at=datetime.now(UTC))
        retro = Retro.of(incident, [Impact(new_id())])
        self._retros[incident.id] = retro
        return self.load(incident.id)

    def add_retro(self, retro: Retro, *, new_ids: bool = True) -> str:
        validate_incident(retro.incident)
        for entity in retro.entities():
            validate_entity(entity, retro)
        check_accountability(retro)
        self._retros[retro.incident.id] = copy.deepcopy(retro)
        return retro.incident.id

    def current_version(self, incident_id: str) -> int:
        return self._retros[incident_id].incident.version

    def apply(self, incident_id: str, expected_version: int, edit: Edit) -> Changes:
        stored = self._retros[incident_id]
        if stored.incident.version != expected_version:
            raise StaleEditError(stored.incident.title, expected_version, stored.incident.version)
        work = copy.deepcopy(stored)
        version = stored.incident.version + 1
        before: dict[tuple[str, str], object] = {}
        removed: list[EntityRef] = []
        incident = None
        if edit.incident is not None:
            validate_incident(edit.incident)
            incident = replace(edit.incident, version=version)
        for ref in self._cascade(work, edit.remove):
            old = work.collection(ref.kind).pop(ref.key, None)
            if old is not None:
                before[(ref.kind, ref.key)] = old
                removed.append(ref)
        upserted = []
        for entity in edit.upsert:
            if isinstance(entity, AccountabilityStatement):
                check_can_record(work, entity)
                if entity.order == 0:
                    entity = replace(entity, order=_next_order(work))
                if entity.recorded_at is None:
                    entity = replace(entity, recorded_at=datetime.now(UTC))
            if isinstance(entity, ActionItem) and entity.status is ActionStatus.DONE and not entity.completed_at:
                entity = replace(entity, completed_at=datetime.now(UTC))
            validate_entity(entity, work)
            kind = type(entity).__name__
            old = work.collection(kind).get(entity.key)
            if old is not None and (kind, entity.key) not in before:
                before[(kind, entity.key)] = old
            work.collection(kind)[entity.key] = entity
            upserted.append(entity)
        check_accountability(work)
        work.incident = incident or replace(work.incident, version=version)
        self._retros[incident_id] = work
        return Changes(
            incident_id,
            version,
            incident,
            tuple(upserted),
            tuple(removed),
            tuple(before.values()),  # type: ignore[arg-type]
            stored.incident if incident is not None else None,
        )

    @staticmethod
    def _cascade(retro: Retro, refs: tuple[EntityRef, ...]) -> list[EntityRef]:
        out = list(refs)
        for ref in refs:
            for coll in (retro.links, retro.evidence, retro.statements, retro.private_notes):
                for key, entity in coll.items():
                    hit = (
                        (isinstance(entity, FactorLink) and ref.key in (entity.cause_id, entity.effect_id))
                        or (isinstance(entity, FactorEvidence) and ref.key in (entity.factor_id, entity.event_id))
                        or (isinstance(entity, AccountabilityStatement | PrivateNote)
                            and ref.kind == "Participant" and entity.participant_id == ref.key)
                    )
                    if hit:
                        out.append(EntityRef(type(entity).__name__, key))
        return out


def _next_order(retro: Retro) -> int:
    return max((s.order for s in retro.statements.values()), default=0) + 1


def open_store(sqlite_url: str) -> RetroStore:
    """The real store on ``sqlite_url`` when storage is implemented, else a :class:`MemoryStore`."""
    try:
        return RetroStore(sqlite_url)
    except NotImplementedError:
        return MemoryStore()


def make_document(sqlite_url: str, retro: Retro | None = None) -> RetroDocument:
    """A document over ``retro`` (the demo when None) stored in a fresh database."""
    from retro.demo import build_demo_retro

    store = open_store(sqlite_url)
    incident_id = store.add_retro(retro if retro is not None else build_demo_retro())
    return RetroDocument(store, store.load(incident_id))


def make_empty_document(sqlite_url: str, title: str = "Test incident", *,
                        severity: Severity = Severity.SEV2, timezone: str = "UTC") -> RetroDocument:
    """A document over a brand-new retro with nothing recorded."""
    store = open_store(sqlite_url)
    retro = store.create_retro(title, severity, timezone=timezone)
    return RetroDocument(store, store.load(retro.incident.id))


def unnamed_controls(root: QWidget) -> list[str]:
    """Controls under ``root`` a screen reader could not name (no accessible name, text or buddy)."""
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractItemView,
        QAbstractSpinBox,
        QComboBox,
        QLabel,
        QLineEdit,
        QPlainTextEdit,
    )

    def inside_a_control(widget: QWidget) -> bool:  # a combo's popup, a spin box's line edit …
        parent = widget.parentWidget()
        while parent is not None and parent is not root:
            if isinstance(parent, QComboBox | QAbstractSpinBox | QLineEdit | QAbstractItemView):
                return True
            if type(parent).__name__ == "QComboBoxPrivateContainer":
                return True
            parent = parent.parentWidget()
        return False

    buddies = {label.buddy() for label in root.findChildren(QLabel) if label.buddy() is not None}
    out = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, QAbstractButton | QAbstractItemView | QComboBox | QLineEdit | QPlainTextEdit):
            continue
        if inside_a_control(widget):
            continue
        named = widget.accessibleName() or widget in buddies
        if isinstance(widget, QAbstractButton):
            named = named or bool(widget.text().replace("&", "").strip())
        if not named:
            out.append(f"{type(widget).__name__} {widget.objectName()!r}")
    return out
