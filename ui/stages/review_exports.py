"""Review & export's reports: the export buttons, what the last export did, and the "report shared" marks.

Each export runs off the GUI thread on a copy of the retro, behind a cancellable progress dialog;
when it is written the stage offers to open the file or its folder and, for a report, the next step
in the retro's life (mark it shared: both shared and the retro is Published).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import QThreadPool, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressDialog,
    QPushButton,
    QWidget,
)

from retro.domain import Audience, Edit, internal_report_due, public_report_due
from retro.domain.progress import with_status
from retro.domain.time_range import in_zone
from ui.document import RetroDocument
from ui.export_worker import ExportFormat, ExportWorker
from ui.stage_base import StageView
from ui.stages.export_names import suggested_name
from ui.widgets.banner import Banner, Tone


def open_url(url: QUrl) -> bool:
    """Open a file or folder with the system's handler (replaced in tests)."""
    return QDesktopServices.openUrl(url)


class ReportExports(StageView):
    """The exports and "report shared" marks of the Review & export stage (its base class)."""

    #: An export finished: the path written.
    export_done = Signal(str)
    #: An export failed or was cancelled: the message shown.
    export_failed = Signal(str)

    def __init__(self, document: RetroDocument, parent: QWidget | None = None) -> None:
        super().__init__(document, parent)
        self.export_buttons: dict[ExportFormat, QPushButton] = {}
        self.worker: ExportWorker | None = None
        self.progress: QProgressDialog | None = None
        self.last_export: Path | None = None
        self._export_format = ExportFormat.INTERNAL_PDF

    def save_pending(self) -> None:
        """Store what is being typed before an export reads the retro (the stage's own fields)."""

    def _build_exports(self) -> QWidget:
        box = QGroupBox("Export")
        grid = QGridLayout(box)
        for column, fmt in enumerate(ExportFormat):
            button = QPushButton(f"{fmt.label}…")
            button.setAccessibleName(f"Export {fmt.label}")
            button.setToolTip(f"Write the {fmt.label} to a file you choose")
            button.clicked.connect(lambda _checked=False, f=fmt: self.export(f))
            grid.addWidget(button, 0, column)
            self.export_buttons[fmt] = button
        self.result_banner = Banner(Tone.INFO, name="Export result")
        self.open_file_button = QPushButton("Open file")
        self.open_file_button.setAccessibleName("Open the exported file")
        self.open_file_button.clicked.connect(lambda: self._open(folder=False))
        self.open_folder_button = QPushButton("Open folder")
        self.open_folder_button.setAccessibleName("Open the folder of the exported file")
        self.open_folder_button.clicked.connect(lambda: self._open(folder=True))
        result = QHBoxLayout()
        result.addWidget(self.result_banner, 1)
        result.addWidget(self.open_file_button)
        result.addWidget(self.open_folder_button)
        self._show_result("", Tone.INFO, opened=False)
        grid.addLayout(result, 1, 0, 1, len(ExportFormat))
        self.internal_shared = QPushButton()
        self.internal_shared.setAccessibleName("Mark the internal report as shared")
        self.internal_shared.clicked.connect(lambda: self.toggle_shared("internal_report_shared_at"))
        self.public_shared = QPushButton()
        self.public_shared.setAccessibleName("Mark the public report as shared")
        self.public_shared.clicked.connect(lambda: self.toggle_shared("public_report_shared_at"))
        self.due_label = QLabel()
        self.due_label.setAccessibleName("When the reports are due")
        self.due_label.setWordWrap(True)
        shared = QHBoxLayout()
        shared.addWidget(self.internal_shared)
        shared.addWidget(self.public_shared)
        shared.addWidget(self.due_label, 1)
        grid.addLayout(shared, 2, 0, 1, len(ExportFormat))
        return box

    # -- shared marks ------------------------------------------------------------------------

    def _refresh_shared(self) -> None:
        incident = self.document.retro.incident
        self.due_label.setText(self._due_text())
        for field, button, name in (
            ("internal_report_shared_at", self.internal_shared, "internal"),
            ("public_report_shared_at", self.public_shared, "public"),
        ):
            when = getattr(incident, field)
            if when is None:
                button.setText(f"Mark {name} report as shared")
            else:
                button.setText(f"{name.capitalize()} report shared {when:%Y-%m-%d %H:%M} UTC — clear")

    def _due_text(self) -> str:
        """"Internal postmortem due Thu 15 Oct 13:47 · public due …" in the incident's timezone."""
        incident = self.document.retro.incident
        if incident.resolved_at is None:
            return "The reports fall due once the resolved time is set (internal 24 h, public 72 h after)."
        zone = ZoneInfo(incident.timezone) if incident.timezone else UTC
        parts = []
        for name, due, shared in (
            ("Internal postmortem", internal_report_due(incident), incident.internal_report_shared_at),
            ("public", public_report_due(incident), incident.public_report_shared_at),
        ):
            assert due is not None
            state = "shared" if shared else ("overdue" if datetime.now(UTC) > due else "due")
            parts.append(f"{name} {state} {in_zone(due, zone):%a %d %b %H:%M}")
        return " · ".join(parts) + f" ({incident.timezone})"

    def toggle_shared(self, field: str) -> bool:
        incident = self.document.retro.incident
        name = "internal" if field.startswith("internal") else "public"
        if getattr(incident, field) is None:
            label, value = f"Mark {name} report as shared", datetime.now(UTC).replace(microsecond=0)
        else:
            label, value = f"Clear {name} report shared", None
        # the status follows in the same undo step: both shared → Published (issue 11)
        marked = (replace(incident, internal_report_shared_at=value) if field == "internal_report_shared_at"
                  else replace(incident, public_report_shared_at=value))
        new = with_status(marked, list(self.document.findings().readiness))
        return self.document.edit(label, Edit(incident=new))

    # -- exports -----------------------------------------------------------------------------

    def ask_path(self, fmt: ExportFormat, suggested: str) -> str:
        """Where to write ``fmt`` ("" when the person cancelled). Replaced in tests.

        The dialog adds the format's suffix to a name typed without one *before* it asks about
        overwriting, so the path it returns is the one the person confirmed.
        """
        dialog = QFileDialog(self, f"Export {fmt.label}", suggested, fmt.file_filter)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
        dialog.setDefaultSuffix(fmt.suffix.lstrip("."))
        if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.selectedFiles():
            return ""
        return dialog.selectedFiles()[0]

    def suggested_name(self, fmt: ExportFormat) -> str:
        """The file name first offered for ``fmt`` (:func:`ui.stages.export_names.suggested_name`)."""
        return suggested_name(self.document.retro, fmt)

    def export(self, fmt: ExportFormat, path: str | None = None) -> bool:
        """Ask for a path (unless given) and write ``fmt`` there off the GUI thread."""
        self.save_pending()  # an answer being typed is part of the report
        chosen = path if path is not None else self.ask_path(fmt, self.suggested_name(fmt))
        if not chosen:
            return False
        target = Path(chosen)  # exactly what was chosen (and confirmed, if it overwrites a file)
        worker = ExportWorker(self.document.retro, fmt, target, owner=self, store=self.document.store)
        progress = QProgressDialog(f"Writing the {fmt.label}…", "Cancel", 0, 0, self)
        progress.setWindowTitle("Exporting")
        progress.setMinimumDuration(400)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        progress.canceled.connect(worker.cancel)
        # Bound methods (not lambdas): Qt drops the connections if this stage goes away first.
        worker.signals.progress.connect(self._on_progress)
        worker.signals.done.connect(self._on_done)
        worker.signals.failed.connect(self._on_failed)
        worker.signals.cancelled.connect(self._on_cancelled)
        self._export_format = fmt
        self.worker, self.progress = worker, progress
        for button in self.export_buttons.values():
            button.setEnabled(False)
        worker.start(QThreadPool.globalInstance())
        return True

    def _on_progress(self, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress.setMaximum(max(total, 1))
            self.progress.setValue(min(done, total))

    def _finish(self) -> None:
        if self.worker is not None:
            self.worker.signals.deleteLater()
        if self.progress is not None:
            self.progress.close()
            self.progress.deleteLater()
        self.progress = None
        self.worker = None
        for button in self.export_buttons.values():
            button.setEnabled(True)

    def _on_done(self, written: str) -> None:
        self._finish()
        self.last_export = Path(written)
        message = f"Saved the {self._export_format.label} to {written}"
        fmt = self._export_format
        if fmt is not ExportFormat.JSON:  # offer the next step in the retro's life (issue 11)
            internal = fmt.audience is Audience.INTERNAL
            field = "internal_report_shared_at" if internal else "public_report_shared_at"
            if getattr(self.document.retro.incident, field) is None:
                message += f". Once it is shared, mark the {'internal' if internal else 'public'} report as shared."
                (self.internal_shared if internal else self.public_shared).setFocus()
        self._show_result(message, Tone.INFO, opened=True)
        self.export_done.emit(written)

    def _on_cancelled(self) -> None:
        self._on_failed("Export cancelled; nothing was written.")

    def _on_failed(self, message: str) -> None:
        self._finish()
        self._show_result(message, Tone.ERROR, opened=False)
        self.export_failed.emit(message)

    def _show_result(self, message: str, tone: Tone, *, opened: bool) -> None:
        self.result_banner.set_tone(tone)
        self.result_banner.show_text(message)
        self.open_file_button.setVisible(opened)
        self.open_folder_button.setVisible(opened)

    def _open(self, *, folder: bool) -> None:
        if self.last_export is not None:
            target = self.last_export.parent if folder else self.last_export
            open_url(QUrl.fromLocalFile(str(target)))
