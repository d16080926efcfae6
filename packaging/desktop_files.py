"""Write the Linux desktop integration files into a ``share`` tree.

    python packaging/desktop_files.py OUT_SHARE_DIR

Writes ``applications/org.blamelessretro.Retro.desktop``, ``metainfo/…metainfo.xml``,
``mime/packages/org.blamelessretro.Retro.xml`` and the hicolor icons rendered from
``resources/icons/app.svg`` (16…512 px PNGs and the scalable SVG). ``make dist`` puts the tree in
the bundle; ``install-desktop-entry.sh`` copies it into ``~/.local/share``. Rendering needs
PySide6 (QtSvg), which the app's own virtualenv has.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

APP_ID = "org.blamelessretro.Retro"
SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
HERE = Path(__file__).resolve().parent
REPO = HERE.parent


def render_icons(svg: Path, icons: Path) -> list[Path]:
    """The hicolor PNGs (and the SVG itself, as scalable) for ``svg`` under ``icons``."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"cannot render {svg}")
    written = []
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        target = icons / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        if not image.save(str(target), "PNG"):
            raise SystemExit(f"cannot write {target}")
        written.append(target)
    scalable = icons / "scalable" / "apps" / f"{APP_ID}.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(svg, scalable)
    written.append(scalable)
    del _app
    return written


def write_share(share: Path) -> list[Path]:
    linux = HERE / "linux"
    files = {
        linux / f"{APP_ID}.desktop": share / "applications" / f"{APP_ID}.desktop",
        linux / f"{APP_ID}.metainfo.xml": share / "metainfo" / f"{APP_ID}.metainfo.xml",
        linux / f"{APP_ID}.mime.xml": share / "mime" / "packages" / f"{APP_ID}.xml",
    }
    written = []
    for source, target in files.items():
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        written.append(target)
    written += render_icons(REPO / "resources" / "icons" / "app.svg", share / "icons" / "hicolor")
    return written


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit("usage: python packaging/desktop_files.py OUT_SHARE_DIR")
    for path in write_share(Path(sys.argv[1])):
        print(path)
