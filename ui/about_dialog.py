"""Help ▸ About: what the app is, the versions it runs on, the fonts it embeds and their licences."""

from __future__ import annotations

import html

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from retro import __version__, logs
from retro.about import bundled_fonts, component_versions
from retro.resources import resource_path


def about_versions() -> list[tuple[str, str]]:
    """Every component with its version, Qt's (the one running, and the one PySide6 was built for) included."""
    return component_versions(("Qt", qVersion()), ("PySide6 (built against Qt)", pyside_version))


def about_html() -> str:
    rows = "".join(f"<tr><td>{html.escape(name)}</td><td style='padding-left:18px'>{html.escape(version)}</td></tr>"
                   for name, version in about_versions())
    fonts_dir = resource_path("fonts")
    font_rows = []
    for font in bundled_fonts(fonts_dir):
        links = ", ".join(f"<a href='{(fonts_dir / lic).as_uri()}'>{html.escape(lic)}</a>" for lic in font.licences)
        font_rows.append(f"<tr><td>{html.escape(font.file)}</td><td style='padding-left:18px'>"
                         f"{links or 'licence file missing'}</td></tr>")
    fonts = ("<table>" + "".join(font_rows) + "</table>") if font_rows else "<p>No bundled fonts were found.</p>"
    setup = logs.current()
    log_line = (f"<p>Log file: {html.escape(str(setup.file))}</p>" if setup is not None and setup.file
                else "")
    return (f"<h2>Blameless Retro {html.escape(__version__)}</h2>"
            "<p>Run a blameless incident retrospective live, with the room on the projector, and turn "
            "it into a postmortem people trust. Hard on systems, soft on people.</p>"
            f"<h3>Versions</h3><table>{rows}</table>"
            f"<h3>Fonts embedded in the PDF postmortems</h3>{fonts}"
            f"{log_line}<p>Licensed under the MIT licence.</p>")


def about_text() -> str:
    """The versions as plain text, for Copy."""
    return "\n".join(f"{name}: {version}" for name, version in about_versions())


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("AboutDialog")
        self.setWindowTitle("About Blameless Retro")
        layout = QVBoxLayout(self)
        self.browser = QTextBrowser()
        self.browser.setObjectName("AboutText")
        self.browser.setOpenExternalLinks(True)
        self.browser.setHtml(about_html())
        self.browser.setMinimumSize(520, 420)
        layout.addWidget(self.browser)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton("&Copy versions")
        self.copy_button.clicked.connect(lambda: QGuiApplication.clipboard().setText(about_text()))
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        hint = QLabel("Select text to copy it; the licence links open the files shipped with the app.")
        hint.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        layout.addWidget(hint)
        self.resize(600, 560)
