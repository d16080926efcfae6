"""The wording coach, live in text fields: a subtle underline and a tooltip, never a change to the text.

Multi-line fields get a :class:`WordingHighlighter` (a ``QSyntaxHighlighter`` only formats, it
never edits); single-line fields get a :class:`LineWordingOverlay`, a transparent child that paints
a dotted line under each phrase. Hovering a phrase shows it with the question to ask instead.
Projector views never attach these.
"""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import (
    QColor,
    QHelpEvent,
    QPainter,
    QPen,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextDocument,
)
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QTextEdit, QToolTip, QWidget

from retro.domain.wording import WordingContext, WordingFinding, check_wording

UNDERLINE = QColor("#b7791f")  # amber: a nudge, not an error red
ContextFn = Callable[[], WordingContext]


def tooltip_for(finding: WordingFinding) -> str:
    phrase = html.escape(" ".join(finding.phrase.split()), quote=False)
    return (f"<p><b>“{phrase}”</b> — {html.escape(finding.kind.label, quote=False)}</p>"
            f"<p>{html.escape(finding.question, quote=False)}</p>")


class WordingHighlighter(QSyntaxHighlighter):
    """Underlines blame- and hindsight-shaped phrases, block by block (a paragraph is a block)."""

    def __init__(self, document: QTextDocument, context: ContextFn) -> None:
        super().__init__(document)
        self._context = context
        self._format = QTextCharFormat()
        self._format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
        self._format.setUnderlineColor(UNDERLINE)

    def highlightBlock(self, text: str) -> None:
        for finding in check_wording(text, self._context()):
            self.setFormat(finding.start, finding.end - finding.start, self._format)

    def findings(self) -> list[WordingFinding]:
        """What is underlined now, with offsets into the whole document."""
        out: list[WordingFinding] = []
        block = self.document().begin()
        ctx = self._context()
        while block.isValid():
            base = block.position()
            for f in check_wording(block.text(), ctx):
                out.append(WordingFinding(f.start + base, f.end + base, f.phrase, f.kind, f.question))
            block = block.next()
        return out


class _TextTips(QObject):
    def __init__(self, edit: QPlainTextEdit | QTextEdit, highlighter: WordingHighlighter) -> None:
        super().__init__(edit)
        self._edit, self._highlighter = edit, highlighter

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            pos = self._edit.cursorForPosition(event.pos()).position()
            for finding in self._highlighter.findings():
                if finding.start <= pos <= finding.end:
                    QToolTip.showText(event.globalPos(), tooltip_for(finding), self._edit.viewport())
                    return True
        return False


def _plain() -> WordingContext:
    return WordingContext()


def _owned() -> WordingContext:
    return WordingContext(ownership=True)


def attach_wording(edit: QPlainTextEdit | QTextEdit, *, ownership: bool = False,
                   context: ContextFn | None = None) -> WordingHighlighter:
    """Underline blame-shaped wording in ``edit`` as it is typed; ``ownership`` for statements."""
    highlighter = WordingHighlighter(edit.document(), context or (_owned if ownership else _plain))
    tips = _TextTips(edit, highlighter)
    edit.viewport().installEventFilter(tips)
    edit.setProperty("wording_coach", True)
    edit._wording = highlighter  # type: ignore[attr-defined]  # lives as long as the field
    return highlighter


class LineWordingOverlay(QWidget):
    """Paints a dotted underline under each phrase of a ``QLineEdit``, and explains it on hover."""

    def __init__(self, edit: QLineEdit, context: ContextFn | None = None) -> None:
        super().__init__(edit)
        self._edit = edit
        self._context = context or _plain
        self._findings: list[WordingFinding] = []
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        edit.textChanged.connect(self._refresh)
        edit.installEventFilter(self)
        self.resize(edit.size())
        self._refresh()

    def findings(self) -> list[WordingFinding]:
        return list(self._findings)

    def _refresh(self) -> None:
        self._findings = check_wording(self._edit.text(), self._context())
        self.update()

    def _x_of(self, index: int) -> int:
        """Where character ``index`` is drawn (assumes the text is not scrolled, the usual case)."""
        edit = self._edit
        rect = edit.contentsRect()
        margins = edit.textMargins()
        left = rect.left() + margins.left() + 2  # QLineEdit's own horizontal margin
        return left + edit.fontMetrics().horizontalAdvance(edit.text()[:index])

    def paintEvent(self, _event: object) -> None:
        if not self._findings or self._edit.echoMode() != QLineEdit.EchoMode.Normal:
            return
        painter = QPainter(self)
        pen = QPen(UNDERLINE)
        pen.setStyle(Qt.PenStyle.DotLine)
        pen.setWidth(1)
        painter.setPen(pen)
        metrics = self._edit.fontMetrics()
        y = (self.height() + metrics.height()) // 2 - metrics.descent() + 2
        right = self._edit.contentsRect().right() - 2
        for finding in self._findings:
            x1, x2 = self._x_of(finding.start), min(self._x_of(finding.end), right)
            if x1 < x2:
                painter.drawLine(QPoint(x1, y), QPoint(x2, y))
        painter.end()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.resize(self._edit.size())
        elif event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            index = self._edit.cursorPositionAt(event.pos())
            for finding in self._findings:
                if finding.start <= index <= finding.end:
                    QToolTip.showText(event.globalPos(), tooltip_for(finding), self._edit)
                    return True
        return False


def attach_line_wording(edit: QLineEdit, context: ContextFn | None = None) -> LineWordingOverlay:
    overlay = LineWordingOverlay(edit, context)
    edit.setProperty("wording_coach", True)
    edit._wording = overlay  # type: ignore[attr-defined]
    return overlay


def wording_of(widget: QWidget) -> list[WordingFinding]:
    """What the coach underlines in ``widget`` now (empty for a field without the coach)."""
    helper = getattr(widget, "_wording", None)
    return helper.findings() if helper is not None else []
