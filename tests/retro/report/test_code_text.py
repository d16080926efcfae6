"""Pasted logs stay logs, URLs in what people wrote are links, printed copies get every URL whole."""

from __future__ import annotations

import subprocess
from dataclasses import replace
from pathlib import Path

from pypdf import PdfReader

from retro.domain import Audience
from retro.report import write_pdf
from retro.report.audience import for_audience
from retro.report.code_text import blocks, shorten, urls
from retro.report.pdf_appendix import link_list

from .fixtures import canary_retro, minimal_retro

TRACE = """Checkout failed after the deploy:
Traceback (most recent call last):
  File "/srv/app/pool.py", line 88, in acquire
    conn = self._queue.get(timeout=5)
queue.Empty: pool exhausted
The pool was full."""


def test_a_stack_trace_is_cut_out_as_code_and_keeps_its_lines() -> None:
    parts = blocks(TRACE)
    assert [kind for kind, _ in parts] == ["prose", "code", "prose"]
    assert parts[1][1].splitlines()[1] == '  File "/srv/app/pool.py", line 88, in acquire'


def test_ordinary_prose_is_not_code() -> None:
    text = "We rolled back at 10:02.\nThen the error rate fell.\n\nNobody was paged."
    assert [kind for kind, _ in blocks(text)] == ["prose"]


def test_urls_are_found_without_trailing_punctuation() -> None:
    assert urls("See https://grafana.example.com/d/x?a=1, and (https://wiki.example.com/Foo_(bar)).") == [
        "https://grafana.example.com/d/x?a=1",
        "https://wiki.example.com/Foo_(bar)",
    ]


def test_shorten_points_at_the_full_text() -> None:
    short, cut = shorten(TRACE)
    assert short == "Checkout failed after the deploy: …" and cut
    assert shorten("one line") == ("one line", False)


def test_the_pdf_prints_the_trace_in_monospace_with_line_breaks_and_links(tmp_path: Path) -> None:
    retro = minimal_retro(summary=TRACE + "\nDashboard: https://grafana.example.com/d/pool-exhausted")
    path = write_pdf(retro, tmp_path / "r.pdf", Audience.INTERNAL)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    lines = [line.strip() for line in text.splitlines()]
    assert 'File "/srv/app/pool.py", line 88, in acquire' in lines
    assert "conn = self._queue.get(timeout=5)" in lines
    reader = PdfReader(path)
    uris = [a.get_object()["/A"]["/URI"] for p in reader.pages for a in p.get("/Annots", []) if "/A" in a.get_object()]
    assert "https://grafana.example.com/d/pool-exhausted" in uris
    mono = {str(f.get_object()["/BaseFont"]) for p in reader.pages for f in p["/Resources"]["/Font"].values()}
    assert any("Mono" in name for name in mono)
    assert "Links in full" in text and "https://grafana.example.com/d/pool-exhausted" in text


def test_the_public_appendix_lists_only_public_links() -> None:
    retro = canary_retro()
    retro.incident = replace(retro.incident, summary="See https://status.example.com/incidents/1")
    public = [url for _, url in link_list(for_audience(retro, Audience.PUBLIC), Audience.PUBLIC)]
    internal = [url for _, url in link_list(retro, Audience.INTERNAL)]
    assert any("canaryevidencehost" in url for url in internal)
    assert "https://status.example.com/incidents/1" in public
    assert not any("canaryevidencehost" in url or "CANARYTICKET" in url for url in public)
