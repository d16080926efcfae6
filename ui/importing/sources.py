"""Where imported events come from: a file (or an unpacked Slack export folder), or pasted notes.

The two ways are the tabs at the top of the import dialog; the dialog reads whichever is shown.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

FILE_FILTER = (
    "Timeline sources (*.zip *.json *.jsonl *.ndjson *.csv *.tsv *.txt *.md *.markdown *.log);;All files (*)"
)
#: The tab of pasted notes (the file tab is 0).
PASTE_TAB = 1


class SourceTabs(QTabWidget):
    """"From a file" (the chosen path and the choosers) and "Paste notes"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        file_tab = QWidget()
        file_column = QVBoxLayout(file_tab)
        file_row = QHBoxLayout()
        self.path_edit = QLineEdit()
        self.path_edit.setReadOnly(True)
        self.path_edit.setPlaceholderText("No file chosen")
        self.path_edit.setAccessibleName("Chosen file")
        self.choose_button = QPushButton("Choose file…")
        self.choose_button.setAccessibleName("Choose a file to import")
        self.folder_button = QPushButton("Slack export folder…")
        self.folder_button.setAccessibleName("Choose an unpacked Slack export folder")
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(self.choose_button)
        file_row.addWidget(self.folder_button)
        file_column.addLayout(file_row)
        sources = QLabel(
            "Reads a Slack workspace export (zip or folder), PagerDuty incident log entries (JSON), "
            "CSV with a header, notes or a postmortem draft (text or Markdown), and JSON lines or arrays. "
            "Nothing is added until you confirm below."
        )
        sources.setWordWrap(True)
        file_column.addWidget(sources)
        file_column.addStretch(1)
        self.addTab(file_tab, "From a file")
        self.paste_edit = QPlainTextEdit()
        self.paste_edit.setAccessibleName("Pasted notes")
        self.paste_edit.setTabChangesFocus(True)  # Tab moves on, as everywhere else in the dialog
        self.paste_edit.setPlaceholderText(
            "Paste notes or a postmortem draft: one event per line, e.g.\n"
            "## 2026-10-14\n- 10:05 Alert: checkout error rate above 5%\n- **10:12** Paged the database on-call"
        )
        self.paste_edit.setMaximumHeight(120)
        self.addTab(self.paste_edit, "Paste notes")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)

    def pasted(self) -> bool:
        """Whether the pasted notes are shown (else the file)."""
        return self.currentIndex() == PASTE_TAB
