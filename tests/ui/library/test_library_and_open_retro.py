"""A library edit on the retro that is open in the workspace is someone else's change to it.

The open retro's commits and the library's edits share one ordered worker (ui/edit_runner.py),
but not one version chain: the workspace's next commit, made against what it read before the
library's edit, must be refused as stale (the conflict is offered to re-apply), never write its
older values over the library's change.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from retro.demo import build_demo_retro
from retro.domain import ActionItem, ActionStatus, Edit, RetroError
from retro.services import RetroStore
from ui.edit_runner import EditRunner
from ui.library.commands import ArchiveRetro, SetActionStatus


def _store(tmp_path: Path) -> tuple[RetroStore, str]:
    store = RetroStore(f"sqlite:///{tmp_path / 'retros.sqlite3'}")
    return store, store.add_retro(build_demo_retro())


def test_a_status_set_in_follow_through_is_not_overwritten_by_the_open_retro(qapp, tmp_path: Path) -> None:
    store, rid = _store(tmp_path)
    try:
        retro = store.load(rid)
        action = next(a for a in retro.collection(ActionItem).values() if a.status is not ActionStatus.DONE)
        runner = EditRunner(store)
        results: list[object] = []
        op = SetActionStatus(store, rid, retro.incident.version, action.key, action.title, ActionStatus.DONE, "")
        runner.run(op.redo_job, results.append)  # Follow-through: done
        # the workspace still shows the action as it was, and renames it
        runner.submit(rid, retro.incident.version, Edit.of(upsert=[replace(action, title=action.title + " (renamed)")]),
                      results.append)
        runner.wait_idle()
        runner.finish()
        assert isinstance(results[1], RetroError)  # stale: the conflict is offered, nothing is overwritten
        assert store.load(rid).collection(ActionItem)[action.key].status is ActionStatus.DONE
    finally:
        store.close()


def test_an_archive_from_the_library_is_not_undone_by_the_open_retros_next_edit(qapp, tmp_path: Path) -> None:
    store, rid = _store(tmp_path)
    try:
        retro = store.load(rid)
        runner = EditRunner(store)
        results: list[object] = []
        runner.run(ArchiveRetro(store, rid, retro.incident.title, True).redo_job, results.append)
        runner.submit(rid, retro.incident.version, Edit.of(incident=replace(retro.incident, title="Renamed")),
                      results.append)
        runner.wait_idle()
        runner.finish()
        assert isinstance(results[1], RetroError)
        stored = store.load(rid).incident
        assert stored.archived and stored.title == retro.incident.title
    finally:
        store.close()


def test_the_open_retros_own_commits_still_chain(qapp, tmp_path: Path) -> None:
    """Two edits typed quickly, both made against the version shown: the second follows the first."""
    store, rid = _store(tmp_path)
    try:
        retro = store.load(rid)
        runner = EditRunner(store)
        results: list[object] = []
        runner.submit(rid, retro.incident.version, Edit.of(incident=replace(retro.incident, title="One")), results.append)
        runner.submit(rid, retro.incident.version, Edit.of(incident=replace(retro.incident, title="Two")), results.append)
        runner.wait_idle()
        runner.finish()
        assert not any(isinstance(r, BaseException) for r in results)
        assert store.load(rid).incident.title == "Two"
    finally:
        store.close()
