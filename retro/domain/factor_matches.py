"""The facilitator's decisions on near-duplicate contributing factors ("Seen before"), given once.

A decision is about one pair: a factor of this retro and a factor of an earlier incident
(``(factor id, other incident id, other factor id)``), and says they are the same contributing
factor or not. It travels with the retro (the JSON document's ``factor_matches``) and wins over
the similarity score: a confirmed match is always shown first, a rejected one never again.
"""

from __future__ import annotations

from enum import StrEnum


class MatchDecision(StrEnum):
    SAME = "same"
    DIFFERENT = "different"


#: (this factor id, earlier incident id, earlier factor id)
MatchPair = tuple[str, str, str]
