"""Addresses and links that lead to a person, whoever they are: e-mail addresses, @handles, profile links.

Part of the one people-matcher (:mod:`retro.domain.mentions`): **every** e-mail address (anyone's,
not only participants'), every ``@handle`` that is not a group (``@here``, ``@oncall-team``), and
every profile or deep link of a chat tool or git host (``/team/U…``, ``slack://user/…``,
``github.com/<user>``). Searched only in text holding an ``@`` or a ``/`` (or ``www.``).
"""

from __future__ import annotations

import re

EMAIL, LINK, HANDLE = "e-mail address", "profile link", "handle"

EMAIL_PATTERN = re.compile(r"(?:mailto:)?[\w.+%'’-]+@[\w-]+(?:\.[\w-]+)+")
_URL = re.compile(
    r"(?:\b[a-z][\w+.-]*://|\bwww\.|\b(?:github\.com|gitlab\.com|bitbucket\.org|codeberg\.org|[\w-]+\.slack\.com|"
    r"app\.slack\.com|teams\.microsoft\.com|discord\.com|t\.me)/)[^\s<>\"')\]]*[^\s<>\"')\].,;:!?]",
    re.IGNORECASE,
)
_PEOPLE_SCHEMES = ("slack:", "msteams:", "discord:", "zoommtg:", "tg:", "skype:", "sip:", "xmpp:", "im:", "mattermost:")
_CHAT_HOSTS = re.compile(r"(?:^|\.)(?:slack\.com|teams\.microsoft\.com|teams\.live\.com|discord(?:app)?\.com|"
                         r"chat\.google\.com|zulipchat\.com|t\.me|wa\.me|mattermost\.[\w.]+|rocket\.chat)$", re.I)
_GIT_HOSTS = re.compile(r"(?:^|\.)(?:github\.com|gitlab\.com|bitbucket\.org|codeberg\.org|gitea\.com|sr\.ht)$", re.I)
_PEOPLE_PATH = re.compile(r"/(?:team|users?|u|people|profiles?|members?|~[^/]+|@[^/]+|messages/@[^/]+)(?:/|$)", re.I)
_HANDLE = re.compile(r"(?<![\w.@/])@[^\W_][\w.\-]*(?<![.\-])")
#: A chat tool's own mention markup: Slack's ``<@U024BE7LH>``, ``<@U024BE7LH|anna>``, ``<@W…>`` — one
#: mention, the brackets and the display name with it (else "<[name removed]|…>" is left).
_CHAT_MENTION = re.compile(r"<@[A-Z0-9]+(?:\|[^<>\n]*)?>")
_GROUP_HANDLE = re.compile(r"^@(?:here|channel|everyone|all|.*(?:team|on-?call|sre|ops|support|eng|squad|group|devs|admins).*)$", re.I)


def find_addresses(text: str) -> list[tuple[str, int, int, str]]:
    """(words, start, end, kind) of every address, handle and people link in ``text``."""
    out: list[tuple[str, int, int, str]] = []
    if "@" in text:
        out += [(m.group(0), m.start(), m.end(), HANDLE) for m in _CHAT_MENTION.finditer(text)]
        out += [(m.group(0), m.start(), m.end(), EMAIL) for m in EMAIL_PATTERN.finditer(text)]
        out += [(m.group(0), m.start(), m.end(), HANDLE) for m in _HANDLE.finditer(text)
                if not _GROUP_HANDLE.match(m.group(0))]
    if "/" in text or "www." in text.lower():
        out += [(m.group(0), m.start(), m.end(), LINK) for m in _URL.finditer(text) if _is_people_link(m.group(0))]
    return out


def link_spans(text: str) -> list[tuple[int, int]]:
    """Where each link of ``text`` is (any link, not only people links): a name inside one takes the whole link."""
    if "/" not in text and "www." not in text.lower():
        return []
    return [(m.start(), m.end()) for m in _URL.finditer(text)]


def _is_people_link(url: str) -> bool:
    lowered = url.lower()
    if lowered.startswith(_PEOPLE_SCHEMES):
        return True
    m = re.match(r"(?:[a-z][\w+.-]*://)?([^/?#]+)(/[^?#]*)?", lowered)
    if not m:
        return False
    host, path = m.group(1).split("@")[-1].split(":")[0], m.group(2) or ""
    if _CHAT_HOSTS.search(host):
        return True  # profiles, DMs and message deep links all lead to people
    segments = [s for s in path.split("/") if s]
    if _GIT_HOSTS.search(host) and len(segments) == 1:
        return True  # github.com/<user>
    return bool(_PEOPLE_PATH.search(path))
