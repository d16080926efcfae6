"""``retro insights [--json] [--since DATE] [--service S]`` (filled in with the insights work)."""

from __future__ import annotations

import argparse
from typing import Any


def add_parser(sub: Any) -> None:
    pass


def run(args: argparse.Namespace, store: Any) -> int:
    raise NotImplementedError
