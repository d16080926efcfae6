"""Blameless Retro: the retrospective's model, storage, analysis, import/export and reports.

Nothing under ``retro`` imports Qt; the desktop app lives in ``ui``.
"""

__version__ = "0.1.0"
