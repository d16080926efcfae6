"""The stored shape of a retrospective: one table per kind of entity, all hanging off ``incidents``.

Every child row carries ``incident_id`` with ``ON DELETE CASCADE`` and a primary key of
``(incident_id, id)``, so the same document can be stored twice under different incidents.
Enum values are stored as their stable tokens. The services read and write these tables with
Core statements (``Model.__table__``) where speed matters; the ORM classes define the schema.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, ClassVar

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    Float,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from .types import TextTuple, UTCDateTime

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    if TYPE_CHECKING:
        # Every row class here is mapped to a plain Table (no joined or aliased mapping), which is
        # what the Core statements below need; SQLAlchemy types it as the wider FromClause.
        __table__: ClassVar[Table]


def _incident_fk() -> Mapped[str]:
    return mapped_column(String, ForeignKey("incidents.id", ondelete="CASCADE"), primary_key=True)


class IncidentRow(Base):
    __tablename__ = "incidents"

    id: Mapped[str] = mapped_column(String, primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    severity: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16))
    summary: Mapped[str] = mapped_column(Text, default="")
    services: Mapped[tuple[str, ...]] = mapped_column(TextTuple, default=())
    tags: Mapped[tuple[str, ...]] = mapped_column(TextTuple, default=())
    public_mentions: Mapped[tuple[str, ...]] = mapped_column(TextTuple, default=())  # 0004
    public_apology: Mapped[str] = mapped_column(Text, default="")  # 0004
    public_contact: Mapped[str] = mapped_column(Text, default="")  # 0004
    customer_impact: Mapped[str] = mapped_column(Text, default="")
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    detected_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    declared_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    mitigated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    lessons_learned: Mapped[str] = mapped_column(Text, default="")
    went_well: Mapped[str] = mapped_column(Text, default="")
    got_lucky: Mapped[str] = mapped_column(Text, default="")
    surprises: Mapped[str] = mapped_column(Text, default="")
    internal_report_shared_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    public_report_shared_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    agenda: Mapped[tuple[str, ...]] = mapped_column(TextTuple, default=())  # 0008
    projector_shows_roles: Mapped[bool] = mapped_column(Boolean, default=False)  # 0008


class ParticipantRow(Base):
    __tablename__ = "participants"

    incident_id: Mapped[str] = _incident_fk()
    id: Mapped[str] = mapped_column(String, primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    roles: Mapped[str] = mapped_column(Text, default="")  # sorted, comma-separated Role tokens
    position: Mapped[int] = mapped_column(Integer, default=0)


class TimelineEventRow(Base):
    __tablename__ = "timeline_events"
    __table_args__ = (Index("ix_timeline_events_incident_at", "incident_id", "at"),)

    incident_id: Mapped[str] = _incident_fk()
    id: Mapped[str] = mapped_column(String, primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    text: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(32))
    source: Mapped[str] = mapped_column(Text, default="")
    evidence_url: Mapped[str] = mapped_column(Text, default="")
    audience: Mapped[str] = mapped_column(String(16))
    actor_role: Mapped[str | None] = mapped_column(String(32))


class FactorRow(Base):
    __tablename__ = "factors"

    incident_id: Mapped[str] = _incident_fk()
    id: Mapped[str] = mapped_column(String, primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    category: Mapped[str] = mapped_column(String(32))
    description: Mapped[str] = mapped_column(Text, default="")
    audience: Mapped[str] = mapped_column(String(16))
    x: Mapped[float | None] = mapped_column(Float)
    y: Mapped[float | None] = mapped_column(Float)


class ImpactRow(Base):
    __tablename__ = "impacts"

    incident_id: Mapped[str] = _incident_fk()
    id: Mapped[str] = mapped_column(String, primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    description: Mapped[str] = mapped_column(Text, default="")
    x: Mapped[float | None] = mapped_column(Float)
    y: Mapped[float | None] = mapped_column(Float)


class FactorLinkRow(Base):
    __tablename__ = "factor_links"

    incident_id: Mapped[str] = _incident_fk()
    id: Mapped[str] = mapped_column(String, primary_key=True)
    cause_id: Mapped[str] = mapped_column(String)
    effect_id: Mapped[str] = mapped_column(String)
    note: Mapped[str] = mapped_column(Text, default="")


class FactorEvidenceRow(Base):
    __tablename__ = "factor_evidence"

    incident_id: Mapped[str] = _incident_fk()
    factor_id: Mapped[str] = mapped_column(String, primary_key=True)
    event_id: Mapped[str] = mapped_column(String, primary_key=True)


class AccountabilityStatementRow(Base):
    __tablename__ = "accountability_statements"

    incident_id: Mapped[str] = _incident_fk()
    id: Mapped[str] = mapped_column(String, primary_key=True)
    participant_id: Mapped[str] = mapped_column(String)
    text: Mapped[str] = mapped_column(Text)
    speaking_order: Mapped[int] = mapped_column(Integer, default=0)
    recorded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class PrivateNoteRow(Base):
    """The facilitator's private notes live in their own table, so no export query can reach them
    by accident."""

    __tablename__ = "private_notes"

    incident_id: Mapped[str] = _incident_fk()
    id: Mapped[str] = mapped_column(String, primary_key=True)
    text: Mapped[str] = mapped_column(Text, default="")
    participant_id: Mapped[str | None] = mapped_column(String)
    updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class ActionItemRow(Base):
    __tablename__ = "action_items"
    __table_args__ = (
        Index("ix_action_items_status_due", "status", "due"),
        Index("ix_action_items_incident_status_due", "incident_id", "status", "due"),  # revision 3
    )

    incident_id: Mapped[str] = _incident_fk()
    id: Mapped[str] = mapped_column(String, primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    owner: Mapped[str] = mapped_column(Text, default="")
    due: Mapped[date | None] = mapped_column(Date)
    description: Mapped[str] = mapped_column(Text, default="")
    action_type: Mapped[str] = mapped_column(String(16))
    horizon: Mapped[str] = mapped_column(String(16))
    priority: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16))
    status_reason: Mapped[str] = mapped_column(Text, default="")
    public_reason: Mapped[str] = mapped_column(Text, default="")  # 0008
    ticket_url: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class ActionFactorRow(Base):
    """Which contributing factors an action addresses, in the order the action lists them."""

    __tablename__ = "action_factors"
    __table_args__ = (
        ForeignKeyConstraint(
            ["incident_id", "action_id"],
            ["action_items.incident_id", "action_items.id"],
            ondelete="CASCADE",
            name="fk_action_factors_action_items",
        ),
    )

    incident_id: Mapped[str] = _incident_fk()
    action_id: Mapped[str] = mapped_column(String, primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    factor_id: Mapped[str] = mapped_column(String)


class ReviewAnswerRow(Base):
    __tablename__ = "review_answers"

    incident_id: Mapped[str] = _incident_fk()
    question: Mapped[str] = mapped_column(String(64), primary_key=True)
    text: Mapped[str] = mapped_column(Text, default="")


class ParkingItemRow(Base):
    """A topic parked during the meeting (revision 0008) and what it became."""

    __tablename__ = "parking_items"

    incident_id: Mapped[str] = _incident_fk()
    id: Mapped[str] = mapped_column(String, primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    stage: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    resolution: Mapped[str] = mapped_column(String(16))
    outcome_id: Mapped[str] = mapped_column(String, default="")


class SearchDocumentRow(Base):
    """One searchable text per entity (revision 2). SQLite indexes ``body`` with an FTS5 table
    kept in step by triggers; PostgreSQL with a GIN index on the generated column ``body_tsv`` (revision 0008)."""

    __tablename__ = "search_documents"
    __table_args__ = (Index("ix_search_documents_entity", "incident_id", "kind", "key", unique=True),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    incident_id: Mapped[str] = mapped_column(String, ForeignKey("incidents.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(40))
    key: Mapped[str] = mapped_column(String)
    body: Mapped[str] = mapped_column(Text)


class FactorKeyRow(Base):
    """Each contributing factor's normalised key (revision 3), written with the edit that writes the
    factor: recurrence across the library groups these keys instead of re-reading every title."""

    __tablename__ = "factor_keys"
    __table_args__ = (
        Index("ix_factor_keys_category_key", "category", "key", "incident_id"),
        Index("ix_factor_keys_category_incident", "category", "incident_id"),  # revision 0008
    )

    incident_id: Mapped[str] = _incident_fk()
    factor_id: Mapped[str] = mapped_column(String, primary_key=True)
    category: Mapped[str] = mapped_column(String(32))
    key: Mapped[str] = mapped_column(Text)
    title: Mapped[str] = mapped_column(Text)  # the factor's title as written (the group's name comes from it)


class FactorKeyWordRow(Base):
    """The words of every factor key ever written (revision 3): which distinct keys share a word
    with a retro's factors, so "seen before" never scans the library. Keys no factor has any more
    stay here harmlessly (they find no sightings)."""

    __tablename__ = "factor_key_words"

    category: Mapped[str] = mapped_column(String(32), primary_key=True)
    word: Mapped[str] = mapped_column(String, primary_key=True)
    key: Mapped[str] = mapped_column(Text, primary_key=True)


class TrackerSettingRow(Base):
    """Where "Create ticket" goes, for everyone on this database (revision 0006; one row, id 1)."""

    __tablename__ = "tracker_settings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    kind: Mapped[str] = mapped_column(String(16))
    url: Mapped[str] = mapped_column(Text, default="")
    project: Mapped[str] = mapped_column(Text, default="")
    issue_type: Mapped[str] = mapped_column(Text, default="")
    labels: Mapped[tuple[str, ...]] = mapped_column(TextTuple, default=())
    updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class FactorMatchDecisionRow(Base):
    """The facilitator's answer, given once: is this factor the same as one of an earlier retro?"""

    __tablename__ = "factor_match_decisions"

    incident_id: Mapped[str] = _incident_fk()
    factor_id: Mapped[str] = mapped_column(String, primary_key=True)
    other_incident_id: Mapped[str] = mapped_column(String, primary_key=True)
    other_factor_id: Mapped[str] = mapped_column(String, primary_key=True)
    decision: Mapped[str] = mapped_column(String(16))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class IncidentFiguresRow(Base):
    """One retro's insight figures, worked out when it is saved (revision 0012): the insights
    of a library read this one narrow row per retro instead of its times, actions and factors.

    Written in the transaction of every save of the retro (``retro.storage.incident_figures``);
    goes with the retro (``ON DELETE CASCADE``). Durations and report delays are whole
    microseconds; a duration's ``*_gap`` says why it cannot be used (0: it can; 1: no start time;
    2: no end time; 3: neither; 4: end before start); a negative report delay is a report shared
    before resolution. Open actions are kept by due date (what is overdue depends on the day
    the insights are read)."""

    __tablename__ = "incident_figures"

    incident_id: Mapped[str] = _incident_fk()
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
    title: Mapped[str] = mapped_column(Text)
    severity: Mapped[str] = mapped_column(String(16))
    services: Mapped[tuple[str, ...]] = mapped_column(TextTuple, default=())
    happened_on: Mapped[date | None] = mapped_column(Date)  # UTC date of start, detection, resolution or creation
    started_month: Mapped[str | None] = mapped_column(String(7))  # YYYY-MM of the start, UTC
    detect_us: Mapped[int | None] = mapped_column(BigInteger)
    detect_gap: Mapped[int] = mapped_column(Integer, default=0)
    mitigate_us: Mapped[int | None] = mapped_column(BigInteger)
    mitigate_gap: Mapped[int] = mapped_column(Integer, default=0)
    resolve_us: Mapped[int | None] = mapped_column(BigInteger)
    resolve_gap: Mapped[int] = mapped_column(Integer, default=0)
    resolved_us: Mapped[int | None] = mapped_column(BigInteger)  # since 1970, UTC
    internal_delay_us: Mapped[int | None] = mapped_column(BigInteger)
    public_delay_us: Mapped[int | None] = mapped_column(BigInteger)
    done_on_time: Mapped[int] = mapped_column(Integer, default=0)
    done_late: Mapped[int] = mapped_column(Integer, default=0)
    done_undated: Mapped[int] = mapped_column(Integer, default=0)
    wont_do: Mapped[int] = mapped_column(Integer, default=0)
    open_undated: Mapped[int] = mapped_column(Integer, default=0)
    open_due: Mapped[str] = mapped_column(Text, default="")  # ISO due dates of open actions, by a space
    wont_do_reasons: Mapped[tuple[str, ...]] = mapped_column(TextTuple, default=())
    factor_categories: Mapped[str] = mapped_column(Text, default="")  # one token per factor, sorted, by a space


incidents = IncidentRow.__table__
participants = ParticipantRow.__table__
timeline_events = TimelineEventRow.__table__
factors = FactorRow.__table__
impacts = ImpactRow.__table__
factor_links = FactorLinkRow.__table__
factor_evidence = FactorEvidenceRow.__table__
accountability_statements = AccountabilityStatementRow.__table__
private_notes = PrivateNoteRow.__table__
action_items = ActionItemRow.__table__
action_factors = ActionFactorRow.__table__
review_answers = ReviewAnswerRow.__table__
parking_items = ParkingItemRow.__table__
search_documents = SearchDocumentRow.__table__
factor_keys = FactorKeyRow.__table__
factor_key_words = FactorKeyWordRow.__table__
tracker_settings = TrackerSettingRow.__table__
factor_match_decisions = FactorMatchDecisionRow.__table__
incident_figures = IncidentFiguresRow.__table__
