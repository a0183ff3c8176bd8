"""The search vocabulary held in memory: finds the words a mistyped query word may have meant."""

from __future__ import annotations

import bisect
from collections.abc import Iterable

import numpy as np
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
        self._lengths = np.fromiter(map(len, self._terms), dtype=np.int64, count=len(self._terms))
        self._letter_masks = np.fromiter(
            map(_letter_mask, self._terms), dtype=np.uint64, count=len(self._terms)
        )
        self._pairs = _Grams.of(self._terms, 2)

    def _candidates(self, word: str, max_distance: int) -> np.ndarray | None:
        """Indexes (sorted) of the words that share enough letters and pairs of neighbouring
        letters with ``word`` to be within ``max_distance`` edits of it or of a prefix of it;
        None when every word may be.

        An edit removes at most one of ``word``'s distinct letters (one bit of ``_letter_mask``)
        and breaks at most three of its pairs (a swap of two neighbours: the pairs before, across and after it); in the
        optimal string alignment edits never overlap. So a word within ``max_distance`` keeps
        at least ``letters - max_distance`` of ``word``'s distinct letters and
        ``pairs - 3 * max_distance`` of its distinct pairs, and a prefix of a word has no
        letter or pair the word lacks.
        """
        pairs = self._pairs.parts(word)
        needed = len(pairs) - 3 * max_distance
        found = self._pairs.sharing(pairs, needed) if needed > 0 else None
        letters = _letter_mask(word)
        needed = letters.bit_count() - max_distance
        if needed > 0:  # count the letters shared with each word left, from bit masks
            masks = self._letter_masks if found is None else self._letter_masks[found]
            shared = np.bitwise_count(masks & np.uint64(letters))
            kept = np.flatnonzero(shared >= needed)
            found = kept if found is None else found[kept]
        return found

    def __len__(self) -> int:
        return len(self._terms)

    def __contains__(self, word: object) -> bool:
        at = bisect.bisect_left(self._terms, word) if isinstance(word, str) else -1
        return 0 <= at < len(self._terms) and self._terms[at] == word

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
        candidates = self._candidates(word, max_distance)
        shortest, longest = len(word) - max_distance, len(word) + max_distance
        if candidates is None:
            # Each length's best ``limit`` (by distance, then sorted order, as rapidfuzz
            # breaks ties) hold the best ``limit`` of all words: merge them, keep those.
            near: list[tuple[float, str]] = []
            for length in range(shortest, longest + 1):
                near += [
                    (score, choice)
                    for choice, score, _ in self._extract(
                        word, self._by_length.get(length, []), limit, max_distance
                    )
                ]
            found = {choice: score for score, choice in sorted(near)[:limit]}
        else:  # few words: one look-up over those of a length that can be near
            lengths = self._lengths[candidates]
            pool = self._words(candidates[(lengths >= shortest) & (lengths <= longest)])
            found = {
                choice: score for choice, score, _ in self._extract(word, pool, limit, max_distance)
            }
        if not prefixes:
            return sorted(found, key=lambda t: (found[t], len(t), t))[:limit]
        if candidates is None:
            beginnings, words = self._prefix_list(len(word), max_distance)
        else:
            words = self._words(candidates[lengths >= shortest])
            beginnings = [term[: len(word)] for term in words]
        for _, score, index in self._extract(word, beginnings, limit, max_distance):
            term = words[index]
            found[term] = min(found.get(term, score), score)
        return sorted(found, key=lambda t: (found[t], len(t), t))[:limit]

    @staticmethod
    def _extract(
        word: str, choices: list[str], limit: int, max_distance: int
    ) -> list[tuple[str, float, int]]:
        """The ``limit`` nearest of ``choices`` within ``max_distance`` (ties: first one)."""
        return process.extract(  # type: ignore[call-overload,no-any-return]
            word, choices, scorer=OSA.distance, score_cutoff=max_distance, limit=limit
        )

    def _words(self, indexes: np.ndarray) -> list[str]:
        terms = self._terms
        return [terms[i] for i in indexes.tolist()]


class _Grams:
    """Which words hold each string of ``size`` neighbouring letters (word indexes, sorted)."""

    def __init__(
        self, size: int, keys: dict[str, int], starts: np.ndarray, words: np.ndarray
    ) -> None:
        self._size = size
        self._keys = keys
        self._starts = starts
        self._words = words
        self._count = int(words.max()) + 1 if len(words) else 0

    @classmethod
    def of(cls, terms: list[str], size: int) -> _Grams:
        keys: dict[str, int] = {}
        owners: list[int] = []
        members: list[int] = []
        for index, term in enumerate(terms):
            for part in {term[i : i + size] for i in range(len(term) - size + 1)}:
                owners.append(keys.setdefault(part, len(keys)))
                members.append(index)
        owner_array = np.array(owners, dtype=np.int64)
        order = np.argsort(owner_array, kind="stable")  # words stay sorted within a part
        starts = np.zeros(len(keys) + 1, dtype=np.int64)
        np.cumsum(np.bincount(owner_array, minlength=len(keys)), out=starts[1:])
        return cls(size, keys, starts, np.array(members, dtype=np.int64)[order])

    def parts(self, word: str) -> set[str]:
        """The distinct strings of ``size`` letters in ``word``."""
        return {word[i : i + self._size] for i in range(len(word) - self._size + 1)}

    def sharing(self, parts: set[str], needed: int) -> np.ndarray:
        """Indexes of the words holding at least ``needed`` of ``parts``."""
        found = [self._keys[part] for part in parts if part in self._keys]
        if len(found) < needed:
            return np.zeros(0, dtype=np.int64)
        chunks = [self._words[self._starts[k] : self._starts[k + 1]] for k in found]
        counts = np.bincount(np.concatenate(chunks), minlength=self._count)
        return np.flatnonzero(counts >= needed)


def _letter_mask(word: str) -> int:
    """One bit per distinct character of ``word``: a-z and 0-9 their own, any other character
    shares one of the rest. An edit removes at most one character, so at most one bit."""
    mask = 0
    for char in set(word):
        if "a" <= char <= "z":
            mask |= 1 << (ord(char) - ord("a"))
        elif "0" <= char <= "9":
            mask |= 1 << (26 + ord(char) - ord("0"))
        else:
            mask |= 1 << (36 + ord(char) % 28)
    return mask
