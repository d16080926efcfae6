"""Names in public text: replaced only where they are names, and shown to the facilitator first.

The public report replaces participants' and owners' names as a second line of defence. It
must not rewrite ordinary words ("we will page the on-call" with a participant Will Page), and
must catch short names ("Wu rolled back the deploy"). Both the PDF and the Markdown are checked.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from retro.domain import Audience, Incident, Participant, Retro, Role, TimelineEvent
from retro.report import render_markdown, write_pdf
from retro.report.audience import NAME_REMOVED, public_retro
from retro.report.names import NameMatcher
from retro.report.public_checks import Mention, public_findings, public_text_mentions

from .conftest import pdf_text
from .fixtures import canary_retro

SUMMARY = "Payments will be retried automatically. We will page the on-call sooner."
IMPACT = "Some customers saw errors; orders will not be charged twice."


def reviewers_retro() -> Retro:
    """The reviewer's case: participants Will Page and Wei Wu, and ordinary words in public text."""
    incident = Incident("inc-names", "Checkout outage", summary=SUMMARY, customer_impact=IMPACT)
    return Retro.of(
        incident,
        [
            Participant("p-1", "Will Page", frozenset({Role.RESPONDER})),
            Participant("p-2", "Wei Wu", frozenset({Role.LEADER})),
            TimelineEvent("e-1", datetime(2026, 1, 1, 9, 30, tzinfo=UTC), "Wu rolled back the deploy", audience=Audience.PUBLIC),
        ],
    )


def test_ordinary_words_that_are_also_name_parts_are_kept() -> None:
    public = public_retro(reviewers_retro())
    assert public.incident.summary == SUMMARY
    assert public.incident.customer_impact == IMPACT


def test_a_two_letter_surname_is_removed() -> None:
    assert public_retro(reviewers_retro()).events["e-1"].text == "A manager rolled back the deploy"


@pytest.mark.parametrize("fmt", ["pdf", "md"])
def test_the_public_reports_keep_the_words_and_remove_the_name(fmt: str, tmp_path: Path) -> None:
    retro = reviewers_retro()
    if fmt == "pdf":
        text = " ".join(pdf_text(write_pdf(retro, tmp_path / "p.pdf", Audience.PUBLIC)).split())
    else:
        text = " ".join(render_markdown(retro, Audience.PUBLIC).replace("\\", "").split())
    assert SUMMARY in text and IMPACT in text
    assert "A manager rolled back the deploy" in text  # Wei Wu led: said by role
    assert "Wu" not in text


@pytest.mark.parametrize(
    ("names", "text", "expected"),
    [
        (["Will Page"], "Will Page restarted it; we will page Will.", "# restarted it; we will page #."),
        (["Will Page"], "Will\nPage restarted it", "# restarted it"),
        (["will page"], "Will Page joined, so we will page less", "# joined, so we will page less"),  # typed in lower case
        # a part that is no ordinary word counts in any case (issue 9: "lower case or all capitals")
        (["Wei Wu"], "Wu and WU and wu and Wuhan and Wu's", "# and # and # and Wuhan and #'s"),
        (["Bo Li"], "Li and Bo rolled back; Libo and bo did; Bolt did not", "# and # rolled back; # and # did; Bolt did not"),
        (["Jan de Vries"], "Jan de Vries saw the de facto limit; Vries agreed", "# saw the de facto limit; # agreed"),
        (["J. Smith"], "J restarted; Smith checked", "J restarted; # checked"),  # an initial alone is no name
        (["Jean-Luc Picard"], "Jean-Luc and Luc and Picard", "# and # and #"),
        (["José Álvarez"], "Jose\u0301 and Álvarez", "# and #"),  # decomposed é still matches
        (["Åsa Öberg"], "Åsa's fix, Öbergs too, Oeberg and OBERG, not Oberstein", "#'s fix, # too, # and #, not Oberstein"),
        (["Will Page"], "WILL PAGE and will.page and @wpage and WillPage, we will page", "WILL PAGE and # and # and #, we will page"),
        (["Mark May"], "Mark said we may mark it; may the fix hold", "# said we may mark it; may the fix hold"),
        (["Bill Rose"], "bill the customer; Rose rose early", "bill the customer; # rose early"),
        (["Łukasz Kowalski"], "Lukasz; Łukaszowi; kowalskiego; LUKASZ; lkowalski; kowalski_l", "#; #; #; #; #; #"),
        (["Jürgen Müller"], "Juergen Mueller, Muller, Müllers Fix, MÜLLER, jmueller", "#, #, # Fix, #, #"),
        (["田中 太郎"], "田中さんが田中太郎と太郎君", "#が#と#"),
        (["أحمد"], "وأحمد قال", "و# قال"),
        (["דוד"], "ודוד אמר", "ו# אמר"),
        (["Tomáš Novák"], "Tomas Novak; Ｎｏｖáｋ; No\u200bvak; N\u043evak", "#; #; #; #"),  # full-width, zero-width, Cyrillic о
        (["Seán O'Brien"], "OBrien; O’Brien; Sean-san; Dr. O'Brien; O’Brien, Seán", "#; #; #; #; #"),
        (["王伟"], "王伟重启了服务", "#重启了服务"),  # no spaces between words in Chinese
        (["Page"], "Pages and page and Page", "Pages and page and #"),
    ],
)
def test_what_counts_as_a_name(names: list[str], text: str, expected: str) -> None:
    assert NameMatcher(names).replace(text, "#") == expected


