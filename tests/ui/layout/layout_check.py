"""What a person would call a broken layout, found by walking a shown window's widgets.

:func:`layout_problems` lists, in words, every visible widget whose text is cut (a label, button,
check box, group title, tab, combo box or column header narrower or shorter than its text in its
own font), every visible widget that sticks out of its parent or the window (unless it scrolls
inside a scroll area), and a window whose minimum size is larger than the screen it is meant for.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QFontMetrics, QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QStyle,
    QStyleOptionButton,
    QStyleOptionComboBox,
    QTabBar,
    QToolButton,
    QWidget,
)

#: Rounding slack, in pixels.
SLACK = 1


def _name(widget: QWidget) -> str:
    text = ""
    for attr in ("text", "title", "currentText"):
        value = getattr(widget, attr, None)
        if callable(value):
            try:
                text = str(value())
            except TypeError:
                continue
            if text:
                break
    label = widget.accessibleName() or widget.objectName()
    return f"{type(widget).__name__}({label!r}{', ' + repr(text[:50]) if text else ''})"


def _plain(text: str) -> str:
    """A button's text as drawn: mnemonics dropped, a literal && kept as &."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def _scroll_area(widget: QWidget, window: QWidget) -> QAbstractScrollArea | None:
    """The nearest scroll area whose viewport holds ``widget`` (there, sticking out up or down is scrolling)."""
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        grand = parent.parentWidget()
        if isinstance(grand, QAbstractScrollArea) and parent is grand.viewport():
            return grand
        parent = grand
    return None


def _label_problem(label: QLabel) -> str:
    if not label.text() or (label.pixmap() is not None and not label.pixmap().isNull()):
        return ""
    rect = label.contentsRect()
    if label.wordWrap():
        needed = label.heightForWidth(label.width())
        if needed > label.height() + SLACK:
            return f"needs {needed} px of height, has {label.height()}"
        rich = label.textFormat() == Qt.TextFormat.RichText or (
            label.textFormat() == Qt.TextFormat.AutoText and label.text().lstrip().startswith("<"))
        if rich:
            doc = QTextDocument()
            doc.setDefaultFont(label.font())
            doc.setHtml(label.text())
            doc.setTextWidth(rect.width())
            ideal = doc.idealWidth()
            if ideal > rect.width() + SLACK:
                return f"rich text needs {ideal:.0f} px, has {rect.width()}"
        return ""
    hint = label.sizeHint()
    if hint.width() > label.width() + SLACK:
        return f"needs {hint.width()} px, has {label.width()}"
    lines = max(1, label.text().count("\n") + 1) if label.textFormat() == Qt.TextFormat.PlainText else 1
    if QFontMetrics(label.font()).height() * lines > rect.height() + SLACK:
        return f"needs {QFontMetrics(label.font()).height() * lines} px of height, has {rect.height()}"
    return ""


def _button_problem(button: QAbstractButton) -> str:
    text = _plain(button.text())
    if not text:
        return ""
    metrics = QFontMetrics(button.font())
    need = metrics.horizontalAdvance(text)
    if not button.icon().isNull():
        need += button.iconSize().width() + 4
    style = button.style()
    if isinstance(button, QPushButton):
        opt = QStyleOptionButton()
        opt.initFrom(button)
        opt.text = button.text()
        opt.icon = button.icon()
        opt.iconSize = button.iconSize()
        contents = style.subElementRect(QStyle.SubElement.SE_PushButtonContents, opt, button)
        room = contents.width() - 2 * style.pixelMetric(QStyle.PixelMetric.PM_ButtonMargin, opt, button) // 2
    elif isinstance(button, (QCheckBox, QRadioButton)):
        opt = QStyleOptionButton()
        opt.initFrom(button)
        opt.text = button.text()
        element = (QStyle.SubElement.SE_CheckBoxContents if isinstance(button, QCheckBox)
                   else QStyle.SubElement.SE_RadioButtonContents)
        room = style.subElementRect(element, opt, button).width()
    elif isinstance(button, QToolButton):
        hint = button.sizeHint()
        if hint.width() > button.width() + SLACK:
            return f"needs {hint.width()} px, has {button.width()}"
        return ""
    else:
        room = button.contentsRect().width()
    if need > room + SLACK:
        return f"text needs {need} px, has {room}"
    if metrics.height() > button.height():
        return f"text needs {metrics.height()} px of height, has {button.height()}"
    return ""


