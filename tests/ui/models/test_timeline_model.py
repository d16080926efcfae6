"""The timeline model: valid for Qt's model tester, incremental, editable through the document."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from PySide6.QtCore import Qt

from retro.domain import Edit, EventKind, TimelineEvent, new_id
from tests.ui.models.support import make_document
from ui.models.timeline_filter import TimelineFilter
from ui.models.timeline_model import EVENT_ID_ROLE, PROJECTOR_ROLE, TimelineColumn, TimelineModel, search_text


def _texts(model: TimelineModel | TimelineFilter) -> list[str]:
    return [model.index(r, TimelineColumn.TEXT).data() for r in range(model.rowCount())]


def test_model_and_filter_pass_the_model_tester_through_every_kind_of_change(qtmodeltester, sqlite_url):
    document = make_document(sqlite_url)
    model = TimelineModel(document)
    proxy = TimelineFilter()
    proxy.setSourceModel(model)
    qtmodeltester.check(model)
    qtmodeltester.check(proxy)
    first = model.event_at(0)
    late = replace(first, id=new_id(), at=first.at + timedelta(hours=5), text="Late note")
    assert document.edit("Add", Edit.of(upsert=[late]))
    assert document.edit("Move", Edit.of(upsert=[replace(first, at=first.at + timedelta(minutes=30))]))
    assert document.edit("Delete", Edit.of(remove=[model.event_at(3), model.event_at(4)]))
    proxy.set_filter(text="status page", kind=EventKind.COMMUNICATION)
    document.undo_stack.undo()
    document.undo_stack.undo()
    qtmodeltester.check(model)
    qtmodeltester.check(proxy)
    assert model.events() == document.retro.timeline()


def test_the_filter_follows_inserts_removals_moves_and_edits(qtmodeltester, sqlite_url):
    document = make_document(sqlite_url)
    model = TimelineModel(document)
    proxy = TimelineFilter()
    proxy.setSourceModel(model)
    proxy.set_filter(text="checkout")
    qtmodeltester.check(proxy)

    def expected() -> list[str]:
        return [e.text for e in document.retro.timeline() if "checkout" in search_text(e)]

    assert _texts(proxy) == expected()
    first = model.event_at(0)
    steps = [
        Edit.of(upsert=[replace(first, id=new_id(), text="A checkout canary", at=first.at + timedelta(minutes=1))]),
        Edit.of(upsert=[replace(model.event_at(5), text="no longer matching")]),
        Edit.of(upsert=[replace(model.event_at(6), text="now about checkout")]),
        Edit.of(upsert=[replace(first, at=first.at + timedelta(hours=3))]),
        Edit.of(remove=[model.event_at(2), model.event_at(3), model.event_at(9)]),
    ]
    for step in steps:
        assert document.edit("Step", step)
        assert _texts(proxy) == expected()
    for _ in steps:
        document.undo_stack.undo()
        assert _texts(proxy) == expected()
    qtmodeltester.check(proxy)


def test_an_added_event_is_inserted_in_time_order_without_a_reset(qtbot, sqlite_url):
    document = make_document(sqlite_url)
    model = TimelineModel(document)
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    second = model.event_at(1)
    event = TimelineEvent(new_id(), second.at + timedelta(seconds=30), "Someone notices a dip", EventKind.DETECTION)
    with qtbot.waitSignal(model.rowsInserted) as inserted:
        document.edit("Add timeline event", Edit.of(upsert=[event]))
    assert inserted.args[1:] == [2, 2]
    assert model.index(2, TimelineColumn.TEXT).data() == "Someone notices a dip"
    assert model.index(2, TimelineColumn.TIME).data(EVENT_ID_ROLE) == event.id
    assert not resets


def test_editing_a_time_moves_the_row_and_keeps_the_order(qtbot, sqlite_url):
    document = make_document(sqlite_url)
    model = TimelineModel(document)
    first = model.event_at(0)
    with qtbot.waitSignal(model.rowsMoved):
        assert model.setData(model.index(0, TimelineColumn.TIME), "2026-10-14 12:03")
    row = model.row_of(first.id)
    # the demo's first event lies before the incident started: every time carries its date
    assert model.index(row, TimelineColumn.TIME).data() == "2026-10-14 12:03"
    assert model.events() == sorted(model.events(), key=lambda e: e.sort_key)
    assert document.undo_stack.undoText() == "Edit event time"


def test_a_time_that_cannot_be_read_is_explained_and_nothing_changes(qtbot, sqlite_url):
    document = make_document(sqlite_url)
    model = TimelineModel(document)
    before = model.events()
    with qtbot.waitSignal(model.problem) as problem:
        assert not model.setData(model.index(0, TimelineColumn.TIME), "25:99")
    assert "14:05" in problem.args[0]
    assert model.events() == before
    assert document.undo_stack.count() == 0


def test_times_are_shown_in_the_incident_timezone(sqlite_url):
    document = make_document(sqlite_url)  # Europe/Berlin, CEST on the day: UTC+2
    model = TimelineModel(document)
    assert model.index(0, TimelineColumn.TIME).data() == "2026-10-14 09:48"
    assert "Europe/Berlin" in model.headerData(0, Qt.Orientation.Horizontal)


def test_the_filter_matches_every_word_and_the_kind(sqlite_url):
    document = make_document(sqlite_url)
    model = TimelineModel(document)
    proxy = TimelineFilter()
    proxy.setSourceModel(model)
    proxy.set_filter(text="STATUS  page")
    assert proxy.rowCount() == 4
    assert all("Status page" in t for t in _texts(proxy))
    proxy.set_filter(text="", kind=EventKind.ALERT)
    assert {model.event_at(proxy.mapToSource(proxy.index(r, 0)).row()).kind for r in range(proxy.rowCount())} == {
        EventKind.ALERT
    }
    proxy.set_filter(kind=None)
    assert proxy.rowCount() == model.rowCount()


def test_the_projector_line_model_passes_the_model_tester(qtmodeltester, sqlite_url):
    from ui.widgets.projector import RoleAsDisplay

    document = make_document(sqlite_url)
    model = TimelineModel(document)
    lines = RoleAsDisplay(PROJECTOR_ROLE)
    lines.setSourceModel(model)
    qtmodeltester.check(lines)
    assert lines.index(0, 0).data() == "2026-10-14 09:48  ·  Deploy  ·  " + model.event_at(0).text
    assert not lines.flags(lines.index(0, 0)) & Qt.ItemFlag.ItemIsEditable
    assert document.edit("Delete", Edit.of(remove=[model.event_at(0)]))
    qtmodeltester.check(lines)


def test_with_roles_on_the_projector_line_says_the_role_where_the_text_names_someone(qtmodeltester, sqlite_url):
    document = make_document(sqlite_url)
    model = TimelineModel(document)
    first = model.event_at(0)
    assert document.edit("Text", Edit.of(upsert=[replace(first, text="Jonas Weber rolls the change out")]))
    row = next(r for r in range(model.rowCount()) if model.event_at(r).id == first.id)
    assert "Jonas Weber" in model.index(row, 0).data(PROJECTOR_ROLE)
    incident = document.retro.incident
    assert document.edit("Roles", Edit(incident=replace(incident, projector_shows_roles=True)))
    line = model.index(row, 0).data(PROJECTOR_ROLE)
    assert "Jonas" not in line and "Weber" not in line and "Responder rolls the change out" in line
    assert "Jonas Weber" in model.index(row, TimelineColumn.TEXT).data()  # the facilitator's own screen


def test_source_and_evidence_cells_cut_short_say_it_all_in_their_tooltip(sqlite_url):
    model = TimelineModel(make_document(sqlite_url))
    row = next(r for r in range(model.rowCount()) if model.event_at(r).source and model.event_at(r).evidence_url)
    event = model.event_at(row)
    from ui.widgets.plain_text import plain_tooltip

    assert model.index(row, TimelineColumn.SOURCE).data(Qt.ItemDataRole.ToolTipRole) == plain_tooltip(event.source)
    assert event.evidence_url in model.index(row, TimelineColumn.EVIDENCE).data(Qt.ItemDataRole.ToolTipRole)


def test_typing_on_narrows_among_the_rows_shown_and_every_step_shows_what_a_fresh_filter_would(qtbot, sqlite_url):
    """Each keystroke (typed, deleted, a word added, the kind changed, an edit between) against
    the filter set from nothing: narrowing from the rows shown must never keep or lose a row."""
    document = make_document(sqlite_url)
    model = TimelineModel(document)
    proxy = TimelineFilter()
    proxy.setSourceModel(model)

    def fresh(text: str, kind: EventKind | None) -> list[int]:
        words = text.casefold().split()
        return [r for r, e in enumerate(model.event_list())
                if (kind is None or e.kind is kind) and all(w in model.search_texts()[r] for w in words)]

    def shown() -> list[int]:
        return [proxy.mapToSource(proxy.index(r, 0)).row() for r in range(proxy.rowCount())]

    steps = ["c", "ch", "checkout", "checkout ", "checkout p", "checkout pods", "checkout pod", "checkout",
             "pods checkout", "proxy", "pro", "p", "", "e", "e s", "es", "e"]
    for kind in (None, EventKind.OBSERVATION):
        proxy.set_filter(text="", kind=kind)
        for text in steps:
            proxy.set_filter(text=text)
            assert shown() == fresh(text, kind), (text, kind)
    assert 0 < len(fresh("checkout pods", None)) < len(fresh("checkout", None))  # the steps narrow and widen
    proxy.set_filter(text="checkout", kind=EventKind.OBSERVATION)
    proxy.set_filter(kind=None)  # the same words, every kind again: wider, not narrower
    assert shown() == fresh("checkout", None)
    proxy.set_filter(text="checkout", kind=None)
    first = model.event_at(shown()[0])
    assert document.edit("Edit", Edit.of(upsert=[replace(first, text="Nothing to see")]))  # leaves the filter
    proxy.set_filter(text="checkout pods")
    assert shown() == fresh("checkout pods", None)
    assert proxy.rowCount() > 0
