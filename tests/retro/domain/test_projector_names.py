"""Roles instead of names on the projector: the names typed inside what the room reads go too."""

from __future__ import annotations

from dataclasses import replace

from retro.demo import build_demo_retro
from retro.domain import Retro
from retro.domain.projector_names import shown_text


def _demo(roles: bool) -> Retro:
    retro = build_demo_retro()
    return replace(retro, incident=replace(retro.incident, projector_shows_roles=roles))


def test_names_inside_text_become_roles_when_the_option_is_on() -> None:
    text = "jonas restarted the pods after PRIYA RAMAN's call; Tomas Herrera told the status page"
    shown = shown_text(_demo(True), text)
    for part in ("jonas", "priya", "raman", "tomas", "herrera"):
        assert part not in shown.casefold(), shown
    assert "Responder restarted the pods" in shown
    assert "Incident commander" in shown and "Communications lead" in shown


def test_addresses_and_owners_who_are_not_participants_are_not_shown_either() -> None:
    retro = _demo(True)
    action = next(iter(retro.actions.values()))
    retro.actions[action.id] = replace(action, owner="Grace Hopkins")
    shown = shown_text(retro, "Ask Grace Hopkins or mail ops-lead@example.com")
    assert "grace" not in shown.casefold() and "hopkins" not in shown.casefold()
    assert "ops-lead@example.com" not in shown and "Owner" in shown


def test_text_is_shown_as_typed_when_the_option_is_off_or_no_name_is_in_it() -> None:
    text = "Jonas restarted the pods"
    assert shown_text(_demo(False), text) == text
    assert shown_text(_demo(True), "The proxy refused new clients") == "The proxy refused new clients"


def test_the_review_slide_names_roles_whatever_the_option() -> None:
    from retro.domain.projector_names import owner_role, shown_owner

    retro = _demo(False)
    leader = next(p for p in retro.people() if p.is_leader)
    assert shown_owner(retro, leader.name) == leader.name  # the option is off: names elsewhere
    assert owner_role(retro, leader.name) == shown_owner(_demo(True), leader.name) != leader.name
    assert owner_role(retro, "Grace Hopkins") == "Owner" and owner_role(retro, " ") == ""
    shown = shown_text(retro, f"Ask {leader.name} first", roles=True)
    assert leader.name.split()[0] not in shown and shown.startswith("Ask ")
    assert shown_text(_demo(True), "Jonas restarted the pods", roles=False) == "Jonas restarted the pods"
