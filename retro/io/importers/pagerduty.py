"""PagerDuty incident log entries, as ``GET /incidents/{id}/log_entries`` returns them.

``{"log_entries": [{"type": "trigger_log_entry", "created_at": "…Z", "summary": …,
"agent": {…}, "channel": {…}, "html_url": …}, …], "more": false, …}`` (a bare array of entries
is accepted too). Trigger, acknowledge, escalate, assign, annotate and resolve entries become
events of the matching kind; notifications are noise (skipped unless noise is kept); any other
entry type is kept unticked as an observation.
"""

from __future__ import annotations

from typing import Any

from ...domain.enums import EventKind
from .common import Cancelled, Candidate, Progress, SkippedLine, TimelineImportError, check_cancel, report
from .json_events import load_json_document
from .kinds import suggest_kind
from .time_zones import TimeProblem
from .times import ClockReader

ENTRY_KINDS: dict[str, EventKind] = {
    "trigger_log_entry": EventKind.ALERT,
    "acknowledge_log_entry": EventKind.DETECTION,
    "escalate_log_entry": EventKind.ESCALATION,
    "assign_log_entry": EventKind.ESCALATION,
    "reassign_log_entry": EventKind.ESCALATION,
    "delegate_log_entry": EventKind.ESCALATION,
    "annotate_log_entry": EventKind.OBSERVATION,
    "resolve_log_entry": EventKind.RESOLUTION,
}
NOISE_TYPES = frozenset({"notify_log_entry", "repeat_escalation_path_log_entry"})
SOURCE = "PagerDuty"


def looks_like_pagerduty(document: Any) -> bool:
    """True for a log-entries response or an array of ``*_log_entry`` objects."""
    if isinstance(document, dict):
        return isinstance(document.get("log_entries"), list)
    if isinstance(document, list) and document and isinstance(document[0], dict):
        return str(document[0].get("type", "")).endswith("_log_entry")
    return False


def parse_pagerduty(
    text: str,
    source_name: str,
    reader: ClockReader,
    *,
    skip_noise: bool = True,
    progress: Progress | None = None,
    is_cancelled: Cancelled | None = None,
) -> tuple[list[Candidate], list[SkippedLine], list[str]]:
    """Events and skipped entries from a PagerDuty log-entries document."""
    items, skipped = load_json_document(text, source_name)
    if items and items[0][0] == "$" and isinstance(items[0][2], dict):
        entries = items[0][2].get("log_entries")
        if not isinstance(entries, list):
            raise TimelineImportError(source_name, "is not PagerDuty log entries (no \"log_entries\" array)", "$")
        items = [(f"$.log_entries[{i}]", None, e) for i, e in enumerate(entries)]
    elif items and items[0][1] is not None:
        raise TimelineImportError(source_name, "is JSON lines, not a PagerDuty log-entries response", "line 1")
    candidates: list[Candidate] = []
    for index, (path, _line, entry) in enumerate(items):
        if index % 1000 == 0:
            check_cancel(is_cancelled, source_name)
            report(progress, index, len(items))
        if not isinstance(entry, dict):
            skipped.append(SkippedLine(path, "not a log entry object"))
            continue
        entry_type = str(entry.get("type", ""))
        if entry_type in NOISE_TYPES and skip_noise:
            skipped.append(SkippedLine(path, f"{entry_type.removesuffix('_log_entry')} (noise)"))
            continue
        try:
            at, note = reader.read_value(entry.get("created_at"))
        except TimeProblem as exc:
            skipped.append(SkippedLine(f"{path}.created_at", str(exc)))
            continue
        text = _entry_text(entry)
        if not text:
            skipped.append(SkippedLine(path, "no summary"))
            continue
        kind = ENTRY_KINDS.get(entry_type)
        selected = kind is not None
        if entry_type == "annotate_log_entry":
            kind = suggest_kind(text)
        if kind is None:
            kind = EventKind.OBSERVATION
            note = "; ".join(x for x in (note, f"entry type {entry_type or '(none)'!r}; left unticked") if x)
        url = entry.get("html_url")
        candidates.append(Candidate(
            at, text, path, None, kind=kind, source=SOURCE,
            evidence_url=url if isinstance(url, str) else "", selected=selected, note=note,
        ))
    report(progress, len(items), len(items))
    return candidates, skipped, []


def _entry_text(entry: dict[str, Any]) -> str:
    summary = entry.get("summary")
    summary = summary.strip() if isinstance(summary, str) else ""
    raw_channel = entry.get("channel")
    channel: dict[str, Any] = raw_channel if isinstance(raw_channel, dict) else {}
    raw_detail, raw_note = channel.get("summary"), entry.get("note")
    detail = raw_detail if isinstance(raw_detail, str) else ""
    note = raw_note if isinstance(raw_note, str) else ""
    if entry.get("type") == "annotate_log_entry":
        body = (note or detail).strip()
        return f"{summary}: {body}" if summary and body and body not in summary else (body or summary)
    if detail and detail.strip() and detail.strip() not in summary and entry.get("type") == "trigger_log_entry":
        return f"{summary}: {detail.strip()}" if summary else detail.strip()
    return summary
