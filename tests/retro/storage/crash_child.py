"""Child process for the crash-safety test: edit a retro forever, announcing each committed edit.

``python crash_child.py URL INCIDENT_ID`` prints ``KIND ID`` right after ``RetroStore.apply``
returns, so everything printed was reported to the person as done. The parent kills it at a
random moment and checks that every announced edit is on disk.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from datetime import UTC, datetime

from retro.domain import Edit, Factor, TimelineEvent, new_id
from retro.services import RetroStore


def main(url: str, incident_id: str) -> None:
    store = RetroStore(url)
    version = store.current_version(incident_id)
    n = 0
    while True:
        n += 1
        event = TimelineEvent(new_id(), datetime.now(UTC), f"Crash trial edit {n}: pool exhausted again")
        upsert: list[object] = [event]
        if n % 3 == 0:
            upsert.append(Factor(new_id(), f"Factor {n}", description="written " * 50))
        edit = Edit.of(upsert=upsert)  # type: ignore[arg-type]
        if n % 5 == 0:
            incident = store.load(incident_id).incident
            edit = replace(edit, incident=replace(incident, summary=f"Summary after {n} edits"))
        version = store.apply(incident_id, version, edit).version
        print(f"TimelineEvent {event.id}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
