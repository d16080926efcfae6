"""The public preview in Review & export: what customers will read, beside the internal text.

Renders :func:`retro.report.public_preview.public_preview` — the public report's own redaction,
not a second one — as a two-column table: the internal text on the left with every word the
public report replaces struck through, the public text on the right with each replacement
highlighted, and every row the public report leaves out said as such ("left out: an
internal-only event"). Each replaced name has a "fine to publish" link (and an approved one a
"take back" link): one undoable edit of ``Incident.public_mentions``. A row's label goes to the
stage where its text is edited. The preview refreshes after every change while it is shown
(and when it is shown again), so the facilitator never needs to open the PDF to know what is in it.
"""

from __future__ import annotations

from dataclasses import replace
from html import escape

from PySide6.QtCore import QTimer, QUrl, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QTextBrowser, QVBoxLayout, QWidget

from retro.domain import Edit, Stage
from retro.domain.mentions import NAME
from retro.report.audience import APPROVED, Piece
from retro.report.jargon import find_jargon
from retro.report.public_preview import Preview, PreviewRow, public_preview
from ui.document import RetroDocument

STRUCK = "background:#f9d6d5;color:#7a1410;text-decoration:line-through;"
REPLACED = "background:#ffe9a8;color:#3d2c00;font-weight:bold;"
APPROVED_STYLE = "background:#d5efd9;color:#0f4d1c;"
LEFT_OUT = "color:#666666;font-style:italic;"
JARGON = "background:#d9e8fb;color:#0b2e59;text-decoration:underline;"
LEGEND = (
    f"<span style='{STRUCK}'>struck</span> internal words the public report replaces · "
    f"<span style='{REPLACED}'>highlighted</span> what customers read instead · "
    f"<span style='{APPROVED_STYLE}'>green</span> a mention marked fine to publish · "
    f"<span style='{JARGON}'>blue</span> internal jargon (ticket ids, hosts, private links) · "
    f"<span style='{LEFT_OUT}'>left out</span> rows customers never see. Click a label to edit its text."
)


#: Rows shown per section until "show all" is clicked: the text browser lays out every row it holds,
#: so a 1,000-event retro shows its first rows at once rather than all of them after seconds.
ROWS_PER_SECTION = 40


