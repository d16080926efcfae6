"""Session 8 review of the public guarantee, end to end: a retro written as real teams write one.

Participants in many scripts and spellings, the timeline naming them by nickname, short form,
another script's spelling, handle, Slack markup and link, and naming people who are not in the
retro at all (a vendor's contact, a bank's account manager). Every one of those reached the public
PDF before; none may now — not in its text, metadata, outline or link targets — while the internal
report keeps them (so the test can fail) and ordinary words and company names stay.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from retro.domain import (
    AccountabilityStatement,
    ActionItem,
    Audience,
    EventKind,
    Factor,
    FactorCategory,
    FactorEvidence,
    FactorLink,
    Impact,
    Incident,
    Participant,
    PrivateNote,
    Retro,
    Role,
    TimelineEvent,
)
from retro.domain.outside_names import GIVEN_NAMES, outside_names
from retro.report import render_markdown, write_pdf
from retro.report.audience import public_retro
from retro.report.public_checks import public_findings

from .conftest import pdf_text

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
PEOPLE = [
    ("José Álvarez-Núñez", Role.INCIDENT_COMMANDER), ("Zoë O'Brien-Smith", Role.RESPONDER),
    ("Nguyễn Thị Minh Khai", Role.RESPONDER), ("Владимир Петров", Role.RESPONDER), ("محمد الأحمد", Role.LEADER),
    ("李小龙", Role.RESPONDER), ("Priya Ramaswamy (she/her)", Role.COMMUNICATIONS_LEAD),
    ("Pieter van der Berg", Role.RESPONDER), ("Kiran", Role.RESPONDER), ("Robert 'Bob' Jones", Role.RESPONDER),
    ("Alexandra Chen", Role.RESPONDER), ("Anna Kowalska", Role.RESPONDER), ("Will Grace", Role.FACILITATOR),
]
EVENTS = [
    "Anna’s deploy of the payments config started failing; <@U123ABC|anna> saw it first",
    "@anna.k and Zoe O’Brien-Smith looked at https://github.com/annakowalska/payments/pull/7",
    "Володя перезапустил под; Vladimir confirmed",
    "Mohammed Al-Ahmad asked for a rollback",
    "Li Xiaolong restarted the workers",
    "Pieter van der Berg checked the DB; vanderberg on Slack",
    "Kiran rolled back; we will add an alert and mark the dashboard",
    "Alex confirmed recovery, Bob verified",
    "Nguyen Minh Khai checked the queues",
    "Sarah Connor from Acme support confirmed the gateway issue",
    "We called Mr. Okafor at the bank; their account manager Okonkwo said the limits were raised",
    "Kowal-\nska restarted the queue",
    unicodedata.normalize("NFD", "José Álvarez-Núñez pushed the config"),
    "Our vendor Stripe returned 500s from the Austin region",
]
#: Words no public text may hold (folded): every form above, and what is internal-only or private.
GONE = ["anna", "kowalsk", "zoe", "brien", "володя", "vladimir", "mohammed", "ahmad", "xiaolong", "vanderberg",
        "pieter", "kiran", "alex", "bob", "nguyen", "khai", "sarah", "connor", "okafor", "okonkwo", "jose", "alvarez",
        "nunez", "u123abc", "annakowalska", "secretinternal", "secretstatement", "secretnote", "secretaction"]
#: Words that must stay: ordinary English and companies.
KEPT = ["we will add an alert and mark the dashboard", "Stripe", "Austin region", "Acme support"]


def adversarial_retro() -> Retro:
    incident = Incident(
        "inc-adv", "Checkout outage after José's config push", summary="Alex and Bob rolled back. We will add an alert.",
        customer_impact="Mohammed's team reached out to Acme's contact Sarah Connor.", services=("checkout",),
        started_at=T0, resolved_at=T0 + timedelta(hours=1),
    )
    entities: list[object] = [Participant(f"p{i}", name, frozenset({role}), i) for i, (name, role) in enumerate(PEOPLE)]
    entities += [TimelineEvent(f"e{i:02d}", T0 + timedelta(minutes=i), text, EventKind.ACTION, audience=Audience.PUBLIC,
                               evidence_url=f"https://chat.example.com/p{i}?user=anna.kowalska")
                 for i, text in enumerate(EVENTS)]
    entities += [
        TimelineEvent("e-int", T0 + timedelta(minutes=30), "SECRETINTERNAL José was slow", EventKind.ACTION),
        Factor("f1", "Zoë's manual config push skipped review", FactorCategory.PROCESS, "Anna's script had no dry-run",
               Audience.PUBLIC),
        Factor("f2", "Alexandra's thresholds were loose", FactorCategory.TECHNOLOGY, "Tuned by Kiran", Audience.PUBLIC),
        Impact("i1", "Payments failed for Владимир's customers", "Mohammed's region"),
        FactorLink("l1", "f1", "i1"), FactorLink("l2", "f2", "i1"), FactorEvidence("f1", "e00"),
        AccountabilityStatement("s1", "p0", "SECRETSTATEMENT I pushed without review", 1),
        PrivateNote("n1", "SECRETNOTE coach Anna", participant_id="p11"),
        ActionItem("a1", "Add a dry-run to Anna's script", owner="Pieter van der Berg", due=date(2026, 4, 1),
                   factor_ids=("f1",), description="SECRETACTION"),
        ActionItem("a2", "Tighten Alex's thresholds with 李小龙", owner="Alexandra Chen", due=date(2026, 4, 1),
                   factor_ids=("f2",)),
    ]
    return Retro.of(incident, entities)  # type: ignore[arg-type]


def _folded(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.replace("\u200b", ""))
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).casefold().split())


def _everything_in(path: Path) -> str:
    """The PDF's text, document information, XMP, outline and link targets."""
    reader = PdfReader(path)
    out = [pdf_text(path), str(dict(reader.metadata or {}))]
    if reader.xmp_metadata is not None:
        out.append(reader.xmp_metadata.stream.get_data().decode("utf-8", "replace"))

    def titles(items: list[object]) -> None:
        for item in items:
            if isinstance(item, list):
                titles(item)
            else:
                out.append(str(getattr(item, "title", "")))
    titles(reader.outline)
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            action = annot.get_object().get("/A")
            if action is not None:
                out.append(str(action.get_object().get("/URI", "")))
    return "\n".join(out)


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    retro = adversarial_retro()
    folder = tmp_path_factory.mktemp("adversarial")
    return {
        "public.pdf": _everything_in(write_pdf(retro, folder / "public.pdf", Audience.PUBLIC)),
        "internal.pdf": _everything_in(write_pdf(retro, folder / "internal.pdf", Audience.INTERNAL)),
        "public.md": render_markdown(retro, Audience.PUBLIC),
    }


