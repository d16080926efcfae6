"""Use cases: every query and every edit, each in one unit of work, returning what changed.

:class:`RetroStore` is imported on first use (PEP 562), so code that only needs the plain
summary values (the app's first paint) does not pay for SQLAlchemy and Alembic.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .summaries import LibraryPage, LibraryQuery, LibrarySort, OpenAction, ReportState, RetroSummary

if TYPE_CHECKING:
    from .store import RetroStore

__all__ = ["LibraryPage", "LibraryQuery", "LibrarySort", "OpenAction", "ReportState", "RetroStore", "RetroSummary"]


def __getattr__(name: str) -> Any:
    if name == "RetroStore":
        from .store import RetroStore

        return RetroStore
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
