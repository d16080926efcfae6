"""The public preview: what customers will read, beside what the internal report says, every change marked.

Built from the one redaction (:func:`retro.report.audience.public_retro` and the pieces it
records, :func:`retro.report.audience.scrub_pieces`), never from a second copy of its rules:
each row's public text is exactly the text the public PDF and Markdown print. A row is one
piece of the report (the title, a service, a timeline event, a factor, an action …) with

* ``internal`` — the internal text in pieces, the ones the public report replaces marked;
* ``public`` — the public text in the same pieces (``None`` when the row is left out);
* ``left_out`` — why the public report leaves the row (or part of it) out.

The app renders the rows (``ui/stages/public_preview.py``); the tests read them directly.
"""

from __future__ import annotations

from dataclasses import dataclass

from retro.domain import ActionStatus, Retro, Stage

from .audience import Piece, is_public_action, public_report_is_empty, public_retro
from .content import factor_numbers, local_time

INTERNAL_EVENT = "left out: an internal-only event"
INTERNAL_FACTOR = "left out: an internal-only contributing factor"
NO_FACTOR = "left out: the action addresses no contributing factor"
INTERNAL_FACTOR_ACTION = "left out: the action also addresses an internal-only factor"
NO_PUBLIC_REASON = "left out: won't do, and no public reason is written"
NEVER_PUBLIC = "left out: never in the public report"


@dataclass(frozen=True, slots=True)
class PreviewRow:
    """One piece of the report, internal and public side by side."""

    section: str
    label: str
    internal: tuple[Piece, ...]
    public: tuple[Piece, ...] | None
    left_out: str = ""
    stage: Stage = Stage.SETUP  # where the row's text is edited
    target_id: str = ""

    @property
    def public_text(self) -> str:
        return "".join(p.text for p in self.public or ())

    @property
    def changed(self) -> bool:
        """Whether customers read something other than the internal text here."""
        return self.public is None or bool(self.left_out) or any(p.kind and p.kind != "approved" for p in self.public)


@dataclass(frozen=True, slots=True)
class Preview:
    rows: tuple[PreviewRow, ...]
    empty: bool  # the public report has no public event, factor or action

    def sections(self) -> list[str]:
        return list(dict.fromkeys(r.section for r in self.rows))


def _plain(text: str) -> tuple[Piece, ...]:
    return (Piece(text, text),) if text.strip() else ()


def public_preview(retro: Retro) -> Preview:
    """Every row of the preview, in the order of the public report (left-out rows where they were)."""
    pieces: dict[str, list[Piece]] = {}
    view = public_retro(retro, pieces=pieces)
    rows: list[PreviewRow] = []

    def kept(section: str, label: str, key: str, *, note: str = "", stage: Stage = Stage.SETUP, target: str = "") -> None:
        found = tuple(pieces.get(key, ()))
        if found:
            rows.append(PreviewRow(section, label, found, found, note, stage, target))

    def dropped(section: str, label: str, text: str, why: str, stage: Stage = Stage.SETUP, target: str = "") -> None:
        if text.strip():
            rows.append(PreviewRow(section, label, _plain(text), None, why, stage, target))

    inc = retro.incident
    kept("Cover", "Title", "incident:title")
    for i, _service in enumerate(inc.services):
        kept("Cover", "Service", f"incident:services:{i}")
    dropped("Cover", "Tags", ", ".join(inc.tags), NEVER_PUBLIC)
    kept("Summary", "Apology", "incident:public_apology")
    kept("Summary", "Summary", "incident:summary")
    kept("Customer impact", "Customer impact", "incident:customer_impact")
    for event in retro.timeline():
        when = local_time(retro, event.at)
        if event.id in view.events:
            extra = [what for what, value in (("its source", event.source), ("its evidence link", event.evidence_url))
                     if value.strip()]
            note = f"left out: {' and '.join(extra)}" if extra else ""
            kept("Timeline", when, f"event:{event.id}", note=note, stage=Stage.TIMELINE, target=event.id)
        else:
            dropped("Timeline", when, event.text, INTERNAL_EVENT, Stage.TIMELINE, event.id)
    numbers, public_numbers = factor_numbers(retro), factor_numbers(view)
    for factor in retro.factor_list():
        number = numbers[factor.id]
        if factor.id in view.factors:
            if public_numbers[factor.id] != number:  # the public report numbers only its own factors
                number = f"{number} (public {public_numbers[factor.id]})"
            kept("Contributing factors", f"{number} title", f"factor:{factor.id}:title", stage=Stage.FACTORS, target=factor.id)
            kept("Contributing factors", f"{number} description", f"factor:{factor.id}:description",
                 stage=Stage.FACTORS, target=factor.id)
        else:
            dropped("Contributing factors", number, "\n".join(t for t in (factor.title, factor.description) if t),
                    INTERNAL_FACTOR, Stage.FACTORS, factor.id)
    for node in sorted(retro.impacts.values(), key=lambda i: (i.title.casefold(), i.id)):
        kept("Contributing factors", "Impact", f"impact:{node.id}:title", stage=Stage.FACTORS, target=node.id)
        kept("Contributing factors", "Impact description", f"impact:{node.id}:description", stage=Stage.FACTORS,
             target=node.id)
    for action in retro.action_list():
        label = action.status.label
        if is_public_action(retro, action) and action.id in view.actions:
            owner = " and its owner" if action.owner.strip() else ""
            kept("What we are doing about it", label, f"action:{action.id}",
                 note=f"left out: its description{owner}" if action.description.strip() or owner else "",
                 stage=Stage.ACTIONS, target=action.id)
            kept("What we are doing about it", "Public reason", f"action:{action.id}:public_reason",
                 stage=Stage.ACTIONS, target=action.id)
        else:
            why = (NO_FACTOR if not action.factor_ids else NO_PUBLIC_REASON
                   if action.status is ActionStatus.WONT_DO and not action.public_reason.strip() else INTERNAL_FACTOR_ACTION)
            dropped("What we are doing about it", label, action.title, why, Stage.ACTIONS, action.id)
    kept("Contact", "Contact", "incident:public_contact")
    _never_public(retro, rows)
    return Preview(tuple(rows), public_report_is_empty(retro))


def _never_public(retro: Retro, rows: list[PreviewRow]) -> None:
    """The internal report's sections the public report never shows, each said once."""
    inc = retro.incident
    section = "Only in the internal report"

    def count(n: int, noun: str) -> str:
        return f"{n} {noun}{'' if n == 1 else 's'}" if n else ""

    people = ", ".join(p.name for p in sorted(retro.participants.values(), key=lambda p: (p.position, p.id)))
    for label, text in (
        ("Participants", people),
        ("Accountability", count(len(retro.statements), "accountability statement")),
        ("Review answers", count(len(retro.review_answers), "review answer")),
        ("Private notes", count(len(retro.private_notes), "private note")),
        ("Lessons learned", inc.lessons_learned),
        ("What went well", inc.went_well),
        ("Where we got lucky", inc.got_lucky),
        ("Surprises", inc.surprises),
    ):
        if text.strip():
            stage = Stage.REVIEW if label not in ("Participants", "Accountability") else (
                Stage.SETUP if label == "Participants" else Stage.ACCOUNTABILITY)
            rows.append(PreviewRow(section, label, _plain(text), None, NEVER_PUBLIC, stage))
