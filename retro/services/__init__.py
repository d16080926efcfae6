"""Use cases: every query and every edit, each in one unit of work, returning what changed."""

from .store import RetroStore
from .summaries import OpenAction, ReportState, RetroSummary

__all__ = ["OpenAction", "ReportState", "RetroStore", "RetroSummary"]
