"""``retro export --format pdf``: the internal PDF lists related past incidents, the public one never."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader

from .test_cli import run


def _text(path: Path) -> str:
    return " ".join(" ".join(page.extract_text() or "" for page in PdfReader(path).pages).split())


def test_the_cli_internal_pdf_lists_a_retro_sharing_its_factors(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    first, second = (run(db, "demo").stdout.strip() for _ in range(2))  # two retros, the same factors
    assert first != second
    internal, public = tmp_path / "internal.pdf", tmp_path / "public.pdf"
    assert run(db, "export", second, "--format", "pdf", "-o", str(internal)).returncode == 0
    assert run(db, "export", second, "--format", "pdf", "--audience", "public", "-o", str(public)).returncode == 0
    assert "Seen before: related incidents" in _text(internal)
    assert "Seen before" not in _text(public)
