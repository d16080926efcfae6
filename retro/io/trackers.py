"""Prefilled "new issue" pages on the team's tracker, for an action item (no lock-in, no API keys).

A :class:`TrackerSetting` (one per database) names the tracker: GitHub, GitLab, Jira, Linear or
a URL template of the team's own. :func:`new_ticket_url` builds the address of the tracker's
new-issue page with the title, a description (what to do, the contributing factors it
addresses, a link back to the retro) and labels filled in; the browser does the rest, with the
person's own login. Every field is URL-encoded, so any text — quotes, ``&``, ``#``, newlines,
any script — arrives as typed.

The link back is ``retro://retro/<incident id>?action=<action id>``: the same ids the JSON
document (``$.incident.id``, ``$.actions[].id``) and ``retro show <id>`` use.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from urllib.parse import quote, urlencode, urlsplit

from ..domain import ActionItem, Retro, RetroError

#: Browsers and trackers refuse very long addresses (GitHub answers 414 beyond about 8 kB).
MAX_URL_LENGTH = 7000
RETRO_LINK_SCHEME = "retro"


class TrackerKind(StrEnum):
    GITHUB = "github"
    GITLAB = "gitlab"
    JIRA = "jira"
    LINEAR = "linear"
    TEMPLATE = "template"

    @property
    def label(self) -> str:
        return {"github": "GitHub", "gitlab": "GitLab", "jira": "Jira", "linear": "Linear",
                "template": "Own URL template"}[self.value]

    @property
    def url_hint(self) -> str:
        """What to type in the address field for this tracker."""
        return {
            "github": "the repository, e.g. https://github.com/acme/payments",
            "gitlab": "the project, e.g. https://gitlab.com/acme/payments (or your own GitLab)",
            "jira": "the site, e.g. https://acme.atlassian.net",
            "linear": "the team key, e.g. ENG (or https://linear.app/acme/team/ENG)",
            "template": "an address with {title}, {description} and {labels}, "
                        "e.g. https://tracker.example/new?t={title}&d={description}",
        }[self.value]


class TrackerError(RetroError):
    """A tracker setting that cannot give a working address; the message says which field."""


TEMPLATE_FIELDS = ("title", "description", "labels", "incident_id", "action_id", "owner", "due")
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


@dataclass(frozen=True, slots=True)
class TrackerSetting:
    """Where "Create ticket" goes. ``project``: Jira's numeric project id (``pid``);
    ``issue_type``: Jira's numeric issue type id. ``labels`` go on every ticket."""

    kind: TrackerKind
    url: str
    project: str = ""
    issue_type: str = ""
    labels: tuple[str, ...] = field(default=())

    def problems(self) -> list[str]:
        """What is wrong with this setting, in words a person can act on (empty when usable)."""
        out: list[str] = []
        url = self.url.strip()
        if not url:
            return [f"Tracker address: give {self.kind.url_hint}."]
        if self.kind is TrackerKind.LINEAR and not url.lower().startswith(("http://", "https://")):
            if not re.fullmatch(r"[A-Za-z0-9_-]{1,20}", url):
                out.append(f"Tracker address: {url!r} is not a Linear team key; give {self.kind.url_hint}.")
            return out
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            out.append(f"Tracker address: {url!r} is not a web address; give {self.kind.url_hint}.")
        if self.kind is TrackerKind.GITHUB and len([p for p in parts.path.split("/") if p]) < 2:
            out.append("Tracker address: a GitHub address needs the owner and repository, "
                       "e.g. https://github.com/acme/payments.")
        if self.kind is TrackerKind.JIRA:
            if not self.project.strip().isdigit():
                out.append("Jira project id: give the project's numeric id (Project settings → Details, "
                           "or the pid in a Create link), e.g. 10001.")
            if self.issue_type.strip() and not self.issue_type.strip().isdigit():
                out.append("Jira issue type: give the numeric issue type id, e.g. 10002, or leave it empty.")
        if self.kind is TrackerKind.TEMPLATE:
            names = _PLACEHOLDER.findall(url)
            unknown = sorted({n for n in names if n not in TEMPLATE_FIELDS})
            if unknown:
                out.append(f"URL template: unknown field(s) {', '.join('{' + n + '}' for n in unknown)}; "
                           f"use {', '.join('{' + n + '}' for n in TEMPLATE_FIELDS)}.")
            if "title" not in names:
                out.append("URL template: put {title} where the ticket's title goes.")
        return out

    def check(self) -> TrackerSetting:
        problems = self.problems()
        if problems:
            raise TrackerError(" ".join(problems))
        return self


@dataclass(frozen=True, slots=True)
class TicketFields:
    """What a new ticket says, before it is put into an address."""

    title: str
    description: str
    labels: tuple[str, ...]
    incident_id: str
    action_id: str
    owner: str
    due: str


def retro_link(incident_id: str, action_id: str = "") -> str:
    """The link back to a retro (and one of its actions) that tickets carry."""
    link = f"{RETRO_LINK_SCHEME}://retro/{quote(incident_id, safe='')}"
    return f"{link}?action={quote(action_id, safe='')}" if action_id else link


def parse_retro_link(link: str) -> tuple[str, str]:
    """``(incident_id, action_id)`` from a :func:`retro_link` address (``action_id`` may be "")."""
    from urllib.parse import parse_qs, unquote

    parts = urlsplit(link.strip())
    if parts.scheme != RETRO_LINK_SCHEME or parts.netloc != "retro" or not parts.path.strip("/"):
        raise TrackerError(f"{link!r} is not a link to a retro (retro://retro/<id>).")
    action = parse_qs(parts.query).get("action", [""])[0]
    return unquote(parts.path.strip("/")), action


