"""The contributing-factor canvas: scene, items, view, side panel, findings and prompts."""

from .none_guard import guard_none_refcount

# The canvas makes tens of thousands of void PySide calls in a session (every drag moves cards
# and arrows); see none_guard for the PySide6 6.12 / CPython 3.11 defect this protects against.
guard_none_refcount()
