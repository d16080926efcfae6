"""Slack workspace exports: the zip, or the folder it unpacks to.

``users.json`` and ``channels.json`` (also ``groups.json``/``mpims.json``) at the top, then one
folder per channel with one JSON file per day (``inc-payments/2026-10-14.json``), each an array
of messages ``{"type": "message", "user": "U…", "text": …, "ts": "1760461080.000200", …}``.

Messages become events ``"Display Name: text"`` with mentions resolved, in thread order (each
thread's replies right after its first message). Joins, leaves, topic changes and the like are
noise and skipped; bot messages are kept unticked. When any message was pinned or reacted to,
only those are ticked; otherwise every person's message is.
"""

from __future__ import annotations

import html
import io
import json
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .common import (
    MAX_IMPORT_BYTES,
    MAX_ROWS,
    MAX_UNPACKED_BYTES,
    MAX_UNPACKED_FILE_BYTES,
    Cancelled,
    Candidate,
    Progress,
    SkippedLine,
    TimelineImportError,
    check_cancel,
    report,
    too_many_rows,
)
from .json_events import load_json

NOISE_SUBTYPES: dict[str, str] = {
    "channel_join": "joined the channel", "channel_leave": "left the channel",
    "group_join": "joined the channel", "group_leave": "left the channel",
    "channel_topic": "topic change", "channel_purpose": "purpose change", "channel_name": "channel renamed",
    "channel_archive": "channel archived", "channel_unarchive": "channel unarchived",
    "pinned_item": "pin notice", "unpinned_item": "unpin notice", "bot_add": "bot added",
    "bot_remove": "bot removed", "reminder_add": "reminder added",
}
_DAY_FILE = re.compile(r"^(?P<channel>[^/]+)/(?P<day>\d{4}-\d{2}-\d{2})\.json$")
_MARKUP = re.compile(r"<([^<>]*)>")


@dataclass(slots=True)
class SlackArchive:
    """The JSON files of an export, by their path relative to the export's top folder."""

    files: dict[str, Path | zipfile.ZipInfo]
    zip: zipfile.ZipFile | None
    source_name: str
    #: Entries not read because they would leave the export (a symlink, a ``..`` path), and why.
    refused: list[SkippedLine] = field(default_factory=list)
    unpacked: int = 0  # bytes read so far, across files (checked against MAX_UNPACKED_BYTES)

    def read(self, name: str) -> Any:
        entry = self.files[name]
        try:
            raw = self._read_bounded(name, entry)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError, NotImplementedError) as exc:
            raise TimelineImportError(self.source_name, f"cannot be read ({exc}); the zip may be truncated", name) from None
        try:
            return load_json(raw.decode("utf-8-sig"))
        except UnicodeDecodeError:
            raise TimelineImportError(self.source_name, "is not UTF-8 text as Slack writes it", name) from None
        except json.JSONDecodeError as exc:
            raise TimelineImportError(
                self.source_name, f"is not valid JSON ({exc.msg})", f"{name} line {exc.lineno} column {exc.colno}"
            ) from None
        except RecursionError:
            raise TimelineImportError(self.source_name, "is nested too deeply", name) from None


    def _read_bounded(self, name: str, entry: Path | zipfile.ZipInfo) -> bytes:
        """The file's bytes, read in chunks and refused as soon as a limit is passed (zip bombs lie)."""
        if isinstance(entry, zipfile.ZipInfo):
            if self.zip is None:
                raise TimelineImportError(self.source_name, "the zip file is no longer open", name)
            opened = self.zip.open(entry)
        else:
            opened = entry.open("rb")
        chunks: list[bytes] = []
        size = 0
        with opened as handle:
            while chunk := handle.read(1 << 20):
                size += len(chunk)
                self.unpacked += len(chunk)
                if size > MAX_UNPACKED_FILE_BYTES:
                    raise TimelineImportError(self.source_name, f"unpacks to more than {MAX_UNPACKED_FILE_BYTES // 2**20} MB "
                                              f"(the limit for one file; read {size / 2**20:.0f} MB so far)", name)
                if self.unpacked > MAX_UNPACKED_BYTES:
                    raise TimelineImportError(self.source_name, f"unpacks to more than {MAX_UNPACKED_BYTES // 2**20} MB "
                                              f"(the limit; {self.unpacked / 2**20:.0f} MB read so far): import fewer "
                                              "channels or a shorter export", name)
                chunks.append(chunk)
        return b"".join(chunks)


