"""The wording coach: precision and recall on our labelled corpus, and its speed beside one regex.

Quality rows carry the figure itself in ``ours_ms`` (a fraction, not a time) beside what the ten
stock phrases the app had before scored on the same sentences; the speed row checks a 2,000-character
text against a floor of one compiled regex scanning the same text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from retro.domain.wording import WordingContext, check_wording
from tests.benchmarks.table import Row, absolute_row, median_ms

CORPUS = Path(__file__).parents[1] / "retro" / "domain" / "wording_corpus"


@dataclass(frozen=True)
class Sentence:
    blame: bool
    field: str  # "text" or "statement" (first-person ownership welcome)
    text: str
    line: int


def load(part: str) -> list[Sentence]:
    rows = []
    for n, line in enumerate((CORPUS / f"{part}.tsv").read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        label, field, text = line.split("\t", 2)
        assert label in ("blame", "clean") and field in ("text", "statement"), (part, n, line)
        rows.append(Sentence(label == "blame", field, text, n))
    return rows


def flagged(sentence: Sentence) -> bool:
    return bool(check_wording(sentence.text, WordingContext(ownership=sentence.field == "statement")))


def scores(part: str, detect=flagged) -> tuple[float, float, list[Sentence], list[Sentence]]:
    """Precision, recall, the false positives and the misses."""
    rows = load(part)
    tp = [s for s in rows if s.blame and detect(s)]
    fp = [s for s in rows if not s.blame and detect(s)]
    fn = [s for s in rows if s.blame and not detect(s)]
    precision = len(tp) / (len(tp) + len(fp)) if tp or fp else 1.0
    recall = len(tp) / (len(tp) + len(fn)) if tp or fn else 1.0
    return precision, recall, fp, fn


_STOCK = re.compile(r"\bhuman error\b|\broot cause\b|\bshould(?:n'?t| not)? have\b|\bfailed to\b|"
                    r"\b(?:careless|negligen\w*|sloppy|lazy|incompetent|stupid)\b|\b(?:his|her|their) (?:fault|"
                    r"mistake)\b|\b(?:fault|blame)\b|\bdidn'?t follow\b|\bforgot\b|\bjust (?:needed|had) to\b",
                    re.IGNORECASE)


def _stock(sentence: Sentence) -> bool:
    return bool(_STOCK.search(sentence.text))


def sample_text(chars: int = 2000) -> str:
    sentences = [s.text for s in load("dev")]
    out, i = [], 0
    while sum(len(t) + 1 for t in out) < chars:
        out.append(sentences[(i * 7) % len(sentences)])
        i += 1
    return " ".join(out)[:chars]


def run() -> list[Row]:
    rows: list[Row] = []
    for part in ("dev", "test"):
        p, r, _fp, _fn = scores(part)
        sp, sr, _sfp, _sfn = scores(part, _stock)
        n = len(load(part))
        rows.append(Row(f"wording {part} part (n={n}): precision {p:.3f}", p, None,
                        f"ten stock phrases: {sp:.3f}", "≥ 0.9", p >= 0.9, unit="score"))
        rows.append(Row(f"wording {part} part (n={n}): recall {r:.3f}", r, None,
                        f"ten stock phrases: {sr:.3f}", "≥ 0.9", r >= 0.9, unit="score"))
    text = sample_text()
    floor_rx = re.compile(r"\bshould\s+have\b", re.IGNORECASE)
    ours = median_ms(lambda: check_wording(text), repeat=201, warmup=5)
    floor = median_ms(lambda: floor_rx.findall(text), repeat=201, warmup=5)
    rows.append(absolute_row("wording: check a 2,000-character text (median)", ours, floor,
                             "one compiled regex over the same text", 2.0))
    return rows


if __name__ == "__main__":
    for part in ("dev", "test"):
        p, r, fp, fn = scores(part)
        print(f"{part}: precision {p:.3f} recall {r:.3f}")
        for s in fp:
            print(f"  FP {part}:{s.line}  {s.text}  -> {[f.phrase for f in check_wording(s.text)]}")
        for s in fn:
            print(f"  FN {part}:{s.line}  {s.text}")
