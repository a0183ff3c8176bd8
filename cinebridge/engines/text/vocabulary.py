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
        codes, word_of = _codes(self._terms, self._lengths)
        self._bits = _letter_bits(codes)  # per character of the joined words
        self._starts = np.concatenate(([0], np.cumsum(self._lengths + 1)[:-1])).astype(np.int64)
        self._letter_masks = self._masks_of_prefixes(None)
        self._prefix_masks: list[np.ndarray] = []  # [n - 1]: masks of the first n characters
        self._pairs = _Pairs.of(codes, word_of, len(self._terms))

    def _masks_of_prefixes(self, length: int | None) -> np.ndarray:
        """``_letter_mask`` of every word (``length`` None), or of its first ``length``
        characters (each length from the one before it, kept)."""
        if not len(self._terms):
            return np.zeros(0, dtype=np.uint64)
        if length is None:
            return np.bitwise_or.reduceat(_bit_values(self._bits), self._starts)
        masks = self._prefix_masks
        while len(masks) < length:
            offset = len(masks)
            at = np.minimum(self._starts + offset, self._starts + self._lengths)
            masks.append((masks[-1] if masks else np.uint64(0)) | _bit_values(self._bits[at]))
        return masks[length - 1]

    def _candidates(self, word: str, max_distance: int, prefix: bool = False) -> np.ndarray | None:
        """Indexes (sorted) of the words that share enough letters and pairs of neighbouring
        letters with ``word`` to be within ``max_distance`` edits of it or of a prefix of it;
        None when every word may be.

        An edit removes at most one of ``word``'s distinct letters (one bit of ``_letter_mask``)
        and breaks at most three of its pairs (a swap of two neighbours: the pairs before, across and after it); in the
        optimal string alignment edits never overlap. So a word within ``max_distance`` keeps
        at least ``letters - max_distance`` of ``word``'s distinct letters and
        ``pairs - 3 * max_distance`` of its distinct pairs, and a prefix of a word has no
        letter or pair the word lacks. With ``prefix``, the letters counted are those of each
        word's first ``len(word)`` characters (what the prefix look-up compares).
        """
        pairs = self._pairs.parts(word)
        needed = len(pairs) - 3 * max_distance
        found = self._pairs.sharing(pairs, needed) if needed > 0 else None
        letters = _letter_mask(word)
        needed = letters.bit_count() - max_distance
        if needed > 0:  # count the letters shared with each word left, from bit masks
            masks = self._masks_of_prefixes(len(word)) if prefix else self._letter_masks
            masks = masks if found is None else masks[found]
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
        candidates = self._candidates(word, max_distance, prefix=True)
        if candidates is None:
            beginnings, words = self._prefix_list(len(word), max_distance)
        else:
            words = self._words(candidates[self._lengths[candidates] >= shortest])
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


def _codes(terms: list[str], lengths: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The code points of ``terms`` joined by newlines, and the index of the term of each."""
    corpus = "\n".join(terms) + "\n"
    codes = np.frombuffer(corpus.encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
    return codes, np.repeat(np.arange(len(terms), dtype=np.int64), lengths + 1)


_NO_BIT = 255  # the newline between words


def _bit_values(bits: np.ndarray) -> np.ndarray:
    """``1 << bit`` of each of ``_letter_bits`` (0 for the newlines)."""
    values = np.left_shift(np.uint64(1), bits.astype(np.uint64))
    values[bits == _NO_BIT] = 0
    return values


def _letter_bits(codes: np.ndarray) -> np.ndarray:
    """The bit of ``_letter_mask`` of each character (``_NO_BIT`` for the newlines)."""
    letter = (codes >= ord("a")) & (codes <= ord("z"))
    digit = (codes >= ord("0")) & (codes <= ord("9"))
    bits = np.where(
        letter, codes - ord("a"), np.where(digit, codes - ord("0") + 26, 36 + codes % 28)
    )
    bits[codes == ord("\n")] = _NO_BIT
    return bits.astype(np.uint8)


class _Pairs:
    """Which words hold each pair of neighbouring characters (word indexes, sorted)."""

    def __init__(self, keys: np.ndarray, starts: np.ndarray, words: np.ndarray, count: int) -> None:
        self._keys = keys  # sorted pair keys: first code << 21 | second
        self._starts = starts
        self._words = words
        self._count = count

    @classmethod
    def of(cls, codes: np.ndarray, word_of: np.ndarray, count: int) -> _Pairs:
        inside = (codes[:-1] != ord("\n")) & (codes[1:] != ord("\n"))
        key = ((codes[:-1] << 21) | codes[1:])[inside]
        # One entry per (pair, word), sorted by pair then word.
        combined = np.sort(key * max(count, 1) + word_of[:-1][inside])
        if len(combined):  # (sorting beats np.unique's hashing here by far)
            combined = combined[np.concatenate(([True], combined[1:] != combined[:-1]))]
        keys, words = np.divmod(combined, max(count, 1))
        first = (
            np.flatnonzero(np.concatenate(([True], keys[1:] != keys[:-1]))) if len(keys) else keys
        )
        distinct = keys[first]
        return cls(distinct, np.append(first, len(keys)), words, count)

    def parts(self, word: str) -> set[int]:
        """The keys of the distinct pairs in ``word``."""
        return {(ord(a) << 21) | ord(b) for a, b in zip(word, word[1:], strict=False)}

    def sharing(self, parts: set[int], needed: int) -> np.ndarray:
        """Indexes of the words holding at least ``needed`` of ``parts``."""
        wanted = np.fromiter(parts, dtype=np.int64, count=len(parts))
        at = np.searchsorted(self._keys, wanted)
        found = [
            int(i)
            for i, k in zip(at, wanted, strict=True)
            if i < len(self._keys) and self._keys[i] == k
        ]
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
