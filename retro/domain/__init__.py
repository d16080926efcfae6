"""The retrospective's domain: plain typed values and pure rules. No Qt, no SQLAlchemy.

Names are imported from their module on first use (PEP 562), so ``from retro.domain import
Severity`` loads the enums alone: the ``retro list`` command and the app's first paint do not
pay for the wording coach, the readiness rules and the entities they never touch.
"""

from __future__ import annotations

import sys
from importlib import import_module
from types import ModuleType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .accountability import (
        accountability_problems,
        check_accountability,
        check_can_record,
        leader_has_spoken,
        lock_reason,
        next_order,
    )
    from .blame import BlameHint, blame_hints
    from .entities import (
        AccountabilityStatement,
        ActionItem,
        Entity,
        EntityRef,
        Factor,
        FactorEvidence,
        FactorLink,
        Impact,
        Incident,
        ParkingItem,
        Participant,
        PrivateNote,
        ReviewAnswer,
        TimelineEvent,
        new_id,
    )
    from .enums import (
        ActionStatus,
        ActionType,
        Audience,
        EventKind,
        FactorCategory,
        Horizon,
        IncidentStatus,
        ParkingResolution,
        Priority,
        Role,
        Severity,
        Stage,
    )
    from .errors import NotFound, RetroError, RuleViolation, StaleEditError, ValidationError
    from .kinds import ENTITY_TYPES, KINDS, Kind, kind_of
    from .lifecycle import (
        Duration,
        SilentGap,
        default_action_due,
        format_timedelta,
        internal_report_due,
        key_durations,
        lifecycle_problems,
        public_report_due,
        silent_gap_threshold,
        silent_gaps,
    )
    from .readiness import Finding, Level, readiness
    from .retro import Changes, Edit, Retro
    from .review import REVIEW_QUESTIONS, ReviewQuestion

#: Where each name lives.
_HOME = {
    "accountability_problems": "accountability",
    "check_accountability": "accountability",
    "check_can_record": "accountability",
    "leader_has_spoken": "accountability",
    "lock_reason": "accountability",
    "next_order": "accountability",
    "BlameHint": "blame",
    "blame_hints": "blame",
    "ENTITY_TYPES": "kinds",
    "KINDS": "kinds",
    "Kind": "kinds",
    "kind_of": "kinds",
    "AccountabilityStatement": "entities",
    "ActionItem": "entities",
    "Entity": "entities",
    "EntityRef": "entities",
    "Factor": "entities",
    "FactorEvidence": "entities",
    "FactorLink": "entities",
    "Impact": "entities",
    "Incident": "entities",
    "ParkingItem": "entities",
    "Participant": "entities",
    "PrivateNote": "entities",
    "ReviewAnswer": "entities",
    "TimelineEvent": "entities",
    "new_id": "entities",
    "ActionStatus": "enums",
    "ActionType": "enums",
    "Audience": "enums",
    "EventKind": "enums",
    "FactorCategory": "enums",
    "Horizon": "enums",
    "IncidentStatus": "enums",
    "ParkingResolution": "enums",
    "Priority": "enums",
    "Role": "enums",
    "Severity": "enums",
    "Stage": "enums",
    "NotFound": "errors",
    "RetroError": "errors",
    "RuleViolation": "errors",
    "StaleEditError": "errors",
    "ValidationError": "errors",
    "Duration": "lifecycle",
    "SilentGap": "lifecycle",
    "default_action_due": "lifecycle",
    "format_timedelta": "lifecycle",
    "internal_report_due": "lifecycle",
    "key_durations": "lifecycle",
    "lifecycle_problems": "lifecycle",
    "public_report_due": "lifecycle",
    "silent_gap_threshold": "lifecycle",
    "silent_gaps": "lifecycle",
    "Finding": "readiness",
    "Level": "readiness",
    "readiness": "readiness",
    "Changes": "retro",
    "Edit": "retro",
    "Retro": "retro",
    "REVIEW_QUESTIONS": "review",
    "ReviewQuestion": "review",
}


def __getattr__(name: str) -> Any:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f".{home}", __name__), name)
    globals()[name] = value  # found once; later look-ups are plain attribute reads
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


class _Domain(ModuleType):
    """The package; ``readiness`` stays the function even once its module of the same name loads.

    Importing a submodule sets it as an attribute of its package; ``retro.domain.readiness`` the
    module would then hide ``retro.domain.readiness`` the rule everyone imports by that name.
    """

    def __setattr__(self, name: str, value: Any) -> None:
        if name == "readiness" and isinstance(value, ModuleType):
            value = value.readiness
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Domain


__all__ = [
    "ENTITY_TYPES",
    "KINDS",
    "REVIEW_QUESTIONS",
    "AccountabilityStatement",
    "ActionItem",
    "ActionStatus",
    "ActionType",
    "Audience",
    "BlameHint",
    "Changes",
    "Duration",
    "Edit",
    "Entity",
    "EntityRef",
    "EventKind",
    "Factor",
    "FactorCategory",
    "FactorEvidence",
    "FactorLink",
    "Finding",
    "Horizon",
    "Impact",
    "Incident",
    "IncidentStatus",
    "Kind",
    "Level",
    "NotFound",
    "ParkingItem",
    "ParkingResolution",
    "Participant",
    "Priority",
    "PrivateNote",
    "Retro",
    "RetroError",
    "ReviewAnswer",
    "ReviewQuestion",
    "Role",
    "RuleViolation",
    "Severity",
    "SilentGap",
    "Stage",
    "StaleEditError",
    "TimelineEvent",
    "ValidationError",
    "accountability_problems",
    "blame_hints",
    "check_accountability",
    "check_can_record",
    "default_action_due",
    "format_timedelta",
    "internal_report_due",
    "key_durations",
    "kind_of",
    "leader_has_spoken",
    "lifecycle_problems",
    "lock_reason",
    "new_id",
    "next_order",
    "public_report_due",
    "readiness",
    "silent_gap_threshold",
    "silent_gaps",
]
