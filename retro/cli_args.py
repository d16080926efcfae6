"""Command-line values that start with ``-``: ``retro list --search -checkout`` searches for "-checkout".

argparse reads a word starting with ``-`` after an option as another option, so a search for
"-checkout" (a service name, a negative number) fails with "expected one argument". Before
parsing, :func:`join_dash_values` writes such a pair as ``--search=-checkout``, which argparse
always reads as a value. Only options whose value is free text are joined, and not before a word
starting with ``--`` (``--search --json`` still says the search text is missing).
"""

from __future__ import annotations

from collections.abc import Sequence

#: Options whose value is free text, so it may well start with "-".
TEXT_OPTIONS = ("--search",)


def join_dash_values(argv: Sequence[str]) -> list[str]:
    """``argv`` with ``--search -x`` written as ``--search=-x`` (everything else unchanged)."""
    out: list[str] = []
    words = list(argv)
    i = 0
    while i < len(words):
        word = words[i]
        if word == "--":
            out.extend(words[i:])
            break
        following = words[i + 1] if i + 1 < len(words) else ""
        if word in TEXT_OPTIONS and following.startswith("-") and not following.startswith("--"):
            out.append(f"{word}={words[i + 1]}")
            i += 2
            continue
        out.append(word)
        i += 1
    return out
