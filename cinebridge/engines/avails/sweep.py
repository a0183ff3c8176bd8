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

from cinebridge.engines.avails.columns import Columns, RowStore
from cinebridge.engines.avails.explain import RowKind
from cinebridge.engines.avails.records import AvailsQuery, Match
from cinebridge.engines.avails.taxonomy import bits, refine

Bools = npt.NDArray[np.bool_]
Ints = npt.NDArray[np.int64]

DAY_BITS = 22  # day numbers up to OPEN_END (3,652,060) fit in 22 bits
DAY_MASK = (1 << DAY_BITS) - 1
_BLOCKING = 1 << 32  # a blocking row counts in the high half of the sums, a held one in the low
SWEEP_CELLS = 2_000_000
"""Events x lanes summed at once (16 MB): titles are swept in chunks of about this size."""


def free_windows(
    title: Ints,
    begin: Ints,
    end: Ints,
    held: Bools,
    t_in: Bools,
    m_in: Bools,
    *,
    titles: int,
    need: int,
    whole: int,
) -> tuple[Bools, Bools]:
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
    _sweep(
        title[alike],
        begin[alike],
        end[alike],
        held[alike],
        everywhere[alike, np.newaxis],
        need,
        whole,
        some,
        every,
    )
    lanes = t_in.shape[1] * m_in.shape[1]
    at = np.flatnonzero(apart)
    at = at[np.argsort(title[at], kind="stable")]
    for part in _chunks(title[at], max(1, SWEEP_CELLS // (2 * lanes))):
        rows = at[part]
        member = t_in[rows, :, np.newaxis] & m_in[rows, np.newaxis, :]
        member = member.reshape(len(rows), lanes)
        _sweep(title[rows], begin[rows], end[rows], held[rows], member, need, whole, some, every)
    return some, every


def _chunks(titles: Ints, rows: int) -> list[slice]:
    """Slices of rows sorted by title, about rows long, never splitting a title."""
    out = []
    start = 0
    n = len(titles)
    while start < n:
        stop = min(start + rows, n)
        while stop < n and titles[stop] == titles[stop - 1]:
            stop += 1
        out.append(slice(start, stop))
        start = stop
    return out


def _sweep(
    title: Ints,
    begin: Ints,
    end: Ints,
    held: Bools,
    member: Bools,
    need: int,
    whole: int,
    some: Bools,
    every: Bools,
) -> None:
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


def statuses_by_sweep(store: RowStore, query: AvailsQuery, dense: Ints) -> npt.NDArray[np.int8]:
    """Status codes (0, 1, 2) of one holder's titles (dense indexes, -1 unknown)."""
    status = np.zeros(len(dense), dtype=np.int8)
    known = dense >= 0
    if known.any():
        asked = np.zeros(len(store.title_ids), dtype=np.bool_)
        asked[dense[known]] = True
        some, every = free_of(store, query, asked)
        inside = dense[known]
        status[known] = np.where(every[inside], 2, np.where(some[inside], 1, 0))
    return status


_RELEVANT = ("kind", "title", "tmask", "mmask", "lmask", "first", "stop")


def relevant_rows(store: RowStore, query: AvailsQuery, asked: Bools) -> Columns:
    """Rows of the asked titles that overlap the query and can change its answer."""
    t_hit = store.tmasks.hits(query.territories)
    m_hit = store.mmasks.hits(query.media)
    l_hit = store.lmasks.hits(store.language_leaves.asked(query.languages))
    first, stop = query.period.first_day, query.period.stop_day
    parts = []
    for cols in store.chunks():
        # The masks and the period are the selective tests: the rest only on survivors.
        keep = t_hit[cols["tmask"]]
        keep &= cols["first"] < stop
        keep &= cols["stop"] > first
        at = np.flatnonzero(keep)
        at = at[m_hit[cols["mmask"][at]]]
        at = at[l_hit[cols["lmask"][at]]]
        at = at[asked[cols["title"][at]] & cols["alive"][at]]
        kind = cols["kind"][at]
        rights = kind == RowKind.RIGHTS.value
        mine = cols["party"][at] == query.holder_id
        exclusive = cols["exclusive"][at]
        held = rights & mine & (exclusive | (not query.exclusive))
        grant = kind == RowKind.GRANT.value
        blocking = (
            ~rights
            & ~mine
            & ((grant & (exclusive | query.exclusive)) | (~grant & cols["hard"][at]))
        )
        at = at[held | blocking]
        parts.append({c: cols[c][at] for c in _RELEVANT})
    return {c: np.concatenate([p[c] for p in parts]) for c in _RELEVANT}


def free_of(store: RowStore, query: AvailsQuery, asked: Bools) -> tuple[Bools, Bools]:
    """Marks over dense titles: free in some lane, free in every lane (by the match rule)."""
    rows = relevant_rows(store, query, asked)
    tmasks, mmasks = store.tmasks, store.mmasks
    first, stop = query.period.first_day, query.period.stop_day
    t_ids, t_row = _distinct(rows["tmask"], len(tmasks.masks))
    m_ids, m_row = _distinct(rows["mmask"], len(mmasks.masks))
    t_atoms = refine(query.territories, (tmasks.masks[i] for i in t_ids.tolist()))
    m_atoms = refine(query.media, (mmasks.masks[i] for i in m_ids.tolist()))
    # Whether each distinct mask holds each atom (one leaf stands for its atom), per row.
    t_in = np.stack([tmasks.holds(next(iter(bits(a))))[t_ids] for a in t_atoms], axis=1)
    m_in = np.stack([mmasks.holds(next(iter(bits(a))))[m_ids] for a in m_atoms], axis=1)
    lmasks = store.lmasks
    asked_languages = store.language_leaves.asked(query.languages)
    l_ids, l_row = _distinct(rows["lmask"], len(lmasks.masks))
    l_atoms = refine(asked_languages, (lmasks.masks[i] for i in l_ids.tolist()))
    l_in = np.stack([lmasks.holds(next(iter(bits(a))))[l_ids] for a in l_atoms], axis=1)
    ml_in = m_in[m_row][:, :, np.newaxis] & l_in[l_row][:, np.newaxis, :]
    ml_in = ml_in.reshape(len(ml_in), len(m_atoms) * len(l_atoms))
    need = max(query.min_days, 1)
    return free_windows(
        rows["title"].astype(np.int64),
        np.maximum(rows["first"], first).astype(np.int64),
        np.minimum(rows["stop"], stop).astype(np.int64),
        rows["kind"] == RowKind.RIGHTS.value,
        t_in[t_row],
        ml_in,
        titles=len(store.title_ids),
        need=need,
        whole=stop - first if query.match is Match.ENTIRE else need,
    )


def _distinct(ids: np.ndarray, count: int) -> tuple[Ints, Ints]:
    """The distinct ids among [0, count) that occur, ascending, and each one's position."""
    seen = np.zeros(count, dtype=np.bool_)
    seen[ids] = True
    distinct = np.flatnonzero(seen)
    position = np.zeros(count, dtype=np.int64)
    position[distinct] = np.arange(len(distinct))
    return distinct, position[ids]
