"""The postmortem's sections as platypus flowables, from a retro already cut for its audience."""

from __future__ import annotations

from datetime import UTC, datetime

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Spacer, Table

from retro import __version__
from retro.domain import ActionItem, ActionStatus, Audience, Retro, Role, TimelineEvent
from retro.domain.readiness import Finding, Level
from retro.domain.review import REVIEW_QUESTIONS
from retro.domain.time_range import in_zone, strftime

from . import content
from .code_text import has_code, prose_markup, shorten
from .content import Section
from .fonts import MONO, SANS
from .graph_drawing import FactorGraph
from .paragraphs import Paragraph
from .pdf_blocks import (
    LINK_HEX,
    Heading,
    KeepStart,
    TocSlot,
    evidence_cell,
    link,
    muted,
    one_line,
    section_heading,
    text_table,
    ticket_label,
    user_text,
)
from .styles import INK, grid_style, styles
from .text import escape, inline

TIMELINE_CHUNK = 60  # rows per timeline table: long tables split slowly, chunks flow the same


# -- cover ---------------------------------------------------------------------------------------


def cover(retro: Retro, audience: Audience, sections: list[Section]) -> list[Flowable]:
    s = styles()
    inc = retro.incident
    out: list[Flowable] = [
        Paragraph(escape(content.DOC_KIND[audience]).upper(), s.kind),
        Paragraph(inline(inc.title or "Untitled incident"), s.title),
        Paragraph(
            " · ".join(f"<b>{escape(label)}:</b> {inline(value)}" for label, value in document_facts(retro, audience)),
            s.note,
        ),
        Spacer(1, 2),
    ]
    facts = content.cover_facts(retro, audience)
    rows = [[Paragraph(escape(label), s.fact_label), Paragraph(inline(value), s.fact)] for label, value in facts]
    table = text_table(rows, [130, None])
    table.setStyle(grid_style(header=False, zebra=True, rows=len(rows)))
    out += [table, Spacer(1, 18), Paragraph("Contents", s.h2), TocSlot(sections)]
    if audience is Audience.PUBLIC:
        out.append(
            Paragraph(
                "This public postmortem describes what happened, how customers were affected, the "
                "contributing factors and what we are changing. It is written for our customers.",
                s.note,
            )
        )
    return out


# -- summary, impact, participants ---------------------------------------------------------------


def document_facts(retro: Retro, audience: Audience, now: datetime | None = None) -> list[tuple[str, str]]:
    """Facts about this document: when it was made, from which version; who ran and who approves it."""
    inc = retro.incident
    made = (now or datetime.now(UTC)).astimezone(content.incident_zone(retro))
    facts = [("Generated", f"{made:%Y-%m-%d %H:%M %Z} by Blameless Retro {__version__}")]
    if audience is Audience.INTERNAL:
        facts.append(("Retro version", f"edit {inc.version}" if inc.version else "not yet saved"))
        people = retro.people()
        facilitators = [p.name for p in people if Role.FACILITATOR in p.roles]
        approvers = [p.name for p in people if Role.APPROVER in p.roles]
        facts.append(("Facilitator", ", ".join(facilitators) or "not named"))
        facts.append(("Approvers", ", ".join(approvers) or "none named yet (give someone the Approver role in Setup)"))
    return facts


def text_block(text: str, empty: str) -> list[Flowable]:
    s = styles()
    if text.strip():
        return user_text(text, s.para)
    return [Paragraph(f"<i>{escape(empty)}</i>", s.note)]


def summary(retro: Retro, audience: Audience) -> list[Flowable]:
    out = [*section_heading(content.SUMMARY), *text_block(retro.incident.summary, "No summary has been written yet.")]
    if audience is Audience.INTERNAL:
        out.append(Paragraph(escape(content.PUBLIC_FIELDS_NOTE), styles().note))
    return out


def impact(retro: Retro) -> list[Flowable]:
    s = styles()
    out: list[Flowable] = [
        *section_heading(content.IMPACT),
        *text_block(retro.incident.customer_impact, "The customer impact has not been described yet."),
    ]
    for node in sorted(retro.impacts.values(), key=lambda i: (i.title.casefold(), i.id)):
        if node.description.strip():
            out += [Paragraph(inline(node.title), s.h3), *user_text(node.description, s.para)]
    return out


