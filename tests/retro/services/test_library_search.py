"""The library's search on every database: any query string, words in any script, every word
required somewhere in the retro, and titles sorted as a person reads them."""

from __future__ import annotations

import random
import re
import unicodedata
from datetime import UTC, datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from retro.domain import Incident, Retro, Severity, TimelineEvent
from retro.domain.snippets import folded
from retro.services import LibraryQuery, LibrarySort, RetroStore

T0 = datetime(2026, 3, 4, 9, 15, tzinfo=UTC)
NOW = datetime(2026, 3, 25, 12, tzinfo=UTC)
_WORD = re.compile(r"[^\W_]+")
#: Numerals other than decimal digits (¹, ½, Ⅻ) separate words, as PostgreSQL's parser reads them.
_OTHER_NUMERALS = re.compile("[" + "".join(chr(c) for c in range(0x110000)
                                           if unicodedata.category(chr(c)) in ("No", "Nl")) + "]")


def _words(text: str) -> list[str]:
    return _WORD.findall(_OTHER_NUMERALS.sub(" ", text))

#: Words in many scripts; none is a prefix-variant of another by accents alone, and none starts
#: with an FTS5 or tsquery operator's name (those are searched for as words, and found nowhere).
VOCABULARY = ("pool", "poolside", "replica", "failover", "Zürich", "straße", "élan", "σεισμός", "Сервер",
              "障害対応", "خادم", "PD-00050", "ticket", "queue")
#: Query syntax of both databases, markup and punctuation: never a word, never syntax.
NOISE = ('"', "*", "-", "+", "^", "(", ")", ":", "{", "}", "[", "]", "<b>", "</b>", "&", "|", "!", "~", "'",
         "\\", ".", ",", ";", "/", "@", "#", "%", "$", "=", "?", " ", "\t", "\n", ":*", "<->", "''", '""')
OPERATORS = ("NEAR", "AND", "OR", "NOT", "near", "NEAR/2")


def _retro(title: str, summary: str, events: list[str], days: int) -> Retro:
    incident = Incident(id="inc-x", title=title, severity=Severity.SEV3, summary=summary,
                        started_at=T0 + timedelta(days=days), created_at=T0 + timedelta(days=days))
    return Retro.of(incident, [TimelineEvent(f"e-{i}", T0 + timedelta(days=days, minutes=i), text)
                               for i, text in enumerate(events)])


def _library(store: RetroStore) -> dict[str, set[str]]:
    """Twelve retros whose texts are drawn from the vocabulary (made once per store), and the
    words each holds, lower-cased (what the oracle matches against)."""
    existing = store.library_page(LibraryQuery(include_archived=True), limit=1000, now=NOW).rows
    if not existing:
        rng = random.Random(14)
        for n in range(12):
            texts = [" ".join(rng.sample(VOCABULARY, rng.randint(1, 3))) for _ in range(3)]
            store.add_retro(_retro(f"Retro {n} {texts[0]}", texts[1], [texts[2]], n))
        existing = store.library_page(LibraryQuery(include_archived=True), limit=1000, now=NOW).rows
    out: dict[str, set[str]] = {}
    for summary in existing:
        retro = store.load(summary.id)
        texts = [retro.incident.title, retro.incident.summary, *(e.text for e in retro.events.values())]
        out[summary.id] = {w.lower() for t in texts for w in _words(t)}
    return out


def _expected(library: dict[str, set[str]], query: str, *, accents_ignored: bool) -> set[str]:
    """The retros holding every word of ``query`` as the start of some word (the oracle)."""
    fold = folded if accents_ignored else str.lower
    terms = {fold(w) for w in _words(query.lower())}
    return {rid for rid, held in library.items()
            if all(any(fold(h).startswith(t) for h in held) for t in terms)}


def _found(store: RetroStore, query: str) -> tuple[set[str], int]:
    page = store.library_page(LibraryQuery(text=query, sort=LibrarySort.RELEVANCE), limit=1000, now=NOW)
    assert set(page.snippets) <= {s.id for s in page.rows}
    return {s.id for s in page.rows}, page.total


def _accents_ignored(store: RetroStore) -> bool:
    return store.url.startswith("sqlite")  # FTS5 folds accents; PostgreSQL's 'simple' does not


