"""The log's own rotating handler (no logging.handlers at start-up) rotates as the standard one does."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

import pytest

from retro import logs


def _write(handler: logging.Handler, n: int) -> None:
    handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    for i in range(n):
        record = logging.LogRecord("retro.test", logging.INFO, __file__, 1, "line %d %s — Łódź 日本 %s",
                                   (i, "x" * (i % 70), "é" * (i % 5)), None)
        handler.handle(record)
    handler.close()


@pytest.mark.parametrize(("max_bytes", "backups"), [(2000, 3), (700, 1), (0, 3), (1500, 0)])
def test_the_same_records_make_the_same_files_as_the_standard_rotating_handler(
        tmp_path: Path, max_bytes: int, backups: int) -> None:
    ours, theirs = tmp_path / "ours", tmp_path / "theirs"
    ours.mkdir(), theirs.mkdir()
    _write(logs._PrivateRotatingHandler(ours / "retro.log", max_bytes=max_bytes, backups=backups), 200)
    _write(logging.handlers.RotatingFileHandler(theirs / "retro.log", maxBytes=max_bytes, backupCount=backups,
                                                encoding="utf-8"), 200)
    names = sorted(p.name for p in theirs.iterdir())
    assert sorted(p.name for p in ours.iterdir()) == names and len(names) == (1 + backups if max_bytes else 1)
    for name in names:
        assert (ours / name).read_bytes() == (theirs / name).read_bytes(), name
    assert "line 199" in (ours / "retro.log").read_text(encoding="utf-8")


@pytest.mark.parametrize("text", [
    "opening postgresql+psycopg://sam:s3cr3t@db/retro", "dsn host=db password='x y' user=sam",
    "PGPASSWORD=hunter2 psql", "PaſSWORD=long-s", "Pass: 1234", "Blameless Retro 0.1.0 starting (Python 3.11)",
    "a plain line about Łukasz", "https://example.com/no/password", "passport checked", "",
])
def test_masking_skips_the_patterns_only_when_neither_can_match(text: str) -> None:
    import re

    url = re.compile(logs._URL_PASSWORD)
    param = re.compile(logs._PARAM_PASSWORD, re.IGNORECASE)
    expected = param.sub(lambda m: f"{m.group('key')}***", url.sub(lambda m: f"{m.group('head')}:***@", text))
    assert logs.mask_passwords(text) == expected