def _combo_problem(combo: QComboBox) -> str:
    if combo.isEditable() or not combo.currentText():
        return ""
    opt = QStyleOptionComboBox()
    opt.initFrom(combo)
    opt.currentText = combo.currentText()
    field = combo.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, opt,
                                         QStyle.SubControl.SC_ComboBoxEditField, combo)
    need = QFontMetrics(combo.font()).horizontalAdvance(combo.currentText())
    if not combo.itemIcon(combo.currentIndex()).isNull():
        need += combo.iconSize().width() + 4
    if need > field.width() + SLACK:
        return f"shown choice needs {need} px, has {field.width()}"
    return ""


def _tab_problems(bar: QTabBar) -> list[str]:
    out = []
    metrics = QFontMetrics(bar.font())
    for i in range(bar.count()):
        rect = bar.tabRect(i)
        if not bar.rect().contains(rect):
            out.append(f"tab {bar.tabText(i)!r} is outside the tab bar")
            continue
        need = metrics.horizontalAdvance(_plain(bar.tabText(i)))
        if need > rect.width() - 8:
            out.append(f"tab {bar.tabText(i)!r} needs {need} px, has {rect.width() - 8}")
    return out


def _header_problems(header: QHeaderView) -> list[str]:
    if header.orientation() != Qt.Orientation.Horizontal or header.model() is None:
        return []
    out = []
    metrics = QFontMetrics(header.font())
    for section in range(header.count()):
        if header.isSectionHidden(section):
            continue
        text = str(header.model().headerData(section, Qt.Orientation.Horizontal) or "")
        need = metrics.horizontalAdvance(text) + 8
        width = header.sectionSize(section)
        if need > width + SLACK:
            out.append(f"column {text!r} is {width} px, its title needs {need}")
    return out


def text_problem(widget: QWidget) -> list[str]:
    """Why ``widget``'s own text is cut (empty when it is not)."""
    if isinstance(widget, QLabel):
        found = _label_problem(widget)
    elif isinstance(widget, QAbstractButton):
        found = _button_problem(widget)
    elif isinstance(widget, QComboBox):
        found = _combo_problem(widget)
    elif isinstance(widget, QGroupBox) and widget.title():
        need = QFontMetrics(widget.font()).horizontalAdvance(_plain(widget.title())) + 16
        found = f"title needs {need} px, has {widget.width()}" if need > widget.width() else ""
    elif isinstance(widget, QTabBar):
        return _tab_problems(widget)
    elif isinstance(widget, QHeaderView):
        return _header_problems(widget)
    else:
        found = ""
    return [found] if found else []


def layout_problems(window: QWidget, screen: tuple[int, int] | None = None) -> list[str]:
    """Everything cut off or sticking out in the shown ``window`` (and a minimum size over ``screen``)."""
    problems: list[str] = []
    if screen is not None:
        width, height = screen
        for what, size in (("minimum size hint", window.minimumSizeHint()), ("minimum size", window.minimumSize()),
                           ("size", window.size())):
            if size.width() > width or size.height() > height:
                problems.append(f"window {what} {size.width()}×{size.height()} exceeds the {width}×{height} screen")
    window_rect = window.rect()
    for widget in window.findChildren(QWidget):
        if not widget.isVisible() or widget.isWindow() or widget.width() <= 0 or widget.height() <= 0:
            continue
        for problem in text_problem(widget):
            problems.append(f"{_name(widget)}: text cut: {problem}")
        area = _scroll_area(widget, window)
        if area is not None:
            viewport = area.viewport()
            left = widget.mapTo(viewport, QPoint(0, 0)).x()
            if isinstance(area, QScrollArea) and (left < -SLACK or left + widget.width() > viewport.width() + SLACK):
                problems.append(f"{_name(widget)}: cut at the side of {_name(area)} "
                                f"(x {left}..{left + widget.width()} in {viewport.width()})")
            continue
        parent = widget.parentWidget()
        inside_parent = (parent is None or parent is window or isinstance(parent, QAbstractScrollArea)
                         or parent.rect().adjusted(-SLACK, -SLACK, SLACK, SLACK).contains(widget.geometry()))
        if not inside_parent:
            problems.append(f"{_name(widget)}: sticks out of {_name(parent)} "
                            f"({_rect(widget.geometry())} in {_rect(parent.rect())})")
            continue
        where = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
        if not window_rect.adjusted(-SLACK, -SLACK, SLACK, SLACK).contains(where):
            problems.append(f"{_name(widget)}: outside the window ({_rect(where)} in {_rect(window_rect)})")
    return problems


def _rect(r: QRect) -> str:
    return f"{r.width()}×{r.height()}+{r.x()}+{r.y()}"