def participants(retro: Retro) -> list[Flowable]:
    s = styles()
    rows = [[Paragraph("Name", s.cell_head), Paragraph("Roles", s.cell_head)]]
    rows += [
        [Paragraph(inline(p.name), s.cell), Paragraph(escape(content.roles_text(p.roles_in_order())), s.cell)]
        for p in retro.people()
    ]
    out: list[Flowable] = [*section_heading(content.PARTICIPANTS)]
    if len(rows) == 1:
        return [*out, Paragraph("<i>No participants are recorded.</i>", s.note)]
    table = text_table(rows, [200, None], repeat_rows=1)
    table.setStyle(grid_style(rows=len(rows)))
    return [*out, table]


# -- timeline ------------------------------------------------------------------------------------


def timeline(retro: Retro, audience: Audience, width: float) -> list[Flowable]:
    s = styles()
    events = retro.timeline()
    out: list[Flowable] = [*section_heading(content.TIMELINE)]
    if not events:
        return [*out, Paragraph("<i>No events are recorded.</i>", s.note)]
    utc_only = content.zone_is_utc(retro)
    internal = audience is Audience.INTERNAL
    zone_name = retro.incident.timezone or "UTC"
    intro = (
        "Times are UTC."
        if utc_only
        else f"Times are shown in the incident's timezone ({escape(zone_name)}) with UTC beside them."
    )
    if internal:
        intro += " Events marked public also appear in the public postmortem."
    out.append(Paragraph(intro, s.note))
    head = [Paragraph("Time" if utc_only else "Local time", s.cell_head)]
    widths = [66.0]
    if not utc_only:
        head.append(Paragraph("UTC", s.cell_head))
        widths.append(54.0)
    head += [Paragraph("Kind", s.cell_head), Paragraph("What happened", s.cell_head)]
    widths += [84.0, 0.0]
    if internal:
        head.append(Paragraph("Evidence", s.cell_head))
        widths.append(104.0)
    widths[widths.index(0.0)] = width - sum(widths)
    rows: list[list] = []
    last_day = ""
    zone = content.incident_zone(retro)
    time_columns = 1 if utc_only else 2
    for event in events:
        # time and kind are plain table strings: they never wrap, and skip Paragraph layout
        local = in_zone(event.at, zone)
        day = strftime(local, "%Y-%m-%d")
        stamp = local.strftime("%H:%M") + ("" if utc_only else local.strftime(" %Z"))
        row: list = [f"{day}\n{stamp}" if day != last_day else stamp]
        last_day = day
        if not utc_only:
            row.append(content.utc_time(event.at, with_date=False))
        what: Paragraph | list[Flowable] = (
            user_text(event.text, s.cell) if has_code(event.text) else Paragraph(prose_markup(event.text), s.cell)
        )
        if internal:
            extra = []
            if event.source:
                extra.append(f"source: {event.source}")
            if event.actor_role is not None:
                extra.append(event.actor_role.label.lower())
            if event.audience is Audience.PUBLIC:
                extra.append("public")
            if extra:
                # a second, one-style line (drawn straight when it fits): much cheaper to lay out
                # than a mixed-style paragraph
                line = one_line(" · ".join(extra), s.cell_muted, widths[time_columns + 1] - 10)
                what = [*(what if isinstance(what, list) else [what]), line]
        row += [wrapped_label(event.kind.label, widths[time_columns] - 10, 8.5), what]
        if internal:
            row.append(evidence_cell(event.evidence_url, widths[-1] - 10))
        rows.append(row)
    style = grid_style(rows=len(rows) + 1)
    style.add("FONT", (0, 1), (time_columns - 1, -1), MONO, 7.8, 10)
    style.add("FONT", (time_columns, 1), (time_columns, -1), SANS, 8.5, 11)
    style.add("TEXTCOLOR", (0, 1), (time_columns, -1), INK)
    for start in range(0, len(rows), TIMELINE_CHUNK):
        chunk = [head, *rows[start : start + TIMELINE_CHUNK]]
        table = text_table(chunk, widths, repeat_rows=1)
        table.setStyle(style)
        out.append(table)
    return out


def wrapped_label(label: str, width: float, size: float) -> str:
    """A short label (an event's kind) as a plain table string that fits ``width`` points: broken
    at spaces onto more lines where it is wider ("Turned into / an action"), never drawn over the
    next column."""
    lines: list[str] = []
    for word in label.split():
        if lines and stringWidth(f"{lines[-1]} {word}", SANS, size) <= width:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return "\n".join(lines)


