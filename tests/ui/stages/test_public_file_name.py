"""The canary retro's file names: a public report's suggested name never carries a person's name or
anything internal-only, while the internal one keeps the title as written (so the test can fail)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from retro.domain import Audience
from tests.retro.report.fixtures import INTERNAL_MARKERS, canary_retro
from ui.export_worker import ExportFormat
from ui.stages.export_names import suggested_name


@pytest.mark.parametrize("fmt", list(ExportFormat))
def test_a_public_file_name_names_no_one_and_nothing_internal(fmt: ExportFormat) -> None:
    canary = canary_retro()
    leader = INTERNAL_MARKERS["leader name"]
    retro = replace(canary, incident=replace(canary.incident, title=f"Search outage after {leader}'s deploy"))
    name = Path(suggested_name(retro, fmt)).name
    if fmt.audience is Audience.PUBLIC:
        for marker in INTERNAL_MARKERS.values():
            assert marker.casefold() not in name.casefold(), (marker, name)
        assert "ada" not in name.casefold()
    else:
        assert leader in name  # the internal report and the JSON document keep the title


def test_a_public_file_name_keeps_a_title_that_names_no_one() -> None:
    name = Path(suggested_name(canary_retro(), ExportFormat.PUBLIC_PDF)).name
    assert name == "Search-outage-on-the-storefront-public.pdf"
