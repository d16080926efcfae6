"""Use cases: every query and every edit, each in one unit of work, returning what changed.

:class:`RetroStore` is imported on first use (PEP 562), so code that only needs the plain
summary values (the app's first paint) does not pay for SQLAlchemy and Alembic; the summary
values too, so ``retro list`` reading :mod:`.quick_lines` loads neither.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .store import RetroStore
    from .summaries import LibraryPage, LibraryQuery, LibrarySort, OpenAction, ReportState, RetroSummary

__all__ = ["LibraryPage", "LibraryQuery", "LibrarySort", "OpenAction", "ReportState", "RetroStore", "RetroSummary"]


def __getattr__(name: str) -> Any:
    if name == "RetroStore":
        from .store import RetroStore

        return RetroStore
    if name in __all__:  # the plain values: loaded on first use too (`retro list` needs none of them)
        from . import summaries

        return getattr(summaries, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
