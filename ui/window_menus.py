"""The main window's menus: File, Edit, View and Help, their actions and shortcuts.

The actions call the window (:class:`ui.main_window.MainWindow`); the window enables them through
:meth:`WindowMenus.update_actions` as the library or a retro is shown. The workspace's own
meeting-aid actions (park a topic, ELMO, next stage) join the View menu when the workspace is
built, just after the first paint (:meth:`WindowMenus.add_workspace_actions`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMenu, QVBoxLayout

from retro.domain import Stage

from .library.open_database import url_without_password
from .resources_path import icon
from .theme import ThemeMode, apply_theme_mode, theme_mode

if TYPE_CHECKING:
    from .export_worker import ExportFormat
    from .main_window import MainWindow
    from .workspace.page import WorkspacePage


def _choose_document(window: MainWindow) -> None:
    from .open_document import choose_document  # the JSON reader and its notices: when asked

    choose_document(window)


class WindowMenus:
    """The menu bar of ``window`` and every action in it (kept here so tests and the window reach them)."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self._build()

    def _action(self, menu: QMenu, text: str, slot: Callable[..., object],
                shortcut: QKeySequence | QKeySequence.StandardKey | list[QKeySequence] | None = None, *,
                name: str = "", tip: str = "") -> QAction:
        action = QAction(text, self.window)
        if isinstance(shortcut, list):
            action.setShortcuts(shortcut)
        elif shortcut is not None:
            action.setShortcut(shortcut)
        if tip:
            action.setStatusTip(tip)
        action.setObjectName(name or text.replace("&", "").replace("…", "").strip())
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _build(self) -> None:
        bar = self.window.menuBar()
        SK = QKeySequence.StandardKey
        file_menu = bar.addMenu("&File")
        self.new_action = self._action(file_menu, "&New retrospective…", self.window.new_retro, SK.New)
        self.open_db_action = self._action(file_menu, "&Open database…", self.window.choose_database, SK.Open)
        # What the CLI does, from any stage: load a JSON document (retro load), import events (retro import).
        self.open_document_action = self._action(file_menu, "Open &JSON document…", lambda: _choose_document(self.window),
                                                 QKeySequence("Ctrl+Shift+O"))
        self.import_action = self._action(file_menu, "&Import timeline events…", self.window.import_timeline,
                                          QKeySequence("Ctrl+Shift+I"),
                                          tip="Import events from a chat export, a CSV file or pasted notes")
        self.recent_menu = file_menu.addMenu("&Recent databases")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        file_menu.addSeparator()
        self.export_menu = file_menu.addMenu("&Export")
        self.export_menu.aboutToShow.connect(self._fill_export)
        self.export_action = self.export_menu.menuAction()
        self.export_shortcut = self._action(self.export_menu, "Review && export…", lambda: self.window.export(None),
                                            QKeySequence("Ctrl+E"), name="export",
                                            tip="Go to Review & export to write the postmortem")
        self.close_retro_action = self._action(file_menu, "&Close retrospective", self.window.close_retro, SK.Close)
        file_menu.addSeparator()
        self.quit_action = self._action(file_menu, "&Quit", self.window.close, SK.Quit)
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)

        edit_menu = bar.addMenu("&Edit")
        self.undo_action = self.window.undo_group.createUndoAction(self.window, "&Undo")
        self.undo_action.setShortcuts(SK.Undo)
        self.redo_action = self.window.undo_group.createRedoAction(self.window, "&Redo")
        self.redo_action.setShortcuts(SK.Redo)
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)

        view_menu = bar.addMenu("&View")
        self.projector_action = self._action(view_menu, "&Projector view", self.window.toggle_projector,
                                             [QKeySequence("F5"), QKeySequence("Ctrl+P")],
                                             tip="Show the stage to the room in large type")
        self.projector_action.setCheckable(True)
        self.projector_action.setIcon(icon("projector"))
        # F on the contributing-factors canvas does the same (shown after the tab, not a window-wide key)
        self.projector_focus_action = self._action(view_menu, "Projector: close up on the selected f&actor\tF",
                                                   self.window._toggle_projector_focus, name="projector-focus",
                                                   tip="The selected factor with what contributed to it and "
                                                       "what it led to, in the room's text size")
        self.frameless_action = self._action(view_menu, "Projector &without window frame", self.window._set_frameless)
        self.frameless_action.setCheckable(True)
        self.frameless_action.setChecked(self.window.settings.flag("projector-frameless"))
        self.full_screen_action = self._action(view_menu, "&Full screen", self.window.toggle_full_screen,
                                               [QKeySequence(SK.FullScreen), QKeySequence("F11")])
        self.full_screen_action.setCheckable(True)
        self._build_theme_menu(view_menu)
        view_menu.addSeparator()
        self.library_action = self._action(view_menu, "&Library", self.window.show_library, QKeySequence("Ctrl+L"))
        self.stage_actions: list[QAction] = []
        for number, stage in enumerate(Stage, start=1):  # the navigator's order
            action = self._action(view_menu, f"{number}. {stage.label}",
                                  lambda _checked=False, s=stage: self.window.go_to_stage(s),
                                  QKeySequence(f"Ctrl+{number}"), name=f"stage-{stage.value}")
            self.stage_actions.append(action)
        view_menu.addSeparator()
        self.timer_action = self._action(view_menu, "Start / pause the &time box",
                                         lambda: self.window.workspace.clock.toggle(), QKeySequence("F6"))
        self.agenda_action = self._action(view_menu, "&Agenda (time boxes)…", lambda: self.window.workspace.edit_agenda())
        self.view_menu = view_menu  # the workspace's meeting aids join it (add_workspace_actions)

        help_menu = bar.addMenu("&Help")
        self.shortcuts_action = self._action(help_menu, "&Keyboard shortcuts", self.show_shortcuts,
                                             SK.HelpContents)
        self.about_action = self._action(help_menu, "&About Blameless Retro", self.window.show_about)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.update_actions()

    def add_workspace_actions(self, workspace: WorkspacePage) -> None:
        """The workspace's meeting aids (issue 11): Ctrl+Shift+P, F8, Ctrl+PgDown, after the agenda."""
        self.view_menu.addAction(workspace.park_action)
        self.view_menu.addAction(workspace.elmo_action)
        self.view_menu.addAction(workspace.next_action)

    def _build_theme_menu(self, view_menu: QMenu) -> None:
        """View ▸ Theme: System, Light or Dark, applied at once and remembered."""
        self.theme_menu = view_menu.addMenu("T&heme")
        self.theme_actions: dict[ThemeMode, QAction] = {}
        group = QActionGroup(self.window)
        current = theme_mode()
        for mode in ThemeMode:
            action = self._action(self.theme_menu, mode.label, lambda _checked=False, m=mode: self.set_theme(m),
                                  name=f"theme-{mode.value}")
            action.setCheckable(True)
            action.setChecked(mode is current)
            group.addAction(action)
            self.theme_actions[mode] = action

    def set_theme(self, mode: ThemeMode) -> None:
        """Use the theme ``mode`` everywhere now (the canvas and banners too), and next time."""
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme_mode(app, mode)
        self.window.settings.set_theme_mode(mode)
        self.theme_actions[mode].setChecked(True)

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        # Without any password (an entry remembered by an older version may hold one).
        recent = list(dict.fromkeys(url_without_password(url) for url in self.window.settings.recent_databases()))
        if not recent:
            none = self.recent_menu.addAction("No recent databases")
            none.setEnabled(False)
        for url in recent:
            self.recent_menu.addAction(url.replace("&", "&&"), self._open_later(url))

    def _fill_export(self) -> None:
        """One entry per export format the Review & export stage offers (imported only now)."""
        self.export_menu.clear()
        self.export_menu.addAction(self.export_shortcut)
        from .export_worker import ExportFormat

        self.export_menu.addSeparator()
        for fmt in ExportFormat:
            self.export_menu.addAction(f"{fmt.label}…", self._export_later(fmt))

    def _open_later(self, url: str) -> Callable[[], None]:
        return lambda: self.window.open_database(url)

    def _export_later(self, fmt: ExportFormat) -> Callable[[], None]:
        return lambda: self.window.export(fmt)

    def update_actions(self) -> None:
        in_retro = self.window.document is not None and self.window.pages.currentWidget() is self.window.workspace
        for action in (*self.stage_actions, self.export_action, self.export_shortcut,
                       self.close_retro_action, self.timer_action, self.import_action,
                       self.projector_focus_action):
            action.setEnabled(in_retro)

    def show_shortcuts(self) -> None:
        import html
        import re

        rows = []
        for menu in self.window.menuBar().findChildren(QMenu):
            for action in menu.actions():
                keys = ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts())
                if keys and action.text():
                    text = re.sub(r"&(&?)", r"\1", action.text())  # drop mnemonics, keep a literal &
                    rows.append(f"<tr><td>{html.escape(text)}</td>"
                                f"<td style='padding-left:24px'><b>{html.escape(keys)}</b></td></tr>")
        from .graph.view import shortcut_rows  # the canvas's own keys, while it has focus

        rows.append("<tr><td colspan='2' style='padding-top:12px'><b>On the contributing factors canvas"
                    "</b></td></tr>")
        for text, keys in shortcut_rows():
            rows.append(f"<tr><td>{html.escape(text)}</td>"
                        f"<td style='padding-left:24px'><b>{html.escape(keys)}</b></td></tr>")
        dialog = QDialog(self.window)
        dialog.setWindowTitle("Keyboard shortcuts")
        label = QLabel("<table>" + "".join(rows) + "</table>")
        label.setAccessibleName("Keyboard shortcuts")
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
        QVBoxLayout(dialog).addWidget(label)
        dialog.open()