# -- contributing factors ------------------------------------------------------------------------


def factor_ref(number: str, factor_id: str) -> str:
    """``F6`` as a link to that factor's heading (its bookmark), or nothing for an impact."""
    if not number:
        return ""
    return f'<a href="#factor-{escape(factor_id)}" color="{LINK_HEX}">{escape(number)}</a>'


def graph_in_words(retro: Retro, numbers: dict[str, str]) -> str:
    """The graph as text (its alternative for screen readers and text search): counts and arrows."""
    factors, impacts = len(retro.factors), len(retro.impacts)

    def name(node_id: str) -> str:
        if node_id in numbers:
            return numbers[node_id]
        impact = retro.impacts.get(node_id)
        return f"“{impact.title}”" if impact else "?"

    arrows = sorted(retro.links.values(), key=lambda li: (numbers.get(li.cause_id, "~"), li.id))
    said = "; ".join(f"{name(li.cause_id)} → {name(li.effect_id)}" for li in arrows)
    lead = f"The graph in words: {factors} contributing factor{'s' if factors != 1 else ''}, {impacts} impact{'s' if impacts != 1 else ''}"
    lead += f", {len(arrows)} arrow{'s' if len(arrows) != 1 else ''} (cause → what it contributed to)"
    return escape(lead + (": " + said + "." if said else "."))


def factor_numbers(retro: Retro) -> dict[str, str]:
    """F1, F2 … in the order of the factor list; the public view keeps the internal numbers."""
    kept: dict[str, str] | None = getattr(retro, "numbers", None)
    if kept:
        return dict(kept)
    return {f.id: f"F{i}" for i, f in enumerate(retro.factor_list(), start=1)}


def factors(retro: Retro, audience: Audience, graph_height: float) -> list[Flowable]:
    s = styles()
    heading = section_heading(content.FACTORS)
    if not retro.factors:
        return [*heading, Paragraph("<i>No contributing factors are recorded.</i>", s.note)]
    intro = Paragraph(
        "Incidents rarely have a single cause. Each card is a contributing factor; an arrow means "
        "“contributed to”. The factors are described below the graph, in the order of their numbers.",
        s.note,
    )
    numbers = factor_numbers(retro)
    graph = FactorGraph(retro, numbers, max_height=graph_height)
    out: list[Flowable] = [KeepStart([*heading, intro, graph]), Paragraph(graph_in_words(retro, numbers), s.note), Spacer(1, 6)]
    internal = audience is Audience.INTERNAL
    evidence_of, actions_of = _evidence_and_actions(retro)
    for factor in retro.factor_list():
        number = numbers[factor.id]
        title = f"{number} · {factor.title}"
        block: list[Flowable] = [
            Heading(f"{number} · {inline(factor.title)}", s.h2, f"factor-{factor.id}", title, level=1)
        ]
        meta = factor.category.label + (f" · {factor.audience.label.lower()}" if internal else "")
        block.append(Paragraph(muted(escape(meta)), s.note))
        if factor.description.strip():
            block += user_text(factor.description, s.para)
        leads = [
            (retro.factors.get(li.effect_id) or retro.impacts.get(li.effect_id), li.note)
            for li in retro.links.values()
            if li.cause_id == factor.id
        ]
        leads_text = [
            f"{factor_ref(numbers.get(node.id, ''), node.id)} {inline(node.title)}".strip() + (f" ({inline(note)})" if note else "")
            for node, note in leads
            if node is not None
        ]
        if leads_text:
            block.append(Paragraph("<b>Contributed to:</b> " + "; ".join(leads_text), s.para))
        evidence = evidence_of.get(factor.id, [])
        if evidence:
            block.append(Paragraph("<b>Evidence</b>", s.h3))
            for event in evidence:
                short, cut = shorten(event.text)
                line = f"{escape(content.both_times(retro, event.at))} — {prose_markup(short, one_line=True)}"
                if cut:
                    line += muted(" (full text in the timeline)")
                if internal and event.evidence_url:
                    line += " " + link(event.evidence_url)
                block.append(Paragraph(line, s.bullet, bulletText="•"))
        # the public report lists only what is being done, not what was decided against
        actions = [a for a in actions_of.get(factor.id, []) if internal or a.status is not ActionStatus.WONT_DO]
        if actions:
            block.append(Paragraph("<b>Addressed by</b>", s.h3))
            for action in actions:
                line = inline(action.title)
                if internal:
                    line += muted(f" — {inline(action.owner) or 'no owner'}, due {content.due_text(action)}, {escape(action.status.label.lower())}")
                block.append(Paragraph(line, s.bullet, bulletText="•"))
        elif internal:
            block.append(Paragraph("<i>No action addresses this factor yet.</i>", s.note))
        out += [KeepStart(block[:3]), *block[3:], Spacer(1, 4)]
    return out


