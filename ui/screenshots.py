"""``python -m ui.screenshots OUTDIR``: every screen with the demo retro, as 1920×1080 PNGs.

Opens a throw-away SQLite database holding the demo retro, shows the main window offscreen at
1920×1080 and saves the library, the follow-through list, every stage of the workspace (light,
plus Setup in dark), and the projector window on several stages. ``make screenshots`` runs it.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

SIZE = (1920, 1080)


def _settle(app: object, rounds: int = 5) -> None:
    for _ in range(rounds):
        app.processEvents()  # type: ignore[attr-defined]


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m ui.screenshots OUTDIR", file=sys.stderr)
        return 2
    out = Path(args[0])
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
    grab(window, "02-follow-through")
    window.library.tabs.setCurrentIndex(0)

    demo_id = window.library.model.summary(0).id
    window.open_retro(demo_id)
    for number, stage in enumerate(Stage, start=1):
        window.go_to_stage(stage)
        grab(window, f"1{number}-stage-{stage.value}")

    window.resize(1366, 768)  # a common laptop: the typed date fields and every stage must fit
    for stage in (Stage.SETUP, Stage.ACTIONS):
        window.go_to_stage(stage)
        grab(window, f"18-laptop-1366x768-{stage.value}")
    window.resize(*SIZE)

    apply_app_theme(app, dark=True)
    window.go_to_stage(Stage.SETUP)
    grab(window, "19-stage-setup-dark")
    apply_app_theme(app, dark=False)

    window.toggle_projector()
    projector = window.projector
    assert projector is not None
    projector.resize(*SIZE)
    for number, stage in enumerate(Stage, start=1):
        window.go_to_stage(stage)
        grab(projector, f"3{number}-projector-{stage.value}")

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
