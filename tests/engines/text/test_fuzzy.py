"""Typo budget, trigrams, edit distance and expand_with_typos."""

import pytest

from cinebridge.engines.text import (
    allowed_typos,
    expand_with_typos,
    index_text,
    parse_query,
    query_matches,
    trigrams,
    typo_distance,
    typo_sources,
)

NU_POGODI = ("Ну, погоди!", "Well, Just You Wait!")


@pytest.mark.parametrize(
    ("token", "typos"),
    [("", 0), ("abc", 0), ("abcd", 1), ("abcdefg", 1), ("abcdefgh", 2), ("a" * 30, 2)],
)
def test_allowed_typos(token: str, typos: int) -> None:
    assert allowed_typos(token) == typos


def test_trigrams_are_distinct_in_order_of_first_appearance() -> None:
    assert trigrams("pogodi") == ("pog", "ogo", "god", "odi")
    assert trigrams("aaaa") == ("aaa",)
    assert trigrams("abcabc") == ("abc", "bca", "cab")
    assert trigrams("ab") == ()
    assert trigrams("abc") == ("abc",)


def test_typo_distance_counts_a_transposition_as_one_edit() -> None:
    assert typo_distance("pogodi", "pogodi") == 0
    assert typo_distance("pogdi", "pogodi") == 1
    assert typo_distance("pgoodi", "pogodi") == 1
    assert typo_distance("pogodi", "pogoda") == 1
    assert typo_distance("", "abc") == 3


def test_a_typo_is_found_only_after_expansion() -> None:
    query = parse_query("pogdi")
    text = index_text(NU_POGODI)
    assert not query_matches(query, text)
    expanded = expand_with_typos(query, {"pogdi": ["pogodi", "pogoda", "zzzz"]})
    (term,) = expanded.terms
    assert term.alternatives == ("pogdi", "pogodi")
    assert term.typo_alternatives == frozenset({"pogodi"})
    assert query_matches(expanded, text)


def test_expansion_keeps_the_rest_of_the_query() -> None:
    query = parse_query("nu pogdi")
    expanded = expand_with_typos(query, {"pogdi": ["pogodi"]})
    assert expanded.text == query.text
    assert expanded.folded == query.folded
    assert expanded.compact_skeleton == query.compact_skeleton
    assert expanded.terms[0] == query.terms[0]


def test_short_terms_never_get_typo_alternatives() -> None:
    query = parse_query("pgd nu")
    expanded = expand_with_typos(query, {"pgd": ["pgdi", "pod"], "nu": ["nu", "nuu", "mu"]})
    assert expanded == query


def test_long_terms_get_two_typos() -> None:
    query = parse_query("dostoevsky")  # skeleton "dostoevski", 10 letters
    expanded = expand_with_typos(
        query, {"dostoevski": ["dostaevsko", "dastaevsko", "dostoevskaia"]}
    )
    (term,) = expanded.terms
    assert term.typo_alternatives == frozenset({"dostaevsko", "dostoevskaia"})


def test_a_typo_in_a_word_being_typed_matches_a_prefix() -> None:
    # "tumna" is "tuman" with two letters swapped; the full word "tumane" is 2 edits away
    query = parse_query("tumna")
    expanded = expand_with_typos(query, {"tumna": ["tumane"]})
    assert expanded.terms[0].typo_alternatives == frozenset({"tumane"})
    assert query_matches(expanded, index_text(["Ёжик в тумане"]))


def test_words_the_term_already_matches_or_too_far_are_not_added() -> None:
    query = parse_query("pogod")
    expanded = expand_with_typos(query, {"pogod": ["pogodi", "pogod", "", "zzzzzz"]})
    assert expanded == query


def test_terms_missing_from_the_vocabulary_are_unchanged() -> None:
    query = parse_query("pogdi")
    assert expand_with_typos(query, {}) == query