def _evidence_and_actions(retro: Retro) -> tuple[dict[str, list[TimelineEvent]], dict[str, list[ActionItem]]]:
    """``evidence_for`` and ``actions_for`` of every factor at once (same order, one sort each)."""
    cited: dict[str, set[str]] = {}
    for ev in retro.evidence.values():
        cited.setdefault(ev.event_id, set()).add(ev.factor_id)
    evidence: dict[str, list[TimelineEvent]] = {}
    for event in retro.timeline():
        for factor_id in cited.get(event.id, ()):
            evidence.setdefault(factor_id, []).append(event)
    actions: dict[str, list[ActionItem]] = {}
    for action in retro.action_list():
        for factor_id in dict.fromkeys(action.factor_ids):
            actions.setdefault(factor_id, []).append(action)
    return evidence, actions


# -- accountability ------------------------------------------------------------------------------


def accountability(retro: Retro) -> list[Flowable]:
    s = styles()
    out: list[Flowable] = [
        *section_heading(content.ACCOUNTABILITY),
        Paragraph(
            "The manager / leader speaks first: what they decided that contributed, and what they will "
            "change. Others' reflections follow in the order they were given.",
            s.note,
        ),
    ]
    ordered = retro.speaking_order()
    leader_first = sorted(ordered, key=lambda st: not _is_leader(retro, st.participant_id))[:1]
    ordered = leader_first + [st for st in ordered if st not in leader_first]
    if not ordered:
        return [*out, Paragraph("<i>No statements are recorded.</i>", s.note)]
    for statement in ordered:
        person = retro.participants.get(statement.participant_id)
        name = person.name if person else "A former participant"
        roles = content.roles_text(person.roles_in_order()) if person else ""
        out.append(
            KeepStart(
                [
                    Paragraph(f"{inline(name)} {muted('— ' + escape(roles)) if roles else ''}", s.h3),
                    *user_text(statement.text, s.quote),
                ]
            )
        )
    return out


def _is_leader(retro: Retro, participant_id: str) -> bool:
    person = retro.participants.get(participant_id)
    return person is not None and person.is_leader


# -- actions -------------------------------------------------------------------------------------


def actions(retro: Retro, audience: Audience, width: float) -> list[Flowable]:
    s = styles()
    items = retro.action_list()
    internal = audience is Audience.INTERNAL
    section = content.ACTIONS if internal else content.PUBLIC_ACTIONS
    out: list[Flowable] = [*section_heading(section)]
    if not internal:
        out.append(Paragraph(escape(content.action_counts(items)), s.para))
    if not items:
        return [*out, Paragraph("<i>No actions are recorded.</i>", s.note)] if internal else out
    numbers = factor_numbers(retro)
    if internal:
        head = ["Action", "Owner", "Due", "Type", "Status", "Ticket"]
        widths = [0.0, 78, 62, 72, 66, 60]
    else:
        head = ["What we are doing", "Type", "Status"]
        widths = [0.0, 110, 80]
    widths[0] = width - sum(widths)
    # One column of actions; each cell holds the action's row of columns and, below it, the
    # full-width details. A column-spanning detail row would do the same, but reportlab splits a
    # spanned row with the first column's width, and a long description must split across pages.
    rows: list[list] = [[_columns([Paragraph(h, s.cell_head) for h in head], widths)]]
    for action in items:
        main, detail = _action_rows(action, numbers, internal)
        rows.append([[_columns(main, widths)] + ([detail] if detail is not None else [])])
    table = text_table(rows, [width], repeat_rows=1)
    style = grid_style(rows=len(rows))
    for side in ("LEFT", "RIGHT", "TOP", "BOTTOM"):
        style.add(f"{side}PADDING", (0, 0), (-1, -1), 0)
    table.setStyle(style)
    return [*out, table]


