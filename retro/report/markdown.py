"""The postmortem as Markdown for wikis: the same sections and the same public/internal rules as the PDF.

It renders the retro returned by :func:`retro.report.audience.for_audience`, exactly like the PDF
writer, and escapes all user text (:func:`md`) so ``<b>``, ``*`` or ``[x](y)`` typed by a person
show as typed instead of becoming formatting.
"""

from __future__ import annotations

import re
from pathlib import Path

from retro.domain import ActionStatus, Audience, Retro
from retro.domain.readiness import Level
from retro.domain.review import REVIEW_QUESTIONS

from . import content
from .atomic import write_atomically
from .audience import for_audience
from .open_questions import markdown_open_questions
from .pdf_links import LINK_SCHEMES, short_url
from .public_checks import approved_mentions

_SPECIAL = re.compile(r"([\\`*_\[\]<>|&~#{}])")
_LINE_START = re.compile(r"^(\s*)([-+=]|\d+[.)])", re.MULTILINE)
_NEWLINES = re.compile(r"\r\n|\r|\u2028|\u2029")


def md(text: str) -> str:
    """User text as Markdown that shows exactly as typed; line breaks become hard breaks."""
    text = _NEWLINES.sub("\n", text)
    escaped = _SPECIAL.sub(r"\\\1", text)
    escaped = _LINE_START.sub(r"\1\\\2", escaped)
    return "  \n".join(line.rstrip() for line in escaped.split("\n"))


def md_line(text: str) -> str:
    """User text for a heading or list item: escaped, on one line."""
    return md(" ".join(_NEWLINES.sub("\n", text).split("\n")))


def md_cell(text: str) -> str:
    """User text for a table cell: escaped, line breaks as ``<br>``."""
    return md(text).replace("  \n", "<br>")


def md_link(url: str) -> str:
    url = url.strip()
    if not url:
        return ""
    from urllib.parse import urlsplit

    if urlsplit(url).scheme.lower() not in LINK_SCHEMES:
        return md_cell(url)
    target = url.replace(" ", "%20").replace("(", "%28").replace(")", "%29").replace("<", "%3C").replace(">", "%3E")
    return f"[{md_cell(short_url(url))}]({target})"


def render_markdown(retro: Retro, audience: Audience) -> str:
    """The whole postmortem for ``audience`` as Markdown text."""
    view = for_audience(retro, audience)
    internal = audience is Audience.INTERNAL
    inc = view.incident
    out: list[str] = [
        f"> **{content.MARKING[audience]}** — {content.DOC_KIND[audience].lower()}",
        "",
        f"# {md_line(inc.title or 'Untitled incident')}",
        "",
        "| | |",
        "|---|---|",
    ]
    out += [f"| **{md_cell(label)}** | {md_cell(value)} |" for label, value in content.cover_facts(view, audience)]
    out += ["", "## Contents", ""]
    out += [f"{i}. [{s.title}](#{_anchor(s.title)})" for i, s in enumerate(content.sections(view, audience), 1)]
    summary = _text(inc.summary, "No summary has been written yet.")
    if inc.public_apology.strip():
        summary = [md(inc.public_apology), "", *summary]
    if internal:
        summary += ["", f"_{content.PUBLIC_FIELDS_NOTE}_"]
    out += _section(content.SUMMARY.title, summary)
    impact = _text(inc.customer_impact, "The customer impact has not been described yet.")
    for node in sorted(view.impacts.values(), key=lambda i: (i.title.casefold(), i.id)):
        if node.description.strip():
            impact += ["", f"### {md_line(node.title)}", "", md(node.description)]
    out += _section(content.IMPACT.title, impact)
    if internal:
        rows = ["| Name | Roles |", "|---|---|"]
        rows += [f"| {md_cell(p.name)} | {content.roles_text(p.roles_in_order())} |" for p in view.people()]
        out += _section(content.PARTICIPANTS.title, rows if view.participants else ["_No participants are recorded._"])
    out += _section(content.TIMELINE.title, _timeline(view, internal))
    out += _section(content.FACTORS.title, _factors(view, internal))
    if internal:
        out += _section(content.ACCOUNTABILITY.title, _accountability(view))
    out += _section((content.ACTIONS if internal else content.PUBLIC_ACTIONS).title, _actions(view, internal))
    if internal:
        out += _section(content.REVIEW.title, _review(view))
        lessons: list[str] = []
        for title, text in (
            ("What we learned", inc.lessons_learned),
            ("What went well", inc.went_well),
            ("Where we got lucky", inc.got_lucky),
            ("What surprised us", inc.surprises),
        ):
            lessons += [f"### {title}", "", *_text(text, "Nothing recorded."), ""]
        out += _section(content.LESSONS.title, lessons)
        out += markdown_open_questions(view, md_line)  # parked topics left open (issue 11)
        findings = content.open_findings(view)
        if findings:
            rows = ["| Level | Stage | Finding |", "|---|---|---|"]
            rows += [
                f"| {'**Blocker**' if f.level is Level.BLOCKER else 'Warning'} | {f.stage.label} | {md_cell(f.message)} |"
                for f in findings
            ]
            out += _section(content.FINDINGS.title, rows)
        approved = approved_mentions(view)
        if approved:
            rows = ["| Where | Words | Whose name |", "|---|---|---|"]
            rows += [f"| {md_cell(m.where)} | {md_cell(m.found)} | {md_cell(m.name)} |" for m in approved]
            out += _section("Mentions marked fine to publish", rows)
    if inc.public_contact.strip():
        out += ["", f"_Contact: {md_line(inc.public_contact)}_"]
    out += ["", "---", "", f"_{content.MARKING[audience]}_", ""]
    return "\n".join(out)


