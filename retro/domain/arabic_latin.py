"""An Arabic name as it is written in Latin letters: محمد الأحمد → "Mohammed Al-Ahmad", "Muhammad", "Alahmad".

Arabic script writes the consonants and long vowels, and Latin spellings of one name differ in
their vowels (Mohammed, Muhammad, Mohamed), in doubled letters and in a few consonants (Khalid,
Xalid; Qasim, Kasim). :func:`latin_body` turns an Arabic name part into one expression over the
folded Latin text: each consonant as its usual spellings (doubled or not), up to three vowels
between them, the article (``al-``, ``el-``, ``ad-`` …) optional in front. A part needs three
consonants or more (محمد: m h m d; الأحمد: h m d) — with fewer, too many English words fit
("Ali" would be "all", "ally"); a part of only three is matched only capitalised, as names are
written ("Ahmad", not "humid").
"""

from __future__ import annotations

import re
import unicodedata

#: Arabic consonants → their Latin spellings (folded, lower case).
_CONSONANTS = {
    "ب": "b|p", "ت": "t", "ث": "th|t|s", "ج": "j|g|dj", "ح": "h", "خ": "kh|x", "د": "d", "ذ": "dh|d|z",
    "ر": "r", "ز": "z|s", "س": "s", "ش": "sh|ch|sch", "ص": "s", "ض": "d|dh", "ط": "t", "ظ": "z|dh",
    "غ": "gh|g", "ف": "f|ph", "ق": "q|k|g", "ك": "k|c|ck", "ل": "l", "م": "m", "ن": "n", "ه": "h",
    "پ": "p", "چ": "ch", "ژ": "zh|j", "گ": "g", "ک": "k|c", "ی": "",
}
#: Letters that are vowels, glides or glottal stops in a Latin spelling: written as vowels or not at all.
_VOWELISH = set("اأإآءئؤعوىي") | {"ی"}
_VOWELS = "[aeiouy'`]{0,3}"
_ARTICLE = r"(?:[ae]l[-\s]?|[ae][rsdtzn]-)?"


def latin_body(part: str) -> tuple[str, int] | None:
    """The expression for ``part`` (an Arabic name part) in folded Latin text, and its number of consonants;
    None when it is not Arabic or has fewer than three consonants."""
    letters = [ch for ch in unicodedata.normalize("NFD", part) if not unicodedata.combining(ch)]
    if not letters or not all("ARABIC" in unicodedata.name(ch, "") for ch in letters):
        return None
    article = len(letters) > 3 and letters[0] == "ا" and letters[1] == "ل"
    if article:
        letters = letters[2:]
    out, consonants = [_VOWELS], 0
    for at, ch in enumerate(letters):
        if ch in _VOWELISH or (ch not in _CONSONANTS and ch != "ة"):
            out.append(_VOWELS)
        elif ch == "ة" or (ch == "ه" and at == len(letters) - 1):  # a final -a, -ah, -at, -eh
            out.append("(?:a|ah|at|e|eh|h)?")
        elif spelling := _CONSONANTS[ch]:
            out += [f"(?:{spelling}){{1,2}}", _VOWELS]  # short vowels are not written
            consonants += 1
    if consonants < 3:
        return None
    body = "".join(_collapse(out)).removesuffix(_VOWELS) + "(?:a|e|i|u)?"
    body = rf"(?i:{_ARTICLE if article else ''}{body})"
    # three consonants: capitalised only (an article in lower case may come before: "al-Ahmad")
    return (body if consonants >= 4 else rf"(?=[A-Z]|[ae]l[-\s]?[A-Z]){body}"), consonants


def _collapse(pieces: list[str]) -> list[str]:
    """Runs of vowel slots as one (up to three vowels in all)."""
    out: list[str] = []
    for piece in pieces:
        if piece == _VOWELS and out and out[-1] == _VOWELS:
            continue
        out.append(piece)
    return out


#: Common Arabic given and family names, for a name listed in Latin letters and written in Arabic in the
#: text ("Mohammed Al-Ahmad" → محمد, الأحمد): those of three consonants or more are recognised by
#: :func:`latin_body`, the shorter ones by their usual spellings.
_COMMON = """
محمد أحمد محمود مصطفى عبدالله عبدالرحمن عبدالعزيز خالد إبراهيم إسماعيل فاطمة زينب مريم حسن حسين حمزة يوسف سعيد
طارق كريم سامي رامي هاني وليد ياسر ماجد سلمان فيصل عثمان جمال كمال نبيل عادل منصور ناصر سالم عائشة خديجة ليلى
سلمى رانيا أمينة ياسمين جميلة شريف أشرف مراد رشيد حامد حميد فريد مجيد منير بشير نادر قاسم صالح صلاح
"""
_SHORT = {"علي": ("ali", "aly"), "عمر": ("omar", "umar", "omer"), "نور": ("nour", "noor", "nur"),
          "سارة": ("sara", "sarah"), "هدى": ("huda", "hoda"), "رضا": ("reda", "rida", "ridha"), "زيد": ("zaid", "zayd"),
          "آدم": ("adam",), "أنس": ("anas",), "عمرو": ("amr", "amro"), "علاء": ("alaa",), "يوسف": ("yusuf", "youssef", "yousef", "yousif", "yusef"),
          "وائل": ("wael", "wail"), "هبة": ("heba", "hiba"), "ريم": ("reem", "rim")}
_COMPILED: list[tuple[str, re.Pattern[str]]] = []


def arabic_names(latin: str) -> list[str]:
    """The common Arabic names ``latin`` (one folded name part, Latin letters) is a spelling of: "Mohammed" → محمد."""
    if not _COMPILED:
        for name in _COMMON.split():
            if (found := latin_body(name)) is not None:
                _COMPILED.append((name, re.compile(found[0])))
    word = latin.strip("'`")
    out = [name for name, pattern in _COMPILED if pattern.fullmatch(word)]
    out += [name for name, spellings in _SHORT.items() if word.lower() in spellings]
    return out


def latin_spellings(part: str) -> tuple[str, ...]:
    """The usual Latin spellings of an Arabic name part too short for :func:`latin_body`: علي → "Ali", "Aly"."""
    letters = "".join(ch for ch in unicodedata.normalize("NFC", part) if not unicodedata.combining(ch))
    return _SHORT.get(letters, ())
