"""Errors the domain and services raise. Every message says what is wrong and where."""

from __future__ import annotations


class RetroError(Exception):
    """Base for every error the app reports to a person."""


class ValidationError(RetroError):
    """Input that cannot be accepted; ``field`` names where the problem is."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class RuleViolation(RetroError):
    """An edit that would break one of the retrospective's rules (e.g. the leader speaks first)."""


class NotFound(RetroError):
    """The retro or entity named does not exist (any more)."""


class StaleEditError(RetroError):
    """Somebody else changed this retro since it was loaded; the edit was refused, nothing overwritten."""

    def __init__(self, incident_title: str, expected: int, actual: int) -> None:
        super().__init__(
            f"“{incident_title}” was changed by someone else since you opened it "
            f"(your copy is version {expected}, the database has version {actual}). "
            "Your edit was not saved and nothing was overwritten: reload to see their changes."
        )
        self.expected = expected
        self.actual = actual