def _leaves_export(name: str) -> bool:
    """Whether an entry's path could leave the export: absolute, a drive, a ``..`` or ``.`` part."""
    parts = name.replace("\\", "/").split("/")
    return name.startswith(("/", "\\")) or ":" in parts[0] or any(p in ("..", ".") for p in parts)


def open_archive(source: Path | bytes, source_name: str) -> SlackArchive:
    """Index the export's JSON files (a folder, a zip file path or zip bytes)."""
    if isinstance(source, Path) and source.is_dir():
        files: dict[str, Path | zipfile.ZipInfo] = {}
        refused: list[SkippedLine] = []
        total = 0
        top = source.resolve()
        for path in sorted(_json_files(source, top, refused)):
            total += path.stat().st_size
            files[path.relative_to(source).as_posix()] = path
        if total > MAX_IMPORT_BYTES:
            raise TimelineImportError(source_name, f"holds {total / 1e6:.0f} MB of JSON; the limit is {MAX_IMPORT_BYTES // 2**20} MB")
        return SlackArchive(_rebase(files, source_name), None, source_name, refused)
    try:
        archive = zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source)
        infos = archive.infolist()
    except (zipfile.BadZipFile, EOFError, OSError, ValueError) as exc:
        raise TimelineImportError(source_name, f"is not a readable zip file ({exc}); it may be truncated or damaged") from None
    unpacked = sum(i.file_size for i in infos)
    if unpacked > MAX_UNPACKED_BYTES:
        raise TimelineImportError(source_name, f"unpacks to {unpacked / 1e6:.0f} MB; the limit is {MAX_UNPACKED_BYTES // 2**20} MB")
    refused = [SkippedLine(i.filename, "its path leaves the export (.. or an absolute path); not read")
               for i in infos if _leaves_export(i.filename)]
    files = {i.filename: i for i in infos
             if i.filename.endswith(".json") and not i.is_dir() and not _leaves_export(i.filename)}
    return SlackArchive(_rebase(files, source_name), archive, source_name, refused)


def _json_files(folder: Path, top: Path, refused: list[SkippedLine]) -> list[Path]:
    """The export folder's JSON files, never following a symbolic link (to a file or a folder)."""
    found: list[Path] = []
    for path in sorted(folder.iterdir()):
        if path.is_symlink():
            if path.suffix == ".json" or path.is_dir():
                refused.append(SkippedLine(path.relative_to(top).as_posix() if path.is_relative_to(top) else str(path),
                                           "a symbolic link; not followed (it may lead outside the export)"))
            continue
        if path.is_dir():
            found += _json_files(path, top, refused)
        elif path.suffix == ".json" and path.is_file():
            found.append(path)
    return found


def _rebase(files: dict[str, Any], source_name: str) -> dict[str, Any]:
    """Paths relative to the folder holding users.json/channels.json (zips often add one level)."""
    tops = [n for n in files if n.rsplit("/", 1)[-1] in ("users.json", "channels.json")]
    if not tops:
        raise TimelineImportError(source_name, "is not a Slack export: it has no users.json or channels.json")
    top = min(tops, key=lambda n: n.count("/"))
    prefix = top[: -len(top.rsplit("/", 1)[-1])]
    return {n[len(prefix):]: v for n, v in files.items() if n.startswith(prefix)}


def channels_in(archive: SlackArchive) -> tuple[str, ...]:
    """Channel folder names that hold at least one day file."""
    return tuple(sorted({m.group("channel") for n in archive.files if (m := _DAY_FILE.match(n))}))


