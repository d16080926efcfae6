"""The people-matcher's quick paths (pre-filters, grouped alternatives) find what the full search finds.

The matcher skips a family of name forms when the text cannot hold any of them; these cases
are the ones where the letters that let a form through do not start a word, or come from the
name's second part.
"""

from __future__ import annotations

import pytest

from retro.domain.mentions import PeopleMatcher

PEOPLE = ["Sean McDonald", "Anne O'Neil", "Will Kowalski", "Li Wu", "Mark May", "王小明"]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("ask mcdonald about it", "mcdonald"),
        ("the McDonald's runbook", "McDonald"),
        ("oneil restarted it", "oneil"),
        ("x'o'neil restarted it", "o'neil"),
        ("d'oneil restarted it", "d'oneil"),
        ("willkowalski restarted it", "willkowalski"),
        ("kowalski_will restarted it", "kowalski_will"),
        ("paged liwu at 3am", "liwu"),
        ("@wkowalski took it", "@wkowalski"),
        ("w.kowalski took it", "w.kowalski"),
        ("Mark May took it", "Mark May"),
        ("由王小明さん确认", "王小明さん"),
    ],
)
def test_forms_behind_the_quick_paths_are_found(text: str, found: str) -> None:
    assert [h.found for h in PeopleMatcher(PEOPLE).find(text)] == [found]


@pytest.mark.parametrize("text", ["we will mark the customer page may retry", "the oneills and mcdonaldson shops", "liwuxi"])
def test_ordinary_text_mentions_nobody(text: str) -> None:
    assert PeopleMatcher(PEOPLE).find(text) == []


@pytest.mark.parametrize(
    ("people", "text", "gone"),
    [
        (["Tomáš Page", "Tomáš Dvořák"], "ask page, Tomáš Dvořák, now", "Dvořák"),
        (["Sean McDonald"], "see slack://user?team=T1&id=U2.proxy.Dr. McDonald.la", "McDonald"),
        (["Sean McDonald"], "ops-lead@corp.example_McDonald-san_and", "McDonald"),
        (["Jan Kowalski"], "Asked Dr. Jan Kowalski. Kowalski agreed", "Kowalski"),
    ],
)
def test_overlapping_hits_leave_nothing_of_either(people: list[str], text: str, gone: str) -> None:
    """Two hits that overlap (after widening, or a link running into a name) are joined, not one dropped."""
    assert gone not in PeopleMatcher(people).replace(text)


def test_a_name_after_a_sentence_about_the_same_person_is_its_own_mention() -> None:
    hits = PeopleMatcher(["Jan Kowalski"]).find("Asked Dr. Jan Kowalski. Kowalski agreed")
    assert [h.found for h in hits] == ["Dr. Jan Kowalski", "Kowalski"]


@pytest.mark.parametrize(("name", "text", "gone"), [
    ("'Ali Hassan", "we paged 'Ali at 09:00", "Ali"),  # a transliterated ʿayn written as an apostrophe
    ("’Ali Hassan", "then Hassan rolled back", "Hassan"),
    ("ʿAbd Karimov", "Abd restarted the pods", "Abd"),
    ("¨AA Berg", "AA was on call", "AA"),  # a spacing accent folds to a space
    ("´Bo Lindqvist", "Bo paged the team", "Bo"),
])
def test_a_name_starting_with_an_apostrophe_or_accent_is_still_found(name: str, text: str, gone: str) -> None:
    """Such a name broke the matcher's regular expression (the public report could not be made)."""
    replaced = PeopleMatcher([name]).replace(text, "[name]")
    assert gone not in replaced and "[name]" in replaced
