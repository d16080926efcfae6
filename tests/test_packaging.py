"""The desktop integration files are valid and agree with the app: ids, MIME type, documents."""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from retro.demo import build_demo_retro
from retro.io.document import dumps

REPO = Path(__file__).resolve().parents[1]
LINUX = REPO / "packaging" / "linux"
APP_ID = "org.blamelessretro.Retro"
MIME = "application/x-blameless-retro+json"


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="desktop-file-utils not installed")
def test_the_desktop_entry_validates() -> None:
    result = subprocess.run(["desktop-file-validate", str(LINUX / f"{APP_ID}.desktop")],
                            capture_output=True, text=True)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout


@pytest.mark.skipif(shutil.which("appstreamcli") is None, reason="appstream not installed")
def test_the_metainfo_validates() -> None:
    result = subprocess.run(["appstreamcli", "validate", "--no-net", str(LINUX / f"{APP_ID}.metainfo.xml")],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


def test_the_files_agree_on_the_id_and_the_mime_type() -> None:
    desktop = (LINUX / f"{APP_ID}.desktop").read_text(encoding="utf-8")
    assert f"MimeType={MIME};" in desktop and f"Icon={APP_ID}" in desktop and "Exec=retro %F" in desktop
    meta = ET.parse(LINUX / f"{APP_ID}.metainfo.xml").getroot()
    assert meta.findtext("id") == APP_ID
    assert meta.findtext("launchable") == f"{APP_ID}.desktop"
    assert meta.find("provides/mediatype").text == MIME
    assert meta.find("content_rating") is not None and meta.find("releases/release") is not None
    import retro

    assert meta.find("releases/release").get("version") == retro.__version__
    for image in meta.iter("image"):
        assert (REPO / "packaging" / "screenshots" / Path(image.text).name).is_file()
    app_py = (REPO / "ui" / "app.py").read_text(encoding="utf-8")
    assert f'setDesktopFileName("{APP_ID}")' in app_py  # Wayland matches the window to the entry by it


def test_the_mime_magic_recognises_what_the_app_writes() -> None:
    ns = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    mime = ET.parse(LINUX / f"{APP_ID}.mime.xml").getroot().find("m:mime-type", ns)
    assert mime.get("type") == MIME
    head = dumps(build_demo_retro()).encode("utf-8")
    matches = mime.findall("m:magic/m:match", ns)
    found = False
    for match in matches:
        start, end = (int(x) for x in match.get("offset").split(":"))
        if match.get("value").encode() in head[start:end + len(match.get("value"))]:
            found = True
    assert found, head[:120]


def test_the_frozen_build_takes_every_resource_by_folder() -> None:
    spec = (REPO / "packaging" / "blameless-retro.spec").read_text(encoding="utf-8")
    assert re.search(r'REPO / "resources"\), "resources"', spec)
    assert '"retro" / "storage" / "migrations"' in spec
