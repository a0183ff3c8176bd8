"""Typo tolerance primitives: how many typos a token may carry and how far two tokens are.

The budget follows Typesense and Algolia: no typo under 4 characters (too many short
words are one edit apart), one up to 7, two from 8. Distances are Damerau-Levenshtein in
its optimal string alignment form (OSA): a swap of two neighbouring letters ("pgoodi",
"wiat") costs one edit like a missing letter, and no substring is edited twice.
"""

from __future__ import annotations

from rapidfuzz.distance import OSA

ONE_TYPO_FROM_LENGTH = 4
TWO_TYPOS_FROM_LENGTH = 8


def allowed_typos(token: str) -> int:
    """Edits tolerated in a token: 0 if shorter than 4 characters, 1 if 4..7, 2 if 8 or more."""
    if len(token) < ONE_TYPO_FROM_LENGTH:
        return 0
    if len(token) < TWO_TYPOS_FROM_LENGTH:
        return 1
    return 2


def trigrams(token: str) -> tuple[str, ...]:
    """Distinct 3-character substrings of token in order of first appearance; () if shorter."""
    return tuple(dict.fromkeys(token[start : start + 3] for start in range(len(token) - 2)))


def typo_distance(a: str, b: str) -> int:
    """Optimal string alignment distance between a and b (a transposition is one edit)."""
    return int(OSA.distance(a, b))


def prefix_typo_distance(typed: str, word: str) -> int:
    """Least distance from typed to word or to word's prefix of len(typed) - 1 .. + 1 letters."""
    distances = [typo_distance(typed, word)]
    for length in (len(typed) - 1, len(typed), len(typed) + 1):
        if 0 < length < len(word):
            distances.append(typo_distance(typed, word[:length]))
    return min(distances)
