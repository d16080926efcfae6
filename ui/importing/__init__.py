"""Importing timeline events: a preview of every row and skipped line before anything changes."""

from .dialog import ImportPreviewDialog

__all__ = ["ImportPreviewDialog"]
