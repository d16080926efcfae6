"""The ``retro`` command: with a command it runs the CLI; with none it opens the app.

It lives in ``ui`` because opening the app needs Qt, and ``retro`` never imports Qt. Qt is
imported only when the app is opened, so CLI commands start fast and run without a screen.
``retro FILE.json…`` opens the app and loads the documents as new retros (handing them to the
app already running on the same database, if there is one). Logging is configured here, once,
for both (``--log-level`` or ``RETRO_LOG``; see :mod:`retro.logs`).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    db_url, rest = _split_db_option(args)
    log_level, rest = _split_option(rest, "--log-level")
    from retro import logs

    if log_level is not None and logs.level_from(log_level) is None:
        print(f"retro: error: --log-level {log_level!r}: say one of {', '.join(logs.LEVELS).lower()}",
              file=sys.stderr)
        return 2
    logs.configure(log_level)
    documents = _documents(rest)
    if rest and not documents:
        from retro.cli import main as cli_main

        return cli_main(args)
    from .app import main as app_main
    from .crash_dialog import forward_qt_messages

    forward_qt_messages()
    return app_main(db_url, documents=documents)


def _documents(rest: list[str]) -> list[str]:
    """``rest`` when it is only JSON documents to open (``retro incident.json``), else []."""
    from pathlib import Path

    if not rest or any(arg.startswith("-") for arg in rest):
        return []
    paths = [Path(arg) for arg in rest]
    if all(p.suffix.lower() == ".json" and p.is_file() for p in paths):
        return [str(p) for p in paths]
    return []


def _split_option(args: list[str], option: str) -> tuple[str | None, list[str]]:
    """Pull ``option VALUE`` / ``option=VALUE`` out of ``args``."""
    value: str | None = None
    rest: list[str] = []
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == option and i + 1 < len(args):
            value = args[i + 1]
            i += 2
            continue
        if arg.startswith(option + "="):
            value = arg.split("=", 1)[1]
        else:
            rest.append(arg)
        i += 1
    return value, rest


def _split_db_option(args: list[str]) -> tuple[str | None, list[str]]:
    """Pull ``--db URL`` / ``--db=URL`` out of ``args``; what remains decides CLI vs app."""
    return _split_option(args, "--db")


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
