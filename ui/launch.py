"""The ``retro`` command: with a command it runs the CLI; with none it opens the app.

It lives in ``ui`` because opening the app needs Qt, and ``retro`` never imports Qt. Qt is
imported only when the app is opened, so CLI commands start fast and run without a screen.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    db_url, rest = _split_db_option(args)
    if rest:
        from retro.cli import main as cli_main

        return cli_main(args)
    from .app import main as app_main

    return app_main(db_url)


def _split_db_option(args: list[str]) -> tuple[str | None, list[str]]:
    """Pull ``--db URL`` / ``--db=URL`` out of ``args``; what remains decides CLI vs app."""
    db_url: str | None = None
    rest: list[str] = []
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--db" and i + 1 < len(args):
            db_url = args[i + 1]
            i += 2
            continue
        if arg.startswith("--db="):
            db_url = arg.split("=", 1)[1]
        else:
            rest.append(arg)
        i += 1
    return db_url, rest


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
