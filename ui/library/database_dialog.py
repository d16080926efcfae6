"""The Open database dialog: a SQLite file (existing or new) or a team database's URL.

Imported when it is first shown (File ▸ Open database…, or a start-up that could not open one):
its Qt classes are not needed for the library's first paint.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from .open_database import url_without_password

SQLITE_FILTER = "Retro databases (*.sqlite3 *.sqlite *.db);;All files (*)"

PASSWORD_HINT = ("Leave the password out of the URL: PostgreSQL reads it from your ~/.pgpass file "
                 "(%APPDATA%\\postgresql\\pgpass.conf on Windows) or the PGPASSWORD environment "
                 "variable. A password typed here is used once and never remembered.")


class OpenDatabaseDialog(QDialog):
    """A path or URL, with Browse… and New file… helpers."""

    def __init__(self, current: str = "", parent: QWidget | None = None, *, reason: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle("Open database")
        intro = QLabel(reason or "Open a SQLite file, or a team database by its URL "
                       "(postgresql+psycopg://user@host/dbname).")
        intro.setWordWrap(True)
        self.password_hint = QLabel(PASSWORD_HINT)
        self.password_hint.setObjectName("Hint")
        self.password_hint.setWordWrap(True)
        self.password_hint.setAccessibleName("Where the team database password comes from")
        self.location = QLineEdit(url_without_password(current))
        self.location.setAccessibleName("Database file or URL")
        self.location.setPlaceholderText("/path/to/retros.sqlite3 or postgresql+psycopg://…")
        self.location.setMinimumWidth(520)
        browse = QPushButton("&Browse…")
        browse.setAccessibleName("Choose an existing database file")
        browse.clicked.connect(self._browse)
        new = QPushButton("&New file…")
        new.setAccessibleName("Create a new database file")
        new.clicked.connect(self._new_file)
        row = QHBoxLayout()
        row.addWidget(self.location, 1)
        row.addWidget(browse)
        row.addWidget(new)
        from PySide6.QtWidgets import QDialogButtonBox  # (the dialog's classes: not needed at start-up)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(row)
        layout.addWidget(self.password_hint)
        layout.addWidget(self.buttons)

    def _browse(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getOpenFileName(self, "Open a retro database", "", SQLITE_FILTER)
        if path:
            self.location.setText(path)

    def _new_file(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getSaveFileName(self, "New retro database", "retros.sqlite3", SQLITE_FILTER)
        if path:
            self.location.setText(path)

    def chosen(self) -> str:
        return self.location.text().strip()
