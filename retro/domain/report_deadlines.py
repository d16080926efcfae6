"""When the postmortems are due: the internal one 24 hours after resolution, the public one 72.

Kept apart from :mod:`retro.domain.lifecycle` (which says it too, from here) so the library's
summaries can read them without loading the lifecycle's durations and gaps at start-up.
"""

from __future__ import annotations

from datetime import timedelta

INTERNAL_REPORT_DUE = timedelta(hours=24)
PUBLIC_REPORT_DUE = timedelta(hours=72)
