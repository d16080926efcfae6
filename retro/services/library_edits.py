"""Edits the library makes without opening a retro, each reading only the rows it changes.

Archiving reads the retro's header (its incident row, with the version) and stores it back with
the flag changed; a follow-through status change reads the one action it changes (with the
contributing factors it addresses) and builds the ordinary :class:`~retro.domain.Edit` for it.
Neither loads the whole retro. The writes go through :meth:`RetroStore.apply` like every other
edit, guarded by the version they were made against.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from ..domain import ActionStatus, Changes, Edit, RetroError

if TYPE_CHECKING:
    from .store import RetroStore

__all__ = ["action_status_edit", "set_archived"]


def set_archived(store: RetroStore, incident_id: str, archived: bool) -> Changes:
    """Archive (or unarchive) a retro, reading only its header: one commit, the version bumped."""
    incident = store.incident_header(incident_id)
    return store.update_incident(replace(incident, archived=archived), incident.version)


def action_status_edit(store: RetroStore, incident_id: str, action_id: str, status: ActionStatus,
                       reason: str = "", *, title: str = "") -> Edit:
    """The edit that gives one stored action ``status`` (``reason`` for “won't do”).

    Built from the action as stored, so what the caller's list left out (its factors) is kept.
    Raises :class:`RetroError` when the action is no longer in its retro.
    """
    stored = store.stored_action(incident_id, action_id)
    if stored is None:
        raise RetroError(f"The action “{title or action_id}” is no longer in its retro (removed by someone else?).")
    action = replace(stored, status=status,
                     status_reason=reason if status is ActionStatus.WONT_DO else stored.status_reason)
    if status is not ActionStatus.DONE:
        action = replace(action, completed_at=None)
    return Edit.of(upsert=[action])
