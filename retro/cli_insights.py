"""``retro insights [--json] [--since DATE] [--service S] [--by month|quarter] [--pdf FILE]``."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-01-01") from None


def add_parser(sub: Any) -> None:
    p = sub.add_parser("insights", help="is the team learning? times to detect/mitigate/resolve, actions done, "
                       "reports on time, factors that come back")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--since", type=_date, metavar="DATE", help="only incidents on or after DATE (YYYY-MM-DD)")
    p.add_argument("--service", metavar="S", help="only incidents of this service")
    p.add_argument("--by", choices=["month", "quarter"], default="quarter", help="period for medians")
    p.add_argument("--pdf", type=Path, metavar="FILE", help="also write the learning review PDF to FILE")


def run(args: argparse.Namespace, store: Any) -> int:
    from .analysis.insights import Period
    from .analysis.insights_text import insights_json, insights_lines

    ins = store.insights(since=args.since, service=args.service, period=Period(args.by))
    if args.pdf is not None:
        from .report.learning_review import write_learning_review

        print(write_learning_review(ins, args.pdf), file=sys.stderr)
    if args.json:
        print(json.dumps(insights_json(ins), ensure_ascii=False, indent=2))
    else:
        print("\n".join(insights_lines(ins)))
    return 0