def parse_slack(
    source: Path | bytes,
    source_name: str,
    *,
    channels: tuple[str, ...] = (),
    skip_noise: bool = True,
    progress: Progress | None = None,
    is_cancelled: Cancelled | None = None,
) -> tuple[list[Candidate], list[SkippedLine], tuple[str, ...]]:
    """Events and skipped messages of the chosen channels, and every channel in the export."""
    archive = open_archive(source, source_name)
    available = channels_in(archive)
    wanted = tuple(c.lstrip("#") for c in channels) or available
    unknown = [c for c in wanted if c not in available]
    if unknown:
        raise TimelineImportError(
            source_name, f"has no channel named #{unknown[0]} (channels: {', '.join('#' + c for c in available) or 'none'})"
        )
    users = _user_names(archive)
    day_files = sorted(n for n in archive.files if (m := _DAY_FILE.match(n)) and m.group("channel") in wanted)
    candidates: list[Candidate] = []
    skipped: list[SkippedLine] = list(archive.refused)
    flagged: list[_Read] = []
    for done, name in enumerate(day_files):
        check_cancel(is_cancelled, source_name)
        report(progress, done, len(day_files))
        messages = archive.read(name)
        if not isinstance(messages, list):
            raise TimelineImportError(source_name, "is not a list of messages", name)
        channel = name.split("/", 1)[0]
        for i, message in enumerate(messages, 1):
            where = f"{name} message {i}"
            if len(flagged) >= MAX_ROWS:
                raise too_many_rows(source_name, where, "messages")
            read = _read_message(message, where, channel, users, skip_noise, skipped)
            if read is not None:
                flagged.append(read)
    report(progress, len(day_files), len(day_files))
    highlighted = any(read.marked for read in flagged)
    for read in flagged:
        if highlighted and not read.marked:
            read.candidate.selected = False
    candidates = [read.candidate for read in _thread_order(flagged)]
    return candidates, skipped, available


def _user_names(archive: SlackArchive) -> dict[str, str]:
    names: dict[str, str] = {}
    if "users.json" not in archive.files:
        return names
    users = archive.read("users.json")
    if not isinstance(users, list):
        raise TimelineImportError(archive.source_name, "is not a list of users", "users.json")
    for user in users:
        if isinstance(user, dict) and isinstance(user.get("id"), str):
            names[user["id"]] = _display_name(user)
    return names


def _display_name(user: dict[str, Any]) -> str:
    raw = user.get("profile")
    profile: dict[str, Any] = raw if isinstance(raw, dict) else {}
    for value in (profile.get("display_name"), profile.get("real_name"), user.get("real_name"), user.get("name")):
        if isinstance(value, str) and value.strip():
            return value.strip()
    return "a deleted user" if user.get("deleted") else "an unnamed user"


def _read_message(
    message: Any, where: str, channel: str, users: dict[str, str], skip_noise: bool, skipped: list[SkippedLine]
) -> _Read | None:
    if not isinstance(message, dict):
        skipped.append(SkippedLine(where, "not a message object"))
        return None
    subtype = message.get("subtype") or ""
    if subtype in NOISE_SUBTYPES and skip_noise:
        skipped.append(SkippedLine(where, f"{NOISE_SUBTYPES[subtype]} (noise)"))
        return None
    if subtype in ("message_deleted", "tombstone") or message.get("hidden"):
        skipped.append(SkippedLine(where, "deleted message"))
        return None
    if subtype == "message_changed":
        skipped.append(SkippedLine(where, "edit notice (the edited text is on the message itself)"))
        return None
    try:
        at = datetime.fromtimestamp(float(message.get("ts")), UTC)  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError, OSError):
        skipped.append(SkippedLine(f"{where} ts", "no readable timestamp"))
        return None
    notes: list[str] = []
    author = _author(message, users, notes)
    raw_text = message.get("text")
    text = render_text(raw_text if isinstance(raw_text, str) else "", users)
    text = text or _attachment_text(message)
    if not text:
        skipped.append(SkippedLine(where, "no text"))
        return None
    is_bot = subtype == "bot_message" or (bool(message.get("bot_id")) and not message.get("user"))
    if is_bot:
        notes.append("bot message; left unticked")
    if isinstance(message.get("edited"), dict):
        notes.append("edited in Slack; this is the edited text")
    thread_ts, ts = message.get("thread_ts"), message.get("ts")
    candidate = Candidate(at, f"{author}: {text}", where, None, source=f"Slack #{channel}",
                          selected=not is_bot, note="; ".join(notes))
    marked = bool(message.get("pinned_to") or message.get("is_pinned") or message.get("reactions"))
    parent = str(thread_ts) if thread_ts else str(ts)
    return _Read(candidate, marked and not is_bot, str(ts), parent, channel)


