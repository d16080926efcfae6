"""The stage editors, one module each, found by :func:`stage_view_class`."""

from __future__ import annotations

import importlib

from retro.domain import Stage

from ..stage_base import StageView

_STAGE_MODULES: dict[Stage, tuple[str, str]] = {
    Stage.SETUP: ("ui.stages.setup", "SetupStage"),
    Stage.GROUND_RULES: ("ui.stages.ground_rules", "GroundRulesStage"),
    Stage.TIMELINE: ("ui.stages.timeline", "TimelineStage"),
    Stage.FACTORS: ("ui.stages.factors", "FactorsStage"),
    Stage.ACCOUNTABILITY: ("ui.stages.accountability", "AccountabilityStage"),
    Stage.ACTIONS: ("ui.stages.actions", "ActionsStage"),
    Stage.REVIEW: ("ui.stages.review", "ReviewStage"),
}


def stage_view_class(stage: Stage) -> type[StageView]:
    """The editor class for ``stage`` (imported on first use, so start-up stays quick)."""
    module_name, class_name = _STAGE_MODULES[stage]
    module = importlib.import_module(module_name)
    cls: type[StageView] = getattr(module, class_name)
    return cls
