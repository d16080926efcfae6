"""The people-matcher on a retro of 1,000 events and 30 participants of many scripts.

Ours: :class:`retro.domain.mentions.PeopleMatcher` finding every mention in every event text
(folding, one pre-filter and one expression per family of forms, e-mails, links and handles,
widening each hit).
The floor: one compiled regular expression of the 30 names, case-insensitive, run over the
same texts in the same run — the least a name search can cost in Python. The goal from issue 9
is an absolute one: ≤ 50 ms for the whole retro.
"""

from __future__ import annotations

import random
import re

from retro.domain.mentions import PeopleMatcher
from tests.benchmarks.table import Row, absolute_row, median_ms

EVENTS, PEOPLE, GOAL_MS = 1_000, 30, 50.0

_FIRST = ["Łukasz", "Jürgen", "Søren", "Tomáš", "Will", "Wei", "Siobhán", "Aiko", "Dmitri", "Mark", "Priya", "Zoë",
          "Ahmed", "Noa", "Olu", "Mateo", "Ingrid", "Rahul", "Kenji", "Fatima"]
_LAST = ["Kowalski", "Müller", "Ødegaard", "Dvořák", "Page", "Wu", "O'Brien", "Tanaka", "Ivanov", "May", "Sharma",
         "Ångström", "Haddad", "Levi", "Adeyemi", "García", "Berg", "Gupta", "Sato", "Khan"]
_WORDS = ("checkout", "proxy", "database", "alert", "page", "restart", "rollback", "pods", "latency", "will",
          "error", "config", "deploy", "customer", "ticket", "may", "escalate", "on-call", "mark", "pool")


def build(seed: int = 9) -> tuple[list[str], list[str]]:
    rng = random.Random(seed)
    people = [f"{rng.choice(_FIRST)} {rng.choice(_LAST)}" for _ in range(PEOPLE - 3)] + ["王小明", "김민수", "أحمد"]
    texts = []
    for i in range(EVENTS):
        words = [rng.choice(_WORDS) for _ in range(rng.randint(8, 16))]
        if i % 4 == 0:
            words.insert(rng.randrange(len(words)), rng.choice(people).split()[-1])
        texts.append(" ".join(words) + f" #{i}")
    return people, texts


def run() -> list[Row]:
    people, texts = build()
    matcher = PeopleMatcher(people)
    floor = re.compile("|".join(re.escape(p) for p in people), re.IGNORECASE)
    ours = median_ms(lambda: [matcher.find(t) for t in texts], repeat=7)
    base = median_ms(lambda: [floor.findall(t) for t in texts], repeat=7)
    build_ms = median_ms(lambda: PeopleMatcher(people), repeat=5)
    return [
        absolute_row(f"people-matcher: {EVENTS} events × {PEOPLE} participants", ours, base,
                     "one compiled regex of the names", GOAL_MS),
        absolute_row(f"people-matcher: build for {PEOPLE} participants", build_ms, None, "", GOAL_MS),
    ]
