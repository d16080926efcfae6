"""``retro wording [FILE|-]``: the blameless-language coach for drafts written in another tool.

Prints ``LINE:COL  phrase  question`` per finding (``FILE:LINE:COL`` when several files are given),
exit status 1 when anything is found, 0 when clean, 2 when a file cannot be read. Needs no database,
so it works as a pre-commit hook in a docs repository. In Markdown, code (fenced blocks, indented
blocks after a blank line, `inline code`) and link targets are not read as prose.
"""

from __future__ import annotations

import argparse
import bisect
import re
import sys

EXIT_CLEAN, EXIT_FOUND, EXIT_UNREADABLE = 0, 1, 2

_FENCE = re.compile(r"^( {0,3})(`{3,}|~{3,})")
_INLINE_CODE = re.compile(r"(`+)[^`\n]*?\1")
_LINK_TARGET = re.compile(r"\]\([^)\n]*\)|<https?://[^>\n]*>|https?://\S+")
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("wording", help="find hindsight and blame in a plain-text or Markdown draft "
                       "(exit 1 when found; no database needed)")
    p.add_argument("files", nargs="*", metavar="FILE", default=["-"],
                   help="files to check ('-' or nothing: standard input)")
    p.add_argument("--names", default="", metavar="A,B",
                   help="people's names, comma-separated, so sentences about them are read as about people")
    p.add_argument("--statement", action="store_true",
                   help="read as an accountability statement: first-person ownership is welcome")


def prose_only(text: str) -> str:
    """``text`` with Markdown code and link targets blanked out: same length, same line breaks."""
    out = list(text)

    def blank(start: int, end: int) -> None:
        for i in range(start, end):
            if out[i] != "\n":
                out[i] = " "

    pos, fence, prev_blank = 0, "", True
    for line in text.splitlines(keepends=True):
        end = pos + len(line)
        m = _FENCE.match(line)
        if fence:
            blank(pos, end)
            if m and m.group(2)[0] == fence[0] and len(m.group(2)) >= len(fence):
                fence = ""
        elif m:
            fence = m.group(2)
            blank(pos, end)
        elif prev_blank and (line.startswith("    ") or line.startswith("\t")):
            blank(pos, end)
            line = ""  # an indented block continues while lines stay indented
        prev_blank = not line.strip() or (prev_blank and line.startswith(("    ", "\t")))
        pos = end
    flat = "".join(out)
    for pattern in (_HTML_COMMENT, _INLINE_CODE, _LINK_TARGET):
        for m in pattern.finditer(flat):
            blank(m.start(), m.end())
    return "".join(out)


def line_col(line_starts: list[int], offset: int) -> tuple[int, int]:
    line = bisect.bisect_right(line_starts, offset) - 1
    return line + 1, offset - line_starts[line] + 1


def read(name: str) -> str:
    if name == "-":
        data = sys.stdin.buffer.read()
    else:
        with open(name, "rb") as handle:
            data = handle.read()
    return data.decode("utf-8-sig")


def run(args: argparse.Namespace) -> int:
    from .domain.wording import WordingContext, check_wording

    context = WordingContext.of([n for n in args.names.split(",") if n.strip()], ownership=args.statement)
    found = False
    unreadable = False
    several = len(args.files) > 1
    for name in args.files:
        try:
            text = read(name)
        except UnicodeDecodeError as exc:
            print(f"retro wording: {name}: not UTF-8 text (byte {exc.start + 1}): nothing checked",
                  file=sys.stderr)
            unreadable = True
            continue
        except OSError as exc:
            print(f"retro wording: {name}: {exc.strerror or exc}", file=sys.stderr)
            unreadable = True
            continue
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        starts = [0] + [m.end() for m in re.finditer("\n", text)]
        for finding in check_wording(prose_only(text), context):
            line, col = line_col(starts, finding.start)
            where = f"{'<stdin>' if name == '-' else name}:" if several else ""
            phrase = " ".join(finding.phrase.split())
            print(f"{where}{line}:{col}  {phrase}  {finding.question}")
            found = True
    if unreadable:
        return EXIT_UNREADABLE
    return EXIT_FOUND if found else EXIT_CLEAN
