"""Action items as CSV in the shapes Jira's and Linear's CSV importers accept.

* **Jira** (System → External system import → CSV): ``Summary``, ``Issue Type``, ``Description``,
  ``Priority`` (Highest…Lowest), ``Assignee``, ``Due Date`` (``yyyy-MM-dd``: tell the import
  wizard that date format), ``Status``, one ``Labels`` column per label (Jira's way of
  importing several), and ``Retro`` (map it to a URL or text field, or ignore it).
* **Linear** (Settings → Import/export → CSV): ``Title``, ``Description``, ``Status``,
  ``Priority`` (Urgent, High, Medium, Low, No priority), ``Assignee``, ``Labels``
  (comma-separated), ``Due Date`` (ISO date).

UTF-8 with a byte-order mark, so spreadsheet programs read names in any script; every field is
quoted by :mod:`csv` as needed (commas, quotes, newlines are content). A cell that starts with
``=``, ``+``, ``-`` or ``@`` gets a leading apostrophe so spreadsheets never run it as a formula.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from enum import StrEnum

from ..domain import ActionStatus, Priority
from ..domain.follow_through import ActionRecord
from .trackers import retro_link


class CsvFormat(StrEnum):
    JIRA = "jira"
    LINEAR = "linear"


_JIRA_PRIORITY = {Priority.HIGH: "High", Priority.MEDIUM: "Medium", Priority.LOW: "Low"}
_LINEAR_PRIORITY = {Priority.HIGH: "High", Priority.MEDIUM: "Medium", Priority.LOW: "Low"}
_JIRA_STATUS = {ActionStatus.OPEN: "To Do", ActionStatus.IN_PROGRESS: "In Progress",
                ActionStatus.DONE: "Done", ActionStatus.WONT_DO: "Won't Do"}
_LINEAR_STATUS = {ActionStatus.OPEN: "Todo", ActionStatus.IN_PROGRESS: "In Progress",
                  ActionStatus.DONE: "Done", ActionStatus.WONT_DO: "Canceled"}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(text: str) -> str:
    return "'" + text if text.startswith(_FORMULA_START) else text


def _labels(record: ActionRecord) -> list[str]:
    a = record.action
    out = ["retro-action", a.action_type.value, a.horizon.value.replace("_", "-"), record.severity.value]
    out += ["-".join(s.split()) for s in record.services if s.strip()]
    return list(dict.fromkeys(label.replace(",", " ") for label in out))


def _description(record: ActionRecord) -> str:
    a = record.action
    lines = [a.description.strip()] if a.description.strip() else []
    if record.factor_titles:
        lines += ["", "Contributing factors this addresses:"] if lines else ["Contributing factors this addresses:"]
        lines += [f"- {t}" for t in record.factor_titles]
    if a.status is ActionStatus.WONT_DO and a.status_reason.strip():
        lines += ["", f"Won't do: {a.status_reason.strip()}"]
    lines += ["", f"From the retrospective “{record.incident_title}” ({record.severity.label}).",
              f"Retro: {retro_link(record.incident_id, a.id)}"]
    return "\n".join(lines).strip()


def actions_csv(records: Sequence[ActionRecord], fmt: CsvFormat) -> str:
    """The CSV text (with a header row) of ``records`` for the ``fmt`` tracker's importer."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    if fmt is CsvFormat.JIRA:
        width = max((len(_labels(r)) for r in records), default=1)
        writer.writerow(["Summary", "Issue Type", "Description", "Priority", "Assignee", "Due Date", "Status",
                         *(["Labels"] * width), "Retro"])
        for r in records:
            a = r.action
            labels = ["-".join(label.split()) for label in _labels(r)]
            writer.writerow([_cell(" ".join(a.title.split())), "Task", _cell(_description(r)),
                             _JIRA_PRIORITY[a.priority], _cell(a.owner.strip()),
                             a.due.isoformat() if a.due else "", _JIRA_STATUS[a.status],
                             *(labels + [""] * (width - len(labels))), retro_link(r.incident_id, a.id)])
    else:
        writer.writerow(["Title", "Description", "Status", "Priority", "Assignee", "Labels", "Due Date"])
        for r in records:
            a = r.action
            writer.writerow([_cell(" ".join(a.title.split())), _cell(_description(r)), _LINEAR_STATUS[a.status],
                             _LINEAR_PRIORITY[a.priority], _cell(a.owner.strip()), ",".join(_labels(r)),
                             a.due.isoformat() if a.due else ""])
    return out.getvalue()


def actions_csv_bytes(records: Sequence[ActionRecord], fmt: CsvFormat) -> bytes:
    """:func:`actions_csv` as UTF-8 with a byte-order mark (what spreadsheets and importers read)."""
    return actions_csv(records, fmt).encode("utf-8-sig")

