"""The main window: the library and the retro workspace, the menus, the projector and conflicts.

There is no Save: every edit is in the database when it is shown, so closing never asks. Undo
and Redo follow whichever page is shown (the library's stack or the open retro's) through a
:class:`QUndoGroup`, so the Edit menu reads "Undo Rename participant".

The window starts with the library only: the workspace (the stages, the graph, the projector and
everything they import) is built just after the library's first paint, or earlier the moment
anything asks for :attr:`MainWindow.workspace` (opening a retro waits for it). The menus are
complete from the start; their workspace actions join the View menu as the workspace is built.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QUndoGroup
from PySide6.QtWidgets import (
    QApplication,
    QMainWindow,
    QStackedWidget,
)

from retro.domain import RetroError, Stage

from .collect_after_paint import collect_after_paint
from .library.open_database import (
    DatabaseOpener,
    masked_url,
    scrub_password,
    url_without_password,
)
from .library.page import LibraryPage
from .library.retros_tab import LibraryTable
from .resources_path import icon
from .settings import UiSettings
from .waiting_notice import watch_store
from .window_conflicts import WindowConflicts
from .window_menus import WindowMenus
from .window_projector import ProjectorMirror

if TYPE_CHECKING:  # the store (SQLAlchemy) is imported when a database is opened
    from PySide6.QtWidgets import QProgressDialog

    from retro.domain import Edit
    from retro.services import RetroStore, RetroSummary

    from .document import RetroDocument
    from .workspace.page import WorkspacePage

APP_TITLE = "Blameless Retro"


class MainWindow(ProjectorMirror, QMainWindow):
    """Library and workspace in one window, with the platform's menus and shortcuts."""

    def __init__(self, store: RetroStore | None, settings: UiSettings | None = None, *,
                 opener: DatabaseOpener | None = None) -> None:
        """``store`` None: the window shows at once and :meth:`open_database` fills it when ready.

        ``opener``: one already opening the database (start-up reads the quick list while the
        window is being built, see :func:`ui.app.open_window`).
        """
        super().__init__()
        self.settings = settings or UiSettings()
        self.store = store
        watch_store(self, store)  # "Waiting for another editor…" in the status bar
        self.document: RetroDocument | None = None
        self.projector = None  # built when first opened (F5)
        self.conflicts = WindowConflicts(self)
        self.setWindowIcon(icon("app"))
        self.undo_group = QUndoGroup(self)
        self.library = LibraryPage(store)
        self._workspace: WorkspacePage | None = None
        self.pages = QStackedWidget()
        self.pages.addWidget(self.library)
        self.setCentralWidget(self.pages)
        self.undo_group.addStack(self.library.undo_stack)
        self.opener = opener or DatabaseOpener(self)
        self.opener.setParent(self)
        self.opener.previewed.connect(self._show_quick)
        self.opener.opened.connect(self._database_opened)
        self.opener.failed.connect(self._database_failed)
        self._progress: QProgressDialog | None = None
        self.menus = WindowMenus(self)
        self.library.open_requested.connect(self.open_retro)
        self.library.message.connect(self.show_status)
        self.show_library()
        self._restore_geometry()
        self.library.refresh()
        if self.opener.busy:  # opening since before the window (ui.app.open_window)
            self.show_status("Opening the database…")
            _AfterPaint(self.library.table, self.opener.painted)  # then the store may open
        # What only a retro needs is built once the library is on screen with its retros (or the
        # database has answered): before that it would only hold the first paint back.
        _AfterPaint(self.library.table, self._after_first_paint,
                    lambda: self.library.model.rowCount() > 0 or not self.opener.busy)

    # -- pages -------------------------------------------------------------------------------

    @property
    def workspace(self) -> WorkspacePage:
        """The retro workspace, built now if the first paint has not built it yet."""
        if self._workspace is None:
            from .workspace.page import WorkspacePage  # the stages, the graph, the meeting aids

            workspace = WorkspacePage(self.settings)
            self._workspace = workspace
            self.pages.addWidget(workspace)
            workspace.message.connect(self.show_status)
            workspace.stage_shown.connect(self._stage_shown)
            workspace.clock.ticked.connect(self._clock_ticked)
            workspace.elmo_requested.connect(self._show_elmo)  # meeting aids (issue 11)
            workspace.restore_state()
            self.menus.add_workspace_actions(workspace)
        return self._workspace

    @property
    def workspace_built(self) -> bool:
        return self._workspace is not None

    def _after_first_paint(self) -> None:
        """The library is on screen: build the library's other tabs, then (next turn) the workspace."""
        self.library.build_other_tabs()
        QTimer.singleShot(0, self, self._build_workspace)  # two turns, so a key pressed between is served

    def _build_workspace(self) -> None:
        _ = self.workspace

    def show_library(self) -> None:
        if self.pages.currentWidget() is not self.library:
            self.library.refresh()  # titles, states and counts may have changed in the workspace
        self.pages.setCurrentWidget(self.library)
        self.undo_group.setActiveStack(self.library.undo_stack)
        self.setWindowTitle(f"{APP_TITLE} — {self.store.url}" if self.store else APP_TITLE)
        self.library.table.setFocus()
        self.menus.update_actions()
        if self.projector is not None and self.projector.isVisible():
            self.projector.show_idle()
            self.projector.meeting_aids.set_document(None)

    def open_retro(self, incident_id: str, stage: Stage | None = None, target_id: str = "") -> bool:
        """Open ``incident_id`` in the workspace (at ``stage``, selecting ``target_id``)."""
        if self.store is None:
            return False
        collect_after_paint()  # no full collector pass between here and the stage's first paint
        try:
            retro = self.store.load(incident_id)
        except RetroError as exc:
            from .workspace.notices import show_notice  # message boxes: when one is needed

            show_notice(self, "Could not open the retrospective", str(exc))
            self.library.refresh()
            return False
        if not self._drop_document(lambda: self.open_retro(incident_id, stage, target_id)):
            return False
        from .document import RetroDocument
        from .edit_runner import EditRunner

        workspace = self.workspace  # built now if the first paint has not built it yet
        # Commits run on one ordered worker (ui/edit_runner.py): a slow database never holds a key.
        # The library's: one queue for every edit of this database, workspace and library alike.
        runner = self.library.edits.runner or EditRunner(self.store, self)
        document = RetroDocument(self.store, retro, self, runner=runner)
        document.conflict.connect(self.conflicts.offer)
        document.refused.connect(self._on_refused)
        document.changed.connect(self._title_from_document)
        document.reloaded.connect(self._title_from_document)
        document.changed.connect(self._projector_option_changed)
        self.document = document
        self.undo_group.addStack(document.undo_stack)
        self.undo_group.setActiveStack(document.undo_stack)
        self.pages.setCurrentWidget(workspace)
        workspace.set_document(document, stage or Stage.SETUP, target_id)
        self._title_from_document()
        self.menus.update_actions()
        return True

    def _title_from_document(self, *_args: object) -> None:
        if self.document is not None:
            title = self.document.retro.incident.title
            self.setWindowTitle(f"{title} — {APP_TITLE}")
            if self.projector is not None:
                self.projector.set_incident_title(title)

    def _drop_document(self, then: Callable[[], object]) -> bool:
        """Finish typing and let the open retro go; False when a conflict must be answered first.

        Finishing the field being typed in may meet someone else's change. The document is then
        kept until the person answers the conflict dialog (their change is re-applied or
        discarded against it), and ``then`` runs again afterwards.
        """
        self._commit_typing()
        if self.conflicts.holds(then):
            return False
        if self._workspace is not None:
            self._workspace.close_document()
        if self.document is not None:
            self.undo_group.removeStack(self.document.undo_stack)
            self.document.deleteLater()
            self.document = None
        return True

    def close_retro(self) -> None:
        """Back to the library (everything is already stored)."""
        if not self._drop_document(self.close_retro):
            return
        self.library.refresh()
        self.show_library()

    def go_to_stage(self, stage: Stage) -> None:
        if self.document is not None:
            self.pages.setCurrentWidget(self.workspace)
            self.undo_group.setActiveStack(self.document.undo_stack)
            self.workspace.go_to(stage)
            self.menus.update_actions()

    def new_retro(self) -> None:
        self.library.create_retro()

    def export(self, fmt: object = None) -> None:
        """Delegated to the Review & export stage: go there, and export ``fmt`` when one is given."""
        if self.document is None:
            return
        self.go_to_stage(Stage.REVIEW)
        view = self.workspace.current_view()
        exporter = getattr(view, "export", None)
        if fmt is not None and callable(exporter):
            exporter(fmt)
        else:
            self.show_status("Choose what to export in Review & export: internal or public PDF, Markdown, JSON.")

    def show_status(self, message: str) -> None:
        self.statusBar().showMessage(message, 8000)

    # -- databases ---------------------------------------------------------------------------

    def choose_database(self) -> None:
        from .library.database_dialog import OpenDatabaseDialog  # its Qt classes: when it is shown

        dialog = OpenDatabaseDialog(self.store.url if self.store else "", self)
        dialog.accepted.connect(lambda: self.open_database(dialog.chosen()))
        dialog.open()

    def open_database(self, url: str | None) -> None:
        """Open a database off the GUI thread; the library switches to it when it is ready.

        ``None`` (at start-up) means ``RETRO_DB`` or the default file in the user data folder.
        """
        if self.opener.busy or (url is not None and not url):
            return
        if self.store is None:  # start-up: the library says it is opening; no dialog
            self.show_status("Opening the database…")
            self.opener.open(url)
            self.opener.painted()  # the window is up; a quick list is waited for on its own
            return
        from PySide6.QtWidgets import QProgressDialog

        self._progress = QProgressDialog(f"Opening {masked_url(url or '')} …", "", 0, 0, self)
        self._progress.setCancelButton(None)
        self._progress.setWindowTitle("Opening database")
        self._progress.setMinimumDuration(400)
        self._progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.opener.open(url)
        self.opener.painted()

    def _end_progress(self) -> None:
        if self._progress is not None:
            self._progress.reset()
            self._progress.deleteLater()
            self._progress = None

    def _show_quick(self, rows: list[RetroSummary], _url: str) -> None:
        """The list read quickly: show it, and once it is painted let the store open."""
        self.library.show_quick(rows)
        table = self.library.table
        if table.isVisible():
            _AfterPaint(table, self.opener.painted)
        else:
            QTimer.singleShot(0, self.opener.painted)

    def _database_opened(self, store: RetroStore, url: str) -> None:
        self._end_progress()
        if not self._drop_document(lambda: self._database_opened(store, url)):
            return
        old, self.store = self.store, store
        watch_store(self, store)
        self.library.set_store(store)
        self.settings.add_recent_database(url_without_password(url or store.url))  # never a password
        self.show_library()
        self.show_status(f"Opened {store.url}")
        if old is not None:
            old.close()

    def _database_failed(self, message: str, url: str) -> None:
        self._end_progress()
        self.library.table.viewport().update()  # the start-up waiting for an answer goes on
        message = scrub_password(message, url or "")
        from PySide6.QtWidgets import QMessageBox

        from .workspace.notices import show_notice

        if self.store is not None:
            show_notice(self, "Could not open the database", f"{masked_url(url or '')}\n\n{message}")
            return
        # Nothing is open yet (start-up): say why, and offer another database or quitting.
        box = QMessageBox(QMessageBox.Icon.Critical, "Could not open the database", message, parent=self)
        box.setObjectName("StartupFailure")
        other = box.addButton("Open another database…", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("Quit", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(other)
        box.buttonClicked.connect(lambda button: self.choose_database() if button is other else self.close())
        self.library.loading.setText(f"Could not open the database: {message}")
        box.open()

    # -- refusals and conflicts --------------------------------------------------------------

    def _on_refused(self, message: str, _edit: Edit) -> None:
        """Say why an edit was not saved: in the status bar, and in a notice unless the stage says it inline."""
        self.show_status(f"Not saved: {message}")
        from .stage_base import StageView

        view = self.workspace.current_view()
        inline = (self.pages.currentWidget() is self.workspace and isinstance(view, StageView)
                  and type(view).shows_refusals_inline)
        if not inline:
            from .workspace.notices import show_notice

            show_notice(self, "That change was not saved", message)

    # -- help --------------------------------------------------------------------------------

    def import_timeline(self) -> None:
        """The import preview for the open retro, whichever stage is showing (one undo step)."""
        if self.document is None:
            return
        from .importing import ImportPreviewDialog

        ImportPreviewDialog(self.document, self).open()

    def show_about(self) -> None:
        from .about_dialog import AboutDialog

        AboutDialog(self).open()

    # -- window state ------------------------------------------------------------------------

    def toggle_full_screen(self) -> None:
        if self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()
        self.menus.full_screen_action.setChecked(self.isFullScreen())

    def _restore_geometry(self) -> None:
        geometry = self.settings.geometry("main-window")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1400, 900)  # the workspace restores its splitters when it is built

    def _commit_typing(self) -> None:
        """Finish the edit in the field that has focus (text commits on focus-out)."""
        focus = QApplication.focusWidget()
        if focus is not None and self.isAncestorOf(focus):
            focus.clearFocus()
        if self._workspace is not None:
            from .stage_base import StageView

            for view in self._workspace.built_views():  # a draft typed on a stage left earlier counts too
                flush = getattr(view, "commit_pending", None)
                if isinstance(view, StageView) and callable(flush):
                    flush()
        if self.document is not None:
            self.document.wait_idle()  # every commit on its way is stored (or refused) before going on

    def closeEvent(self, event: QCloseEvent) -> None:
        """Never asks: everything is stored. Finishes the field being typed in and remembers the layout.

        Only when finishing that field meets someone else's change does the window stay, showing
        the conflict dialog; it closes once the person has answered it.
        """
        self._commit_typing()
        if self.conflicts.holds(self.close):
            event.ignore()
            return
        self.settings.set_geometry("main-window", self.saveGeometry())
        if self._workspace is not None:  # never built: its remembered layout stays as it was
            self._workspace.save_state()
        self.settings.sync()
        if self.projector is not None:
            self.projector.close()
            self.projector.deleteLater()
            self.projector = None
        super().closeEvent(event)


class _AfterPaint(QObject):
    """Calls ``then`` once, on the turn after the first paint of ``table`` at which ``ready()`` holds."""

    def __init__(self, table: LibraryTable, then: Callable[[], object], ready: Callable[[], bool] = lambda: True) -> None:
        super().__init__(table)
        self._table, self._then, self._ready = table, then, ready
        table.painted.connect(self._painted)

    def _painted(self) -> None:
        if self._ready():
            self._table.painted.disconnect(self._painted)
            QTimer.singleShot(0, self, self._then)  # the next turn; dropped if the window goes
