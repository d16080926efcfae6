"""Which screen the projector window goes to: any screen but the facilitator's.

Kept apart from the window so the choice can be tested with any list of screens.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, TypeVar


class _Screen(Protocol):
    def name(self) -> str: ...


S = TypeVar("S", bound=_Screen)


def projector_screen(screens: Sequence[S], facilitator: S | None, primary: S | None = None) -> S | None:
    """The screen for the room, or None when there is only the facilitator's.

    With no facilitator screen known, the facilitator is taken to be on the primary screen. Of
    the others, the first in the system's order is chosen (the one plugged in most recently
    comes last, and a projector is usually the only other screen).
    """
    if len(screens) < 2:
        return None
    mine = facilitator if facilitator in screens else primary if primary in screens else screens[0]
    return next((s for s in screens if s is not mine), None)
