"""The postmortem's actions: one table, a row of columns per action and its details below it.

The internal report shows owner, due date, priority and ticket; the public one what is being
done, its type and status, and why an action was decided against when the team gave a reason.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, Table

from retro.domain import ActionItem, ActionStatus, Audience, Retro

from . import content
from .code_text import prose_markup
from .content import factor_numbers
from .paragraphs import Paragraph
from .pdf_blocks import Cell, muted, section_heading, text_table
from .pdf_factors import factor_ref
from .pdf_links import link, ticket_label
from .styles import grid_style, styles
from .text import escape, inline


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
    rows: list[list[Cell]] = [[_columns([Paragraph(h, s.cell_head) for h in head], widths)]]
    for action in items:
        main, detail = _action_rows(action, numbers, internal)
        rows.append([[_columns(main, widths)] + ([detail] if detail is not None else [])])
    table = text_table(rows, [width], repeat_rows=1)
    style = grid_style(rows=len(rows))
    for side in ("LEFT", "RIGHT", "TOP", "BOTTOM"):
        style.add(f"{side}PADDING", (0, 0), (-1, -1), 0)
    table.setStyle(style)
    return [*out, table]


def _columns(cells: list[Paragraph], widths: list[float]) -> Table:
    """One action's row of columns (or the heading row), drawn inside the actions table's cell."""
    row = Table([cells], colWidths=widths, hAlign="LEFT")
    row.setStyle(grid_style(header=False, zebra=False, rules=False))
    return row


def _public_reason(action: ActionItem, internal: bool) -> str:
    """A won't-do action's public reason, for the row below it ("" when there is none)."""
    if action.status is not ActionStatus.WONT_DO or not action.public_reason.strip():
        return ""
    return muted(f"<i>{'Public reason' if internal else 'Why not'}:</i> ") + inline(action.public_reason)


def _action_rows(action: ActionItem, numbers: dict[str, str], internal: bool) -> tuple[list[Paragraph], Paragraph | None]:
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
