"""Where the Timeline stage finds the import preview dialog."""

from .importing import ImportPreviewDialog

__all__ = ["ImportPreviewDialog"]
