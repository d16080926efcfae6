"""What every ``retro`` command shares: its error, and finding a retro by (a prefix of) its id.

Its own module so the command modules (``cli.py``, ``cli_timeline.py`` …) use it without importing
each other.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .domain import RetroError

if TYPE_CHECKING:  # SQLAlchemy is imported only by the commands that open the store
    from .services import RetroStore


class CliError(RetroError):
    """A problem with what was asked on the command line."""


def find_retro_id(store: RetroStore, wanted: str) -> str:
    """The full id for ``wanted`` (an id or a unique prefix of one)."""
    ids = [s.id for s in store.list_retros(include_archived=True)]
    if wanted in ids:
        return wanted
    matches = [i for i in ids if i.startswith(wanted.lower())] if wanted else []
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise CliError(f"no retro with id {wanted!r} (run `retro list` to see them)")
    raise CliError(f"{wanted!r} matches {len(matches)} retros; give more of the id")
