"""Every finding about a retro in one list: readiness, the graph's shape, and the public report.

* :func:`retro.domain.readiness` — what blocks publishing and what is worth a look;
* :func:`retro.analysis.analyse` — graph-shaped questions (a single chain, feedback loops, hubs);
* :func:`retro.report.public_findings` — names in public text, actions left out of the public report;
* :func:`retro.report.coverage.glyph_findings` — characters no bundled font can draw in the PDF.

The Review & export stage and ``retro check`` both show this list, so they always agree.
"""

from __future__ import annotations

from dataclasses import dataclass

from .domain import Finding, Level, Retro, Stage, readiness


@dataclass(frozen=True, slots=True)
class Findings:
    """Every finding about one state of a retro, each check run once (the app shares one per change)."""

    #: :func:`retro.domain.readiness`, in its order.
    readiness: tuple[Finding, ...]
    #: :func:`retro.analysis.analyse`, the graph-shaped findings.
    graph: tuple[Finding, ...]
    #: Everything once, blockers first, then in the order of the stages (:func:`all_findings`).
    all: tuple[Finding, ...]


def findings_of(retro: Retro) -> Findings:
    """Run every check once on ``retro``."""
    from .analysis import analyse
    from .report import public_findings
    from .report.coverage import glyph_findings

    ready = tuple(readiness(retro))
    graph = tuple(analyse(retro))
    findings = list(ready)
    seen = {(f.code, f.target_id) for f in findings}
    for extra in (*graph, *glyph_findings(retro)):
        if (extra.code, extra.target_id) not in seen:
            seen.add((extra.code, extra.target_id))
            findings.append(extra)
    # every mention is its own finding, even several in one field or one event (issue 9)
    findings += public_findings(retro)
    stages = list(Stage)
    findings.sort(key=lambda f: (f.level is not Level.BLOCKER, stages.index(f.stage)))
    return Findings(ready, graph, tuple(findings))


def all_findings(retro: Retro) -> list[Finding]:
    """Every finding once, blockers first, then in the order of the stages."""
    return list(findings_of(retro).all)
