"""The findings of an open retro, computed once per change and shared by every view.

Every view that shows findings (the navigator's marks and the findings strip, Review & export, the
factor stage's findings panel) reads :meth:`SharedFindings.get` when :attr:`SharedFindings.ready`
says the retro's findings are known: readiness and the graph analysis then run once per change,
however many views are open.

A freshly opened retro is never checked before its first paint: a tiny one (the demo, a draft) just
after it, on the GUI thread; any other off the GUI thread once the stage has painted. After that, a
small retro is checked when first asked, right after each change. A large one (thousands of
timeline events: the wording coach reads every text) is checked off the GUI thread after every
change too, after the stage has painted, on a copy of the retro as it was: opening it paints at once and typing stays fluid,
the findings follow moments later, and a check made stale by a newer edit is dropped. A view that
must have them now (a stage opened meanwhile, a button pressed) still gets them from :meth:`get`:
it waits for the check on its way rather than running a second one.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import fields, replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from retro.domain import Retro

from .background import BackgroundJob, IsCancelled, Progress

if TYPE_CHECKING:
    from retro.checks import Findings

log = logging.getLogger(__name__)

#: Events + factors + actions from which the findings are computed off the GUI thread.
LARGE_RETRO = 2000
#: Below this many events + factors + actions, the opening check runs on the GUI thread just after
#: the first paint (a few milliseconds); from it, off the GUI thread like a large retro's.
TINY_RETRO = 100
#: How long such a check waits, so the stage paints first (milliseconds).
PAINT_FIRST_MS = 150


def is_large(retro: Retro) -> bool:
    """Whether ``retro`` is checked off the GUI thread (see :data:`LARGE_RETRO`)."""
    return len(retro.events) + len(retro.factors) + len(retro.actions) >= LARGE_RETRO


def is_tiny(retro: Retro) -> bool:
    """Whether ``retro``'s opening check runs on the GUI thread after the first paint (see :data:`TINY_RETRO`)."""
    return not is_large(retro) and len(retro.events) + len(retro.factors) + len(retro.actions) < TINY_RETRO


def frozen_copy(retro: Retro) -> Retro:
    """A copy of ``retro`` whose collections the GUI thread's next edits do not touch.

    The entities are frozen values, so copying the dicts that hold them is enough to read the
    copy on another thread while the document folds in the next change.
    """
    copy = replace(retro)
    for f in fields(copy):
        held = getattr(copy, f.name)
        if isinstance(held, dict):
            setattr(copy, f.name, dict(held))
    return copy


def compute(retro: Retro) -> Findings:
    """Every check once on ``retro`` (the analysis and report checks load on first use)."""
    from retro.checks import findings_of

    return findings_of(retro)


class _Check:
    """One check off the GUI thread: which state of the retro it reads, and its answer once back."""

    def __init__(self, generation: int, retro: Retro) -> None:
        self.generation = generation
        self.retro = retro
        self.done = threading.Event()
        self.result: Findings | None = None

    def run(self, _progress: Progress, _is_cancelled: IsCancelled) -> _Check:
        try:
            self.result = compute(self.retro)
        finally:
            self.done.set()
        return self


class SharedFindings(QObject):
    """The findings of the retro ``retro()`` returns, as it is now: one computation per change."""

    #: The findings of the retro as it is now are known (or, for a small retro, may be asked for).
    ready = Signal()

    def __init__(self, retro: Callable[[], Retro], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._retro = retro
        self._findings: Findings | None = None
        self._generation = 0  # bumped by every change: the state whose findings are wanted
        self._running: _Check | None = None  # at most one check on the pool at a time
        self._failed = -1  # the generation whose off-thread check failed (then checked here, once)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PAINT_FIRST_MS)
        self._timer.timeout.connect(self._start_check)
        # Nothing computed yet for this document: its first paint comes before its first check.
        self._opening = True
        self._soon = QTimer(self)  # a tiny retro's opening check, on the GUI thread after the paint
        self._soon.setSingleShot(True)
        self._soon.setInterval(0)
        self._soon.timeout.connect(self._check_now)

    def get(self) -> Findings:
        """The findings of the retro as it is now, computed now when nobody has yet."""
        if self._findings is None:
            running = self._running
            if running is not None and running.generation == self._generation:
                running.done.wait()  # the check on its way reads this very state: its answer is ours
                self._findings = running.result
            if self._findings is None:
                self._findings = compute(self._retro())
            self._opening = False
        return self._findings

    def known(self) -> Findings | None:
        """The findings when they are known without work on the GUI thread, else None (:attr:`ready` follows).

        A small retro's are computed now, except a freshly opened one's: they follow its first paint
        (on the GUI thread for a tiny retro, else off it), as a large retro's check always does.
        """
        if self._findings is not None:
            return self._findings
        retro = self._retro()
        if self._opening and is_tiny(retro):
            if not self._soon.isActive():
                self._soon.start()
            return None
        if (not self._opening and not is_large(retro)) or self._failed == self._generation:
            return self.get()  # a failed check is not tried again off the thread: here it says why
        if not self._timer.isActive() and not self._check_on_its_way():
            self._timer.start()
        return None

    def stale(self) -> None:
        """The retro changed: what was computed no longer holds."""
        self._findings = None
        self._generation += 1

    def follow(self) -> None:
        """After a change has been told: say the new findings are ready, or check them off the GUI thread."""
        retro = self._retro()
        if self._opening and is_tiny(retro):
            self._soon.start()  # an edit before a tiny retro's opening check: it reads the newest state
            return
        if not self._opening and not is_large(retro):
            self.ready.emit()
            return
        self._timer.start()  # a burst of edits restarts it: one check after the last

    def _check_now(self) -> None:
        """A tiny retro's opening check, just after its first paint."""
        if self._findings is None:
            self.get()
        self.ready.emit()

    def _check_on_its_way(self) -> bool:
        return self._running is not None and self._running.generation == self._generation

    def _start_check(self) -> None:
        if self._findings is not None:  # someone needed them meanwhile and has computed them
            self.ready.emit()
            return
        if self._running is not None:  # one at a time on two cores: the next starts when it is back
            return
        check = _Check(self._generation, frozen_copy(self._retro()))
        self._running = check
        # Connected to bound methods of this object, so nothing is told once the document is gone.
        job = BackgroundJob(check.run, parent=self)
        job.succeeded.connect(self._check_back)
        job.failed.connect(self._check_failed)
        job.finished.connect(job.deleteLater)
        job.start()

    def _check_back(self, check: _Check) -> None:
        self._running = None
        if check.generation != self._generation:  # an edit came since: check the newest state
            if not self._timer.isActive():
                self._start_check()
            return
        if self._findings is None:
            self._findings = check.result
        self._opening = False
        self.ready.emit()

    def _check_failed(self, message: str) -> None:
        self._running = None
        self._failed = self._generation  # known() then computes on the GUI thread once (no retry loop)
        self._opening = False  # a small retro's views then compute them on the GUI thread (and see why)
        log.error("the findings check failed: %s", message)
        if not self._timer.isActive():
            self.ready.emit()  # the views ask again, on the GUI thread