def test_han_terms_get_no_typo_alternatives() -> None:
    query = parse_query("长安城")  # skeleton "canganceng": would allow 2 typos
    expanded = expand_with_typos(query, {query.terms[0].skeleton: ["cangancen", "xanganceng"]})
    assert expanded == query


def test_expansion_is_idempotent_and_ordered_by_distance() -> None:
    vocabulary = {"dostoevski": ["dastaevski", "dostoevsko", "dostoevsko"]}
    once = expand_with_typos(parse_query("dostoevsky"), vocabulary)
    assert once.terms[0].alternatives == ("dostoevsky", "dostoevski", "dostoevsko", "dastaevski")
    assert expand_with_typos(once, vocabulary) == once


def test_typo_distance_is_optimal_string_alignment() -> None:
    # OSA counts a swap of neighbours as one edit but never edits a swapped pair again:
    # "ca" -> "abc" is 3 edits (unrestricted Damerau-Levenshtein would say 2).
    assert typo_distance("wiat", "wait") == 1
    assert typo_distance("ca", "abc") == 3


def test_a_transposed_letter_is_one_typo_even_when_the_skeleton_is_short() -> None:
    # "wiat" has the skeleton "vat" (3 letters, no typo budget); as typed it has 4 letters.
    query = parse_query("well, just you wiat")
    expanded = expand_with_typos(query, {"vat": ["wait", "vait", "vat"]})
    assert expanded.terms[-1].typo_alternatives == frozenset({"wait"})  # "vait" is 2 edits
    assert query_matches(expanded, index_text(NU_POGODI))


def test_typo_sources_are_the_spelling_as_typed_and_the_skeleton_with_their_budgets() -> None:
    (term,) = parse_query("Wiat").terms
    assert typo_sources(term) == (("wiat", 1),)
    (term,) = parse_query("hedgehgo").terms
    assert typo_sources(term) == (("hedgehgo", 2),)
    (term,) = parse_query("погдои").terms
    assert typo_sources(term) == (("pogdoi", 1),)
    (term,) = parse_query("dostoevsky").terms
    assert typo_sources(term) == (("dostoevsky", 2), ("dostoevski", 2))
    assert typo_sources(parse_query("长安城").terms[0]) == ()


def test_a_correction_never_lands_on_a_word_another_term_matches_as_typed() -> None:
    query = parse_query("long song")
    expanded = expand_with_typos(query, {"long": ["song", "songofthesouth", "lone"]})
    assert expanded.terms[0].typo_alternatives == frozenset({"lone"})
    assert not query_matches(expanded, index_text(["Song of the South"]))
    query = parse_query("bing ming")
    expanded = expand_with_typos(query, {"bing": ["ming", "mingtian"]})
    assert expanded == query


def test_two_terms_never_share_a_correction() -> None:
    query = parse_query("somg sonh")  # skeletons "semg" and "senh"
    expanded = expand_with_typos(query, {"semg": ["song", "some"], "senh": ["song", "sons"]})
    assert [term.typo_alternatives for term in expanded.terms] == [
        frozenset({"some"}),
        frozenset({"sons"}),
    ]


def test_a_correction_on_another_word_of_the_same_name_counts() -> None:
    query = parse_query("hedgehgo fog")
    expanded = expand_with_typos(query, {"hedgehgo": ["hedgehog", "hedgehoginthefog"]})
    # the compact of the whole name holds "fog" too, but it starts with the corrected word
    assert expanded.terms[0].typo_alternatives == frozenset({"hedgehog", "hedgehoginthefog"})
    assert query_matches(expanded, index_text(["Hedgehog in the Fog"]))


def test_a_word_of_the_vocabulary_typed_as_is_is_not_corrected() -> None:
    query = parse_query("long song")  # skeletons "long" and "seng"
    vocabulary = {"long": ["long", "lang"], "seng": ["song", "deng", "denglong"]}
    assert expand_with_typos(query, vocabulary) == query
    assert expand_with_typos(parse_query("lonk"), {"lonk": ["long"]}).terms[0].alternatives == (
        "lonk",
        "long",
    )
