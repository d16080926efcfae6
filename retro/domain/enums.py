"""Enumerations of the retrospective's vocabulary.

Every enum is a ``StrEnum`` whose value is the stable token stored in the database and in the
JSON document; ``label`` is the human text the app and reports show.
"""

from __future__ import annotations

from enum import StrEnum


class _Labelled(StrEnum):
    """A ``StrEnum`` whose members carry a human label."""

    @property
    def label(self) -> str:
        # Keyed by (class, value), never by the member: StrEnum members of different enums with the
        # same value are equal and hash alike (EventKind.ACTION == ParkingResolution.ACTION == "action").
        key = (type(self), self.value)
        try:  # asked once per row of every table: worked out once per member
            return _LABEL_CACHE[key]
        except KeyError:
            text = _LABEL_CACHE[key] = _LABELS.get(key, self.value.replace("_", " ").capitalize())
            return text

    @classmethod
    def parse(cls, text: str) -> _Labelled:
        """Return the member whose value or label matches ``text`` (case-insensitive)."""
        wanted = text.strip().lower().replace("-", "_").replace(" ", "_")
        for member in cls:
            if wanted in (member.value, member.label.lower().replace(" ", "_")):
                return member
        choices = ", ".join(m.value for m in cls)
        raise ValueError(f"{text!r} is not a {cls.__name__}; choose one of: {choices}")


class Severity(_Labelled):
    """How bad the incident was for customers."""

    SEV1 = "sev1"
    SEV2 = "sev2"
    SEV3 = "sev3"
    SEV4 = "sev4"

    @property
    def description(self) -> str:
        return _SEVERITY_DESCRIPTIONS[self]


class IncidentStatus(_Labelled):
    """Where the retrospective is in its life: draft → in review → reviewed → published."""

    DRAFT = "draft"
    IN_REVIEW = "in_review"
    REVIEWED = "reviewed"
    PUBLISHED = "published"


class Role(_Labelled):
    """A role a participant held in the incident or holds in the retrospective."""

    FACILITATOR = "facilitator"
    INCIDENT_COMMANDER = "incident_commander"
    COMMUNICATIONS_LEAD = "communications_lead"
    SCRIBE = "scribe"
    LEADER = "leader"
    RESPONDER = "responder"
    OBSERVER = "observer"
    APPROVER = "approver"  # signs the postmortem off (named on the internal report's cover)


class EventKind(_Labelled):
    """What kind of moment a timeline event records."""

    ALERT = "alert"
    DETECTION = "detection"
    ESCALATION = "escalation"
    DECISION = "decision"
    ACTION = "action"
    COMMUNICATION = "communication"
    MITIGATION = "mitigation"
    RESOLUTION = "resolution"
    CUSTOMER_REPORT = "customer_report"
    DEPLOY = "deploy"
    OBSERVATION = "observation"


class Audience(_Labelled):
    """Who may read a piece of the retrospective."""

    INTERNAL = "internal"
    PUBLIC = "public"


class FactorCategory(_Labelled):
    """The kind of contributing factor, used to widen the room's view past technology."""

    TECHNOLOGY = "technology"
    PROCESS = "process"
    ORGANISATION = "organisation"
    HUMAN_FACTORS = "human_factors"
    EXTERNAL = "external"


class ActionType(_Labelled):
    """What an action item improves (Google SRE template)."""

    DETECT = "detect"
    MITIGATE = "mitigate"
    PREVENT = "prevent"


class Horizon(_Labelled):
    """Whether an action is a quick mitigation or the durable fix."""

    FIX_FOR_NOW = "fix_for_now"
    FIX_FOR_REAL = "fix_for_real"


class Priority(_Labelled):
    """How soon an action item matters."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class ActionStatus(_Labelled):
    """Follow-through state of an action item."""

    OPEN = "open"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    WONT_DO = "wont_do"

    @property
    def is_closed(self) -> bool:
        return self in (ActionStatus.DONE, ActionStatus.WONT_DO)


class Stage(_Labelled):
    """The stages the facilitator walks the room through, in order."""

    SETUP = "setup"
    GROUND_RULES = "ground_rules"
    TIMELINE = "timeline"
    FACTORS = "factors"
    ACCOUNTABILITY = "accountability"
    ACTIONS = "actions"
    REVIEW = "review"


class ParkingResolution(_Labelled):
    """What became of a parking-lot item (issue 11): still open, or what the room turned it into."""

    OPEN = "open"
    ACTION = "action"
    FACTOR = "factor"
    QUESTION = "question"
    DROPPED = "dropped"


_SEVERITY_DESCRIPTIONS = {
    Severity.SEV1: "Critical: a major outage or data loss for many customers; all hands until mitigated.",
    Severity.SEV2: "Major: a key feature down or badly degraded for a significant share of customers.",
    Severity.SEV3: "Minor: limited customer impact, or a workaround exists.",
    Severity.SEV4: "Low: little or no customer impact; a near miss worth learning from.",
}


def _key(member: StrEnum) -> tuple[type[StrEnum], str]:
    return (type(member), member.value)


_LABELS: dict[tuple[type[StrEnum], str], str] = {
    _key(ParkingResolution.ACTION): "Turned into an action",
    _key(ParkingResolution.FACTOR): "Turned into a factor",
    _key(ParkingResolution.QUESTION): "Open question",
    _key(Severity.SEV1): "SEV1",
    _key(Severity.SEV2): "SEV2",
    _key(Severity.SEV3): "SEV3",
    _key(Severity.SEV4): "SEV4",
    _key(IncidentStatus.IN_REVIEW): "In review",
    _key(Role.INCIDENT_COMMANDER): "Incident commander",
    _key(Role.COMMUNICATIONS_LEAD): "Communications lead",
    _key(Role.LEADER): "Manager / leader",
    _key(EventKind.CUSTOMER_REPORT): "Customer report",
    _key(Audience.INTERNAL): "Internal only",
    _key(FactorCategory.ORGANISATION): "Organisation",
    _key(FactorCategory.HUMAN_FACTORS): "Environment / human factors",
    _key(Horizon.FIX_FOR_NOW): "Fix for now",
    _key(Horizon.FIX_FOR_REAL): "Fix for real",
    _key(ActionStatus.IN_PROGRESS): "In progress",
    _key(ActionStatus.WONT_DO): "Won't do",
    _key(Stage.GROUND_RULES): "Ground rules",
    _key(Stage.FACTORS): "Contributing factors",
    _key(Stage.REVIEW): "Review & export",
}

_LABEL_CACHE: dict[tuple[type[StrEnum], str], str] = {}
