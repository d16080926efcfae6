"""``python -m retro.report.samples OUTDIR``: the demo retro's postmortems, for looking at.

Writes ``internal.pdf``, ``public.pdf``, ``internal.md`` and ``public.md`` of the demo retro, and
``multilingual.pdf`` (every script in every field, :mod:`.multilingual`) into OUTDIR and, when
poppler's ``pdftoppm`` is installed, renders every PDF page to PNG in colour and in greyscale
(``internal-01.png``, ``grey-internal-01.png`` …) so a person can check the layout page by page.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

from retro.domain import Audience

from . import write_markdown, write_pdf


def write_samples(out_dir: Path, *, dpi: int = 80) -> list[Path]:
    """Write the sample reports (and page PNGs when possible); return every file written."""
    from retro.demo import build_demo_retro

    from .multilingual import multilingual_retro

    out_dir.mkdir(parents=True, exist_ok=True)
    retro = build_demo_retro()
    written: list[Path] = []
    pdftoppm = shutil.which("pdftoppm")
    cases = [(retro, Audience.INTERNAL, "internal"), (retro, Audience.PUBLIC, "public"),
             (multilingual_retro(), Audience.INTERNAL, "multilingual")]
    for retro, audience, name in cases:
        started = time.perf_counter()
        pdf = write_pdf(retro, out_dir / f"{name}.pdf", audience)
        print(f"{pdf}  ({(time.perf_counter() - started) * 1000:.0f} ms)", file=sys.stderr)
        written += [pdf, write_markdown(retro, out_dir / f"{name}.md", audience)]
        if pdftoppm:
            for old in [*out_dir.glob(f"{name}-*.png"), *out_dir.glob(f"grey-{name}-*.png")]:
                old.unlink()
            subprocess.run([pdftoppm, "-r", str(dpi), "-png", str(pdf), str(out_dir / name)], check=True)
            # greyscale too: categories and links must survive a black-and-white printer
            subprocess.run([pdftoppm, "-r", str(dpi), "-png", "-gray", str(pdf), str(out_dir / f"grey-{name}")], check=True)
            written += sorted(out_dir.glob(f"{name}-*.png")) + sorted(out_dir.glob(f"grey-{name}-*.png"))
    if not pdftoppm:
        print("pdftoppm not found (poppler-utils): PDFs written, no page images.", file=sys.stderr)
    return written


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m retro.report.samples OUTDIR", file=sys.stderr)
        return 2
    for path in write_samples(Path(argv[0])):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
