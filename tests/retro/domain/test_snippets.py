"""Search snippets: the words around the first match, matched words marked, text kept as written."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from retro.domain.snippets import WORDS, cut_snippet, folded


def test_the_words_around_the_first_match_with_every_match_marked() -> None:
    body = ("The deploy went out at nine. " * 3) + "Then the connection pool was exhausted and the pool alarm fired late."
    snippet = cut_snippet(body, ["pool"], kind="TimelineEvent")
    assert snippet is not None
    assert snippet.found_in == "timeline"
    assert snippet.matched == ("pool", "pool")
    assert snippet.text.startswith("…") and "connection pool was exhausted" in snippet.text
    assert len(snippet.text.split()) <= WORDS + 2


def test_prefixes_case_and_accents_match_as_the_index_matches() -> None:
    snippet = cut_snippet("Ørjan Håland and JOSÉ fixed it", ["orj", "jose"], kind="ActionItem")
    assert snippet is not None and snippet.matched == ("Ørjan", "JOSÉ")
    assert snippet.found_in == "action items"
    assert cut_snippet("nothing here", ["pool"]) is None
    assert cut_snippet("a pooled_thing", ["thing"]) is not None  # an underscore separates words


def test_markup_looking_text_stays_text_and_line_breaks_read_as_spaces() -> None:
    snippet = cut_snippet("<b>Pool</b> &amp; <script>x</script>\nnext line", ["pool"])
    assert snippet is not None
    assert snippet.text == "<b>Pool</b> &amp; <script>x</script> next line"
    assert snippet.matched == ("Pool",)


@given(st.text(max_size=200), st.text(alphabet=st.characters(categories=("L", "N")), min_size=1, max_size=6))
def test_any_text_gives_a_snippet_whose_marked_words_start_with_the_term(body: str, term: str) -> None:
    assert cut_snippet(f"{body} {term}x", [term]) is not None  # a word starting with the term is found
    snippet = cut_snippet(body, [term])
    term_folded = folded(term)
    if snippet is None:
        return
    assert snippet.matched
    assert all(folded(word).startswith(term_folded) for word in snippet.matched)
    assert all(part for part, _ in snippet.parts)  # no empty pieces to draw