@pytest.mark.parametrize("word", GONE)
@pytest.mark.parametrize("report", ["public.pdf", "public.md"])
def test_no_form_of_a_name_reaches_the_public_report(reports: dict[str, str], report: str, word: str) -> None:
    text = _folded(reports[report])
    assert _folded(word) not in text.replace("[name removed]", "").replace("[link removed]", ""), \
        re.findall(rf".{{0,40}}{re.escape(_folded(word))}.{{0,40}}", text)


def test_the_internal_report_still_names_them(reports: dict[str, str]) -> None:
    text = _folded(reports["internal.pdf"])
    for word in ["sarah connor", "okafor", "alex confirmed", "mohammed al-ahmad", "vanderberg"]:
        assert word in text, word


@pytest.mark.parametrize("words", KEPT)
def test_ordinary_words_and_companies_stay(reports: dict[str, str], words: str) -> None:
    assert words in " ".join(reports["public.pdf"].split())


def test_a_link_with_a_name_is_removed_whole_not_broken(reports: dict[str, str]) -> None:
    text = " ".join(reports["public.pdf"].split())
    assert "[link removed]" in text and "github.com" not in text


def test_each_outside_name_is_a_finding_the_facilitator_can_approve() -> None:
    retro = adversarial_retro()
    found = [f.message for f in public_findings(retro) if f.code == "public-name"]
    for name in ["Sarah Connor", "Mr. Okafor", "Okonkwo", "Alex", "Mohammed Al-Ahmad"]:
        assert any(f"“{name}”" in message for message in found), name
    # approved, the mention is published as written
    key = next(f.mention_key for f in public_findings(retro) if "“Okonkwo”" in f.message)
    retro.incident = replace(retro.incident, public_mentions=(key,))
    assert any("Okonkwo" in e.text for e in public_retro(retro).events.values())


_SENTENCES = ["{} from the vendor confirmed the outage", "we called {} at the bank", "thanks to {} on the customer side",
              "{}'s team raised the limit", "Escalated to {} Lindqvist at Acme"]


@settings(max_examples=60)
@given(st.sampled_from(sorted(GIVEN_NAMES)), st.sampled_from(_SENTENCES))
def test_a_person_outside_the_retro_is_found(name: str, sentence: str) -> None:
    text = sentence.format(name.capitalize())
    spans = outside_names(text)
    assert any(text[s:e].startswith(name.capitalize()) for s, e in spans), (text, spans)
    left = text
    for start, end in reversed(spans):
        left = left[:start] + "[name removed]" + left[end:]
    assert name.capitalize() not in left and "Lindqvist" not in left, left


@pytest.mark.parametrize("text", [
    "Our vendor Stripe returned 500s", "Customer Impact was high", "The Grafana dashboard showed Kafka lag",
    "Victoria Metrics was down in the Sydney region", "Ruby workers and the Julia notebook crashed",
    "the Patricia-db host and svc.maria failed", "see /users/john", "Jenkins job failed on Monday",
    "we will mark the alert and grace the page", "Max connections were reached",
])
def test_ordinary_text_names_nobody(text: str) -> None:
    assert outside_names(text) == []


@pytest.mark.parametrize(("text", "name"), [
    ("pinged sarah and kevin on slack", "sarah"), ("pinged sarah and kevin on slack", "kevin"), ("Thanks john!", "john"),
    ("sarah from acme confirmed", "sarah"), ("Nakamura-san from the vendor confirmed", "Nakamura"),
    ("Tanaka sensei said the limit was raised", "Tanaka"), ("the customer, Mrs Patel, called", "Patel"),
    ("Hannah Smith's laptop", "Smith"), ("Escalated to Sarah-Jane Okafor", "Okafor"),
])
def test_a_person_outside_the_retro_in_chat_style_is_found(text: str, name: str) -> None:
    left = text
    for start, end in reversed(outside_names(text)):
        left = left[:start] + "[name removed]" + left[end:]
    assert name not in left, left


@pytest.mark.parametrize("text", [
    "we talked to support and then rolled back", "rollback from staging", "with mark and grace", "deploy at noon",
    "the database from the backup said nothing", "pinged oncall and sre",
])
def test_lower_case_words_in_those_places_are_kept(text: str) -> None:
    assert outside_names(text) == []
