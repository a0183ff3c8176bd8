"""Rank only as far as a page needs: the first hits of ``rank``, exactly, from lower bounds.

Every candidate comes with a ``Bound`` (bounds.py): a (tier, typos) no better than its own,
with its exact tie-breaks (boost, key). Candidates are ranked with ``rank`` a batch at a time,
in order of their bounds; a ranked hit is *final* once it beats the bound of the next
candidate not yet ranked, since that candidate and every later one can only rank below it.
So ``RankedPrefix(...).prefix(n)`` equals ``rank(query, every candidate)[:n]`` while ranking
few more than ``n`` candidates when the bounds are tight.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Sequence
from operator import itemgetter
from typing import Any, Generic, TypeVar, overload

from cinebridge.engines.text.bounds import BoundKey
from cinebridge.engines.text.query import Query
from cinebridge.engines.text.ranking import Candidate, Hit, rank

Ref = TypeVar("Ref")
FIRST_BATCH = 24  # candidates ranked at least in the first batch (a page); later batches double


class SortedBounds(Sequence[tuple[BoundKey, int]]):
    """Bounds already in order, held as columns (tiers, typos, minus boosts, keys, refs):
    the (bound, ref) pairs are made only for the candidates read, so thousands of matches
    cost no Python objects until a page needs them."""

    def __init__(
        self,
        tiers: Sequence[int],
        typos: Sequence[int],
        neg_boosts: Sequence[float],
        keys: Sequence[int],
        refs: Sequence[int],
    ) -> None:
        self._columns = (tiers, typos, neg_boosts, keys)
        self._keys = keys
        self._refs = refs

    def __len__(self) -> int:
        return len(self._refs)

    @overload
    def __getitem__(self, index: int) -> tuple[BoundKey, int]: ...

    @overload
    def __getitem__(self, index: slice) -> list[tuple[BoundKey, int]]: ...

    def __getitem__(self, index: int | slice) -> tuple[BoundKey, int] | list[tuple[BoundKey, int]]:
        if isinstance(index, slice):
            columns = [_plain(column[index]) for column in (*self._columns, self._refs)]
            return [
                ((tier, typo, boost, key), ref)
                for tier, typo, boost, key, ref in zip(*columns, strict=True)
            ]
        tier, typo, boost, key = (_plain(column[index]) for column in self._columns)
        return (tier, typo, boost, key), _plain(self._refs[index])

    def refs_of(self, keys: set[int]) -> list[int]:
        """The refs of the candidates with ``keys``."""
        return [
            ref
            for key, ref in zip(_plain(self._keys), _plain(self._refs), strict=True)
            if key in keys
        ]


def _plain(values: Any) -> Any:
    """Python numbers from numpy arrays and scalars (anything else as it is)."""
    return values.tolist() if hasattr(values, "tolist") else values


class RankedPrefix(Generic[Ref]):
    """The hits of ``rank(query, candidates)`` in order, ranked lazily from their bounds.

    ``bounds`` holds one (Bound, or the same as a plain tuple, ref) per candidate, in any
    order, or a ``SortedBounds`` (in order already); ``load(refs)`` returns those candidates
    (key and boost as in their bounds: the boost of a ranked hit is read from its candidate).
    The candidates must all match the query.
    """

    def __init__(
        self,
        query: Query,
        bounds: Iterable[tuple[BoundKey, Ref]],
        load: Callable[[Sequence[Ref]], Iterable[Candidate]],
    ) -> None:
        self._query = query
        self._pending: Sequence[tuple[BoundKey, Ref]]
        if isinstance(bounds, SortedBounds):
            self._pending = bounds  # type: ignore[assignment]
        else:
            self._pending = sorted(bounds, key=itemgetter(0))
        self._load = load
        self._neg_boost: dict[int, float] = {}  # of the candidates ranked
        self._next = 0  # candidates before this position in _pending are ranked
        self._ranked: list[tuple[tuple[int, int, float, int], Hit]] = []  # by exact key
        self._hits: dict[int, Hit] = {}
        self._batch = FIRST_BATCH
        self.candidates_ranked = 0  # how many candidates rank() has seen (for benchmarks)

    def __len__(self) -> int:
        """The number of candidates (all match, so the number of hits)."""
        return len(self._pending)

    def _rank(self, refs: Sequence[Ref]) -> None:
        if not refs:
            return
        candidates = list(self._load(refs))
        self.candidates_ranked += len(candidates)
        self._neg_boost.update((candidate.key, -candidate.boost) for candidate in candidates)
        for hit in rank(self._query, candidates):
            if hit.key in self._hits:
                continue
            self._hits[hit.key] = hit
            exact = (hit.tier, hit.typos, self._neg_boost[hit.key], hit.key)
            bisect.insort(self._ranked, (exact, hit), key=lambda pair: pair[0])

    def _final(self) -> int:
        """How many leading ranked hits no candidate still to rank can precede."""
        if self._next >= len(self._pending):
            return len(self._ranked)
        following = self._pending[self._next][0]
        return bisect.bisect_left(self._ranked, following, key=lambda pair: pair[0])

    def prefix(self, n: int) -> list[Hit]:
        """The first ``n`` hits (all of them if fewer), exactly as ranking every one gives."""
        while self._final() < n and self._next < len(self._pending):
            size = max(self._batch, n - self._final())
            chunk = self._pending[self._next : self._next + size]
            self._next += len(chunk)
            self._batch *= 2
            self._rank([ref for bound, ref in chunk if bound[3] not in self._hits])
        return [hit for _, hit in self._ranked[:n]]

    def hits_of(self, keys: Iterable[int]) -> dict[int, Hit]:
        """The exact hits of the candidates with ``keys`` (ranked now if not yet)."""
        wanted = set(keys)
        missing = wanted - self._hits.keys()
        if missing:
            if isinstance(self._pending, SortedBounds):
                self._rank(self._pending.refs_of(missing))  # type: ignore[arg-type]
            else:
                self._rank([ref for bound, ref in self._pending if bound[3] in missing])
        return {key: self._hits[key] for key in wanted if key in self._hits}

    def in_rank_order(self, groups: Sequence[Sequence[int]]) -> list[list[Hit]]:
        """For each group of candidate keys, their exact hits, best first (ranked in one go)."""
        hits = self.hits_of(key for group in groups for key in group)
        return [
            sorted(
                (hits[key] for key in group if key in hits),
                key=lambda h: (h.tier, h.typos, self._neg_boost[h.key], h.key),
            )
            for group in groups
        ]

    def all(self) -> list[Hit]:
        """Every hit in rank order."""
        return self.prefix(len(self._pending))

    def neg_boost(self, key: int) -> float:
        """The candidate's tie-break: minus its boost."""
        return self._neg_boost[key]
