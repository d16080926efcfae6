"""The store's questions between meetings (issue 16): trackers, follow-through, earlier factors, deadlines, insights.

:class:`BetweenMeetings` is a part of :class:`~retro.services.store.RetroStore` (callers use
``RetroStore``); each method is one unit of work, as everywhere in the store.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import Connection, select

from ..domain import NotFound, Retro
from ..storage import models as m

if TYPE_CHECKING:
    from ..analysis.insights import Insights, Period
    from ..analysis.similar_factors import Decision, PairKey, SeenBefore, SimilarFactor
    from ..domain import ActionStatus, Factor
    from ..domain.follow_through import ActionRecord, EarlierReview, GroupBy
    from ..io.calendar_ics import ReportDeadline
    from ..io.trackers import TrackerSetting
    from .follow_through_groups import FollowGroup


class BetweenMeetings:
    """Between one retro's meeting and the next: what is owed, where it is tracked, what keeps coming back."""

    if TYPE_CHECKING:  # given by RetroStore
        def _transaction(self, *, writes: bool = False) -> AbstractContextManager[Connection]: ...
        def _missing(self, incident_id: str) -> NotFound: ...

    def tracker_setting(self) -> TrackerSetting | None:
        """Where "Create ticket" goes for this database (``None`` until someone chooses)."""
        from . import tracker_settings

        with self._transaction() as conn:
            return tracker_settings.load(conn)

    def save_tracker_setting(self, setting: TrackerSetting | None) -> None:
        """Store (or with ``None`` forget) the tracker; a setting with problems is refused whole."""
        from . import tracker_settings

        with self._transaction(writes=True) as conn:
            tracker_settings.save(conn, setting)

    def action_records(self, *, statuses: frozenset[ActionStatus] | None = None,
                       include_archived: bool = False,
                       incident_ids: frozenset[str] | None = None, with_factors: bool = True) -> list[ActionRecord]:
        """Action items across retros with their retro's title, severity, services and factor
        titles (follow-through, CSV export, calendars); only ``statuses`` when given."""
        from . import follow_through

        with self._transaction() as conn:
            return follow_through.action_records(conn, statuses=statuses, include_archived=include_archived,
                                                 incident_ids=incident_ids, with_factors=with_factors)

    def follow_groups(self, by: GroupBy, *, today: date | None = None) -> list[FollowGroup]:
        """The follow-through view's headings (owner, service, severity or due state) with their
        counts, overdue groups first: one grouped query, whatever the number of actions."""
        from . import follow_through_groups

        with self._transaction() as conn:
            return follow_through_groups.follow_groups(conn, by, today or date.today())

    def follow_group_page(self, group: FollowGroup, *, today: date | None = None, offset: int = 0,
                          limit: int | None = None) -> list[ActionRecord]:
        """One page of a follow-through group's open actions, overdue first."""
        from . import follow_through_groups

        with self._transaction() as conn:
            return follow_through_groups.group_page(conn, group, today or date.today(), offset=offset, limit=limit)

    def earlier_review(self, retro: Retro, *, today: date | None = None) -> EarlierReview:
        """The short review at the start of ``retro``'s meeting: the open actions of earlier retros
        sharing a service or contributing factors with it, counted, and the first few (overdue
        first) — what the panel shows: the actions counted by one query and the first six read by
        another, whatever the library (see :mod:`retro.services.earlier_review`)."""
        from . import earlier_review

        with self._transaction() as conn:
            return earlier_review.earlier_review(conn, retro, today or date.today())

    def factor_match_decisions(self, incident_id: str) -> dict[PairKey, Decision]:
        """The facilitator's decisions on near-duplicate factors of ``incident_id``."""
        from . import factor_matches

        with self._transaction() as conn:
            return factor_matches.decisions(conn, incident_id)

    def similar_factors(self, incident_id: str, factor: Factor) -> list[SimilarFactor]:
        """Earlier retros' factors that read like ``factor`` of ``incident_id`` (with the decisions
        taken), from the recurrence index: only the close ones are read, whatever the library."""
        from . import factor_matches

        with self._transaction() as conn:
            return factor_matches.similar_to(conn, factor, incident_id)

    def seen_before(self, incident_id: str, factor: Factor) -> SeenBefore:
        """:meth:`similar_factors` (the closest twelve) with how many earlier retros read alike in all."""
        from . import factor_matches

        with self._transaction() as conn:
            return factor_matches.seen_before(conn, factor, incident_id)

    def decide_factor_match(self, incident_id: str, pair: PairKey, decision: Decision | None) -> None:
        """Store once whether a factor of ``incident_id`` is the same as one of an earlier retro."""
        from . import factor_matches

        with self._transaction(writes=True) as conn:
            if conn.execute(select(m.incidents.c.id).where(m.incidents.c.id == incident_id)).first() is None:
                raise self._missing(incident_id)
            factor_matches.decide(conn, incident_id, pair, decision)

    def earlier_factor_actions(self, pairs: list[tuple[str, str]]) -> dict[tuple[str, str], list[tuple[str, ActionStatus]]]:
        """What the actions addressing earlier factors did: ``(incident, factor) → [(title, status)]``."""
        from . import factor_matches

        with self._transaction() as conn:
            return factor_matches.action_outcomes(conn, pairs)

    def report_deadlines(self, *, include_shared: bool = False) -> list[ReportDeadline]:
        """Postmortems due for resolved retros (not yet shared unless ``include_shared``)."""
        from . import follow_through

        with self._transaction() as conn:
            return follow_through.report_deadlines(conn, include_shared=include_shared)

    def insights(self, *, since: date | None = None, service: str | None = None,
                 period: Period | None = None, now: datetime | None = None) -> Insights:
        """The library's learning figures (see :mod:`retro.analysis.insights`), non-archived retros."""
        from ..analysis.insights import Period as _Period
        from . import insights

        with self._transaction() as conn:
            return insights.insights(conn, now=now or datetime.now(UTC).astimezone(), since=since, service=service,
                                     period=period or _Period.QUARTER)
