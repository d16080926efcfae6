"""Text that is code stays code: pasted logs and stack traces, and URLs inside what people wrote.

* :func:`blocks` cuts a text into prose and code: a ```` ``` ```` fence, or two or more lines in
  a row that look like a log or a stack trace (timestamps, ``at com.x(…)``, ``File "…", line``,
  indented lines, ``ERROR``/``WARN`` levels, shell prompts).
* :func:`prose_markup` is Paragraph markup for prose with every http(s) URL a live link.
* :func:`code_markup` is monospace markup that keeps line breaks and leading spaces.
* :func:`urls` lists the URLs of a text, for the report's appendix of links.
* :func:`shorten` cuts a long or code-like text to one line for an evidence bullet.
"""

from __future__ import annotations

import re

from .text import escape, inline, para

_URL = re.compile(r"\b(?:https?|ftp)://[^\s<>\"'`]+|\bmailto:[^\s<>\"'`]+", re.IGNORECASE)
_TRAILING = ".,;:!?)]}'\"»"
_FENCE = re.compile(r"^\s*```")
_CODE_LINE = re.compile(
    r"""^(
        \s{2,}\S                                           # indented
      | \t
      | \s*at\s+[\w$.<>/]+\(.*\)\s*$                       # Java / JS stack frame
      | \s*File\s+".+",\s+line\s+\d+                       # Python stack frame
      | Traceback\s\(most\srecent\scall\slast\)
      | \s*\d{4}-\d{2}-\d{2}[T\s]\d{2}:\d{2}(:\d{2})?       # ISO timestamp log line
      | \s*\[?\d{2}:\d{2}:\d{2}([.,]\d+)?\]?\s             # time-of-day log line
      | \s*\[?(TRACE|DEBUG|INFO|WARN|WARNING|ERROR|FATAL|CRITICAL)\]?[\s:]
      | \s*[$#>]\s+\S                                      # shell prompt
      | \s*[\w.]+(Error|Exception)(:|\s*$)                 # exception line
      | \s*Caused\sby:
      | \s*[{}\[\]]\s*,?$                                  # JSON braces
      | \s*"[\w-]+"\s*:\s                                  # JSON key
    )""",
    re.VERBOSE,
)
_NEWLINES = re.compile(r"\r\n|\r|\n|\u2028|\u2029")


def urls(text: str) -> list[str]:
    """The URLs in ``text``, in order, without trailing punctuation."""
    return [_trim(m.group(0)) for m in _URL.finditer(text)]


def _trim(url: str) -> str:
    while url and url[-1] in _TRAILING:
        # keep a closing bracket that belongs to the URL, as in …/wiki/Foo_(bar)
        if url[-1] == ")" and url.count("(") >= url.count(")"):
            break
        url = url[:-1]
    return url


def prose_markup(text: str, *, one_line: bool = False) -> str:
    """Markup for prose (line breaks kept unless ``one_line``) with URLs as live links."""
    render = inline if one_line else para
    out: list[str] = []
    last = 0
    for match in _URL.finditer(text):
        url = _trim(match.group(0))
        start, end = match.start(), match.start() + len(url)
        out.append(render(text[last:start]))
        href = escape(url).replace('"', "&quot;")
        out.append(f'<a href="{href}" color="#0b57d0">{inline(url)}</a>')
        last = end
    out.append(render(text[last:]))
    return "".join(out)


def is_code_line(line: str) -> bool:
    return bool(_CODE_LINE.match(line))


def blocks(text: str) -> list[tuple[str, str]]:
    """``text`` as ``("prose" | "code", text)`` parts, in order."""
    lines = _NEWLINES.split(text)
    parts: list[tuple[str, list[str]]] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if _FENCE.match(line):
            j = i + 1
            while j < len(lines) and not _FENCE.match(lines[j]):
                j += 1
            parts.append(("code", lines[i + 1 : j]))
            i = j + 1
            continue
        if is_code_line(line):
            j = i
            while j < len(lines) and (is_code_line(lines[j]) or _blank_inside(lines, j)):
                j += 1
            if j - i >= 2:
                parts.append(("code", lines[i:j]))
                i = j
                continue
        if parts and parts[-1][0] == "prose":
            parts[-1][1].append(line)
        else:
            parts.append(("prose", [line]))
        i += 1
    out = []
    for kind, chunk in parts:
        joined = "\n".join(chunk)
        if kind == "prose":
            joined = joined.strip("\n")
        if joined.strip():
            out.append((kind, joined))
    return out


def _blank_inside(lines: list[str], j: int) -> bool:
    """A blank line between two code lines belongs to the block."""
    return not lines[j].strip() and j + 1 < len(lines) and is_code_line(lines[j + 1])


def has_code(text: str) -> bool:
    """Whether ``text`` holds a pasted log, stack trace or fenced block (cheap for one-line text)."""
    if "\n" not in text and "\r" not in text:
        return False
    return any(kind == "code" for kind, _ in blocks(text))


def code_markup(text: str) -> str:
    """Monospace-ready markup: line breaks kept, leading spaces kept (as no-break spaces)."""
    out = []
    for line in _NEWLINES.split(text.expandtabs(4)):
        stripped = line.lstrip(" ")
        out.append("\u00a0" * (len(line) - len(stripped)) + escape(stripped))
    return "<br/>".join(out)


def shorten(text: str, limit: int = 140) -> tuple[str, bool]:
    """The first line of ``text`` cut to ``limit`` characters; True when something was left out."""
    lines = [line for line in _NEWLINES.split(text) if line.strip()]
    first = lines[0].strip() if lines else ""
    cut = len(lines) > 1 or len(first) > limit
    if len(first) > limit:
        first = first[: limit - 1].rstrip() + "…"
    elif cut:
        first += " …"
    return first, cut
