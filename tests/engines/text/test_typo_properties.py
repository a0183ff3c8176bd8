"""Property-based checks of the typo pass against the slow references in reference.py."""

from hypothesis import given, settings
from hypothesis import strategies as st

from cinebridge.engines.text import (
    allowed_typos,
    expand_with_typos,
    parse_query,
    query_matches,
    typo_distance,
    typo_sources,
)
from tests.engines.text.reference import osa_distance

words = st.text(alphabet="abcdeghiklmnoprstuvwz", min_size=0, max_size=10)


@settings(deadline=None)  # no wall-clock limit: see issue 8, item 22
@given(words, words)
def test_typo_distance_is_the_reference_osa_distance(a: str, b: str) -> None:
    assert typo_distance(a, b) == osa_distance(a, b)


@settings(deadline=None)  # no wall-clock limit: see issue 8, item 22
@given(st.text(alphabet="abdefgiklmnopruv", min_size=4, max_size=10), st.data())
def test_a_swap_of_two_neighbouring_letters_is_one_typo(word: str, data: st.DataObject) -> None:
    position = data.draw(st.integers(min_value=0, max_value=len(word) - 2))
    swapped = word[:position] + word[position + 1] + word[position] + word[position + 2 :]
    if swapped == word:
        return
    (term,) = parse_query(swapped).terms
    assert osa_distance(swapped, word) == 1
    assert allowed_typos(swapped) >= 1
    expanded = expand_with_typos(parse_query(swapped), {term.skeleton: [word]})
    assert query_matches(expanded, word)


@settings(deadline=None)  # no wall-clock limit: see issue 8, item 22
@given(words, st.lists(words, max_size=6))
def test_expansion_keeps_exactly_the_words_within_a_source_budget(
    typed: str, vocabulary: list[str]
) -> None:
    query = parse_query(typed)
    if len(query.terms) != 1:
        return
    (term,) = query.terms
    (expanded,) = expand_with_typos(query, {term.skeleton: vocabulary}).terms

    def within(word: str) -> bool:
        """The fewest edits from a source to the word or to its prefix of the source's length
        ±1, among the sources within budget, is at least 1 (0: the term matches as typed)."""
        costs = []
        for form, budget in typo_sources(term):
            lengths = [len(word)] + [
                len(form) + n for n in (-1, 0, 1) if 0 < len(form) + n < len(word)
            ]
            cost = min(osa_distance(form, word[:n]) for n in lengths)
            if cost <= budget:
                costs.append(cost)
        return bool(costs) and min(costs) >= 1

    expected = {w for w in vocabulary if w and w not in term.alternatives and within(w)}
    if any(form in vocabulary for form, _ in typo_sources(term)):
        expected = set()  # a word of the vocabulary typed as is is not a typo
    assert expanded.typo_alternatives == expected


def _one_word(a: str, b: str) -> bool:
    """The reference for "the same word": equal, or one starts with the other (3+ letters)."""
    shorter, longer = sorted((a, b), key=len)
    return longer.startswith(shorter) and (shorter == longer or len(shorter) >= 3)


@settings(deadline=None)  # no wall-clock limit: see issue 8, item 22
@given(st.lists(words, min_size=2, max_size=3), st.lists(words, max_size=8))
def test_no_correction_lands_on_a_word_another_term_matches(
    typed: list[str], vocabulary: list[str]
) -> None:
    query = parse_query(" ".join(typed))
    expanded = expand_with_typos(query, {term.skeleton: vocabulary for term in query.terms})
    for index, term in enumerate(expanded.terms):
        others = [a for i, t in enumerate(expanded.terms) if i != index for a in t.alternatives]
        for word in term.typo_alternatives:
            assert not any(_one_word(word, other) for other in others), (word, others)
