"""Shared fixtures for the report tests: the reports of the canary and demo retros, built once."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

from retro.domain import Audience, Retro
from retro.report import render_markdown, write_pdf
from retro.report.fonts import forget_fonts

from .fixtures import canary_retro


def pdf_text(path: Path) -> str:
    """All text pypdf extracts from the PDF, page after page."""
    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


@pytest.fixture(scope="session")
def canary() -> Retro:
    return canary_retro()


@pytest.fixture(scope="session")
def canary_reports(canary: Retro, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The canary retro's four reports as text: ``internal.pdf``, ``public.pdf``, ``internal.md``, ``public.md``."""
    folder = tmp_path_factory.mktemp("canary")
    texts: dict[str, str] = {}
    for audience in Audience:
        texts[f"{audience.value}.pdf"] = pdf_text(write_pdf(canary, folder / f"{audience.value}.pdf", audience))
        texts[f"{audience.value}.md"] = render_markdown(canary, audience)
    return texts


@pytest.fixture(scope="session")
def demo_pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[Audience, Path]:
    from retro.demo import build_demo_retro

    folder = tmp_path_factory.mktemp("demo")
    retro = build_demo_retro()
    return {a: write_pdf(retro, folder / f"{a.value}.pdf", a) for a in Audience}


@pytest.fixture
def fresh_fonts() -> Iterator[None]:
    """Forget the registered font coverage before and after (for tests that move the fonts)."""
    forget_fonts()
    yield
    forget_fonts()