def _columns(cells: list, widths: list[float]) -> Table:
    """One action's row of columns (or the heading row), drawn inside the actions table's cell."""
    row = Table([cells], colWidths=widths, hAlign="LEFT")
    row.setStyle(grid_style(header=False, zebra=False, rules=False))
    return row


def _public_reason(action: ActionItem, internal: bool) -> str:
    """A won't-do action's public reason, for the row below it ("" when there is none)."""
    if action.status is not ActionStatus.WONT_DO or not action.public_reason.strip():
        return ""
    return muted(f"<i>{'Public reason' if internal else 'Why not'}:</i> ") + inline(action.public_reason)


def _action_rows(action: ActionItem, numbers: dict[str, str], internal: bool) -> tuple[list, Flowable | None]:
    """The action's main row and, when there is more to say, a full-width detail row."""
    s = styles()
    what = f"<b>{inline(action.title)}</b>"
    addressed = ", ".join(factor_ref(numbers[f], f) for f in action.factor_ids if f in numbers)
    if addressed:
        what += "<br/>" + muted("addresses ") + addressed
    kind = f"{escape(action.action_type.label)}<br/>{muted(escape(action.horizon.label))}"
    status = escape(action.status.label)
    reason = _public_reason(action, internal)
    if not internal:  # the public reason below the row, full width (a narrow cell would not fit a long one)
        public_detail = Paragraph(reason, s.action_detail) if reason else None
        return [Paragraph(what, s.cell), Paragraph(kind, s.cell), Paragraph(status, s.cell)], public_detail
    status += "<br/>" + muted(escape(action.priority.label) + " priority")
    details = []
    if action.description.strip():
        details.append(prose_markup(action.description))
    if action.status_reason.strip():
        details.append(muted(f"<i>{escape(action.status.label)}:</i> {inline(action.status_reason)}"))
    if reason:
        details.append(reason)
    detail = Paragraph("<br/>".join(details), s.action_detail) if details else None
    main = [
        Paragraph(what, s.cell),
        Paragraph(inline(action.owner) or muted("none"), s.cell),
        Paragraph(content.due_text(action), s.cell),
        Paragraph(kind, s.cell),
        Paragraph(status, s.cell),
        Paragraph(link(action.ticket_url, ticket_label(action.ticket_url)) if action.ticket_url else "", s.cell),
    ]
    return main, detail


# -- review, lessons, findings -------------------------------------------------------------------


def review(retro: Retro) -> list[Flowable]:
    s = styles()
    out: list[Flowable] = [*section_heading(content.REVIEW)]
    known = {q.key for q in REVIEW_QUESTIONS}
    for question in REVIEW_QUESTIONS:
        answer = retro.review_answers.get(question.key)
        out.append(
            KeepStart(
                [
                    Paragraph(escape(question.topic), s.h3),
                    Paragraph(muted(f"<i>{escape(question.question)}</i>"), s.note),
                    *text_block(answer.text if answer else "", "Not answered."),
                ]
            )
        )
    for key, answer in sorted(retro.review_answers.items()):
        if key not in known:
            out += [Paragraph(inline(key), s.h3), *text_block(answer.text, "Not answered.")]
    return out


def lessons(retro: Retro) -> list[Flowable]:
    s = styles()
    inc = retro.incident
    out: list[Flowable] = [*section_heading(content.LESSONS)]
    for title, text in (
        ("What we learned", inc.lessons_learned),
        ("What went well", inc.went_well),
        ("Where we got lucky", inc.got_lucky),
        ("What surprised us", inc.surprises),
    ):
        out += [Paragraph(escape(title), s.h2), *text_block(text, "Nothing recorded.")]
    return out


def findings(retro: Retro, width: float, items: list[Finding] | None = None) -> list[Flowable]:
    s = styles()
    items = content.open_findings(retro) if items is None else items
    if not items:
        return []
    rows = [[Paragraph(h, s.cell_head) for h in ("Level", "Stage", "Finding")]]
    for finding in items:
        level = "<b>Blocker</b>" if finding.level is Level.BLOCKER else "Warning"
        rows.append([Paragraph(level, s.cell), Paragraph(escape(finding.stage.label), s.cell), Paragraph(inline(finding.message), s.cell)])
    table = text_table(rows, [60, 100, width - 160], repeat_rows=1)
    table.setStyle(grid_style(rows=len(rows)))
    note = Paragraph("These readiness checks were still open when this report was produced.", s.note)
    return [*section_heading(content.FINDINGS), note, table]
