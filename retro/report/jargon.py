"""Internal jargon in public text: ticket ids, internal host names and addresses, private links.

Customers cannot open ``INC-2291``, reach ``db-primary-03.internal`` or follow
``https://wiki.corp/...``; such words in the public report read as noise at best and leak how
the inside is built at worst. They are warnings (``public-jargon``), not blockers: the
facilitator rewords them ("our incident ticket", "the primary database") or leaves them.
Only text the public report shows is checked (:func:`retro.report.public_checks.public_texts`).
"""

from __future__ import annotations

import ipaddress
import re
from typing import NamedTuple
from urllib.parse import urlsplit

TICKET = "ticket id"
HOST = "internal host name"
ADDRESS = "IP address"
PRIVATE_LINK = "private link"

#: "ABC-123" that are public standards or versions, not tickets.
_NOT_TICKETS = frozenset({
    "UTF", "SHA", "ISO", "MD", "AES", "RSA", "HTTP", "TLS", "SSL", "IPV", "COVID", "WCAG", "PCI", "SOC", "GDPR",
    "RFC", "CVE", "ECMA", "IEEE", "ANSI", "EN", "DIN", "PS", "GPT", "UHD", "DDR", "USB", "CPU", "GPU", "MP",
})
_TICKET = re.compile(r"(?<![\w-])([A-Z][A-Z0-9]{1,9})-(\d{1,7})(?![\w-])")
_INTERNAL_SUFFIXES = r"(?:internal|corp|local|lan|intranet|private|localdomain|home\.arpa|intra|priv)"
_HOST = re.compile(rf"(?<![\w.@/-])[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9-]+)*\.{_INTERNAL_SUFFIXES}(?![\w-])",
                   re.IGNORECASE)
_IPV4 = re.compile(r"(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?![\w.]|\.\d)")
_URL = re.compile(r"\b(?:https?|ftp|ssh|smb|file)://[^\s<>\"')\]]+[^\s<>\"')\].,;:!?]", re.IGNORECASE)


class Jargon(NamedTuple):
    """One piece of jargon: the words, what kind it is, and where in the text."""

    found: str
    kind: str
    start: int
    end: int


def find_jargon(text: str) -> list[Jargon]:
    """Every ticket id, internal host, internal address and private link in ``text``, in order."""
    found: list[Jargon] = []
    for m in _URL.finditer(text):
        if _is_private_url(m.group(0)):
            found.append(Jargon(m.group(0), PRIVATE_LINK, m.start(), m.end()))
    taken = [(j.start, j.end) for j in found]

    def free(start: int, end: int) -> bool:
        return not any(s < end and start < e for s, e in taken)

    for m in _HOST.finditer(text):
        if free(m.start(), m.end()):
            found.append(Jargon(m.group(0), HOST, m.start(), m.end()))
    for m in _IPV4.finditer(text):
        if free(m.start(), m.end()) and _is_ip(m.group(0)):
            found.append(Jargon(m.group(0), ADDRESS, m.start(), m.end()))
    for m in _TICKET.finditer(text):
        if free(m.start(), m.end()) and m.group(1) not in _NOT_TICKETS:
            found.append(Jargon(m.group(0), TICKET, m.start(), m.end()))
    return sorted(found, key=lambda j: j.start)


def _is_ip(text: str) -> bool:
    try:
        ipaddress.IPv4Address(text)
    except ValueError:
        return False
    return True


def _is_private_url(url: str) -> bool:
    """Whether customers cannot open ``url``: localhost, a private address, an internal or one-word host."""
    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:
        return False
    if not host:
        return url.lower().startswith("file:")
    if host == "localhost" or host.endswith(".localhost") or "." not in host:
        return True  # http://wiki/…, http://localhost:8080
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        pass
    else:
        return address.is_private or address.is_loopback or address.is_link_local
    if _HOST.fullmatch(host):
        return True
    return any(f".{name}." in f".{host}." for name in ("corp", "intranet", "internal", "intra"))


def advice(kind: str) -> str:
    return {
        TICKET: "customers cannot open it. Say what it tracks, or leave it out",
        HOST: "it names a machine inside the company. Say what it does (“the primary database”)",
        ADDRESS: "it is a machine's network address. Say what the machine does, or leave it out",
        PRIVATE_LINK: "customers cannot open it. Link a public page (the status page), or leave it out",
    }[kind]
