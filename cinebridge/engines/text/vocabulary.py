"""The search vocabulary held in memory: finds the words a mistyped query word may have meant."""

from __future__ import annotations

from collections.abc import Iterable

from rapidfuzz import process
from rapidfuzz.distance import OSA


class Vocabulary:
    """An immutable set of index words with near-neighbour look-up by edit distance.

    Words are kept sorted and also grouped by length: a word more than ``max_distance``
    letters longer or shorter than the one looked up is at least that many edits away, so a
    look-up compares only the lengths that can be near (at 200,000 words, about a third).
    """

    def __init__(self, terms: Iterable[str]) -> None:
        self._terms: list[str] = sorted(set(terms))
        self._by_length: dict[int, list[str]] = {}
        for term in self._terms:  # sorted within each length too
            self._by_length.setdefault(len(term), []).append(term)
        self._prefixes: dict[tuple[int, int], tuple[list[str], list[str]]] = {}

    def __len__(self) -> int:
        return len(self._terms)

    def _prefix_list(self, length: int, max_distance: int) -> tuple[list[str], list[str]]:
        """(the words' prefixes of ``length`` letters, the words) for the words that are not
        more than ``max_distance`` letters shorter, in sorted order of the words."""
        key = (length, max_distance)
        if key not in self._prefixes:
            if len(self._prefixes) > 16:
                self._prefixes.clear()
            words = [t for t in self._terms if len(t) >= length - max_distance]
            self._prefixes[key] = ([t[:length] for t in words], words)
        return self._prefixes[key]

    def near(
        self, word: str, max_distance: int, limit: int = 50, *, prefixes: bool = True
    ) -> list[str]:
        """Words within ``max_distance`` edits (optimal string alignment) of ``word``, or (with
        ``prefixes``) whose prefix of ``word``'s length is: nearest first, at most ``limit``;
        [] when ``max_distance`` < 1."""
        if max_distance < 1 or not self._terms:
            return []
        # Each length's best ``limit`` (by distance, then sorted order, as rapidfuzz breaks
        # ties) hold the best ``limit`` of all words: merge them and keep those.
        near: list[tuple[float, str]] = []
        for length in range(len(word) - max_distance, len(word) + max_distance + 1):
            for choice, score, _ in process.extract(
                word,
                self._by_length.get(length, ()),
                scorer=OSA.distance,
                score_cutoff=max_distance,
                limit=limit,
            ):
                near.append((score, choice))
        found: dict[str, float] = {choice: score for score, choice in sorted(near)[:limit]}
        if not prefixes:
            return sorted(found, key=lambda t: (found[t], len(t), t))[:limit]
        beginnings, words = self._prefix_list(len(word), max_distance)
        for _, score, index in process.extract(
            word,
            beginnings,
            scorer=OSA.distance,
            score_cutoff=max_distance,
            limit=limit,
        ):
            term = words[index]
            found[term] = min(found.get(term, score), score)
        return sorted(found, key=lambda t: (found[t], len(t), t))[:limit]