@dataclass(slots=True)
class _Read:
    """A message read as a candidate, with what thread ordering and pre-selection need."""

    candidate: Candidate
    marked: bool
    ts: str
    parent: str
    channel: str


def _thread_order(reads: list[_Read]) -> list[_Read]:
    """Top-level messages in time order, each followed by its thread's replies in time order."""
    starts = {(r.channel, r.ts): r.candidate for r in reads if r.ts == r.parent}

    def order(r: _Read) -> tuple[float, str, float]:
        c, ts, parent, channel = r.candidate, r.ts, r.parent, r.channel
        first = starts.get((channel, parent))
        if ts != parent and first is None:
            c.note = "; ".join(x for x in (c.note, "reply in a thread whose first message is not imported") if x)
            return (_num(ts), channel, _num(ts))
        if ts != parent and first is not None:
            c.note = "; ".join(x for x in (c.note, f"thread reply to {first.text.split(':', 1)[0]}") if x)
        return (_num(parent), channel, _num(ts))

    return sorted(reads, key=order)


def _num(ts: str) -> float:
    try:
        return float(ts)
    except ValueError:
        return 0.0


def _author(message: dict[str, Any], users: dict[str, str], notes: list[str]) -> str:
    user = message.get("user")
    if isinstance(user, str) and user in users:
        return users[user]
    raw = message.get("user_profile")
    profile: dict[str, Any] = raw if isinstance(raw, dict) else {}
    for value in (profile.get("display_name"), profile.get("real_name"), message.get("username"),
                  (message.get("bot_profile") or {}).get("name") if isinstance(message.get("bot_profile"), dict) else None):
        if isinstance(value, str) and value.strip():
            return value.strip()
    if isinstance(user, str) and user:
        notes.append(f"author {user} is not in users.json; a deleted user?")
        return f"unknown user {user}"
    return "someone"


def render_text(text: str, users: dict[str, str]) -> str:
    """Slack's markup as a person reads it: ``<@U1>`` → ``@Name``, ``<url|label>`` → ``label (url)``."""

    def replace(m: re.Match[str]) -> str:
        inner = m.group(1)
        target, _, label = inner.partition("|")
        if target.startswith("@"):
            return "@" + (label or users.get(target[1:], target[1:]))
        if target.startswith("#"):
            return "#" + (label or target[1:])
        if target.startswith("!"):
            return "@" + (label or target[1:].split("^", 1)[0])
        return f"{label} ({target})" if label and label != target else target

    return html.unescape(_MARKUP.sub(replace, text)).strip()


def _attachment_text(message: dict[str, Any]) -> str:
    parts: list[str] = []
    for attachment in message.get("attachments") or []:
        if isinstance(attachment, dict):
            value = attachment.get("fallback") or attachment.get("title") or attachment.get("text")
            if isinstance(value, str) and value.strip():
                parts.append(value.strip())
    for shared in message.get("files") or []:
        if isinstance(shared, dict) and isinstance(shared.get("name"), str):
            parts.append(f"[shared file {shared['name']}]")
    return " ".join(parts)
