"""Someone else changed the open retro: the main window's conflict dialog and what follows it.

A refused edit is kept with the retro it was made against; the person chooses to re-apply their
change (merged field by field, :func:`ui.workspace.rebase.reapply_refused`) or to discard it, and
the retro is reloaded either way. What the conflict interrupted (closing the retro or the window,
switching databases) goes on afterwards, so nothing is lost.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer

from retro.domain import RetroError

if TYPE_CHECKING:  # message boxes are imported when one is needed, not at start-up
    from PySide6.QtWidgets import QAbstractButton, QMessageBox

    from retro.domain import Edit, Retro

    from .main_window import MainWindow


class WindowConflicts:
    """The conflicts of ``window``'s open retro, answered one dialog at a time."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.dialog: QMessageBox | None = None
        self.reapply_button: QAbstractButton | None = None
        self.discard_button: QAbstractButton | None = None
        #: Edits refused because someone else changed the retro, each with the retro it was made against.
        self.pending: list[tuple[Edit, Retro]] = []
        #: What was interrupted by a conflict (closing the retro or the window, switching databases):
        #: it goes on once the person has answered the conflict dialog.
        self.after: Callable[[], object] | None = None

    def holds(self, then: Callable[[], object]) -> bool:
        """True when a conflict must be answered first; ``then`` runs once it has been."""
        if self.pending and self.window.document is not None:
            self.after = then
            return True
        return False

    def offer(self, message: str, edit: Edit) -> None:
        """Someone else changed this retro: offer to reload, keeping (or dropping) the refused change."""
        if self.window.document is None or any(edit == pending for pending, _before in self.pending):
            return  # the same change offered again (the field was left again): once is enough
        from retro.domain.rebase import snapshot  # only a retro that is open meets a conflict

        self.pending.append((edit, snapshot(self.window.document.retro)))
        if self.dialog is not None:
            return
        from .workspace.notices import conflict_box

        box, self.reapply_button, self.discard_button = conflict_box(self.window, message)
        box.buttonClicked.connect(lambda button: self.resolve(button is self.reapply_button))
        self.dialog = box
        QTimer.singleShot(0, box.open)

    def resolve(self, reapply: bool) -> None:
        """Reload, re-apply (merged field by field) or discard the refused changes, then go on."""
        if self.dialog is not None:
            self.dialog.deleteLater()
            self.dialog = None
        pending, self.pending = self.pending, []
        then, self.after = self.after, None
        if self.window.document is not None:
            try:
                self.window.document.reload()
            except RetroError as exc:
                from .workspace.notices import show_notice

                show_notice(self.window, "Could not reload the retrospective", str(exc))
            else:
                from .workspace.rebase import reapply_refused

                self._report_reapplied(reapply_refused(self.window.document, pending) if reapply else None)
        if then is not None:
            then()  # what the conflict interrupted (closing, switching), now that nothing is lost

    def _report_reapplied(self, gone: str | None) -> None:
        """Say what became of the refused change: discarded (None), re-applied, or partly dropped."""
        if gone is None:
            self.window.show_status("Reloaded: your change was discarded, theirs are shown.")
        elif not gone:
            self.window.show_status("Reloaded their changes and re-applied yours.")
        else:
            self.window.show_status(f"Reloaded their changes and re-applied yours, except where they deleted it: {gone}.")
            from PySide6.QtWidgets import QMessageBox

            from .workspace.notices import show_notice

            show_notice(self.window, "Part of your change was not re-applied",
                        f"Someone else deleted what you changed, so that change was dropped: {gone}. "
                        "Everything else you changed was re-applied.", QMessageBox.Icon.Information)
