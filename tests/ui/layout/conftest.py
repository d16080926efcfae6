"""Shared fixtures: a real store with the demo retro, and the main window on it."""

from tests.ui.workspace.harness import demo_store, window  # noqa: F401
