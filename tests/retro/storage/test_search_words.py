"""How a search query is read: its words, as both full-text indexes cut and fold them."""

from __future__ import annotations

from retro.storage.search import fts_term, pg_term, words


def test_words_are_letters_and_digits_lower_cased_once_each_in_order() -> None:
    assert words('"Pool"* -pool NEAR(replica) pool_size') == ["pool", "near", "replica", "size"]
    assert words("Straße ÄRGER Сервер 障害対応") == ["straße", "ärger", "сервер", "障害対応"]  # lower(), not casefold()
    assert words("PD-00050") == ["pd", "00050"]
    assert words(" \t*:&|!()'\"") == []


def test_every_word_is_quoted_for_each_database_and_a_number_also_looked_for_signed() -> None:
    assert fts_term("pool") == '"pool"*'
    assert pg_term("pool") == "'pool':*"
    assert pg_term("00050") == "('00050':* | '-00050':*)"


def test_other_numerals_than_digits_separate_words_as_postgresql_reads_them() -> None:
    # Python counts them as word characters, PostgreSQL does not: both databases search "2¹" as "2".
    assert words("2¹ ½x Ⅻb") == ["2", "x", "b"]


def test_a_word_keeps_its_combining_vowel_signs() -> None:
    assert words("हिन्दी भाषा, ไทย") == ["हिन्दी", "भाषा", "ไทย"]
    assert words("\u0301abc") == ["abc"]  # a mark with no letter before it is no word
