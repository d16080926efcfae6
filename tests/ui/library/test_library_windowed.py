"""The library read from the database a page at a time: fetched as the table scrolls, searched,
filtered and sorted by the database, and a search showing where each retro matched."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from retro.domain import Incident, Retro, Severity, TimelineEvent
from retro.domain.snippets import Snippet
from retro.services import LibraryQuery, RetroStore
from ui.library.model import SEVERITY, SNIPPET_ROLE, TITLE, LibraryModel
from ui.main_window import MainWindow
from ui.settings import UiSettings

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

T0 = datetime(2025, 6, 1, 9, tzinfo=UTC)
SIZE = 230


@pytest.fixture
def big_store(tmp_path: Path) -> Iterator[RetroStore]:
    store = RetroStore(f"sqlite:///{tmp_path / 'library.sqlite3'}")
    for i in range(SIZE):
        when = T0 + timedelta(hours=i)
        title = "<b>Vendor</b> & co outage" if i == 7 else f"Incident {i:03d}"
        incident = Incident(id=f"r{i:03d}", title=title, severity=list(Severity)[i % 4], started_at=when,
                            created_at=when)
        events = [TimelineEvent(f"r{i:03d}-e", when, "Kestrel alarm paged on-call")] if i % 50 == 0 else []
        store.add_retro(Retro.of(incident, events), new_ids=False)
    yield store
    store.close()


def _reader(store: RetroStore):
    return lambda query, offset, limit: store.library_page(query, offset=offset, limit=limit)


def test_the_model_reads_pages_and_passes_the_model_tester(qtmodeltester, big_store: RetroStore) -> None:
    model = LibraryModel()
    model.read_from(_reader(big_store))
    assert model.rowCount() == LibraryModel.PAGE and model.total == SIZE
    assert model.index(0, TITLE).data() == f"Incident {SIZE - 1:03d}"  # newest first
    assert model.canFetchMore()
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == SIZE and len({model.summary(r).id for r in range(SIZE)}) == SIZE
    model.sort(SEVERITY, Qt.SortOrder.AscendingOrder)  # the database sorts, from the first page again
    assert model.rowCount() == LibraryModel.PAGE
    shown = [model.index(r, SEVERITY).data() for r in range(model.rowCount())]
    assert shown == ["SEV1"] * 58 + ["SEV2"] * 42  # 58 of the 230 are SEV1
    model.set_query(LibraryQuery(text="kestrel"))
    assert model.rowCount() == 5 and not model.canFetchMore()
    model.set_query(LibraryQuery())
    qtmodeltester.check(model)  # fetches every page itself, and checks each insert
    assert model.rowCount() == SIZE


def test_scrolling_the_table_to_the_end_reads_the_next_page(qtbot, big_store: RetroStore) -> None:
    window = MainWindow(big_store, UiSettings())
    qtbot.addWidget(window)
    window.resize(1200, 700)
    window.show()
    qtbot.waitExposed(window)
    library = window.library
    assert library.model.rowCount() == LibraryModel.PAGE
    assert library.count_label.text() == f"{SIZE} retrospectives"
    bar = library.table.verticalScrollBar()
    bar.setValue(bar.maximum())
    qtbot.waitUntil(lambda: library.model.rowCount() > LibraryModel.PAGE, timeout=3000)


def test_a_search_lists_only_the_matches_with_where_they_matched(qtbot, big_store: RetroStore) -> None:
    window = MainWindow(big_store, UiSettings())
    qtbot.addWidget(window)
    window.resize(1200, 700)
    window.show()
    qtbot.waitExposed(window)
    library = window.library
    qtbot.keyClicks(library.search, "kestrel")
    qtbot.waitUntil(lambda: library.proxy.rowCount() == 5, timeout=3000)
    assert library.count_label.text() == "5 found"
    first = library.proxy.index(0, TITLE)
    snippet = first.data(SNIPPET_ROLE)
    assert isinstance(snippet, Snippet) and snippet.matched == ("Kestrel",)
    assert "found in timeline: Kestrel alarm paged on-call" in first.data(Qt.ItemDataRole.AccessibleTextRole)
    assert library.table.rowHeight(0) > library._row_height  # room for the second line
    library.search.clear()
    qtbot.waitUntil(lambda: library.model.total == SIZE, timeout=3000)
    assert library.table.rowHeight(0) == library._row_height


def test_markup_in_a_title_is_shown_as_written(qtbot, big_store: RetroStore) -> None:
    window = MainWindow(big_store, UiSettings())
    qtbot.addWidget(window)
    window.show()
    library = window.library
    qtbot.keyClicks(library.search, "vendor")
    qtbot.waitUntil(lambda: library.proxy.rowCount() == 1, timeout=3000)
    index = library.proxy.index(0, TITLE)
    assert index.data() == "<b>Vendor</b> & co outage"
    assert index.data(SNIPPET_ROLE).matched == ("Vendor",)
    library.table.viewport().grab()  # the delegate draws it (plain text; no markup is read)


def test_filters_go_to_the_database(qtbot, big_store: RetroStore) -> None:
    window = MainWindow(big_store, UiSettings())
    qtbot.addWidget(window)
    library = window.library
    library.severity_filter.setCurrentIndex(1 + list(Severity).index(Severity.SEV2))
    assert library.model.query.severity is Severity.SEV2
    assert library.model.total == SIZE // 4 + (1 if SIZE % 4 > 1 else 0)
    assert {library.model.summary(r).severity for r in range(library.model.rowCount())} == {Severity.SEV2}


def test_the_quick_first_screen_shows_no_count_until_the_store_can_count(qtbot, big_store: RetroStore) -> None:
    """The quick list holds only the newest rows: its length is not the library's size."""
    from ui.library.page import LibraryPage

    page = LibraryPage(None)
    qtbot.addWidget(page)
    quick = big_store.list_retros()[:40]  # a first screen cut short, as the quick read is
    page.show_quick(quick)
    assert page.model.rowCount() == 40
    assert page.count_label.text() == ""  # not "40 retrospectives"
    page.set_store(big_store)
    assert page.count_label.text() == f"{SIZE} retrospectives"