def write_markdown(retro: Retro, path: str | Path, audience: Audience) -> Path:
    """Write the Markdown postmortem to ``path`` atomically (UTF-8) and return the path."""
    return write_atomically(Path(path), render_markdown(retro, audience).encode("utf-8"))


def _section(title: str, body: list[str]) -> list[str]:
    return ["", f"## {title}", "", *body]


def _anchor(title: str) -> str:
    return re.sub(r"[^a-z0-9 -]", "", title.lower()).replace(" ", "-")


def _text(text: str, empty: str) -> list[str]:
    return [md(text)] if text.strip() else [f"_{empty}_"]


def _timeline(view: Retro, internal: bool) -> list[str]:
    events = view.timeline()
    if not events:
        return ["_No events are recorded._"]
    utc_only = content.zone_is_utc(view)
    head = ["Time (UTC)"] if utc_only else [f"Time ({md_cell(view.incident.timezone)})", "UTC"]
    head += ["Kind", "What happened"] + (["Evidence"] if internal else [])
    rows = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for event in events:
        cells = [content.utc_time(event.at)] if utc_only else [
            content.local_time(view, event.at),
            content.utc_time(event.at, with_date=False),
        ]
        what = md_cell(event.text)
        if internal:
            extra = [f"source: {md_cell(event.source)}"] if event.source else []
            if event.actor_role is not None:
                extra.append(event.actor_role.label.lower())
            if event.audience is Audience.PUBLIC:
                extra.append("public")
            if extra:
                what += "<br>_" + " · ".join(extra) + "_"
        cells += [event.kind.label, what] + ([md_link(event.evidence_url)] if internal else [])
        rows.append("| " + " | ".join(cells) + " |")
    return rows


