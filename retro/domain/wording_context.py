"""What the wording coach knows of a retro: people's names, and whether the first person is welcome."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from . import wording_words as w


@dataclass(frozen=True, slots=True)
class WordingContext:
    """What the coach knows of the retro: people's names, and whether the first person is welcome."""

    names: frozenset[str] = frozenset()
    ownership: bool = False  # an accountability statement: "I/we decided …" is ownership

    @classmethod
    def of(cls, names: Iterable[str] = (), *, ownership: bool = False) -> WordingContext:
        parts: set[str] = set()
        for name in names:
            for part in re.findall(r"[^\W\d_][\w'’.-]*", name.casefold()):
                part = part.strip(".'’")
                if len(part) >= 2 and part not in w.NOT_NAMES:
                    parts.add(part)
        return cls(frozenset(parts), ownership)

    def owned(self) -> WordingContext:
        return WordingContext(self.names, True)


PLAIN = WordingContext()