_queries = st.lists(
    st.one_of(
        st.sampled_from(VOCABULARY).flatmap(lambda w: st.integers(1, len(w)).map(lambda n: w[:n])),
        st.sampled_from(NOISE), st.sampled_from(OPERATORS),
    ),
    max_size=8,
).map("".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=_queries)
def test_any_query_of_words_and_syntax_finds_exactly_the_retros_holding_every_word(
        store: RetroStore, query: str) -> None:
    library = _library(store)
    found, total = _found(store, query)
    assert found == _expected(library, query, accents_ignored=_accents_ignored(store)), query
    assert total == len(found)
    # A word in more than half of the retros does not rank them: when every word is such a word,
    # the retros found are listed newest first (the library's retro n started n days after T0).
    terms = _words(query)
    if terms and all(len(_expected(library, t, accents_ignored=_accents_ignored(store))) * 2 > len(library)
                     for t in terms):
        page = store.library_page(LibraryQuery(text=query, sort=LibrarySort.RELEVANCE), limit=1000, now=NOW)
        started = [s.started_at for s in page.rows]
        assert started == sorted(started, reverse=True), query


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.text(max_size=24))
def test_any_text_at_all_never_raises_and_finds_only_what_it_says(store: RetroStore, query: str) -> None:
    library = _library(store)
    found, total = _found(store, query)
    assert total == len(found)
    if not _words(query):
        assert found == set(library)  # no words: the whole library
    # Whatever the database found holds every word of the query that the oracle can read.
    expected = _expected(library, query, accents_ignored=_accents_ignored(store))
    assert found <= expected, query


def _add(store: RetroStore, title: str, summary: str, events: tuple[str, ...] = (), days: int = 0) -> str:
    return store.add_retro(_retro(title, summary, list(events), days))


def test_every_word_is_needed_and_each_may_be_in_a_different_part_of_the_retro(store: RetroStore) -> None:
    spread = _add(store, "Pool exhausted", "The primary was restarted.", ("Failover to the Zürich replica",))
    together = _add(store, "Replica lag", "The pool of the replica filled; failover in Zürich.", days=1)
    _add(store, "Pool resized", "Nothing failed over.", days=2)  # pool, but neither failover nor replica
    _add(store, "Failover drill", "The replica was fine.", days=3)  # failover and replica, no pool
    for query in ("pool failover replica", "POOL  Fail repl", "replica AND pool OR failover",
                  '"pool" -failover +replica', "pool NEAR failover replica"):
        found, total = _found(store, query)
        if "AND" in query or "NEAR" in query:  # the operator is a word too, found in no retro
            assert found == set() and total == 0, query
        else:
            assert found == {spread, together} and total == 2, query
    assert _found(store, "pool failover")[0] == {spread, together}
    assert _found(store, "pool zzz")[0] == set()
    # Both show where they matched: the best-matching part of each.
    page = store.library_page(LibraryQuery(text="pool failover replica", sort=LibrarySort.RELEVANCE), now=NOW)
    assert set(page.snippets) == {together, spread}
    assert {w.lower() for w in page.snippets[together].matched} == {"replica", "pool", "failover"}


def test_words_in_other_scripts_are_found_whole_and_by_their_start(store: RetroStore) -> None:
    greek = _add(store, "Σεισμός στο κέντρο δεδομένων", "Ο διακομιστής έπεσε.")
    russian = _add(store, "Сервер недоступен", "Очередь переполнена.", days=1)
    japanese = _add(store, "障害対応 手順", "キューが詰まった", days=2)
    german = _add(store, "Straße gesperrt", "Der Ärger war groß.", days=3)
    assert _found(store, "σεισμ")[0] == {greek}
    assert _found(store, "СЕРВЕР очередь")[0] == {russian}
    assert _found(store, "障害対応")[0] == {japanese}
    assert _found(store, "Straße ärger")[0] == {german}  # not "strasse": the index only lower-cases
    assert _found(store, "сервер σεισμός")[0] == set()


def test_titles_sort_as_a_person_reads_them_in_any_script(store: RetroStore) -> None:
    titles = ["zebra", "банк", "Élan", "apple", "Bank", "Ärger"]
    ids = {title: _add(store, title, "x", days=i) for i, title in enumerate(titles)}
    expected = [ids[t] for t in ("apple", "Ärger", "Bank", "Élan", "zebra", "банк")]
    up = [s.id for s in store.library_page(LibraryQuery(sort=LibrarySort.TITLE, descending=False), now=NOW).rows]
    down = [s.id for s in store.library_page(LibraryQuery(sort=LibrarySort.TITLE), now=NOW).rows]
    assert up == expected
    assert down == expected[::-1]
    # A search sorted by title sorts its results the same way.
    searched = store.library_page(LibraryQuery(text="x", sort=LibrarySort.TITLE, descending=False), now=NOW)
    assert [s.id for s in searched.rows] == expected


def test_words_with_combining_vowel_signs_are_found_whole_and_shown(store: RetroStore) -> None:
    hindi = _add(store, "डेटाबेस धीमा", "हिन्दी भाषा में सारांश")
    _add(store, "Other", "हमला नहीं", days=1)  # starts like हिन्दी, is another word
    page = store.library_page(LibraryQuery(text="हिन्दी", sort=LibrarySort.RELEVANCE), now=NOW)
    assert [s.id for s in page.rows] == [hindi]
    assert page.snippets[hindi].matched  # where it matched is shown
