"""Text colours for states, chosen to read on the light and the dark palette alike."""

from __future__ import annotations

#: Needs attention (a duration that cannot be given, a locked editor).
ATTENTION = "#C77800"
#: Wrong or late (a blocker, an overdue date, a speaker over time).
PROBLEM = "#D0342C"
#: Fine (ready to publish).
GOOD = "#2E9E5B"
#: The private-notes marking: a purple that shows on both palettes.
PRIVATE = "#9B7BD0"
