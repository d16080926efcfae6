"""One app per database: a second launch (a document opened from the file manager) hands over.

The first test runs two real ``retro`` processes: the app, then ``retro doc.json``, which must
hand the document over and exit, while the running app loads it as a new retro.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from retro.demo import build_demo_retro
from retro.io.document import dumps
from ui.main_window import MainWindow
from ui.open_document import open_documents
from ui.single_instance import SingleInstance, hand_over, instance_name, server_name

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

REPO = Path(__file__).resolve().parents[2]


def _env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(QT_QPA_PLATFORM="offscreen", RETRO_TESTING="1", RETRO_DB=str(tmp_path / "db" / "retro.sqlite3"),
               RETRO_LOG_DIR=str(tmp_path / "log"), RETRO_TEST_SETTINGS=str(tmp_path / "ui.ini"),
               PYTHONPATH=str(REPO))
    return env


def _wait_for(predicate, what: str, proc: subprocess.Popen | None = None, limit: float = 60.0) -> None:
    deadline = time.monotonic() + limit  # a generous limit on a loaded machine, not a timing assert
    while not predicate():
        if proc is not None and proc.poll() is not None:
            raise AssertionError(f"the app exited ({proc.returncode}) before {what}")
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what}")
        time.sleep(0.05)


def _log(tmp_path: Path) -> str:
    try:
        return (tmp_path / "log" / "retro.log").read_text(encoding="utf-8")
    except FileNotFoundError:
        return ""


def _titles(db: Path) -> list[str]:
    with sqlite3.connect(db) as conn:
        return [row[0] for row in conn.execute("select title from incidents order by title")]


def _document(tmp_path: Path, title: str) -> Path:
    from dataclasses import replace

    retro = build_demo_retro()
    retro = replace(retro, incident=replace(retro.incident, title=title))
    path = tmp_path / "Ünïcode folder" / "handed over.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dumps(retro), encoding="utf-8")
    return path


@pytest.mark.slow
def test_a_second_launch_hands_its_document_to_the_running_app_and_exits(tmp_path: Path) -> None:
    env = _env(tmp_path)
    output = (tmp_path / "first.out").open("w")  # a file, not a pipe nobody reads
    first = subprocess.Popen([sys.executable, "-m", "ui.launch"], cwd=tmp_path, env=env,
                             stdout=output, stderr=subprocess.STDOUT, text=True)
    try:
        _wait_for(lambda: "single instance: listening" in _log(tmp_path), "the first app to listen", first)
        db = tmp_path / "db" / "retro.sqlite3"
        _wait_for(lambda: db.exists() and "incidents" in _tables(db) and len(_titles(db)) == 1,
                  "the demo retro", first)
        document = _document(tmp_path, "Handed over from the file manager")
        second = subprocess.run([sys.executable, "-m", "ui.launch", str(document)], cwd=tmp_path, env=env,
                                capture_output=True, text=True, timeout=120)
        assert second.returncode == 0, second.stderr
        assert "already running" in second.stderr
        _wait_for(lambda: "Handed over from the file manager" in _titles(db), "the handed-over retro", first)
        assert first.poll() is None  # the first app is still running; the second did not take over
        log = _log(tmp_path)
        assert "a second launch handed over 1 document(s)" in log
        assert "brought the window to the front" in log
        assert len(_titles(db)) == 2
    finally:
        first.terminate()
        first.wait(30)
        output.close()


def _tables(db: Path) -> set[str]:
    with sqlite3.connect(db) as conn:
        return {row[0] for row in conn.execute("select name from sqlite_master where type='table'")}


def test_the_running_app_receives_what_a_second_process_hands_over(qtbot, tmp_path: Path) -> None:
    name = server_name(f"sqlite:///{tmp_path}/x.sqlite3")
    instance = SingleInstance(name)
    assert instance.listen()
    try:
        code = ("import sys; from PySide6.QtCore import QCoreApplication; app = QCoreApplication([]);"
                "from ui.single_instance import hand_over;"
                f"sys.exit(0 if hand_over({name!r}, ['a b.json', '/tmp/é.json']) else 3)")
        with qtbot.waitSignal(instance.activated, timeout=60000) as got:
            child = subprocess.Popen([sys.executable, "-c", code], cwd=tmp_path, env=_env(tmp_path))
            # the child waits for our answer, which needs our event loop: waitSignal runs it
        assert child.wait(60) == 0
        assert got.args[0] == [str(tmp_path / "a b.json"), "/tmp/é.json"]
    finally:
        instance.close()


def test_nobody_listening_means_no_hand_over_and_a_stale_socket_is_replaced(qtbot, tmp_path: Path) -> None:
    name = server_name(f"stale {tmp_path}")
    assert not hand_over(name, [])
    # A crashed app leaves its socket file behind: simulate one that nobody answers.
    crashed = SingleInstance(name)
    assert crashed.listen()
    socket_file = Path(crashed.server.fullServerName())
    crashed.server.close()
    socket_file.touch()  # a leftover file with the socket's name
    assert socket_file.exists()
    again = SingleInstance(name)
    try:
        assert again.listen()
    finally:
        again.close()


def test_two_databases_are_two_apps_and_the_same_one_spelled_twice_is_one(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("RETRO_DB", raising=False)
    a = tmp_path / "a.sqlite3"
    assert instance_name(str(a)) == instance_name(f"sqlite:///{a}")
    assert instance_name(str(a)) != instance_name(str(tmp_path / "b.sqlite3"))


def test_a_handed_over_document_opens_as_a_new_retro_and_a_bad_one_is_explained(
        qtbot, sqlite_url: str, tmp_path: Path) -> None:
    from retro.startup import open_store

    store = open_store(sqlite_url, seed_demo=True)
    window = MainWindow(store)
    qtbot.addWidget(window)
    try:
        good = _document(tmp_path, "Ação — 東京 outage")
        bad = tmp_path / "bad.json"
        bad.write_text('{"format": "blameless-retro", "version": 1, "incident": {"title": 5}}', encoding="utf-8")
        open_documents(window, [str(bad)])
        notice = window.findChild(QMessageBox, "Notice")
        assert str(bad) in notice.text() and "Nothing was added" in notice.text()
        assert len(store.list_retros()) == 1
        open_documents(window, [str(good)])
        assert window.document is not None
        assert window.document.retro.incident.title == "Ação — 東京 outage"
        assert len(store.list_retros()) == 2
    finally:
        window.close()
        store.close()


def test_json_files_on_the_command_line_open_the_app_and_anything_else_is_the_cli(tmp_path: Path) -> None:
    from ui.launch import _documents

    doc = tmp_path / "incident.json"
    doc.write_text("{}", encoding="utf-8")
    assert _documents([str(doc)]) == [str(doc)]
    assert _documents(["list"]) == []
    assert _documents([str(tmp_path / "missing.json")]) == []  # the CLI then says what is wrong
    assert _documents([str(doc), "--json"]) == []


def test_a_log_level_that_is_not_one_is_refused(capsys) -> None:
    from ui.launch import main

    assert main(["--log-level", "loud", "list"]) == 2
    assert "--log-level 'loud'" in capsys.readouterr().err


def test_the_first_launch_with_a_document_opens_it_once_the_database_is_ready(
        qtbot, tmp_path: Path, monkeypatch) -> None:
    from PySide6.QtWidgets import QApplication

    from ui.app import main

    monkeypatch.setenv("RETRO_DB", str(tmp_path / "first" / "retro.sqlite3"))
    document = _document(tmp_path, "Opened from the file manager")
    seen: dict[str, object] = {}

    def look_instead_of_running() -> int:
        window = next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible())
        qtbot.waitUntil(lambda: window.document is not None, timeout=20000)
        seen["open"] = window.document.retro.incident.title
        seen["library"] = sorted(s.title for s in window.store.list_retros())
        window.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", lambda _app: look_instead_of_running())
    assert main(argv=["retro"], documents=[str(document)]) == 0
    assert seen["open"] == "Opened from the file manager"
    assert len(seen["library"]) == 2  # the demo of a new database, and the document
