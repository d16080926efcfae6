"""The library's Insights tab: is the team learning? Charts of the figures ``retro insights`` prints.

Each card names its figure, says what it rests on ("rests on 12 incidents; 3 left out (…)")
and shows a bar chart. The figures are read off the GUI thread when the tab is shown (again
after the library changed, or the choices did). "Learning review PDF…" writes the same figures
as a quarterly PDF (:mod:`retro.report.learning_review`) off the GUI thread.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from retro.analysis.insights import ActionOutcome, Insights, Period, ReportOutcome
from retro.analysis.insights_text import span
from retro.domain import RetroError

from ..background import BackgroundJob, IsCancelled, Progress
from .insights_charts import Bar, BarChart
from .read_when_shown import ReadWhenShown

if TYPE_CHECKING:
    from retro.services import RetroStore

GOOD, LATE, BAD, CALM, MUTED = "#2e7d32", "#ef8f00", "#c62828", "#1565c0", "#8a8a8a"
_ACTION_COLOURS = {ActionOutcome.DONE_ON_TIME: GOOD, ActionOutcome.DONE_LATE: LATE, ActionOutcome.DONE_UNDATED: GOOD,
                   ActionOutcome.OPEN_PAST_DUE: BAD, ActionOutcome.OPEN_ON_TRACK: CALM, ActionOutcome.WONT_DO: MUTED}
_REPORT_COLOURS = {ReportOutcome.ON_TIME: GOOD, ReportOutcome.LATE: LATE, ReportOutcome.OVERDUE: BAD,
                   ReportOutcome.NOT_YET_DUE: CALM}


class FigureCard(QFrame):
    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName(title)
        self.title = QLabel(title)
        self.title.setObjectName("SectionTitle")
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.headline = QLabel()
        self.headline.setTextFormat(Qt.TextFormat.PlainText)
        self.basis = QLabel()
        self.basis.setObjectName("Hint")
        self.basis.setWordWrap(True)
        self.basis.setTextFormat(Qt.TextFormat.PlainText)
        self.chart = BarChart(title)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.headline)
        layout.addWidget(self.chart)
        layout.addWidget(self.basis)
        layout.addStretch(1)

    def show_figure(self, headline: str, bars: list[Bar], basis: str, empty: str = "Nothing to show yet.") -> None:
        self.headline.setText(headline)
        self.headline.setVisible(bool(headline))
        self.chart.set_bars(bars, empty)
        self.basis.setText(basis[:1].upper() + basis[1:])


class InsightsView(ReadWhenShown, QWidget):
    message = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Insights")
        self._store: RetroStore | None = None
        self._stale = True
        self._generation = 0
        self.insights: Insights | None = None
        self.job: BackgroundJob | None = None
        self.use_since = QCheckBox("&Since")
        self.use_since.setAccessibleName("Only incidents since a date")
        self.since = QDateEdit()
        self.since.setAccessibleName("Since date")
        self.since.setCalendarPopup(True)
        self.since.setDisplayFormat("yyyy-MM-dd")
        self.since.setDate(QDate.currentDate().addYears(-1))
        self.since.setEnabled(False)
        self.use_since.toggled.connect(self.since.setEnabled)
        self.use_since.toggled.connect(self.reread)
        self.since.dateChanged.connect(lambda _d: self.use_since.isChecked() and self.reread())
        self.service = QLineEdit()
        self.service.setAccessibleName("Only this service")
        self.service.setPlaceholderText("All services")
        self.service.setClearButtonEnabled(True)
        self.service.editingFinished.connect(self.reread)
        self.period = QComboBox()
        self.period.setAccessibleName("Medians by")
        self.period.addItem("By quarter", Period.QUARTER.value)
        self.period.addItem("By month", Period.MONTH.value)
        self.period.currentIndexChanged.connect(self.reread)
        self.pdf_button = QPushButton("Learning review &PDF…")
        self.pdf_button.setAccessibleName("Write the learning review PDF")
        self.pdf_button.clicked.connect(self.export_pdf)
        self.status = QLabel("")
        self.status.setObjectName("Hint")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        bar = QHBoxLayout()
        bar.addWidget(self.use_since)
        bar.addWidget(self.since)
        bar.addSpacing(12)
        bar.addWidget(QLabel("Service:"))
        bar.addWidget(self.service, 1)
        bar.addWidget(self.period)
        bar.addStretch(1)
        bar.addWidget(self.pdf_button)
        names = ["Time to detect", "Time to mitigate", "Time to resolve", "Action items",
                 "Internal report (goal 24 h)", "Public report (goal 72 h)", "Incidents by severity",
                 "Incidents by service", "Contributing factors that come back", "Factor categories"]
        self.cards = {name: FigureCard(name) for name in names}
        grid_host = QWidget()
        grid = QGridLayout(grid_host)
        for i, name in enumerate(names):
            grid.addWidget(self.cards[name], i // 3, i % 3)
        for column in range(3):
            grid.setColumnStretch(column, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(grid_host)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.status)
        layout.addWidget(scroll, 1)

    # -- reading -----------------------------------------------------------------------------

    def choices(self) -> dict[str, Any]:
        since = self.since.date().toPython() if self.use_since.isChecked() else None
        return {"since": since, "service": self.service.text().strip() or None,
                "period": Period(self.period.currentData())}

    def reread(self) -> None:
        store = self._store
        if store is None:
            return
        choices = self.choices()
        self.status.setText("Reading the library…")
        self.read_off_thread(lambda: store.insights(**choices), self.show_insights, self._refused)

    def _refused(self, problem: str) -> None:
        self.status.setText(problem)
        self.message.emit(problem)

    # -- showing -----------------------------------------------------------------------------

    def show_insights(self, ins: Insights) -> None:
        self.insights = ins
        scope = [f"since {ins.since.isoformat()}" if ins.since else "", f"service “{ins.service}”" if ins.service else ""]
        scope_text = ", ".join(s for s in scope if s)
        self.status.setText(f"{ins.incidents:,} incident{'s' if ins.incidents != 1 else ''}"
                            + (f" ({scope_text})" if scope_text else "") + ". Medians, not means: one long "
                            "outage does not hide how the others went.")
        for d in ins.durations:
            bars = [Bar(p.period, p.median.total_seconds(), f"{span(p.median)} ({p.incidents})") for p in d.by_period]
            self.cards[d.name].show_figure(f"Median {span(d.median)}" if d.median is not None else "",
                                           bars[-8:], d.basis.text(), "No incident has these times yet.")
        a = ins.actions
        self.cards["Action items"].show_figure(
            f"{a.actions:,} action items", [Bar(o.label, n, f"{n:,}", _ACTION_COLOURS[o]) for o, n in a.counts],
            a.basis.text() + ("" if not a.wont_do_reasons else
                              "\nWon't do, because: " + "; ".join(f"{n} × {r}" for r, n in a.wont_do_reasons[:3])))
        for card, r in (("Internal report (goal 24 h)", ins.internal_report), ("Public report (goal 72 h)", ins.public_report)):
            self.cards[card].show_figure(
                f"Median {span(r.median)} after resolution" if r.median is not None else "None shared yet",
                [Bar(o.label, n, f"{n:,}", _REPORT_COLOURS[o]) for o, n in r.counts], r.basis.text())
        self.cards["Incidents by severity"].show_figure(
            "", [Bar(name, n, f"{n:,}") for name, n in ins.by_severity.counts], ins.by_severity.basis.text())
        self.cards["Incidents by service"].show_figure(
            "", [Bar(name, n, f"{n:,}") for name, n in ins.by_service.counts[:10]], ins.by_service.basis.text())
        f = ins.factors
        self.cards["Contributing factors that come back"].show_figure(
            "", [Bar(t.title, t.incidents, f"{t.incidents:,} incidents") for t in f.top_factors], f.basis.text(),
            "No contributing factor appears in more than one incident.")
        self.cards["Factor categories"].show_figure(
            "", [Bar(c.label, i, f"{i:,} incidents, {n:,} factors") for c, n, i in f.categories if n], f.basis.text())

    def _written(self, text: object) -> None:
        self.status.setText(str(text))
        self.message.emit(str(text))

    # -- the learning review -----------------------------------------------------------------

    def export_pdf(self, path: Path | None = None) -> BackgroundJob | None:
        ins = self.insights
        if ins is None:
            self.message.emit("The insights are still being read; try again in a moment.")
            return None
        if path is None:
            name, _ = QFileDialog.getSaveFileName(self, "Learning review PDF",
                                                  f"learning-review-{date.today().isoformat()}.pdf", "PDF (*.pdf)")
            if not name:
                return None
            path = Path(name)

        def work(_p: Progress, _c: IsCancelled) -> str:
            from retro.report.learning_review import write_learning_review

            try:
                return f"Learning review written to {write_learning_review(ins, path)}."
            except RetroError as exc:
                return str(exc)

        job = BackgroundJob(work, parent=self)
        job.succeeded.connect(self._written)
        job.failed.connect(self.message)
        job.finished.connect(job.deleteLater)
        job.start()
        return job