class PublicPreview(QWidget):
    """The preview pane (a read-only table in a text browser)."""

    #: A row's label was clicked: go to (stage, target id).
    navigate_requested = Signal(Stage, str)

    def __init__(self, document: RetroDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.preview: Preview | None = None
        self._keys: list[str] = []  # mention keys behind the "fine to publish"/"take back" links
        self._rows: list[PreviewRow] = []
        self._expanded: set[str] = set()  # sections shown in full
        self._sections: list[str] = []
        self.changes_only = QCheckBox("Only rows customers read differently")
        self.changes_only.setAccessibleName("Show only the rows the public report changes or leaves out")
        self.changes_only.toggled.connect(self.refresh)
        self.legend = QLabel(LEGEND)
        self.legend.setWordWrap(True)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName("What the public report holds")
        self.browser = QTextBrowser()
        self.browser.setAccessibleName("Public preview: the internal text beside what customers will read")
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(self._on_link)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.legend)
        top = QHBoxLayout()
        top.addWidget(self.status, 1)
        top.addWidget(self.changes_only)
        layout.addLayout(top)
        layout.addWidget(self.browser, 1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)  # typing in another stage: one refresh after the burst
        self._timer.timeout.connect(self.refresh)
        self._stale = True
        document.changed.connect(self._on_changed)
        document.reloaded.connect(self._on_changed)

    # -- refreshing ------------------------------------------------------------------------

    def _on_changed(self, *_args: object) -> None:
        self._stale = True
        if self.isVisible():
            self._timer.start()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def refresh(self) -> None:
        """Build the preview from the retro as it is now."""
        self._stale = False
        self.preview = public_preview(self.document.retro)
        self._keys, self._rows = [], list(self.preview.rows)
        kept = sum(1 for r in self.preview.rows if r.public is not None and r.section not in ("Cover",))
        left = sum(1 for r in self.preview.rows if r.public is None)
        replaced = sum(1 for r in self.preview.rows for p in r.public or () if p.kind and p.kind != APPROVED)
        if self.preview.empty:
            self.status.setText("<b style='color:#b3261e'>The public report would be empty:</b> no timeline event, "
                                "contributing factor or action is public. Use “Mark selected public” in the "
                                "Timeline, Contributing factors or Actions.")
        else:
            self.status.setText(f"Customers read {kept} piece{'s' if kept != 1 else ''} of text; "
                                f"{replaced} mention{'s' if replaced != 1 else ''} replaced, "
                                f"{left} row{'s' if left != 1 else ''} left out.")
        scroll = self.browser.verticalScrollBar().value()
        self.browser.setHtml(self._html(self.preview))
        self.browser.verticalScrollBar().setValue(scroll)

    # -- rendering -------------------------------------------------------------------------

    def _html(self, preview: Preview) -> str:
        out = ["<table width='100%' cellspacing='0' cellpadding='4' style='border-collapse:collapse'>",
               "<tr><th align='left' width='16%'></th><th align='left' width='42%'>Internal report</th>"
               "<th align='left' width='42%'>Public report — what customers read</th></tr>"]
        section, shown, hidden = "", 0, 0
        self._sections = []

        def more() -> None:
            if hidden:
                self._sections.append(section)
                out.append(f"<tr><td colspan='3'><a href='more:{len(self._sections) - 1}'>Show all rows of "
                           f"{escape(section)} ({hidden} more)</a></td></tr>")

        for i, row in enumerate(preview.rows):
            if self.changes_only.isChecked() and not row.changed:
                continue
            if row.section != section:
                more()
                section, shown, hidden = row.section, 0, 0
                out.append(f"<tr><td colspan='3' style='background:#e8eaf0;color:#1b1f2a'><b>{escape(section)}</b></td></tr>")
            if shown >= ROWS_PER_SECTION and section not in self._expanded:
                hidden += 1
                continue
            shown += 1
            label = f"<a href='go:{i}'>{escape(row.label)}</a>"
            internal = "".join(self._internal_piece(p) for p in row.internal)
            if row.public is None:
                public = f"<span style='{LEFT_OUT}'>{escape(_first_upper(row.left_out))}</span>"
            else:
                links: list[str] = []
                public = "".join(self._public_piece(p, links) for p in row.public)
                if row.left_out:
                    public += f"<br><span style='{LEFT_OUT}'>({escape(row.left_out)})</span>"
                if links:  # below the text, so the text reads as customers read it
                    public += "<br><span style='font-size:small'>" + " · ".join(links) + "</span>"
            out.append(f"<tr><td valign='top'>{label}</td><td valign='top'>{internal}</td><td valign='top'>{public}</td></tr>")
        more()
        out.append("</table>")
        return "".join(out)

    @staticmethod
    def _internal_piece(piece: Piece) -> str:
        text = _text(piece.original)
        if piece.kind == APPROVED:
            return f"<span style='{APPROVED_STYLE}'>{text}</span>"
        if piece.kind:
            return f"<span style='{STRUCK}'>{text}</span>"
        return text

    def _public_piece(self, piece: Piece, links: list[str]) -> str:
        text = _text(piece.text)
        if not piece.kind:
            return _with_jargon(piece.text)
        self._keys.append(piece.key)
        link = len(self._keys) - 1
        original = _text(piece.original)
        if piece.kind == APPROVED:
            links.append(f"<a href='takeback:{link}'>take back “fine to publish” for “{original}”</a>")
            return f"<span style='{APPROVED_STYLE}'>{text}</span>"
        if piece.kind == NAME:  # an ordinary word or a service name can be meant: the facilitator decides
            links.append(f"<a href='approve:{link}'>fine to publish: “{original}”</a>")
        return f"<span style='{REPLACED}'>{text}</span>"

    # -- links -----------------------------------------------------------------------------

    def _on_link(self, url: QUrl) -> None:
        action, _, index = url.toString().partition(":")
        if not index.isdigit():
            return
        number = int(index)
        if action == "more" and number < len(self._sections):
            self._expanded.add(self._sections[number])
            self.refresh()
        elif action == "go" and number < len(self._rows):
            row = self._rows[number]
            self.navigate_requested.emit(row.stage, row.target_id)
        elif action in ("approve", "takeback") and number < len(self._keys):
            set_fine_to_publish(self.document, self._keys[number], fine=action == "approve")

    def link_targets(self) -> list[str]:
        """Every link of the preview, as its href (for tests and for keyboard users' tooltips)."""
        html = self.browser.toHtml()
        return [part.split("\"")[0] for part in html.split("href=\"")[1:]]


def set_fine_to_publish(document: RetroDocument, key: str, *, fine: bool) -> bool:
    """Mark the mention ``key`` ("<field>|<words>") fine to publish, or take that back (one undo step)."""
    incident = document.retro.incident
    keys = tuple(k for k in incident.public_mentions if k != key)
    words = key.partition("|")[2]
    if fine:
        if key in incident.public_mentions:
            return True
        return document.edit(f"Mark “{words}” fine to publish", Edit(incident=replace(incident, public_mentions=(*keys, key))))
    if key not in incident.public_mentions:
        return True
    return document.edit(f"Take back “{words}” fine to publish", Edit(incident=replace(incident, public_mentions=keys)))


def _with_jargon(text: str) -> str:
    """Kept public text, with the jargon the Readiness list warns about marked."""
    out, at = [], 0
    for jargon in find_jargon(text):
        out += [_text(text[at:jargon.start]), f"<span style='{JARGON}'>{_text(jargon.found)}</span>"]
        at = jargon.end
    return "".join(out) + _text(text[at:])


def _text(text: str) -> str:
    return escape(text).replace("\n", "<br>")


def _first_upper(text: str) -> str:
    return text[:1].upper() + text[1:]
