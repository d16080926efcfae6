"""The findings strip under the workspace header: what is missing in the stage shown.

At most :data:`MAX_FINDINGS_SHOWN` findings, each with a "Show" link to the item it is about; when
nothing is missing, the stage's progress ("○ 2 of 5 contributing factors have an action") or a tick.
"""

from __future__ import annotations

import html

from retro.domain import Finding
from retro.domain.progress import StageProgress, StageState

MAX_FINDINGS_SHOWN = 4
#: The findings strip is this many text lines tall, whatever it holds.
FINDINGS_LINES = 3


def findings_text(findings: list[Finding], progress: StageProgress | None) -> str:
    """The strip's rich text for one stage's readiness ``findings`` and its ``progress``."""
    if not findings:
        if progress is not None and progress.state is not StageState.COMPLETE:
            return f"○ {html.escape(progress.text)}"
        return "✓ Nothing is missing in this stage."
    lines = []
    for f in findings[:MAX_FINDINGS_SHOWN]:
        mark = "■ Blocker" if f.is_blocker else "▲ Worth a look"
        text = html.escape(f.message)
        link = f' <a href="{html.escape(f.target_id)}">Show</a>' if f.target_id else ""
        lines.append(f"<b>{mark}:</b> {text}{link}")
    more = len(findings) - MAX_FINDINGS_SHOWN
    if more > 0:
        lines.append(f"… and {more} more (see the navigator's tooltip or Review &amp; export).")
    return "<br>".join(lines)
