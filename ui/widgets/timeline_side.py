"""Beside the timeline: the derived times and the silent gaps worth asking about.

Durations that cannot be given (a time missing, two times out of order) show the reason in
words, never a negative number. Choosing a gap asks the stage to select the event before it.
On a laptop the panel folds away (:class:`SideFold`) so "What happened" gets the width; a
button beside the filter opens it again and says how many silent gaps it holds.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QLabel,
    QListView,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from retro.domain import Incident, TimelineEvent, key_durations
from retro.domain.lifecycle import format_timedelta, silent_gap_threshold, silent_gaps

from .colours import ATTENTION
from .plain_text import plain_tooltip
from .time_text import local_time

GAP_EVENT_ROLE = Qt.ItemDataRole.UserRole + 1
#: Below this many characters (of the table's font) of room, the side panel folds away.
FOLD_BELOW_CHARS = 150


class TimelineSidePanel(QWidget):
    """Derived times and silent gaps; :attr:`gap_chosen` names the event before a chosen gap."""

    gap_chosen = Signal(str)

    def __init__(self, incident: Incident, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 0, 0, 0)
        derived = QGroupBox("Derived times")
        derived.setAccessibleName("Derived times")
        form = QFormLayout(derived)
        self.duration_labels: dict[str, QLabel] = {}
        for duration in key_durations(incident):
            value = QLabel()
            value.setWordWrap(True)
            value.setAccessibleName(duration.name)
            self.duration_labels[duration.name] = value
            form.addRow(f"{duration.name}:", value)
        gaps_box = QGroupBox("Silent gaps")
        gaps_box.setAccessibleName("Silent gaps")
        gaps_layout = QVBoxLayout(gaps_box)
        self.gaps_hint = QLabel()
        self.gaps_hint.setWordWrap(True)
        self.gaps_model = QStandardItemModel(self)
        self.gaps_view = QListView()
        self.gaps_view.setAccessibleName("Silent gaps: choose one to select the event before it")
        self.gaps_view.setModel(self.gaps_model)
        self.gaps_view.setWordWrap(True)
        self.gaps_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.gaps_view.activated.connect(self._on_chosen)
        self.gaps_view.clicked.connect(self._on_chosen)
        gaps_layout.addWidget(self.gaps_hint)
        gaps_layout.addWidget(self.gaps_view, 1)
        layout.addWidget(derived)
        layout.addWidget(gaps_box, 1)
        self.gap_count = 0

    def refresh(self, incident: Incident, events: list[TimelineEvent]) -> None:
        """Show the durations of ``incident`` and the gaps between ``events`` (in time order)."""
        for duration in key_durations(incident):
            label = self.duration_labels[duration.name]
            label.setText(duration.text())
            label.setStyleSheet("" if duration.known else f"color: {ATTENTION};")
            label.setToolTip(duration.problem or "From the lifecycle times in Setup")
        threshold = silent_gap_threshold(incident)
        gaps = silent_gaps(events, threshold, ordered=True)
        self.gap_count = len(gaps)
        self.gaps_model.clear()
        for gap in gaps:
            start = local_time(gap.after.at, incident.timezone)
            end = local_time(gap.before.at, incident.timezone)
            item = QStandardItem(f"{format_timedelta(gap.length)} of silence, {start:%H:%M}–{end:%H:%M}")
            item.setData(gap.after.id, GAP_EVENT_ROLE)
            item.setToolTip(plain_tooltip(f"After: {gap.after.text}"))
            item.setEditable(False)
            self.gaps_model.appendRow(item)
        longer = format_timedelta(threshold)
        self.gaps_hint.setText(
            f"Stretches over {longer} with nothing recorded. What was happening then?"
            if gaps
            else f"No stretch over {longer} without an event."
        )

    def _on_chosen(self, index: QModelIndex) -> None:
        event_id = index.data(GAP_EVENT_ROLE)
        if event_id:
            self.gap_chosen.emit(str(event_id))


class SideFold(QObject):
    """Shows the side panel beside the table when there is room, folds it away when not.

    :attr:`button` (checked while the panel shows) opens and folds it by hand; after that the
    person's choice holds and the width no longer decides.
    """

    def __init__(self, splitter: QSplitter, side: TimelineSidePanel) -> None:
        super().__init__(splitter)
        self._splitter = splitter
        self._side = side
        self._by_hand = False
        self.button = QToolButton()
        self.button.setCheckable(True)
        self.button.setAccessibleName("Show the derived times and silent gaps")
        self.button.setToolTip("Show or fold the derived times and silent gaps beside the timeline")
        self.button.toggled.connect(self._on_toggled)
        splitter.installEventFilter(self)
        self.fit()

    def folds(self) -> bool:
        """Whether the splitter is too narrow for the table's words and the side panel both."""
        room = self._splitter.width()
        char = max(1, self._splitter.fontMetrics().horizontalAdvance("0"))
        return 0 < room < FOLD_BELOW_CHARS * char

    def fit(self) -> None:
        if not self._by_hand:
            self._show(not self.folds())
        self.update_text()

    def update_text(self) -> None:
        gaps = self._side.gap_count
        label = "Derived times" + (f" · {gaps} silent gap{'s' if gaps != 1 else ''}" if gaps else "")
        self.button.setText(label + (" ›" if self.button.isChecked() else " ‹"))

    def _show(self, shown: bool) -> None:
        self._side.setVisible(shown)
        self.button.blockSignals(True)
        self.button.setChecked(shown)
        self.button.blockSignals(False)

    def _on_toggled(self, checked: bool) -> None:
        self._by_hand = True
        self._side.setVisible(checked)
        self.update_text()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and watched is self._splitter:
            self.fit()
        return False
