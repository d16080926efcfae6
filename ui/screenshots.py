"""``python -m ui.screenshots OUTDIR``: every screen with the demo retro, as PNGs.

Opens a throw-away SQLite database holding the demo retro, shows the main window offscreen and
saves the library, the follow-through list and every stage of the workspace at 1920×1080 and on
a 1366×768 laptop, Setup and the factors canvas in the dark theme, and the projector window on
every stage at 1920×1080, 1280×720 and 1024×768 (plus the graph's focus mode, close up on one
factor). ``make screenshots`` runs it.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

SIZE = (1920, 1080)


def _settle(app: object, rounds: int = 5) -> None:
    for _ in range(rounds):
        app.processEvents()  # type: ignore[attr-defined]


def _wait_until(app: object, done: Callable[[], bool], what: str, timeout: float = 30.0) -> None:
    """Process events until ``done()`` (a read off the GUI thread has been shown), at most ``timeout`` s."""
    deadline = time.monotonic() + timeout
    while not done():
        if time.monotonic() > deadline:
            raise RuntimeError(f"screenshots: {what} was not read within {timeout:g} s")
        app.processEvents()  # type: ignore[attr-defined]
        time.sleep(0.005)


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m ui.screenshots",
                                     description="Save every screen with the demo retro as PNGs.")
    parser.add_argument("outdir", type=Path, help="the folder the PNGs go to (made if missing)")
    out = parser.parse_args(sys.argv[1:] if argv is None else argv).outdir  # --help: exits, writes nothing
    out.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("RETRO_TESTING", "1")  # throw-away UI settings, never the user's own

    from PySide6.QtGui import QFont, QFontDatabase

    from retro.domain import Severity, Stage
    from retro.resources import resource_path

    from .app import make_application
    from .library.open_database import open_store_now
    from .main_window import MainWindow
    from .settings import UiSettings
    from .theme import apply_app_theme

    app = make_application([sys.argv[0]])
    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSansMono.ttf"):
        QFontDatabase.addApplicationFont(str(resource_path("fonts", name)))
    app.setFont(QFont("DejaVu Sans", 10))
    apply_app_theme(app, dark=False)

    folder = tempfile.mkdtemp(prefix="retro-screens-")
    store = open_store_now(f"sqlite:///{folder}/demo.sqlite3")
    window = MainWindow(store, UiSettings())
    window.resize(*SIZE)
    window.show()
    _settle(app)
    saved: list[Path] = []

    def grab(widget: object, name: str) -> None:
        _settle(app)
        path = out / f"{name}.png"
        widget.grab().save(str(path))  # type: ignore[attr-defined]
        saved.append(path)

    grab(window, "01-library")
    window.library.tabs.setCurrentIndex(1)
    follow = window.library.follow_through
    _wait_until(app, lambda: not follow.reading, "the Follow-through tab")  # its rows, not "loading"
    grab(window, "02-follow-through")
    window.library.tabs.setCurrentIndex(0)

    demo_id = window.library.model.summary(0).id
    window.open_retro(demo_id)
    for number, stage in enumerate(Stage, start=1):
        window.go_to_stage(stage)
        grab(window, f"1{number}-stage-{stage.value}")

    # the public preview: what customers will read, beside the internal text (issue 9)
    window.go_to_stage(Stage.REVIEW)
    review = window.workspace.view_for(Stage.REVIEW)
    review.tabs.setCurrentWidget(review.public_preview)  # type: ignore[attr-defined]
    grab(window, "17b-review-public-preview")

    window.resize(1366, 768)  # a common laptop: every stage must fit, nothing cut
    grab(window, "18-laptop-1366x768-public-preview")
    review.tabs.setCurrentIndex(0)  # type: ignore[attr-defined]
    for number, stage in enumerate(Stage, start=1):
        window.go_to_stage(stage)
        grab(window, f"2{number}-laptop-1366x768-{stage.value}")
    window.resize(*SIZE)

    apply_app_theme(app, dark=True)
    window.go_to_stage(Stage.SETUP)
    grab(window, "19-stage-setup-dark")
    window.resize(1366, 768)
    for stage in (Stage.FACTORS, Stage.ACCOUNTABILITY):
        window.go_to_stage(stage)
        grab(window, f"19-laptop-dark-{stage.value}")
    window.resize(*SIZE)
    apply_app_theme(app, dark=False)

    window.toggle_projector()
    projector = window.projector
    assert projector is not None
    for prefix, size in (("3", SIZE), ("4", (1280, 720)), ("5", (1024, 768))):
        projector.resize(*size)
        label = "" if size == SIZE else f"-{size[0]}x{size[1]}"
        for number, stage in enumerate(Stage, start=1):
            window.go_to_stage(stage)
            grab(projector, f"{prefix}{number}-projector{label}-{stage.value}")

    # the graph close up: the selected factor with its direct causes and effects
    window.go_to_stage(Stage.FACTORS)
    factors: Any = window.workspace.current_view()  # the Factors stage (its canvas and focus view)
    busiest = max(factors.scene.cards.values(), key=lambda c: len(c.arrows_in) + len(c.arrows_out))
    factors.focus_target(busiest.node_id)
    factors.toggle_projector_focus()
    for size in ((1280, 720), (1024, 768), SIZE):
        projector.resize(*size)
        grab(projector, f"60-projector-focus-{size[0]}x{size[1]}")
    factors.toggle_projector_focus()

    # The meeting aids (issue 11): two parked topics, the room's strip, and ELMO on the projector.
    parking = window.workspace.parking
    window.go_to_stage(Stage.FACTORS)
    parking.park("Who owns the proxy connection budget across teams?")
    parking.park("Was the newsletter peak on anyone's calendar?")
    grab(window, "40-workspace-parking-lot")
    window.workspace.elmo()
    grab(projector, "41-projector-elmo")

    projector.close()
    window.close_retro()
    window.library.create_named("Search results stopped updating", Severity.SEV3)
    grab(window, "18-new-retro-what-is-missing")

    window.close()
    store.close()
    for path in saved:
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
