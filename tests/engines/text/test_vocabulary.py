"""The vocabulary's look-up by length groups gives what a scan of every word gives."""

from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import process
from rapidfuzz.distance import OSA

from cinebridge.engines.text.vocabulary import Vocabulary

words = st.text(alphabet="abcdeiop09zé", min_size=1, max_size=12)


def near_by_scanning_every_word(
    terms: list[str], word: str, max_distance: int, limit: int, prefixes: bool
) -> list[str]:
    """The look-up as it was before length groups: every word, then every word's beginning."""
    terms = sorted(set(terms))
    if max_distance < 1 or not terms:
        return []
    found = {
        choice: score
        for choice, score, _ in process.extract(
            word, terms, scorer=OSA.distance, score_cutoff=max_distance, limit=limit
        )
    }
    if prefixes:
        beginnings = [t[: len(word)] for t in terms]
        for _, score, index in process.extract(
            word, beginnings, scorer=OSA.distance, score_cutoff=max_distance, limit=limit
        ):
            found[terms[index]] = min(found.get(terms[index], score), score)
    return sorted(found, key=lambda t: (found[t], len(t), t))[:limit]


@settings(max_examples=600, deadline=None)
@given(st.lists(words, max_size=60), words, st.integers(0, 2), st.integers(1, 6), st.booleans())
def test_near_equals_scanning_every_word(
    terms: list[str], word: str, max_distance: int, limit: int, prefixes: bool
) -> None:
    vocabulary = Vocabulary(terms)
    expected = near_by_scanning_every_word(terms, word, max_distance, limit, prefixes)
    assert vocabulary.near(word, max_distance, limit, prefixes=prefixes) == expected
