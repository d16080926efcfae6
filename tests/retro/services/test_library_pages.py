"""The library list a page at a time: the database filters, searches (ranked), sorts and counts."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import event

from retro.domain import ActionItem, IncidentStatus, Retro, Severity, TimelineEvent
from retro.services import LibraryQuery, LibrarySort, RetroStore

from .builders import T0, full_retro

NOW = datetime(2026, 3, 25, 12, tzinfo=UTC)


def _add(store: RetroStore, title: str, *, days: int = 0, summary: str = "", events: tuple[str, ...] = (),
         actions: bool = True, **changes: object) -> str:
    retro = full_retro(title)
    incident = replace(retro.incident, started_at=T0 + timedelta(days=days), summary=summary or title,
                       **changes)  # type: ignore[arg-type]
    extra = [TimelineEvent(f"x-{i}", T0 + timedelta(days=days, minutes=i), text) for i, text in enumerate(events)]
    kept = [e for e in retro.entities() if actions or not isinstance(e, ActionItem)]
    return store.add_retro(Retro.of(incident, [*kept, *extra]))


def _ids(store: RetroStore, query: LibraryQuery, **kwargs: object) -> list[str]:
    return [s.id for s in store.library_page(query, now=NOW, **kwargs).rows]  # type: ignore[arg-type]


def test_search_returns_only_the_matching_retros_best_first_with_where_it_matched(store: RetroStore) -> None:
    once = _add(store, "Checkout slow", days=2, summary="A long summary of many words in which zanzibar appears "
                "only once among a great many other words about queues, pools, caches and people.")
    often = _add(store, "Search down", days=1, summary="zanzibar zanzibar zanzibar")  # older: ranked, not by date
    for n in range(3):  # the word is in three retros of seven: not common, so it ranks
        _add(store, f"Unrelated {n}", days=4 + n)
    in_timeline = _add(store, "Billing errors", days=3, events=("Vendor <b>Zanzibár</b> & co paged",))
    page = store.library_page(LibraryQuery(text="zanzi", sort=LibrarySort.RELEVANCE), now=NOW)
    ids = [s.id for s in page.rows]
    assert set(ids) == {once, often, in_timeline} and page.total == 3  # the unrelated one is not there
    assert ids.index(often) < ids.index(once)  # three times in a short text ranks above once in a long one
    timeline = page.snippets[in_timeline]
    assert timeline.found_in == "timeline"
    assert timeline.matched == ("Zanzibár",)  # accents ignored, as the index ignores them
    assert "<b>" in timeline.text and "&" in timeline.text  # plain text, exactly as written
    assert page.snippets[once].matched == ("zanzibar",) and page.snippets[once].text.startswith("…")


def test_every_word_must_be_somewhere_in_the_retro(store: RetroStore) -> None:
    both = _add(store, "Pool exhausted", events=("Failover to the replica",))
    _add(store, "Pool resized", days=1)
    assert _ids(store, LibraryQuery(text="exhausted replica", sort=LibrarySort.RELEVANCE)) == [both]
    assert _ids(store, LibraryQuery(text="   ", sort=LibrarySort.RELEVANCE)) != []  # no words: everything


def test_filters_are_applied_by_the_database(store: RetroStore) -> None:
    sev1 = _add(store, "One", severity=Severity.SEV1, status=IncidentStatus.PUBLISHED)
    _add(store, "Two", days=1, severity=Severity.SEV3)
    archived = _add(store, "Three", days=2, severity=Severity.SEV1, archived=True)
    assert _ids(store, LibraryQuery(severity=Severity.SEV1)) == [sev1]
    assert _ids(store, LibraryQuery(severity=Severity.SEV1, include_archived=True)) == [archived, sev1]
    assert _ids(store, LibraryQuery(status=IncidentStatus.PUBLISHED, include_archived=True)) == [sev1]
    assert _ids(store, LibraryQuery(text="three", sort=LibrarySort.RELEVANCE)) == []
    assert _ids(store, LibraryQuery(text="three", include_archived=True, sort=LibrarySort.RELEVANCE)) == [archived]


def test_pages_follow_each_other_without_gaps_and_count_the_whole_list(store: RetroStore) -> None:
    made = [_add(store, f"Incident {i:02d}", days=i % 4) for i in range(11)]
    whole = _ids(store, LibraryQuery(), limit=50)
    assert sorted(whole) == sorted(made)
    pages = [store.library_page(LibraryQuery(), offset=o, limit=4, now=NOW) for o in (0, 4, 8)]
    assert [s.id for p in pages for s in p.rows] == whole
    assert {p.total for p in pages} == {11}
    assert store.library_page(LibraryQuery(), offset=40, limit=4, now=NOW).total == 11


def test_every_column_sorts_in_the_database_as_the_list_shows_it(store: RetroStore) -> None:
    a = _add(store, "alpha", days=2, severity=Severity.SEV4, status=IncidentStatus.REVIEWED)
    b = _add(store, "Bravo", days=0, severity=Severity.SEV1, status=IncidentStatus.DRAFT)
    c = _add(store, "charlie", days=1, severity=Severity.SEV2, status=IncidentStatus.PUBLISHED,
             resolved_at=None, actions=False)
    asc = dict(descending=False)
    assert _ids(store, LibraryQuery(sort=LibrarySort.TITLE, **asc)) == [a, b, c]  # case ignored
    assert _ids(store, LibraryQuery(sort=LibrarySort.SEVERITY, **asc)) == [b, c, a]
    assert _ids(store, LibraryQuery(sort=LibrarySort.STATUS, **asc)) == [b, a, c]
    assert _ids(store, LibraryQuery(sort=LibrarySort.DATE)) == [a, c, b]
    assert _ids(store, LibraryQuery(sort=LibrarySort.DATE, **asc)) == [b, c, a]
    # Resolved long before NOW and never shared: overdue; charlie is not resolved: not due yet.
    assert _ids(store, LibraryQuery(sort=LibrarySort.INTERNAL_REPORT, **asc))[-1] == c
    by_actions = _ids(store, LibraryQuery(sort=LibrarySort.OPEN_ACTIONS, descending=False))
    assert by_actions[0] == c  # no actions at all; the other two have two open, one overdue, newest first
    assert by_actions[1:] == [a, b]


def test_counts_match_the_whole_library_list(store: RetroStore) -> None:
    for i in range(3):
        _add(store, f"Retro {i}", days=i)
    expected = {s.id: (s.open_actions, s.overdue_actions, s.internal_report)
                for s in store.list_retros(include_archived=True, now=NOW)}
    page = store.library_page(LibraryQuery(include_archived=True), now=NOW)
    assert {s.id: (s.open_actions, s.overdue_actions, s.internal_report) for s in page.rows} == expected
    assert any(n for n, _, _ in expected.values())  # the test can fail: there are open actions


def test_a_ticket_number_after_a_dash_is_found_on_every_database(store: RetroStore) -> None:
    # PostgreSQL's parser reads "PD-00050" as "pd" and the signed integer "-00050".
    ticket = _add(store, "Checkout slow", summary="Ticket PD-00050. Some customers saw errors.")
    _add(store, "Other", days=1, summary="Ticket PD-00051.")
    page = store.library_page(LibraryQuery(text="00050", sort=LibrarySort.RELEVANCE), now=NOW)
    assert [s.id for s in page.rows] == [ticket]
    assert page.snippets[ticket].matched == ("00050",)
    assert [s.id for s in store.list_retros(text="00050")] == [ticket]


def test_a_word_in_more_than_half_of_the_retros_does_not_rank_them(store: RetroStore) -> None:
    """Such a word tells the retros apart no better than chance (bm25's own test, applied to retros):
    it must still be found, but the list is newest first, and a rarer word of the same search
    alone ranks them."""
    dense_old = _add(store, "Outage one", days=0, summary="outage outage outage zanzibar")
    sparse_new = _add(store, "Slow pages", days=2, summary="A long summary of many words where the outage "
                      "is mentioned once among a great many other words about queues, pools, caches and zanzibar "
                      "zanzibar zanzibar.")
    middle = _add(store, "Errors", days=1, summary="An outage of the payments queue.")
    _add(store, "Unrelated", days=3)
    common = store.library_page(LibraryQuery(text="outage", sort=LibrarySort.RELEVANCE), now=NOW)
    assert [s.id for s in common.rows] == [sparse_new, middle, dense_old]  # 3 of 4 retros: newest first
    assert set(common.snippets) == {sparse_new, middle, dense_old}  # each still shows where it matched
    assert all("outage" in {w.lower() for w in common.snippets[i].matched} for i in common.snippets)
    # "zanzibar" (2 of 4 retros: not more than half) ranks; "outage" beside it only has to be found.
    both = store.library_page(LibraryQuery(text="outage zanzibar", sort=LibrarySort.RELEVANCE), now=NOW)
    assert [s.id for s in both.rows] == [sparse_new, dense_old]  # three times ranks above once, whatever the date
    rare = store.library_page(LibraryQuery(text="zanzibar", sort=LibrarySort.RELEVANCE), now=NOW)
    assert [s.id for s in rare.rows] == [sparse_new, dense_old]
    # Archived retros are still retros of the library: archiving two makes "outage" 3 of 6 (not common),
    # and the ranking comes back (the densest first).
    for n in range(2):
        _add(store, f"Archived {n}", days=5 + n, archived=True)
    ranked = store.library_page(LibraryQuery(text="outage", sort=LibrarySort.RELEVANCE), now=NOW)
    assert ranked.rows[0].id == dense_old


def test_a_page_is_read_by_one_statement_without_a_transaction_round_trip(store: RetroStore) -> None:
    """One statement is its own snapshot: the page sends no BEGIN / COMMIT (what a one-hit search
    mostly waited on), while a read of several statements still has its transaction."""
    if not store.url.startswith("sqlite"):
        pytest.skip("the driver's statements are traced on SQLite")
    _add(store, "Checkout slow", summary="zanzibar")
    sent: list[str] = []
    store._engine.dispose()  # new connections, traced from their start
    event.listen(store._engine, "connect", lambda dbapi, _record: dbapi.set_trace_callback(sent.append))
    page = store.library_page(LibraryQuery(text="zanzibar", sort=LibrarySort.RELEVANCE), now=NOW)
    assert page.total == 1 and page.snippets
    assert sent and not [s for s in sent if s.split()[0].upper() in ("BEGIN", "COMMIT", "ROLLBACK")], sent
    sent.clear()
    store.load(page.rows[0].id)
    assert "BEGIN" in sent  # the trace sees transactions where there are some


def test_a_retro_found_alone_is_not_ranked_and_shows_its_first_written_match(store: RetroStore) -> None:
    """Ranking orders retros; one found alone needs none, and its snippet is its first-written
    matching part (its own summary here). Found beside another, its best-matching part shows."""
    alone = _add(store, "Checkout slow", summary="A long summary of many words in which zanzibar appears only once "
                 "among a great many other words about queues, pools, caches and people.",
                 events=("zanzibar zanzibar zanzibar",))
    for n in range(3):
        _add(store, f"Unrelated {n}", days=1 + n)
    page = store.library_page(LibraryQuery(text="zanzibar", sort=LibrarySort.RELEVANCE), now=NOW)
    assert [s.id for s in page.rows] == [alone] and page.snippets[alone].found_in == ""  # the retro's own fields
    _add(store, "Search down", days=5, summary="zanzibar once more, in another retro")
    page = store.library_page(LibraryQuery(text="zanzibar", sort=LibrarySort.RELEVANCE), now=NOW)
    assert page.snippets[alone].found_in == "timeline"  # ranked: the densest part


def test_a_search_of_very_many_words_still_finds_the_retros_holding_every_one(store: RetroStore) -> None:
    """Past 64 words (each a column of the ranking statement) the retros found are listed newest
    first: still exactly those holding every word."""
    words = [f"word{n:03d}" for n in range(70)]
    holds_all = _add(store, "Everything said", summary=" ".join(words))
    _add(store, "Nearly everything", days=1, summary=" ".join(words[:-1]))
    for count in (63, 64, 65, 70):
        page = store.library_page(LibraryQuery(text=" ".join(words[-count:]), sort=LibrarySort.RELEVANCE), now=NOW)
        assert [s.id for s in page.rows] == [holds_all] and page.total == 1, count


def test_few_and_many_retros_found_are_joined_alike(store: RetroStore, monkeypatch: pytest.MonkeyPatch) -> None:
    """PostgreSQL looks the retros found up by id when they are few, else hashes them in: both ways
    give the same pages, in every order and with the filters (SQLite has one way: trivially)."""
    from retro.services import library_pages

    for i in range(70):
        _add(store, f"Gizmo outage {i:02d}" if i % 3 else f"gizmo SEV {i:02d}", days=i % 9,
             severity=list(Severity)[i % len(Severity)], archived=i % 10 == 0, actions=i % 2 == 0)
    queries = [LibraryQuery(text="gizmo", sort=sort, descending=descending, include_archived=archived)
               for sort in LibrarySort for descending in (True, False) for archived in (True, False)]
    queries.append(LibraryQuery(text="gizmo", severity=Severity.SEV2))

    def pages(few_hits: int) -> list[tuple[list[str], int]]:
        monkeypatch.setattr(library_pages, "FEW_HITS", few_hits)
        library_pages._CACHE.clear()
        found = [store.library_page(q, now=NOW, limit=25, offset=5) for q in queries]
        return [([s.id for s in p.rows], p.total) for p in found]

    by_id, hashed = pages(10_000), pages(0)
    assert by_id == hashed
    assert by_id[0][1] == 70 and len(by_id[0][0]) == 25
    library_pages._CACHE.clear()
