"""'Reload and re-apply my change': each refused edit re-made on the reloaded document, as undo steps.

The field-by-field merge itself is Qt-free and lives in :mod:`retro.domain.rebase`.
"""

from __future__ import annotations

from collections.abc import Iterable

from retro.domain import Edit, Retro
from retro.domain.rebase import rebase_edit

from ..document import RetroDocument

__all__ = ["reapply_refused"]


def reapply_refused(document: RetroDocument, pending: Iterable[tuple[Edit, Retro]]) -> str:
    """Re-make each refused edit (with the retro it was made against) on the reloaded ``document``.

    Each is one undo step "Re-apply my change". Returns "" when everything was carried over, else
    what was dropped because someone else deleted it (for the message).
    """
    dropped: list[str] = []
    for edit, before in pending:
        rebased = rebase_edit(edit, before, document.retro)
        dropped.extend(rebased.dropped)
        document.edit("Re-apply my change", rebased.edit)
    document.wait_idle()  # the person asked and waits for the answer: stored, or refused again
    return "; ".join(dropped)