def _factors(view: Retro, internal: bool) -> list[str]:
    if not view.factors:
        return ["_No contributing factors are recorded._"]
    numbers = content.factor_numbers(view)
    out = ["Incidents rarely have a single cause. Each contributing factor lists what it contributed to."]
    for factor in view.factor_list():
        meta = factor.category.label + (f" · {factor.audience.label.lower()}" if internal else "")
        out += ["", f"### {numbers[factor.id]} · {md_line(factor.title)}", "", f"_{meta}_"]
        if factor.description.strip():
            out += ["", md(factor.description)]
        leads = []
        for link in view.links.values():
            node = view.factors.get(link.effect_id) or view.impacts.get(link.effect_id)
            if link.cause_id == factor.id and node is not None:
                leads.append(f"{numbers.get(node.id, '')} {md_line(node.title)}".strip() + (f" ({md_line(link.note)})" if link.note else ""))
        if leads:
            out += ["", "**Contributed to:** " + "; ".join(leads)]
        evidence = view.evidence_for(factor.id)
        if evidence:
            out += ["", "**Evidence**", ""]
            for event in evidence:
                line = f"- {content.both_times(view, event.at)} — {md_cell(event.text)}"
                if internal and event.evidence_url:
                    line += " " + md_link(event.evidence_url)
                out.append(line)
        # the public report lists only what is being done, not what was decided against
        actions = [a for a in view.actions_for(factor.id) if internal or a.status is not ActionStatus.WONT_DO]
        if actions:
            out += ["", "**Addressed by**", ""]
            for action in actions:
                line = f"- {md_cell(action.title)}"
                if internal:
                    line += f" — {md_cell(action.owner) or 'no owner'}, due {content.due_text(action)}, {action.status.label.lower()}"
                out.append(line)
        elif internal:
            out += ["", "_No action addresses this factor yet._"]
    return out


def _accountability(view: Retro) -> list[str]:
    ordered = view.speaking_order()
    leaders = [s for s in ordered if (p := view.participants.get(s.participant_id)) is not None and p.is_leader][:1]
    ordered = leaders + [s for s in ordered if s not in leaders]
    if not ordered:
        return ["_No statements are recorded._"]
    out = ["_The manager / leader speaks first; others' reflections follow in the order they were given._"]
    for statement in ordered:
        person = view.participants.get(statement.participant_id)
        name = md_line(person.name) if person else "A former participant"
        roles = content.roles_text(person.roles_in_order()) if person else ""
        out += ["", f"### {name}" + (f" — {roles}" if roles else ""), ""]
        out += ["> " + line for line in md(statement.text).split("\n")]
    return out


def _actions(view: Retro, internal: bool) -> list[str]:
    items = view.action_list()
    out = [] if internal else [content.action_counts(items), ""]
    if not items:
        return out + (["_No actions are recorded._"] if internal else [])
    numbers = content.factor_numbers(view)
    if internal:
        out += ["| Action | Owner | Due | Type | Horizon | Priority | Status | Ticket |", "|" + "---|" * 8]
    else:
        out += ["| What we are doing | Type | Horizon | Status |", "|---|---|---|---|"]
    for a in items:
        what = f"**{md_cell(a.title)}**"
        if internal and a.description.strip():
            what += "<br>" + md_cell(a.description)
        addressed = ", ".join(numbers[f] for f in a.factor_ids if f in numbers)
        if addressed:
            what += f"<br>_addresses {addressed}_"
        status = a.status.label + (f" ({md_cell(a.status_reason)})" if internal and a.status_reason.strip() else "")
        if a.status is ActionStatus.WONT_DO and a.public_reason.strip():
            status += f"<br>{'public reason: ' if internal else ''}{md_cell(a.public_reason)}"
        if internal:
            cells = [what, md_cell(a.owner) or "_none_", content.due_text(a), a.action_type.label, a.horizon.label, a.priority.label, status, md_link(a.ticket_url)]
        else:
            cells = [what, a.action_type.label, a.horizon.label, status]
        out.append("| " + " | ".join(cells) + " |")
    return out


def _review(view: Retro) -> list[str]:
    out: list[str] = []
    known = {q.key for q in REVIEW_QUESTIONS}
    for question in REVIEW_QUESTIONS:
        answer = view.review_answers.get(question.key)
        out += [f"### {question.topic}", "", f"_{question.question}_", "", *_text(answer.text if answer else "", "Not answered."), ""]
    for key, answer in sorted(view.review_answers.items()):
        if key not in known:
            out += [f"### {md_line(key)}", "", *_text(answer.text, "Not answered."), ""]
    return out
