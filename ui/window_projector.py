"""The main window's projector: opening it (F5), and mirroring the shown stage, clock and ELMO to it.

Mixed into :class:`ui.main_window.MainWindow`; the projector window (and everything it imports)
is built the first time it is opened.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QStackedWidget, QWidget

from retro.domain import Stage

if TYPE_CHECKING:
    from retro.domain import Changes

    from .document import RetroDocument
    from .projector import ProjectorWindow
    from .settings import UiSettings
    from .window_menus import WindowMenus
    from .workspace.page import WorkspacePage


class ProjectorMirror:
    """Mix into the main window (before ``QMainWindow`` in the bases), which has these."""

    projector: ProjectorWindow | None
    document: RetroDocument | None
    menus: WindowMenus
    settings: UiSettings
    pages: QStackedWidget
    _workspace: WorkspacePage | None

    @property
    def workspace(self) -> WorkspacePage:
        raise NotImplementedError  # the window's: built when first asked for

    def go_to_stage(self, stage: Stage) -> None:
        raise NotImplementedError

    def show_status(self, message: str) -> None:
        raise NotImplementedError

    def toggle_projector(self) -> None:
        if self.projector is not None and self.projector.isVisible():
            self.projector.close()
            return
        if self.projector is None:
            from .projector import ProjectorWindow

            self.projector = ProjectorWindow()
            self.projector.set_frameless(self.menus.frameless_action.isChecked())
            self.projector.closed.connect(lambda: self.menus.projector_action.setChecked(False))
        self._mirror_current()
        self.projector.present(self.screen())  # type: ignore[attr-defined]
        self.menus.projector_action.setChecked(True)

    def _toggle_projector_focus(self) -> None:
        if self.document is None:
            return
        self.go_to_stage(Stage.FACTORS)
        view = self.workspace.current_view()
        toggle = getattr(view, "toggle_projector_focus", None)
        if callable(toggle):
            focused = toggle()
            self.show_status("The projector shows the selected factor close up." if focused
                             else "The projector shows the whole graph.")

    def _set_frameless(self, frameless: bool) -> None:
        self.settings.set_flag("projector-frameless", frameless)
        if self.projector is not None:
            self.projector.set_frameless(frameless)

    def _mirror_current(self) -> None:
        if self.projector is None:
            return
        if self.document is None or self.pages.currentWidget() is not self._workspace:
            self.projector.show_idle()
            self.projector.meeting_aids.set_document(None)
            return
        self.projector.meeting_aids.set_document(self.document)
        stage = self.workspace.current_stage
        self.projector.show_stage(stage, self.workspace.current_view(), self.document.retro.incident.title)
        clock = self.workspace.clock
        self.projector.show_clock(clock.remaining(), clock.total(), clock.is_running())

    def _stage_shown(self, stage: Stage, view: QWidget) -> None:
        if self.projector is not None and self.projector.isVisible() and self.document is not None:
            self.projector.meeting_aids.set_document(self.document)
            self.projector.show_stage(stage, view, self.document.retro.incident.title)
            clock = self.workspace.clock
            self.projector.show_clock(clock.remaining(), clock.total(), clock.is_running())

    def _show_elmo(self, topic: str) -> None:
        """ELMO on the projector (issue 11); without one, the status bar says where it would show."""
        if self.projector is not None and self.projector.isVisible():
            self.projector.meeting_aids.show_elmo(topic)
        else:
            self.show_status("ELMO: open the projector view (F5) to show it to the room. "
                             "Type what to park and press Enter.")

    def _projector_option_changed(self, changes: Changes) -> None:
        """Roles instead of names switched (issue 11): the projector builds the stage again."""
        before = changes.incident_before
        switched = changes.incident is not None and before is not None and (
            before.projector_shows_roles != changes.incident.projector_shows_roles)
        if switched and self.projector is not None and self.projector.isVisible():
            self._mirror_current()

    def _clock_ticked(self, remaining: int, total: int, running: bool) -> None:
        if self.projector is not None and self.projector.isVisible():
            self.projector.show_clock(remaining, total, running)
