"""The bulk sweep behind ``AvailsIndex.query``: free time per title, in every lane at once.

Input: the query's relevant rows as columns (dense title index, first and stop day clipped
to the query period, held or blocking) and which lanes (territory x media atoms) each row
covers. The rows' start and stop events are sorted once
by (title, day); one cumulative sum per lane column then gives, between two consecutive
events, how many held and how many blocking rows cover each lane. A lane is free where the
held count is positive and the blocking count zero; touching free segments of a title form
one window. Titles are marked in boolean arrays indexed by dense title (no sort, no unique).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

Bools = npt.NDArray[np.bool_]
Ints = npt.NDArray[np.int64]

DAY_BITS = 22  # day numbers up to OPEN_END (3,652,060) fit in 22 bits
DAY_MASK = (1 << DAY_BITS) - 1
_BLOCKING = 1 << 32  # a blocking row counts in the high half of the sums, a held one in the low


def free_windows(
    title: Ints, begin: Ints, end: Ints, held: Bools, t_in: Bools, m_in: Bools, *,
    titles: int, need: int, whole: int,
) -> tuple[Bools, Bools]:  # fmt: skip
    """Two marks over dense title indexes [0, titles): some lane has a free window of at
    least need days; every lane is free at once for a window of at least whole days.

    Rows are half-open [begin, end) day intervals inside the query period, begin < end;
    t_in (rows x territory atoms) and m_in (rows x media atoms) say which atoms each row
    covers; lane i * (media atoms) + j is territory atom i x media atom j.
    """
    some = np.zeros(titles, dtype=np.bool_)
    every = np.zeros(titles, dtype=np.bool_)
    everywhere = np.all(t_in, axis=1) & np.all(m_in, axis=1)
    if t_in.shape[1] * m_in.shape[1] == 1 or everywhere.all():
        _sweep(title, begin, end, held, everywhere[:, np.newaxis], need, whole, some, every)
        return some, every
    # Most titles have only rows that cover every lane (World, the whole region, all VOD):
    # their lanes are all alike and one lane stands for them. The other titles take the
    # (events x lanes) sums.
    mixed = np.zeros(titles, dtype=np.bool_)
    mixed[title[~everywhere]] = True
    apart = mixed[title]
    alike = ~apart
    _sweep(title[alike], begin[alike], end[alike], held[alike], everywhere[alike, np.newaxis],
           need, whole, some, every)  # fmt: skip
    member = t_in[apart, :, np.newaxis] & m_in[apart, np.newaxis, :]
    member = member.reshape(len(member), t_in.shape[1] * m_in.shape[1])
    _sweep(title[apart], begin[apart], end[apart], held[apart], member,
           need, whole, some, every)  # fmt: skip
    return some, every


def _sweep(
    title: Ints, begin: Ints, end: Ints, held: Bools, member: Bools, need: int, whole: int,
    some: Bools, every: Bools,
) -> None:  # fmt: skip
    """free_windows over some titles' rows, marking some and every in place."""
    rows = len(title)
    if not rows:
        return
    keys = np.concatenate([title << DAY_BITS | begin, title << DAY_BITS | end])
    order = np.argsort(keys)  # the order among equal keys does not matter: see below
    keys = keys[order]
    row = order % rows
    weight = np.where(held, 1, _BLOCKING)[row]
    weight[order >= rows] *= -1  # stop events
    counts = member[row] * weight[:, np.newaxis]
    np.cumsum(counts, axis=0, out=counts)
    # A segment runs from one event to the next distinct key of the same title; its counts
    # are those after the last event at its start.
    key_title = keys >> DAY_BITS
    segment = np.flatnonzero((keys[:-1] != keys[1:]) & (key_title[:-1] == key_title[1:]))
    if not len(segment):
        return
    seg_title = key_title[segment]
    length = (keys[segment + 1] & DAY_MASK) - (keys[segment] & DAY_MASK)
    sums = counts[segment]
    free = (sums > 0) & (sums < _BLOCKING)  # held by some row, blocked by none
    some[seg_title[_long_runs(free, seg_title, length, need).any(axis=1)]] = True
    together = free if free.shape[1] == 1 else np.all(free, axis=1)[:, np.newaxis]
    every[seg_title[_long_runs(together, seg_title, length, whole)[:, 0]]] = True


def _long_runs(free: Bools, title: Ints, length: Ints, need: int) -> Bools:
    """Per segment and lane: free, and the run of touching free segments of its title that
    it belongs to has lasted at least need days by its end (a title's segments touch)."""
    n = len(title)
    before = np.zeros(n + 1, dtype=np.int64)  # days in the segments before each one
    np.cumsum(length, out=before[1:])
    start = free.copy()
    start[1:] &= ~(free[:-1] & (title[1:] == title[:-1])[:, np.newaxis])
    first = np.where(start, np.arange(n)[:, np.newaxis], 0)
    np.maximum.accumulate(first, axis=0, out=first)  # where the current run started
    return free & (before[1:, np.newaxis] - before[first] >= need)
