"""Words of a catalog's search columns as arrays: postings and a table of 3-character grams.

``TextIndex`` (memory.py) keeps every distinct word once; these are the structures it looks
words up in: postings (``csr``: for each word id, the sorted positions of the entries holding
it) and ``Grams``, where every 3-character string occurs in the words joined by newlines, so
that "the words containing this string" is a few searches in sorted arrays.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

SHIFT = 21  # bits of one code point: three fit in an int64 key
FEW = 64  # candidates few enough to check one by one in Python


def csr(owners: np.ndarray, members: np.ndarray, size: int) -> tuple[np.ndarray, np.ndarray]:
    """(starts, members) grouped by owner, keeping the members' order within an owner."""
    order = np.argsort(owners, kind="stable")
    starts = np.zeros(size + 1, dtype=np.int64)
    np.cumsum(np.bincount(owners, minlength=size), out=starts[1:])
    return starts, members[order].astype(np.int32)


def gather(starts: np.ndarray, members: np.ndarray, owners: np.ndarray) -> np.ndarray:
    """The members of every owner in ``owners``, concatenated."""
    first, last = starts[owners], starts[owners + 1]
    lengths = last - first
    total = int(lengths.sum())
    if not total:
        return members[:0]
    offsets = np.repeat(first - np.cumsum(lengths) + lengths, lengths)
    return members[offsets + np.arange(total)]


@dataclass(frozen=True)
class Grams:
    """Where every 3-character string occurs in the words, joined by newlines: keys sorted,
    with their positions. A string of 3 or more characters is found by checking its grams'
    positions against each other; a shorter one is a range of keys (the grams it starts)."""

    corpus: str  # the words, each followed by a newline
    keys: np.ndarray  # the gram key at each position, sorted
    positions: np.ndarray  # the position of each key, in key order
    word_at: np.ndarray  # position -> word id

    @classmethod
    def build(cls, words: Sequence[str]) -> Grams:
        corpus = "\n".join(words) + "\n\n\n"
        codes = np.frombuffer(corpus.encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
        lengths = np.fromiter(map(len, words), dtype=np.int64, count=len(words))
        word_at = np.repeat(np.arange(len(words), dtype=np.int32), lengths + 1)
        count = len(word_at)
        key = (codes[:count] << 2 * SHIFT) | (codes[1 : count + 1] << SHIFT)
        key |= codes[2 : count + 2]
        order = np.argsort(key, kind="stable").astype(np.int32)
        return cls(corpus, key[order], order, word_at)

    def _distinct(self, words: np.ndarray) -> np.ndarray:
        """``words`` without repeats when there are many (a few repeats cost less than
        removing them)."""
        if len(words) < 4096:
            return words
        seen = np.zeros(int(self.word_at[-1]) + 1, dtype=bool)
        seen[words] = True
        return np.flatnonzero(seen)

    def words(self, needle: str) -> np.ndarray:
        """Ids of the words containing ``needle`` (a word holding it twice comes twice)."""
        return self.words_of([needle])[0]

    def words_of(self, needles: Sequence[str]) -> list[np.ndarray]:
        """``words`` of each needle, their grams looked up together (one search in the
        sorted keys for all: a typo query has fifty needles)."""
        keys: list[int] = []  # the low key of each range to look up
        ends: list[int] = []  # and its end
        plans: list[tuple[str, list[tuple[int, int]]]] = []  # needle, [(range, offset)]
        for needle in needles:
            codes = [ord(char) for char in needle]
            if len(codes) < 3:  # the grams it begins: one range of keys
                low = 0
                for code in codes:
                    low = (low << SHIFT) | code
                width = (3 - len(codes)) * SHIFT
                plans.append((needle, [(len(keys), -1)]))
                keys.append(low << width)
                ends.append((low + 1) << width)
                continue
            # The grams at 0, 3, 6... and the last one cover the needle: they decide it.
            spans = []
            for offset in sorted({*range(0, len(codes) - 2, 3), len(codes) - 3}):
                gram = (codes[offset] << 2 * SHIFT) | (codes[offset + 1] << SHIFT)
                gram |= codes[offset + 2]
                spans.append((len(keys), offset))
                keys.append(gram)
                ends.append(gram + 1)
            plans.append((needle, spans))
        if not keys:
            return []
        found = np.searchsorted(self.keys, np.array(keys + ends, dtype=np.int64)).tolist()
        first, last = found[: len(keys)], found[len(keys) :]
        return [
            self._distinct(self.word_at[self._starts(needle, spans, first, last)])
            for needle, spans in plans
        ]

    def _starts(
        self, needle: str, spans: list[tuple[int, int]], first: list[int], last: list[int]
    ) -> np.ndarray:
        """Where ``needle`` starts in the corpus, from its grams' ranges of positions."""
        ranges = [(self.positions[first[i] : last[i]], offset) for i, offset in spans]
        if ranges[0][1] < 0:  # a short needle: where its grams start
            return ranges[0][0]
        ranges.sort(key=lambda span: len(span[0]))
        anchor, anchor_offset = ranges[0]
        starts = anchor - anchor_offset  # positions of one key are in order
        for positions, offset in ranges[1:]:
            if len(starts) <= FEW:  # a few left: read them
                corpus = self.corpus
                kept = [s for s in starts.tolist() if corpus.startswith(needle, s)]
                return np.array(kept, dtype=np.int64)
            shifted = starts + offset
            at = np.minimum(np.searchsorted(positions, shifted), len(positions) - 1)
            starts = starts[positions[at] == shifted]
        return starts


def as_array(values: array[int]) -> np.ndarray:
    return np.frombuffer(values, dtype=np.int64)


def postings(
    strings: list[str], positions: array[int], ids: dict[str, int]
) -> tuple[np.ndarray, np.ndarray]:
    """(starts, positions) by id of ``strings``, each found at the matching position."""
    owners = np.fromiter(map(ids.__getitem__, strings), dtype=np.int64, count=len(strings))
    return csr(owners, as_array(positions), len(ids))
