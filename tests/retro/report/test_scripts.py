"""Every script a team writes in renders and extracts from the PDF as typed (issue 12)."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from retro.checks import all_findings
from retro.domain import Audience
from retro.report import scripts as bidi
from retro.report import write_pdf
from retro.report.coverage import glyph_findings, missing_characters
from retro.report.fonts import ARABIC_BOLD, DEVANAGARI, HEBREW, KOREAN, SANS_BOLD, font_folder, report_fonts
from retro.report.multilingual import SCRIPTS, multilingual_retro
from retro.report.paragraphs import Paragraph
from retro.report.styles import styles

from .fixtures import minimal_retro

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils (packaging/system-deps.sh)")

_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufe0f\u00ad]")


def normalised(text: str) -> str:
    """What shaping may change: presentation forms (NFKC), direction marks, spacing."""
    text = _INVISIBLE.sub("", unicodedata.normalize("NFKC", text))
    return re.sub(r"\s+", " ", text).strip()


_RTL = "\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc"
_RUNS = re.compile(f"[{_RTL}](?:[{_RTL}\\s]*[{_RTL}])?|[^{_RTL}]+")


def runs(text: str) -> list[str]:
    """``text`` cut where the direction changes, each run without the neutral punctuation at its ends.

    A PDF reader gives each run of one direction in logical order; the order of runs of different
    directions on one line is the reader's guess (poppler follows the page's main direction), so
    the tests look for each run, as typed.
    """
    out = []
    for run in _RUNS.findall(normalised(text)):
        run = run.strip(" ()<>&.,:;—·-")
        if run:
            out.append(run)
    return out


def found(text: str, body: str) -> bool:
    return all(run in body for run in runs(text))


def extracted(path: Path) -> str:
    """The text a PDF reader (poppler) gives for search and copy: logical order, ActualText."""
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def multilingual_text(tmp_path_factory: pytest.TempPathFactory) -> dict[Audience, str]:
    folder = tmp_path_factory.mktemp("scripts")
    retro = multilingual_retro()
    return {a: extracted(write_pdf(retro, folder / f"{a.value}.pdf", a)) for a in Audience}


@pytest.mark.parametrize("script", list(SCRIPTS))
def test_every_script_extracts_as_typed_from_the_internal_report(script: str, multilingual_text: dict[Audience, str]) -> None:
    text = normalised(multilingual_text[Audience.INTERNAL])
    name, sentence = SCRIPTS[script]
    assert found(name, text)  # participants, action owners, statements' speakers
    assert found(f"{sentence} ({script})", text)  # timeline event
    assert found(f"{sentence}. ({script})", text)  # accountability statement
    assert found(f"{sentence} — {script}", text)  # action title
    assert found(f"{script}: {sentence}", text)  # factor and action descriptions
    if not any("\u0590" <= c <= "\u08ff" for c in sentence):
        assert normalised(f"{sentence} ({script})") in text  # one direction: the whole string as typed
    assert "[U+" not in multilingual_text[Audience.INTERNAL]


def test_review_answers_and_lessons_in_every_script(multilingual_text: dict[Audience, str]) -> None:
    text = normalised(multilingual_text[Audience.INTERNAL])
    for _, sentence in SCRIPTS.values():
        assert text.count(normalised(sentence)) >= 5, sentence


def test_the_public_report_keeps_every_script_too(multilingual_text: dict[Audience, str]) -> None:
    text = normalised(multilingual_text[Audience.PUBLIC])
    for script, (_, sentence) in SCRIPTS.items():
        assert found(f"{sentence} ({script})", text)
    assert "[U+" not in multilingual_text[Audience.PUBLIC]


def test_hebrew_extracts_in_logical_order_not_reversed(tmp_path: Path) -> None:
    name = "שרה כהן"
    text = extracted(write_pdf(minimal_retro(summary=f"Owner {name} fixed it (ticket 42)."), tmp_path / "r.pdf", Audience.INTERNAL))
    assert found(f"Owner {name} fixed it (ticket 42).", normalised(text))
    assert name in text and name[::-1] not in text


def test_a_long_arabic_statement_wraps_in_reading_order(tmp_path: Path) -> None:
    words = ["كلمة", "أخرى", "هنا", "وهناك"] * 30
    text = extracted(write_pdf(minimal_retro(summary=" ".join(words)), tmp_path / "r.pdf", Audience.INTERNAL))
    lines = [normalised(line) for line in text.splitlines() if "كلمة" in normalised(line) or "وهناك" in normalised(line)]
    assert len(lines) >= 2
    joined = " ".join(lines)
    assert normalised(" ".join(words[:8])) in joined  # the first line starts with the first words


def test_bold_text_uses_the_bold_face_of_each_script() -> None:
    report_fonts()
    paragraph = Paragraph("محمد and 김민준", styles().h1)
    faces = {f.fontName for f in paragraph.frags}
    assert ARABIC_BOLD in faces and SANS_BOLD in faces and KOREAN in faces


def test_runs_keep_marks_with_their_letters() -> None:
    fonts = report_fonts()
    runs = bidi.font_runs("e\u0301 हिन्दी שָׁלוֹם", "RetroSans", fonts)
    assert ("RetroSans", "e\u0301 ") in runs
    assert (DEVANAGARI, "हिन्दी") in runs
    assert (HEBREW, "שָׁלוֹם") in runs


@pytest.mark.parametrize(
    ("logical", "drawn"),
    [
        ("abc", "abc"),
        ("שלום", "םולש"),
        ("Owner: שרה כהן, done", "Owner: ןהכ הרש, done"),
        ("שרה (כהן)", "(ןהכ) הרש"),
        ("גרסה 2.5 עלתה", "התלע 2.5 הסרג"),
        ("משתמש ABC ירד", "דרי ABC שמתשמ"),
    ],
)
def test_bidi_draws_lines_in_visual_order(logical: str, drawn: str) -> None:
    assert bidi.visual(logical) == drawn


def test_the_coverage_file_matches_the_bundled_fonts() -> None:
    ttlib = pytest.importorskip("fontTools.ttLib")
    codes: set[int] = set()
    for path in font_folder().glob("*.ttf"):
        codes |= set(ttlib.TTFont(path, lazy=True).getBestCmap())
    fonts = report_fonts()
    assert codes == set().union(*fonts.coverage.values()) - {0xFFFF}
    sample = [c for c in sorted(codes) if unicodedata.category(chr(c)) not in ("Cc", "Cn", "Co", "Cs")][::97]
    assert all(not missing_characters(chr(c)) for c in sample)


def test_a_character_no_font_has_is_a_finding_naming_the_field() -> None:
    retro = minimal_retro(summary="Build \U00013000 failed")
    found = glyph_findings(retro)
    assert len(found) == 1 and "U+13000" in found[0].message and "summary" in found[0].message
    assert any(f.code == "missing-glyph" for f in all_findings(retro))
    assert glyph_findings(multilingual_retro()) == []


mixed = st.lists(
    st.sampled_from([*(n for n, _ in SCRIPTS.values()), *(s for _, s in SCRIPTS.values()), " ", "\n", "(", ")", "12", "<b>", "&"]),
    min_size=1,
    max_size=8,
).map(" ".join)


@given(mixed)
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_mix_of_scripts_extracts_word_for_word(tmp_path: Path, text: str) -> None:
    out = extracted(write_pdf(minimal_retro(summary=text), tmp_path / "r.pdf", Audience.INTERNAL))
    body = normalised(out)
    for word in normalised(text).split():
        assert found(word, body), word
    assert "[U+" not in out


@given(st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30))
@settings(max_examples=300, deadline=None)
def test_the_fast_path_only_takes_text_the_face_draws_itself(text: str) -> None:
    """Text that skips the font runs is exactly text whose runs would be one run in its own face."""
    fonts = report_fonts()
    for face in ("RetroSans", SANS_BOLD):
        if bidi.drawn_as_is(text, face, fonts):
            assert bidi.font_runs(text, face, fonts) == ([(face, text)] if text else [])
            assert not bidi.has_rtl(text)


@pytest.mark.parametrize("text", ["Zoë Ångström, Łódź — “quoted” …", "Ελληνικά και Кириллица", "e\u0301"])
def test_latin_greek_and_cyrillic_take_the_fast_path(text: str) -> None:
    assert bidi.drawn_as_is(text, "RetroSans", report_fonts())
    assert [f.fontName for f in Paragraph(text, styles().body).frags] == ["RetroSans"]


@pytest.mark.parametrize("text", ["Zoë שלום", "a 😀", "x\tb", "नमस्ते", "김민준", "محمد"])
def test_other_scripts_do_not_take_the_fast_path(text: str) -> None:
    assert not bidi.drawn_as_is(text, "RetroSans", report_fonts())
