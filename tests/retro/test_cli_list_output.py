"""`retro list` as the ``retro`` script runs it: the same bytes as the store's summaries, few imports,
and a reader that goes away (``retro list | head -1``) is no error."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from retro.demo import build_demo_retro
from retro.services import RetroStore
from retro.services.quick_lines import list_text, quick_lines

REPO = Path(__file__).resolve().parents[2]

#: Titles a real team's library holds: many scripts, right-to-left, combining marks, emoji
#: sequences, invisible and odd spaces, tabs and markup.
TITLES = [
    "Łukasz's deploy: Müller's pool — Дмитрий paged at 03:00",
    "قاعدة البيانات رفضت الاتصالات بعد تغيير عدد العمال",
    "מסד הנתונים נפל (שוב) – Ωmega κλάδος",
    "支付队列延迟 · 決済キューの遅延 · 결제 대기열 지연",
    "Đặng Thị Mai: e\u0301 vs é, ﬁ ligature, Z\u0335a\u0336lgo",
    "👩🏽‍💻 on-call 🇺🇦 handover ❤️‍🔥 1️⃣",
    "zero\u200bwidth\u200d joiner, nbsp\u00a0and\u2009thin, rtl\u202eoverride\u202c, bom\ufeff",
    "Tab\tinside <b>bold</b> & \"quotes\" 'single' `tick` \\ back",
    "ज़रूरी: भुगतान सेवा धीमी · தமிழ் · ગુજરાતી · ไทย ล่ม",
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𝕒𝕤𝕥𝕣𝕒𝕝 plane 😀 and U+10FFFF \U0010ffff",
]


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("RETRO_DB", "PYTHONIOENCODING")}
    env["PYTHONPATH"] = str(REPO)
    return env


def _library(tmp_path: Path) -> tuple[str, list[str]]:
    """A library of the titles above (one undated, one archived, actions open and done)."""
    url = f"sqlite:///{tmp_path / 'lib.sqlite3'}"
    store = RetroStore(url)
    try:
        demo = build_demo_retro()
        for i, title in enumerate(TITLES):
            retro_id = store.add_retro(demo)
            loaded = store.load(retro_id)
            incident = replace(loaded.incident, title=title)
            if i == 3:
                incident = replace(incident, started_at=None)
            if i == 5:
                incident = replace(incident, archived=True)
            store.update_incident(incident, loaded.incident.version)
        expected = []
        for archived in (False, True):
            lines = [
                f"{s.id}\t{s.severity.label}\t{s.status.label}\t"
                f"{s.started_at.date().isoformat() if s.started_at else '-'}\t{s.open_actions} open\t"
                f"{s.title}{' (archived)' if s.archived else ''}\n"
                for s in store.list_retros(include_archived=archived)
            ]
            expected.append("".join(lines))
    finally:
        store.close()
    return url, expected


def _retro(*args: str, **kwargs: object) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "ui.launch", *args], capture_output=True, cwd=REPO, env=_env(),
                          timeout=120, **kwargs)  # type: ignore[call-overload]


def test_the_printed_bytes_are_the_stores_summaries_in_every_script(tmp_path: Path) -> None:
    url, (shown, everything) = _library(tmp_path)
    assert "\t-\t" in shown and "(archived)" in everything and "(archived)" not in shown
    for args, expected in (((), shown), (("--all",), everything)):
        result = _retro("--db", url, "list", *args)
        assert result.returncode == 0 and result.stderr == b""
        assert result.stdout == expected.encode("utf-8")
        assert len(result.stdout.splitlines()) == len(TITLES) - (0 if args else 1)


def test_the_lines_sqlite_writes_are_the_lines_formatted_in_python(tmp_path: Path) -> None:
    url, _ = _library(tmp_path)
    for archived in (False, True):
        lines = quick_lines(url, include_archived=archived)
        assert lines is not None
        from retro.domain.enums import IncidentStatus, Severity

        formatted = "".join(
            f"{id_}\t{Severity(sev).label}\t{IncidentStatus(st).label}\t{when or '-'}\t{n_open} open\t{title}"
            f"{' (archived)' if archived_ else ''}\n"
            for id_, sev, st, when, n_open, title, archived_ in lines)
        assert list_text(url, include_archived=archived) == formatted


def test_a_value_the_app_has_no_label_for_takes_the_stores_path(tmp_path: Path) -> None:
    url, _ = _library(tmp_path)
    with sqlite3.connect(url.removeprefix("sqlite:///")) as conn:
        conn.execute("UPDATE incidents SET severity = 'sev9' WHERE rowid = (SELECT min(rowid) FROM incidents)")
    assert list_text(url, include_archived=True) is None  # not a line with a hole in it
    assert list_text(f"sqlite:///{tmp_path / 'missing.sqlite3'}", include_archived=False) is None
    assert list_text("postgresql+psycopg://nobody@127.0.0.1:1/x", include_archived=False) is None


#: What `retro list` must never pay for: the ORM, SQLAlchemy, Alembic, Qt, the parsers and modules
#: of the other commands, and logging's handlers module (sockets, pickle, queues).
NEVER = ("sqlalchemy", "alembic", "PySide6", "shiboken6", "retro.storage.models", "retro.storage.mapping",
         "retro.storage.engine", "retro.services.store", "retro.domain.entities", "retro.cli_between",
         "retro.cli_insights", "retro.cli_timeline", "retro.cli_wording", "retro.about", "logging.handlers",
         "json", "dataclasses")


def _imported(stderr: bytes) -> set[str]:
    """The modules ``-X importtime`` says the process imported."""
    names = set()
    for line in stderr.decode("utf-8", "replace").splitlines():
        if line.startswith("import time:") and "|" in line:
            names.add(line.rsplit("|", 1)[1].strip())
    return names


def _entry_points() -> list[list[str]]:
    """``python -m ui.launch`` and, when installed beside this interpreter, the ``retro`` script itself."""
    script = Path(sys.executable).parent / "retro"
    return [["-m", "ui.launch"], *([[str(script)]] if script.is_file() else [])]


@pytest.mark.parametrize("entry", _entry_points(), ids=lambda e: Path(e[-1]).name)
@pytest.mark.parametrize("args", [(), ("--all",)])
def test_retro_list_imports_nothing_it_does_not_print_with(tmp_path: Path, args: tuple[str, ...],
                                                           entry: list[str]) -> None:
    url, _ = _library(tmp_path)
    result = subprocess.run([sys.executable, "-X", "importtime", *entry, "--db", url, "list", *args],
                            capture_output=True, cwd=REPO, env=_env(), timeout=120)
    assert result.returncode == 0 and result.stdout.count(b"\n") >= len(TITLES) - 1
    imported = _imported(result.stderr)
    assert {"retro.cli", "retro.services.quick_lines", "sqlite3"} <= imported  # the list was read here
    assert sorted(imported & set(NEVER)) == []


def test_the_search_and_json_still_go_through_their_paths(tmp_path: Path) -> None:
    url, _ = _library(tmp_path)
    searched = subprocess.run([sys.executable, "-X", "importtime", "-m", "ui.launch", "--db", url, "list",
                               "--search", "Müller"], capture_output=True, cwd=REPO, env=_env(), timeout=120)
    assert searched.returncode == 0 and "sqlalchemy" in _imported(searched.stderr)
    assert searched.stdout.decode("utf-8").count("\n") == 1 and "Müller" in searched.stdout.decode("utf-8")
    as_json = _retro("--db", url, "list", "--json")
    assert as_json.returncode == 0 and as_json.stdout.lstrip().startswith(b"[")


def _big_library(tmp_path: Path, n: int) -> str:
    """``n`` retros (copies of the demo's row, so the output is far more than a pipe holds)."""
    url, _ = _library(tmp_path)
    with sqlite3.connect(url.removeprefix("sqlite:///")) as conn:
        columns = [row[1] for row in conn.execute("PRAGMA table_info(incidents)")]
        picked = ", ".join("printf('%032x', abs(random()))" if c == "id" else c for c in columns)
        for _ in range(n // len(TITLES)):
            conn.execute(f"INSERT OR IGNORE INTO incidents ({', '.join(columns)}) "
                         f"SELECT {picked} FROM incidents LIMIT {len(TITLES)}")
        assert conn.execute("SELECT COUNT(*) FROM incidents").fetchone()[0] > n // 2
    return url


def test_a_reader_that_goes_away_ends_the_list_quietly(tmp_path: Path) -> None:
    url = _big_library(tmp_path, 3000)
    whole = _retro("--db", url, "list")
    assert whole.returncode == 0 and len(whole.stdout) > 4 * 65536  # more than a pipe holds
    for read in (0, 1):  # nobody reads at all; `| head -1`
        proc = subprocess.Popen([sys.executable, "-m", "ui.launch", "--db", url, "list"], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, cwd=REPO, env=_env())
        assert proc.stdout is not None and proc.stderr is not None
        if read:
            assert proc.stdout.readline() == whole.stdout.splitlines(keepends=True)[0]
        proc.stdout.close()
        err = proc.stderr.read()
        assert proc.wait(timeout=120) in (0, 141)  # 141 when the write found the pipe closed
        assert err == b""  # no traceback, no "Exception ignored", no "error: Broken pipe"


@pytest.mark.parametrize("args", [("list",), ("list", "--json"), ("list", "--search", "Müller"), ("recurring",)])
def test_a_closed_pipe_before_the_first_write_is_141(tmp_path: Path, args: tuple[str, ...]) -> None:
    url, _ = _library(tmp_path)
    read, write = os.pipe()
    os.close(read)
    try:
        result = subprocess.run([sys.executable, "-m", "ui.launch", "--db", url, *args], stdout=write,
                                stderr=subprocess.PIPE, cwd=REPO, env=_env(), timeout=120)
    finally:
        os.close(write)
    assert (result.returncode, result.stderr) == (141, b"")
