"""The recurrence index kept by every write: same answers as the old whole-library algorithm."""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import replace

from retro.analysis import recurring_factors, related_incidents
from retro.analysis.recurrence import (
    SIMILARITY,
    FactorSighting,
    factor_key,
    normalise,
    similarity,
)
from retro.demo import build_demo_retro
from retro.domain import Changes, Edit, Factor, FactorCategory, Incident, Retro
from retro.services import RetroStore
from retro.services.library_index import retros_sharing_key

T, P = FactorCategory.TECHNOLOGY, FactorCategory.PROCESS


def _old_groups(seen: list[FactorSighting]) -> list[tuple[str, tuple[str, ...], tuple]]:
    """The algorithm before the index (every sighting against every earlier one sharing a word)."""
    seen = sorted(set(seen), key=lambda s: (s.incident_id, s.factor_id))
    words = [normalise(s.title) for s in seen]
    parent = list(range(len(seen)))

    def find(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    index: dict = defaultdict(list)
    for i, s in enumerate(seen):
        for j in sorted({j for w in words[i] for j in index[(s.category, w)]}):
            if similarity(words[i], words[j]) >= SIMILARITY:
                a, b = find(i), find(j)
                parent[max(a, b)] = min(a, b)
        for w in words[i]:
            index[(s.category, w)].append(i)
    groups: dict = defaultdict(list)
    for i in range(len(seen)):
        groups[find(i)].append(seen[i])
    out = []
    for members in groups.values():
        incidents = tuple(sorted({s.incident_id for s in members}))
        if len(incidents) >= 2:
            out.append((members[0].category.value, incidents, tuple(sorted((s.incident_id, s.factor_id) for s in members))))
    return sorted(out)


def _new_groups(store: RetroStore) -> list[tuple[str, tuple[str, ...], tuple]]:
    return sorted((g.category.value, g.incident_ids, tuple(sorted((s.incident_id, s.factor_id) for s in g.sightings)))
                  for g in store.recurring_factors())


WORDS = ["cache", "deploy", "review", "alert", "disk", "dns", "retry", "queue", "owner", "runbook", "load"]


def _random_retro(rng: random.Random, i: int) -> Retro:
    factors = [
        Factor(f"f{j}", " ".join(rng.sample(WORDS, rng.randint(1, 4))).capitalize() + rng.choice(["", "s", "!"]),
               rng.choice([T, P]))
        for j in range(rng.randint(1, 5))
    ]
    return Retro.of(Incident(f"r{i:03d}", f"Incident {i}"), factors)


def test_index_agrees_with_the_old_algorithm_through_edits_and_undo(store: RetroStore) -> None:
    rng = random.Random(7)
    ids = [store.add_retro(_random_retro(rng, i), new_ids=False) for i in range(25)]
    store.add_retro(build_demo_retro())
    store.add_retro(build_demo_retro())
    undo: list[tuple[str, Changes]] = []
    for step in range(30):
        rid = rng.choice(ids)
        retro = store.load(rid)
        version = retro.incident.version
        kind = step % 3
        if kind == 0 and retro.factors:  # retitle (and maybe recategorise) a factor
            f = rng.choice(sorted(retro.factors.values(), key=lambda f: f.id))
            new = replace(f, title=" ".join(rng.sample(WORDS, 2)), category=rng.choice([T, P]))
            changes = store.apply(rid, version, Edit.of(upsert=[new]))
        elif kind == 1 and retro.factors:  # remove one
            f = rng.choice(sorted(retro.factors.values(), key=lambda f: f.id))
            changes = store.apply(rid, version, Edit.of(remove=[f]))
        else:  # add one
            changes = store.apply(rid, version, Edit.of(upsert=[Factor(f"n{step}", " ".join(rng.sample(WORDS, 3)), T)]))
        undo.append((rid, changes))
        assert _new_groups(store) == _old_groups(store.factor_sightings())
    for rid, changes in reversed(undo[-10:]):  # undo the last ten, as the app does
        store.apply(rid, store.current_version(rid), changes.inverse())
        assert _new_groups(store) == _old_groups(store.factor_sightings())
    assert store.recurring_factors() == recurring_factors([store.factor_sightings()])
    one = store.load(ids[3])
    assert store.related_incidents(one) == related_incidents(one, [store.factor_sightings(include_archived=True)])
    store.delete_retro(ids[3])
    assert ids[3] not in {i for g in store.recurring_factors() for i in g.incident_ids}


def test_retros_sharing_a_key_is_a_lookup_of_the_normalised_title(store: RetroStore) -> None:
    a = store.add_retro(Retro.of(Incident("a", "A"), [Factor("f", "Deploys were NOT reviewed", P)]), new_ids=False)
    b = store.add_retro(Retro.of(Incident("b", "B"), [Factor("g", "deploy not reviewed.", P)]), new_ids=False)
    store.add_retro(Retro.of(Incident("c", "C"), [Factor("h", "deploy not reviewed", T)]), new_ids=False)
    key = factor_key("Deploys were NOT reviewed")
    assert key == "deploy not review"
    with store._reader.begin() as conn:
        found = retros_sharing_key(conn, P, key, exclude_incident=a)
        assert [(s.incident_id, s.factor_id) for s in found] == [(b, "g")]
        assert retros_sharing_key(conn, P, "") == []


def test_open_actions_pages_in_the_database_add_up_to_the_whole_list(store: RetroStore) -> None:
    for _ in range(3):
        store.add_retro(build_demo_retro())
    whole = store.open_actions()
    pages = [a for offset in range(0, len(whole) + 4, 4) for a in store.open_actions(limit=4, offset=offset)]
    assert [(a.incident_id, a.action.id) for a in pages] == [(a.incident_id, a.action.id) for a in whole]
    assert pages == whole


def test_search_counts_only_the_retros_found(store: RetroStore) -> None:
    first = store.add_retro(build_demo_retro())
    store.add_retro(Retro.of(Incident("z", "Zebra outage")), new_ids=False)
    everything = {s.id: s for s in store.list_retros()}
    found = store.list_retros(text="zebra")
    assert [s.id for s in found] == ["z"] and found[0] == everything["z"]
    assert everything[first].open_actions > 0


def test_related_incidents_cut_to_a_limit_are_the_strongest_of_the_whole_answer(store: RetroStore) -> None:
    rng = random.Random(11)
    ids = [store.add_retro(_random_retro(rng, i), new_ids=False) for i in range(60)]
    everything = [store.factor_sightings(include_archived=True)]
    for rid in ids[:8]:
        one = store.load(rid)
        want = related_incidents(one, everything)
        assert store.related_incidents(one) == want
        for limit in (0, 1, 5, 200):
            assert store.related_incidents(one, limit=limit) == want[:limit]


def test_the_recurring_summary_is_the_whole_answer_without_its_sightings(store: RetroStore) -> None:
    from retro.analysis.recurrence import summary_of

    rng = random.Random(5)
    ids = [store.add_retro(_random_retro(rng, i), new_ids=False) for i in range(50)]
    store.add_retro(build_demo_retro())
    store.add_retro(build_demo_retro())
    archived = store.load(ids[0])
    store.apply(ids[0], archived.incident.version, Edit(incident=replace(archived.incident, archived=True)))
    for include_archived in (False, True):
        whole = store.recurring_factors(include_archived=include_archived)
        summary = store.recurring_summary(include_archived=include_archived)
        assert summary == [summary_of(g) for g in whole]
        read = [store.group_sightings(s, include_archived=include_archived) for s in summary]
        assert read == [list(g.sightings) for g in whole]


def test_related_incidents_tied_past_what_the_database_ranks_first_are_all_weighed(store: RetroStore) -> None:
    """Forty incidents scored alike: the first five are by id, and the cut reads every tied one
    (the database's own order of adding cannot decide who is in)."""
    from retro.storage.factor_keys import strongest_incidents

    factors = [Factor("a", "Alert thresholds too loose", T), Factor("b", "Runbook out of date", P)]
    ids = [store.add_retro(Retro.of(Incident(f"t{i:02d}", f"Tie {i}"), factors), new_ids=False) for i in range(40)]
    now = store.add_retro(Retro.of(Incident("now", "Now"), factors), new_ids=False)
    one = store.load(now)
    want = related_incidents(one, [store.factor_sightings(include_archived=True)])
    assert [r.incident_id for r in want] == ids
    assert store.related_incidents(one, limit=5) == want[:5]
    with store._reader.begin() as conn:
        words = [(f.category.value, normalise(f.title)) for f in sorted(one.factors.values(), key=lambda f: f.id)]
        assert strongest_incidents(conn, words, threshold=SIMILARITY, exclude_incident=now, limit=5) == ids


def test_related_incidents_stronger_on_fewer_factors_rank_below_more_factors(store: RetroStore) -> None:
    mine = [Factor("a", "Alert thresholds too loose", T), Factor("b", "Runbook out of date", P),
            Factor("c", "Canary skipped for config", P)]
    both = store.add_retro(Retro.of(Incident("both", "Both"), [Factor("x", "alert threshold loose", T),
                                                                Factor("y", "runbook stale out of date", P)]),
                           new_ids=False)
    exact = store.add_retro(Retro.of(Incident("exact", "Exact"), [Factor("z", "Canary skipped for config", P)]),
                            new_ids=False)
    for i in range(30):  # weaker, single-factor matches that the cut must leave out
        store.add_retro(Retro.of(Incident(f"w{i:02d}", "Weak"), [Factor("w", "canary skipped config late", P)]),
                        new_ids=False)
    now = store.load(store.add_retro(Retro.of(Incident("now", "Now"), mine), new_ids=False))
    want = related_incidents(now, [store.factor_sightings(include_archived=True)])
    assert [r.incident_id for r in want[:2]] == [both, exact]
    for limit in (1, 2, 3, 31, 40):
        assert store.related_incidents(now, limit=limit) == want[:limit]


def test_related_incidents_of_a_retro_with_more_words_than_one_statement_takes(store: RetroStore, monkeypatch) -> None:
    from retro.storage import factor_keys

    rng = random.Random(3)
    ids = [store.add_retro(_random_retro(rng, i), new_ids=False) for i in range(30)]
    one = next(r for r in map(store.load, ids) if sum(len(normalise(f.title)) for f in r.factors.values()) > 2)
    want = store.related_incidents(one, limit=5)
    assert want == related_incidents(one, [store.factor_sightings(include_archived=True)])[:5]
    monkeypatch.setattr(factor_keys, "MOST_WORDS", 2)
    assert store.related_incidents(one, limit=5) == want
    assert store.related_incidents(one) == related_incidents(one, [store.factor_sightings(include_archived=True)])
