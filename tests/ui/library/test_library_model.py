"""The library's Qt models: valid for Qt's model tester, sorting and filtering as a person expects."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from PySide6.QtCore import Qt

from retro.domain import IncidentStatus, Severity
from retro.services import ReportState, RetroSummary
from ui.library.model import DATE, SEVERITY, TITLE, LibraryFilter, LibraryModel


def summary(n: int, **changes: object) -> RetroSummary:
    base = RetroSummary(
        id=f"id{n}", title=f"Incident {n}", severity=Severity.SEV3, status=IncidentStatus.DRAFT,
        started_at=datetime(2026, 1, n, tzinfo=UTC), resolved_at=None, created_at=None,
        internal_report=ReportState.NOT_YET, public_report=ReportState.NOT_YET, internal_due=None,
        public_due=None, open_actions=0, overdue_actions=0, archived=False, version=1,
        services=("checkout-api",), tags=(),
    )
    return replace(base, **changes)


ROWS = [
    summary(1, severity=Severity.SEV1, title="Zebra outage"),
    summary(12, severity=Severity.SEV4, title="alpha latency", status=IncidentStatus.PUBLISHED),
    summary(3, severity=Severity.SEV2, title="Mid incident", archived=True, internal_report=ReportState.OVERDUE),
]


def proxy_column(proxy: LibraryFilter, column: int) -> list[str]:
    return [proxy.index(r, column).data() for r in range(proxy.rowCount())]


def test_library_model_passes_the_model_tester(qtmodeltester) -> None:
    model = LibraryModel()
    model.set_summaries(ROWS)
    qtmodeltester.check(model)
    proxy = LibraryFilter()
    proxy.setSourceModel(model)
    proxy.set_show_archived(True)
    qtmodeltester.check(proxy)


def test_severity_and_dates_sort_by_meaning_not_text() -> None:
    model = LibraryModel()
    model.set_summaries(ROWS)
    proxy = LibraryFilter()
    proxy.setSourceModel(model)
    proxy.set_show_archived(True)
    proxy.sort(SEVERITY, Qt.SortOrder.AscendingOrder)
    assert proxy_column(proxy, SEVERITY) == ["SEV1", "SEV2", "SEV4"]
    proxy.sort(DATE, Qt.SortOrder.DescendingOrder)
    assert proxy_column(proxy, DATE) == ["2026-01-12", "2026-01-03", "2026-01-01"]
    proxy.sort(TITLE, Qt.SortOrder.AscendingOrder)
    assert proxy_column(proxy, TITLE)[0] == "alpha latency"


def test_filters_hide_archived_and_match_severity_status_and_text() -> None:
    model = LibraryModel()
    model.set_summaries(ROWS)
    proxy = LibraryFilter()
    proxy.setSourceModel(model)
    assert proxy.rowCount() == 2  # the archived one is hidden
    proxy.set_show_archived(True)
    assert proxy.rowCount() == 3
    proxy.set_severity(Severity.SEV4)
    assert proxy_column(proxy, TITLE) == ["alpha latency"]
    proxy.set_severity(None)
    proxy.set_status(IncidentStatus.PUBLISHED)
    assert proxy.rowCount() == 1
    proxy.set_status(None)
    proxy.set_search("zebra")
    assert proxy_column(proxy, TITLE) == ["Zebra outage"]
    proxy.set_search("words only in the timeline", ["id3"])  # full-text search found id3
    assert proxy_column(proxy, TITLE) == ["Mid incident (archived)"]


def test_overdue_report_is_highlighted_and_explained() -> None:
    model = LibraryModel()
    model.set_summaries([summary(2, internal_report=ReportState.OVERDUE,
                                 internal_due=datetime(2026, 1, 3, 9, 0, tzinfo=UTC))])
    index = model.index(0, 4)
    assert index.data() == "Overdue"
    assert index.data(Qt.ItemDataRole.ForegroundRole) is not None
    assert "Was due 2026-01-03 09:00 UTC" in index.data(Qt.ItemDataRole.ToolTipRole)


def test_each_cell_answers_the_roles_the_view_asks_for() -> None:
    """Fonts, colours and alignment by role; the roles the model has nothing for answer None."""
    from PySide6.QtGui import QBrush, QColor, QFont

    from ui.library.model import ACTIONS, INTERNAL, PUBLIC, SNIPPET_ROLE, SORT_ROLE, SUMMARY_ROLE
    from ui.theme import REPORT_STATE_COLOURS

    model = LibraryModel()
    rows = [summary(1, open_actions=3, overdue_actions=2, internal_report=ReportState.OVERDUE),
            summary(2, archived=True)]
    model.set_summaries(rows)
    R = Qt.ItemDataRole
    first, other = model.row_of("id1"), model.row_of("id2")
    title, internal, public, actions = (model.index(first, c) for c in (TITLE, INTERNAL, PUBLIC, ACTIONS))
    font = title.data(R.FontRole)
    assert isinstance(font, QFont) and font.bold() and not font.italic()
    assert internal.data(R.FontRole).bold() and not public.data(R.FontRole).bold()
    assert model.index(first, SEVERITY).data(R.FontRole) is None
    archived = model.index(other, TITLE).data(R.FontRole)
    view_font = QFont()
    view_font.setBold(True)
    assert archived.italic() and archived.resolve(view_font).bold()  # the weight stays the view's
    overdue = QColor(REPORT_STATE_COLOURS[ReportState.OVERDUE])
    assert internal.data(R.ForegroundRole) == QBrush(overdue) == actions.data(R.ForegroundRole)
    assert model.index(first, SEVERITY).data(R.ForegroundRole) is None
    assert actions.data(R.TextAlignmentRole) == int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    assert title.data(R.TextAlignmentRole) is None
    assert actions.data() == "3 (2 overdue)"
    assert title.data(R.AccessibleTextRole) == "Title: Incident 1"
    assert title.data(SUMMARY_ROLE) == model.summary(first) and title.data(SNIPPET_ROLE) is None
    assert model.index(first, DATE).data(SORT_ROLE) == datetime(2026, 1, 1, tzinfo=UTC).timestamp()
    for role in (R.DecorationRole, R.CheckStateRole, R.BackgroundRole, R.EditRole, R.WhatsThisRole):
        assert title.data(role) is None
    assert model.data(model.index(5, 0), R.DisplayRole) is None