def ticket_fields(retro: Retro, action: ActionItem, setting_labels: tuple[str, ...] = ()) -> TicketFields:
    """The ticket for ``action``: its title, a description naming the contributing factors it
    addresses and linking back to the retro, and labels (the setting's, then type and horizon)."""
    inc = retro.incident
    lines: list[str] = []
    if action.description.strip():
        lines += [action.description.strip(), ""]
    factors = [retro.factors[f] for f in action.factor_ids if f in retro.factors]
    if factors:
        lines.append("Contributing factors this addresses:")
        lines += [f"- {f.title} ({f.category.label})" for f in factors]
        lines.append("")
    details = [f"Type: {action.action_type.label}, {action.horizon.label.lower()}",
               f"Priority: {action.priority.label}"]
    if action.owner.strip():
        details.append(f"Owner: {action.owner.strip()}")
    if action.due is not None:
        details.append(f"Due: {action.due.isoformat()}")
    lines += details
    lines += ["", f"From the blameless retrospective “{inc.title}” ({inc.severity.label}"
              + (f", {', '.join(inc.services)}" if inc.services else "") + ").",
              f"Retro: {retro_link(inc.id, action.id)} (retro show {inc.id})"]
    labels = _unique([*setting_labels, "retro-action", action.action_type.value, action.horizon.value.replace("_", "-")])
    return TicketFields(
        title=" ".join(action.title.split()) or "Action from a retrospective",
        description="\n".join(lines), labels=labels, incident_id=inc.id, action_id=action.id,
        owner=action.owner.strip(), due=action.due.isoformat() if action.due else "",
    )


def new_ticket_url(setting: TrackerSetting, ticket: TicketFields) -> str:
    """The tracker's prefilled new-issue page for ``ticket``. A description too long for an
    address is cut (with a note saying so), never the title or the link back."""
    setting.check()
    url = _build(setting, ticket)
    if len(url) <= MAX_URL_LENGTH:
        return url
    note = "\n\n[Cut to fit the address; the whole text is in the retro.]"
    tail = ticket.description[ticket.description.rfind("\nRetro: "):] if "\nRetro: " in ticket.description else ""
    body = ticket.description[: len(ticket.description) - len(tail)]
    low, high = 0, len(body)
    while low < high:  # the longest cut that fits
        mid = (low + high + 1) // 2
        cut = _replace_description(ticket, body[:mid].rstrip() + note + tail)
        if len(_build(setting, cut)) <= MAX_URL_LENGTH:
            low = mid
        else:
            high = mid - 1
    return _build(setting, _replace_description(ticket, body[:low].rstrip() + note + tail))


def _replace_description(ticket: TicketFields, description: str) -> TicketFields:
    from dataclasses import replace

    return replace(ticket, description=description)


def _build(setting: TrackerSetting, t: TicketFields) -> str:
    base = setting.url.strip().rstrip("/")
    kind = setting.kind
    if kind is TrackerKind.GITHUB:
        base = re.sub(r"/issues(/new)?$", "", base)
        query = {"title": t.title, "body": t.description}
        if t.labels:
            query["labels"] = ",".join(t.labels)
        return f"{base}/issues/new?{urlencode(query, quote_via=quote)}"
    if kind is TrackerKind.GITLAB:
        base = re.sub(r"/-/issues(/new)?$", "", base)
        # GitLab applies quick actions written in a new issue's description: labels ride along.
        labels = " ".join(f'~"{label}"' for label in t.labels)
        description = t.description + (f"\n\n/label {labels}" if labels else "")
        query = {"issue[title]": t.title, "issue[description]": description}
        return f"{base}/-/issues/new?{urlencode(query, quote_via=quote)}"
    if kind is TrackerKind.JIRA:
        pairs = [("pid", setting.project.strip())]
        if setting.issue_type.strip():
            pairs.append(("issuetype", setting.issue_type.strip()))
        pairs += [("summary", t.title), ("description", t.description)]
        pairs += [("labels", _jira_label(label)) for label in t.labels]
        return f"{base}/secure/CreateIssueDetails!init.jspa?{urlencode(pairs, quote_via=quote)}"
    if kind is TrackerKind.LINEAR:
        if not base.lower().startswith(("http://", "https://")):
            base = f"https://linear.app/team/{quote(base.upper(), safe='')}"
        base = re.sub(r"/new$", "", base)
        query = {"title": t.title, "description": t.description}
        if t.labels:
            query["labels"] = ",".join(t.labels)
        return f"{base}/new?{urlencode(query, quote_via=quote)}"
    values = {
        "title": t.title, "description": t.description, "labels": ",".join(t.labels),
        "incident_id": t.incident_id, "action_id": t.action_id, "owner": t.owner, "due": t.due,
    }
    return _PLACEHOLDER.sub(lambda m: quote(values[m.group(1)], safe=""), setting.url.strip())


def _jira_label(label: str) -> str:
    """Jira labels cannot hold spaces: they become hyphens."""
    return "-".join(label.split())


def _unique(items: list[str]) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for item in items:
        clean = " ".join(item.replace(",", " ").split())
        if clean and clean.casefold() not in seen:
            seen[clean.casefold()] = clean
    return tuple(seen.values())


def ticket_url_problem(text: str) -> str:
    """Why ``text`` cannot be stored as an action's ticket link ("" when it can)."""
    value = text.strip()
    if not value:
        return ""
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return f"{value!r} is not a web address (it should start with https://)."
    return ""
