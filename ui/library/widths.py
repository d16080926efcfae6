"""Column widths from the font, not from measuring every row (a library of 10,000 retros)."""

from __future__ import annotations

from PySide6.QtWidgets import QHeaderView, QTableView


def fixed_widths(table: QTableView, samples: dict[int, str], *, stretch: int = 0) -> None:
    """Size each column to fit its header and a typical widest value (``samples``), once.

    ``ResizeToContents`` asks every row's data on each reset (about 60 calls a row); this costs
    nothing per row. Columns stay resizable by the user; ``stretch`` takes the rest of the width.
    The vertical header gets one fixed row height for the same reason.
    """
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    metrics = table.fontMetrics()
    model = table.model()
    padding = 2 * table.style().pixelMetric(table.style().PixelMetric.PM_HeaderMargin) + 24
    for column in range(model.columnCount() if model is not None else 0):
        if column == stretch:
            continue
        title = str(model.headerData(column, header.orientation()) or "")
        text = max((title, samples.get(column, "")), key=metrics.horizontalAdvance)
        header.resizeSection(column, metrics.horizontalAdvance(text) + padding)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    table.verticalHeader().setDefaultSectionSize(metrics.height() + 10)