def test_public_text_mentions_lists_where_and_whose() -> None:
    retro = reviewers_retro()
    retro.incident = replace(retro.incident, summary="Will this recur? " + SUMMARY)
    mentions = public_text_mentions(retro)
    assert [(m.where, m.name, m.found) for m in mentions] == [
        ("the summary", "Will Page", "Will"),
        ("the public timeline event at 2026-01-01 09:30 UTC", "Wei Wu", "Wu"),
    ]
    assert all(isinstance(m, Mention) for m in mentions)


def test_mentions_become_warnings_the_app_can_show() -> None:
    findings = [f for f in public_findings(reviewers_retro()) if f.code == "public-name"]
    assert len(findings) == 1
    finding = findings[0]
    assert not finding.is_blocker and finding.target_id == "e-1"
    assert "“Wu”" in finding.message and "Wei Wu" in finding.message and "“a manager”" in finding.message  # what customers read


def test_no_participants_no_mentions() -> None:
    retro = reviewers_retro()
    retro.participants.clear()
    assert public_text_mentions(retro) == []
    assert public_retro(retro).events["e-1"].text == "Wu rolled back the deploy"


def test_internal_only_text_is_not_reported_as_a_mention() -> None:
    retro = reviewers_retro()
    event = retro.events["e-1"]
    retro.events["e-1"] = replace(event, audience=Audience.INTERNAL)
    assert public_text_mentions(retro) == []


def test_actions_with_an_internal_factor_are_left_out_of_the_public_report_and_said_so() -> None:
    retro = canary_retro()  # a-1: public factor; a-2: internal factor; a-3: one of each
    public = public_retro(retro)
    assert set(public.actions) == {"a-1"}
    left_out = [f for f in public_findings(retro) if f.code == "partly-internal-action"]
    assert [f.target_id for f in left_out] == ["a-3"]  # a-2 is plainly internal: no warning


def test_an_action_addressing_no_factor_is_not_public() -> None:
    retro = canary_retro()
    action = retro.actions["a-1"]
    retro.actions["a-1"] = replace(action, factor_ids=())
    assert "a-1" not in public_retro(retro).actions



def _said_as(text: str, people: list[Participant], owner: str = "") -> str:
    from retro.domain import ActionItem, Factor, FactorCategory

    incident = Incident("inc-roles", "Checkout outage")
    entities: list[object] = [*people, TimelineEvent("e-1", datetime(2026, 1, 1, 9, 30, tzinfo=UTC), text, audience=Audience.PUBLIC)]
    if owner:
        entities += [Factor("f-1", "Retries", FactorCategory.TECHNOLOGY, audience=Audience.PUBLIC),
                     ActionItem("a-1", "Cap retries", owner=owner, factor_ids=("f-1",))]
    return public_retro(Retro.of(incident, entities)).events["e-1"].text  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tanaka-san paged Jan", "The incident commander paged an engineer"),
        ("the fix was Kowalskiego idea", "the fix was an engineer idea"),
        ("Jan's rollback worked", "An engineer's rollback worked"),
        ("Asked Dr. Jan Kowalski. Kowalski agreed", "Asked an engineer. An engineer agreed"),
        ("Ida O'Brien watched", "A team member watched"),
        ("Ola Nowak will fix it", f"{NAME_REMOVED} will fix it"),  # an action owner, not a participant
        ("mail jan.kowalski@corp.example", "mail [e-mail address removed]"),
    ],
)
def test_people_are_said_by_their_role_never_by_a_hole(text: str, expected: str) -> None:
    people = [
        Participant("p-1", "Yuki Tanaka", frozenset({Role.INCIDENT_COMMANDER, Role.RESPONDER})),
        Participant("p-2", "Jan Kowalski", frozenset({Role.RESPONDER})),
        Participant("p-3", "Ida O'Brien", frozenset({Role.OBSERVER})),
    ]
    said = _said_as(text, people, owner="Ola Nowak")
    assert said == expected
    for part in ("Tanaka", "Yuki", "Jan", "Kowalsk", "Brien", "Ida", "Nowak", "san"):
        assert part not in said


def test_two_mentions_in_one_field_are_two_findings_in_retro_check() -> None:
    from retro.checks import all_findings

    retro = reviewers_retro()
    event = retro.events["e-1"]
    retro.events["e-1"] = replace(event, text="Wu paged Will Page, then Wu rolled back")
    retro.incident = replace(retro.incident, title="Wu and Will Page on call")
    mentions = [f for f in all_findings(retro) if f.code == "public-name"]
    assert len(mentions) == 5  # three in the event, two in the title: none folded into another
