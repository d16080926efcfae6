"""Issue 9's promise: whatever form a person's name takes in public text, no customer reads it.

Hypothesis builds teams from many scripts and plants every everyday form of each name (case,
transliteration, endings, honorifics, handles, e-mail, profile links, zero-width and full-width
tricks, look-alike letters, CJK without spaces, Arabic/Hebrew prefixes) into every public field.
No planted form may reach the public PDF's text or metadata, or the public Markdown; the internal
report still holds them (so the test can fail); and each planted mention is one finding.
"""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from retro.domain import (
    ActionItem,
    ActionStatus,
    Audience,
    Factor,
    FactorCategory,
    Incident,
    Participant,
    Retro,
    Role,
    TimelineEvent,
)
from retro.domain.folding import fold_word
from retro.report import render_markdown, render_pdf
from retro.report.public_checks import public_findings

T0 = datetime(2026, 5, 4, 8, 0, tzinfo=UTC)
FULLWIDTH = {chr(c): chr(c + 0xFEE0) for c in range(0x21, 0x7F)}
CYRILLIC_LOOKALIKE = {"a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "x": "х"}
#: Real names of many scripts, with a recognisable piece to look for: (name, piece).
REAL = [
    ("Łukasz Wróblewski", "wroblewsk"), ("Jürgen Straßburger", "strassburger"), ("Søren Ødegaard", "degaard"),
    ("Tomáš Dvořák", "dvorak"), ("Zoë Ångström", "ngstrom"), ("Siobhán O'Flaherty", "flaherty"),
    ("Дмитрий Кузнецов", "kuznetsov"),
]
KEPT = [("王小明", "王小明"), ("田中 太郎", "田中"), ("김민수", "김민수"), ("أحمد", "أحمد"), ("דוד", "דוד")]


def latin_forms(first: str, last: str) -> list[tuple[str, str]]:
    """Everyday ways a text names the person ``first last`` (both Latin): (form, piece that must go)."""
    f, s = fold_word(first).lower(), fold_word(last).lower()
    forms = [
        f"{first} {last}", last, last.lower(), last.upper(), f"{last}'s", f"{last}owi", f"{last}-san", f"Dr. {last}",
        last[:2] + "\u200b" + last[2:], "".join(FULLWIDTH.get(ch, ch) for ch in last),
        "".join(CYRILLIC_LOOKALIKE.get(ch, ch) for ch in last), f"{first}{last}", f"{last}, {first}",
    ]
    out = [(form, s) for form in forms]
    out += [(first, f), (first.upper(), f), (f"@{f[0]}{s}", f[0] + s), (f"{f}.{s}", f"{f}.{s}"), (f"{f}{s[0]}", f + s[0]),
            (f"{f}_{s}", f"{f}_{s}"), (f"{f}.{s}@corp.example", f"{f}.{s}"), (f"https://github.com/{f[0]}{s}", f[0] + s),
            ("https://acme.slack.com/team/U024BE7LH", "u024be7lh"), ("slack://user?team=T024BE7LD&id=U024BE7LH", "u024be7lh"),
            ("ops-lead@corp.example", "ops-lead@")]
    return out


def kept_forms(name: str) -> list[str]:
    joined = name.replace(" ", "")
    if "\u0600" <= joined[0] <= "\u06ff":
        return [joined, f"و{joined}"]
    if "\u0590" <= joined[0] <= "\u05ff":
        return [joined, f"ו{joined}"]
    return [joined, f"{joined}さん", f"{joined}씨"]


synthetic = st.builds(
    lambda a, b: (a.capitalize(), "Q" + b),  # "Q…" surnames: no ordinary word, unique to this example
    st.text("bcdfghjklmnprstvwz", min_size=3, max_size=6).map(lambda s: s[0] + "a" + s[1:] + "e"),
    st.text("bcdfghjklmnprstvwxz", min_size=4, max_size=7).map(lambda s: s[:2] + "o" + s[2:] + "ik"),
)


@st.composite
def teams(draw: st.DrawFn) -> tuple[list[str], list[tuple[str, str]]]:
    """(participant names, [(planted form, what must not reach the public report)])."""
    first, last = draw(synthetic)
    names = [f"{first} {last}"]
    plants = latin_forms(first, last)
    for name, _piece in draw(st.lists(st.sampled_from(REAL), min_size=1, max_size=2, unique=True)):
        names.append(name)
        _given, surname = name.split(" ", 1)
        plants += [(form, surname) for form in (name, surname, surname.upper(), fold_word(surname), f"{surname}a")]
    kept, piece = draw(st.sampled_from(KEPT))
    names.append(kept)
    plants += [(form, piece.replace(" ", "")) for form in kept_forms(kept)]
    return names, plants


FIELDS = ("title", "summary", "customer_impact", "service", "event", "factor title", "factor description",
          "action", "apology", "contact", "public reason")


def planted_retro(names: list[str], forms: list[str]) -> Retro:
    text = " — ".join(f"{form} checked the pool" for form in forms)
    incident = Incident(
        "inc-anon", f"Outage: {text}", summary=f"Summary: {text}", customer_impact=f"Impact: {text}",
        services=("checkout", f"svc {text}"), started_at=T0, resolved_at=T0 + timedelta(hours=1),
        public_apology=f"Sorry: {text}", public_contact=f"Contact: {text}",
    )
    roles = [Role.RESPONDER, Role.INCIDENT_COMMANDER, Role.LEADER, Role.OBSERVER, Role.COMMUNICATIONS_LEAD]
    # every role wording is exercised (and must say nothing of the name)
    people = [Participant(f"p-{i}", n, frozenset({roles[i % len(roles)]}), i) for i, n in enumerate(names)]
    return Retro.of(incident, [
        *people,
        TimelineEvent("e-1", T0, f"Event: {text}", audience=Audience.PUBLIC),
        Factor("f-1", f"Factor: {text}", FactorCategory.TECHNOLOGY, f"Why: {text}", Audience.PUBLIC),
        ActionItem("a-1", f"Action: {text}", owner=names[0], factor_ids=("f-1",), status=ActionStatus.WONT_DO,
                   status_reason="internal", public_reason=f"Because: {text}"),
    ])


def folded(text: str) -> str:
    return "".join(fold_word(text.replace("\\", "")).lower().split())


@given(teams())
@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
def test_no_planted_form_reaches_the_public_report(team: tuple[list[str], list[tuple[str, str]]]) -> None:
    names, plants = team
    retro = planted_retro(names, [form for form, _ in plants])
    public_pdf = PdfReader(io.BytesIO(render_pdf(retro, Audience.PUBLIC)))
    public_text = folded("\n".join(p.extract_text() or "" for p in public_pdf.pages))
    meta = folded(" ".join(str(v) for v in (public_pdf.metadata or {}).values()))
    markdown = folded(render_markdown(retro, Audience.PUBLIC))
    internal = folded(render_markdown(retro, Audience.INTERNAL))
    for form, piece in plants:
        piece = folded(piece)
        assert piece in internal, f"{form!r} should be in the internal report"
        for where, text in (("PDF text", public_text), ("PDF metadata", meta), ("Markdown", markdown)):
            assert piece not in text, f"{form!r} reached the public {where}"
    assert folded("checked the pool") in markdown  # the words around each mention survive
    mentions = [f for f in public_findings(retro) if f.code == "public-name"]
    assert len(mentions) == len(plants) * len(FIELDS), "every planted mention is one finding"


def test_a_mention_marked_fine_to_publish_is_published_and_no_longer_a_finding() -> None:
    retro = planted_retro(["Will Page"], ["Will"])
    findings = [f for f in public_findings(retro) if f.code == "public-name"]
    assert len(findings) == len(FIELDS)
    retro.incident = replace(retro.incident, public_mentions=("event:e-1|will",))
    assert len([f for f in public_findings(retro) if f.code == "public-name"]) == len(FIELDS) - 1
    assert "Will checked the pool" in render_markdown(retro, Audience.PUBLIC).replace("\\", "")


def test_approved_mentions_are_listed_in_the_internal_report_and_apology_and_contact_printed() -> None:
    retro = planted_retro(["Will Page"], ["Will"])
    retro.incident = replace(retro.incident, public_mentions=("event:e-1|will",))
    internal = render_markdown(retro, Audience.INTERNAL)
    assert "Mentions marked fine to publish" in internal
    assert "Mentions marked fine to publish" not in render_markdown(retro, Audience.PUBLIC)
    public = render_markdown(retro, Audience.PUBLIC).replace("\\", "")
    # a responder is said by role, never by name
    assert "Sorry: an engineer checked the pool" in public and "Contact: an engineer" in public


def test_the_internal_pdf_lists_the_mentions_marked_fine_to_publish(tmp_path) -> None:
    from retro.report import write_pdf

    retro = planted_retro(["Will Page"], ["Will"])
    retro.incident = replace(retro.incident, public_mentions=("event:e-1|will",))
    internal = " ".join("\n".join(p.extract_text() or "" for p in PdfReader(
        write_pdf(retro, tmp_path / "i.pdf", Audience.INTERNAL)).pages).split())
    public = " ".join("\n".join(p.extract_text() or "" for p in PdfReader(
        write_pdf(retro, tmp_path / "p.pdf", Audience.PUBLIC)).pages).split())
    assert "Mentions marked fine to publish" in internal
    assert "the public timeline event at" in internal and "Will Page" in internal
    assert "Mentions marked fine to publish" not in public
