"""The search vocabulary held in memory: finds the words a mistyped query word may have meant."""

from __future__ import annotations

from collections.abc import Iterable

from rapidfuzz import process
from rapidfuzz.distance import OSA


class Vocabulary:
    """An immutable set of index words with near-neighbour look-up by edit distance."""

    def __init__(self, terms: Iterable[str]) -> None:
        self._terms: list[str] = sorted(set(terms))
        self._prefixes: dict[int, list[str]] = {}

    def __len__(self) -> int:
        return len(self._terms)

    def _prefix_list(self, length: int) -> list[str]:
        if length not in self._prefixes:
            if len(self._prefixes) > 16:
                self._prefixes.clear()
            self._prefixes[length] = [t[:length] for t in self._terms]
        return self._prefixes[length]

    def near(
        self, word: str, max_distance: int, limit: int = 50, *, prefixes: bool = True
    ) -> list[str]:
        """Words within ``max_distance`` edits (optimal string alignment) of ``word``, or (with
        ``prefixes``) whose prefix of ``word``'s length is: nearest first, at most ``limit``;
        [] when ``max_distance`` < 1."""
        if max_distance < 1 or not self._terms:
            return []
        found: dict[str, float] = {}
        for choice, score, _ in process.extract(
            word,
            self._terms,
            scorer=OSA.distance,
            score_cutoff=max_distance,
            limit=limit,
        ):
            found[choice] = score
        if not prefixes:
            return sorted(found, key=lambda t: (found[t], len(t), t))[:limit]
        for _, score, index in process.extract(
            word,
            self._prefix_list(len(word)),
            scorer=OSA.distance,
            score_cutoff=max_distance,
            limit=limit,
        ):
            term = self._terms[index]
            found[term] = min(found.get(term, score), score)
        return sorted(found, key=lambda t: (found[t], len(t), t))[:limit]
