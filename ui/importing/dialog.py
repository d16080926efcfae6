"""The import preview dialog: pick a file or paste notes, see every row and skipped line, confirm.

Nothing changes until "Add N events": the ticked rows are stored as one edit through the
document, so the whole import is one transaction and one undo step. Parsing runs off the GUI
thread with progress and a Cancel button; a bad file gets the importer's message (file, line or
JSON path) and the timeline is untouched.

Add only ever adds what the table shows, and the table only ever shows a preview of the source
and options now on screen: a new read clears it first, Add is off while a read runs or an edit
waits to be read, and only the latest read may fill the table (an earlier one still reporting
from the pool is ignored).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from retro.domain import Edit, enums
from retro.io.importers import (
    ImportCancelled,
    ImportOptions,
    ImportPreview,
    preview_import,
    preview_text,
    selected_events,
)
from ui.background import BackgroundJob
from ui.document import RetroDocument
from ui.widgets.delegates import ChoiceDelegate, TextDelegate, enum_choices

from .options_form import ImportOptionsForm, preview_summary
from .preview_model import ImportPreviewModel, PreviewColumn
from .sources import FILE_FILTER, SourceTabs


class ImportPreviewDialog(QDialog):
    """Preview an import into ``document``'s timeline, then add the ticked rows as one step."""

    def __init__(self, document: RetroDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.setWindowTitle("Import timeline events")
        self.setAccessibleName("Import timeline events")
        self.resize(1100, 720)
        self._path: Path | None = None
        #: The latest read; signals from any earlier one are ignored.
        self._job: BackgroundJob | None = None
        #: True from starting ``_job`` until its last signal arrives here (on the GUI thread).
        self._reading = False
        self.preview: ImportPreview | None = None
        incident = document.retro.incident

        # -- where from --------------------------------------------------------------------
        self.tabs = SourceTabs()
        self.path_edit, self.paste_edit = self.tabs.path_edit, self.tabs.paste_edit
        self.choose_button, self.folder_button = self.tabs.choose_button, self.tabs.folder_button
        self.choose_button.clicked.connect(self.choose_file)
        self.folder_button.clicked.connect(self.choose_folder)
        self._paste_timer = QTimer(self, singleShot=True, interval=400)
        self._paste_timer.timeout.connect(self.refresh)
        self.paste_edit.textChanged.connect(self._schedule_refresh)
        self.tabs.currentChanged.connect(self.refresh)

        # -- options -------------------------------------------------------------------------
        options = ImportOptionsForm(document)
        self.options_form = options
        self.format_combo, self.tz_combo = options.format_combo, options.tz_combo
        self.date_edit, self.channel_list = options.date_edit, options.channel_list
        for signal in (self.format_combo.currentIndexChanged, self.date_edit.dateChanged):
            signal.connect(self.refresh)
        self.tz_combo.currentTextChanged.connect(self._schedule_refresh)
        self.channel_list.itemChanged.connect(self._schedule_refresh)

        # -- progress ------------------------------------------------------------------------
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Reading progress")
        self.progress.setTextVisible(True)
        self.cancel_button = QPushButton("Stop reading")
        self.cancel_button.clicked.connect(self.cancel_preview)
        progress_row = QHBoxLayout()
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.cancel_button)
        self._show_busy(False)

        # -- the preview ---------------------------------------------------------------------
        self.summary = QLabel("Choose a file or paste notes to see what would be added.")
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Import summary")
        self.model = ImportPreviewModel(incident.timezone, self)
        self.model.selection_count_changed.connect(self._update_ok)
        self.model.problem.connect(self._show_problem)
        self.table = QTableView()
        self.table.setAccessibleName("Events that would be added")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        self.table.setItemDelegateForColumn(PreviewColumn.KIND, ChoiceDelegate(enum_choices(enums.EventKind), "Kind", self.table))
        self.table.setItemDelegateForColumn(PreviewColumn.TIME, TextDelegate("Time", "14:05", self.table))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(PreviewColumn.TEXT, QHeaderView.ResizeMode.Stretch)
        for column, width in ((PreviewColumn.ADD, 48), (PreviewColumn.TIME, 150), (PreviewColumn.KIND, 130),
                              (PreviewColumn.SOURCE, 150), (PreviewColumn.WHERE, 120), (PreviewColumn.NOTE, 200)):
            self.table.setColumnWidth(column, width)
        tick_row = QHBoxLayout()
        self.tick_all = QPushButton("Tick all")
        self.tick_all.clicked.connect(lambda: self.model.set_all_selected(True))
        self.untick_all = QPushButton("Untick all")
        self.untick_all.clicked.connect(lambda: self.model.set_all_selected(False))
        tick_row.addStretch(1)
        tick_row.addWidget(self.tick_all)
        tick_row.addWidget(self.untick_all)

        self.skipped_label = QLabel("Skipped lines")
        self.skipped = QListWidget()
        self.skipped.setAccessibleName("Skipped lines and why")
        skipped_box = QWidget()
        skipped_layout = QVBoxLayout(skipped_box)
        skipped_layout.setContentsMargins(0, 0, 0, 0)
        skipped_layout.addWidget(self.skipped_label)
        skipped_layout.addWidget(self.skipped)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(skipped_box)
        splitter.setSizes([460, 140])

        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setAccessibleName("Import problem")
        self.error_label.setStyleSheet("color: #b3261e; font-weight: 600;")
        self.error_label.hide()

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.add_button = self.buttons.addButton("Add events", QDialogButtonBox.ButtonRole.AcceptRole)
        self.add_button.setAccessibleName("Add the ticked events")
        self.add_button.setDefault(True)
        self.buttons.accepted.connect(self.confirm)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addLayout(options)
        layout.addLayout(progress_row)
        layout.addWidget(self.summary)
        layout.addLayout(tick_row)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self._update_ok()

    # -- choosing a source ---------------------------------------------------------------------

    def choose_file(self) -> None:
        """Ask for a file and preview it."""
        path, _filter = QFileDialog.getOpenFileName(self, "Import timeline events from", "", FILE_FILTER)
        if path:
            self.set_source_path(Path(path))

    def choose_folder(self) -> None:
        """Ask for an unpacked Slack export folder and preview it."""
        path = QFileDialog.getExistingDirectory(self, "Unpacked Slack export folder")
        if path:
            self.set_source_path(Path(path))

    def set_source_path(self, path: Path) -> None:
        """Preview ``path`` (also what the file choosers call)."""
        self._path = path
        self.path_edit.setText(str(path))
        self.tabs.setCurrentIndex(0)
        self._show_channels(())
        self.refresh()

    # -- previewing (off the GUI thread) -------------------------------------------------------

    def options(self) -> ImportOptions:
        """The import options as the person has set them now."""
        return self.options_form.options()

    def refresh(self) -> None:
        """Read the chosen file or the pasted text again with the current options.

        What was shown goes at once (it no longer matches the source or options on screen), and a
        read still running is told to stop: whatever it reports later is ignored.
        """
        self._paste_timer.stop()
        if self._job is not None:
            self._job.cancel()
            self._job = None
        self._show_error("")
        self._set_preview(None)
        options = self.options()
        existing = list(self.document.retro.events.values())
        if self.tabs.pasted():
            text = self.paste_edit.toPlainText()
            if not text.strip():
                self._set_reading(False)
                return
            source = "the pasted notes"

            def work(progress, is_cancelled):  # type: ignore[no-untyped-def]
                return preview_text(text, options, existing)
        else:
            path = self._path
            if path is None:
                self._set_reading(False)
                return
            source = path.name

            def work(progress, is_cancelled):  # type: ignore[no-untyped-def]
                return preview_import(path, options, existing, progress=progress, is_cancelled=is_cancelled)

        job = BackgroundJob(work, cancel_errors=(ImportCancelled,), parent=self)
        job.progressed.connect(self._on_progress)
        job.succeeded.connect(self._on_succeeded)
        job.failed.connect(self._on_failed)
        job.finished.connect(self._on_finished)
        self._job = job
        self.summary.setText(f"Reading {source}…")
        self._set_reading(True)
        job.start()

    def cancel_preview(self) -> None:
        """Stop reading ("Stop reading"): nothing is shown or offered until the source is read again."""
        self._paste_timer.stop()
        if self._job is not None:
            self._job.cancel()
        self._update_ok()

    def is_busy(self) -> bool:
        """True while the preview may not match what is on screen: a read runs or an edit waits."""
        return self._reading or self._paste_timer.isActive()

    def _schedule_refresh(self, *_changed: object) -> None:
        """Read again once typing pauses; Add stays off until then (the preview shown is out of date)."""
        self._paste_timer.start()
        self._update_ok()

    def _latest(self) -> BackgroundJob | None:
        """The job sending the signal being handled, when it is the latest read; else None."""
        sender = self.sender()
        return self._job if sender is not None and sender is self._job else None

    def _on_progress(self, done: int, total: int) -> None:
        if self._latest() is None:
            return
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(min(done, max(total, 1)))

    def _on_succeeded(self, preview: ImportPreview) -> None:
        job = self._latest()
        if job is None or job.is_cancelled():
            return  # an earlier read, or one the person stopped: not what is on screen now
        self._set_preview(preview)

    def _on_failed(self, message: str) -> None:
        job = self._latest()
        if job is None or job.is_cancelled():
            return
        self._set_preview(None)
        self._show_error(f"{message}\nNothing was imported.")

    def _on_finished(self) -> None:
        job = self._latest()
        if job is None:  # an earlier read has ended: nothing to show from it
            sender = self.sender()
            if isinstance(sender, BackgroundJob):
                sender.deleteLater()
            return
        self._job = None
        job.deleteLater()
        if job.is_cancelled():
            self._set_preview(None)
            self.summary.setText("Reading stopped; nothing to add.")
        self._set_reading(False)

    def _set_preview(self, preview: ImportPreview | None) -> None:
        self.preview = preview
        self.model.set_preview(preview, self.options_form.timezone() or None,
                               self.options_form.base_day())
        self.skipped.clear()
        if preview is None:
            self.summary.setText("Choose a file or paste notes to see what would be added.")
            self.skipped_label.setText("Skipped lines")
            return
        for line in preview.skipped:
            QListWidgetItem(f"{line.where}: {line.reason}", self.skipped)
        self.skipped_label.setText(f"Skipped ({len(preview.skipped)}) — each with where and why")
        if preview.channels_available and self.channel_list.count() == 0:
            self._show_channels(preview.channels_available)
        self.summary.setText(preview_summary(preview))

    # -- confirming --------------------------------------------------------------------------

    def _update_ok(self, count: int | None = None) -> None:
        """Say how many rows Add would add; it is off while the preview may be out of date."""
        if count is None:
            count = self.preview.selected_count if self.preview is not None else 0
        self.add_button.setText(f"Add {count} event{'s' if count != 1 else ''}")
        self.add_button.setEnabled(count > 0 and not self.is_busy())

    def confirm(self) -> None:
        """Store the ticked rows as one edit (one undo step) and close; stay open if refused.

        With an edit still waiting to be read (Enter pressed straight after typing), read it now
        instead: the person confirms only a preview of what is on screen.
        """
        if self._paste_timer.isActive():
            self.refresh()
            return
        if self.preview is None or self.is_busy():
            return
        events = selected_events(self.preview)
        if not events:
            return
        label = f"Import {len(events)} timeline event{'s' if len(events) != 1 else ''}"
        if self.document.edit(label, Edit.of(upsert=events)):
            self.accept()
        else:
            self._show_error("The database refused the import (see the message); nothing was added.")

    # -- small helpers -------------------------------------------------------------------------

    def _show_channels(self, channels: tuple[str, ...]) -> None:
        self.options_form.show_channels(channels)

    def _set_reading(self, reading: bool) -> None:
        self._reading = reading
        self._show_busy(reading)
        self._update_ok()

    def _show_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)
        if busy:
            self.progress.setRange(0, 0)

    def _show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))

    def _show_problem(self, message: str) -> None:
        self._show_error(message)
