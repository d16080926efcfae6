"""The projector window: the current stage in large type for the room."""

from .window import ProjectorWindow

__all__ = ["ProjectorWindow"]
