"""Hands the row store to the kernel: the query's mask tests, the delta grouped by title.

``KernelRunner.statuses`` answers every subject (dense title, holder) in one kernel call;
``why_not`` runs the same pass again for the subjects asked, writing their reasons. Subjects
the kernel leaves (more relevant rows than ``kernel.MAX_ROWS``) come back marked for the
readable path.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from cinebridge.engines.avails import kernel
from cinebridge.engines.avails.columns import MaskTable, RowStore
from cinebridge.engines.avails.records import AvailsQuery, Match
from cinebridge.engines.avails.results import Entries

Bools = npt.NDArray[np.bool_]
Ints = npt.NDArray[np.int64]
KERNEL_COLUMNS = (
    "kind",
    "party",
    "shape",
    "first",
    "stop",
    "exclusive",
    "hard",
    "alive",
)
WORD = 0xFFFFFFFFFFFFFFFF


@dataclass(frozen=True)
class _Axis:
    """One axis of a query against a mask table: the table's words, the query's words, and
    per mask id whether it meets the query and whether it covers all of it."""

    words: npt.NDArray[np.uint64]
    query: npt.NDArray[np.uint64]
    hit: Bools
    full: Bools


def _axis(table: MaskTable, mask: int) -> _Axis:
    words = table.array()
    query = np.asarray([(mask >> (64 * w)) & WORD for w in range(words.shape[1])], dtype=np.uint64)
    inside = words & query
    return _Axis(
        words,
        query,
        np.asarray(inside.any(axis=1), dtype=np.bool_),
        np.asarray((inside == query).all(axis=1), dtype=np.bool_),
    )


class KernelRunner:
    """The compiled path of ``AvailsIndex.query`` over one row store."""

    def __init__(self, store: RowStore) -> None:
        self.store = store
        self._delta_key: tuple[int, int] | None = None
        self._delta: tuple[Ints, Ints] | None = None

    def _delta_rows(self) -> tuple[Ints, Ints]:
        """Per-title offsets into the delta's row positions sorted by title (cached until
        the delta changes)."""
        store = self.store
        key = (store.delta_version, len(store.title_ids))
        if self._delta is None or self._delta_key != key:
            titles = store.delta_columns()["title"]
            order = np.argsort(titles, kind="stable")
            offsets = np.searchsorted(
                titles[order], np.arange(len(store.title_ids) + 1), side="left"
            ).astype(np.int64)
            self._delta = (offsets, (order + store.merged).astype(np.int64))
            self._delta_key = key
        return self._delta

    def _run(
        self,
        query: AvailsQuery,
        dense: Ints,
        holders: Ints,
        want_why: bool,
        capacity: int = 0,
    ) -> tuple[npt.NDArray[np.int8], Ints, Ints, Ints, int]:
        store = self.store
        d_offsets, d_pos = self._delta_rows()
        t = _axis(store.tmasks, query.territories)
        m = _axis(store.mmasks, query.media)
        lang = _axis(store.lmasks, store.language_leaves.asked(query.languages))
        shapes = store.shape_array()
        status = np.zeros(len(dense), dtype=np.int8)
        why = [np.zeros(capacity, dtype=np.int64) for _ in range(3)]
        need = max(query.min_days, 1)
        count = kernel.decide(
            np.ascontiguousarray(dense, dtype=np.int64),
            np.ascontiguousarray(holders, dtype=np.int64),
            store.offsets,
            tuple(store.base[c] for c in KERNEL_COLUMNS),
            d_offsets,
            d_pos,
            t.words,
            m.words,
            lang.words,
            t.query,
            m.query,
            lang.query,
            t.full,
            m.full,
            lang.full,
            shapes,
            t.hit[shapes[:, 0]] & m.hit[shapes[:, 1]] & lang.hit[shapes[:, 2]],
            t.full[shapes[:, 0]] & m.full[shapes[:, 1]] & lang.full[shapes[:, 2]],
            query.period.first_day,
            query.period.stop_day,
            query.exclusive,
            query.match is Match.ENTIRE,
            need,
            want_why,
            status,
            *why,
        )
        return status, why[0], why[1], why[2], int(count)

    def statuses(self, query: AvailsQuery, dense: Ints, holders: Ints) -> npt.NDArray[np.int8]:
        """Status codes per subject; -1 where the kernel left the title to the readable path."""
        return self._run(query, dense, holders, want_why=False)[0]

    def why_not(
        self, query: AvailsQuery, subjects: tuple[Ints, Ints, Ints], which: Bools
    ) -> tuple[Entries, Bools]:
        """Why-not entries of the subjects marked, and which subjects the kernel left."""
        title_ids, holders, dense = subjects
        at = np.flatnonzero(which)
        store = self.store
        sub_dense, sub_holders = dense[at], holders[at]
        capacity = len(at) + _rows_of(store, sub_dense, self._delta_rows()[0])
        status, subject, reason, row, count = self._run(
            query, sub_dense, sub_holders, want_why=True, capacity=capacity
        )
        subject, reason, row = subject[:count], reason[:count], row[:count]
        left = np.zeros(len(dense), dtype=np.bool_)
        left[at[status < 0]] = True
        cols = store.base
        named = row >= 0
        at_row = np.where(named, row, 0)
        record = np.where(named, cols["record"][at_row], 0)
        deal = np.where(named, cols["deal"][at_row], 0)
        until = np.where(named, cols["stop"][at_row], 0).astype(np.int64)
        provisional = np.where(named, cols["provisional"][at_row], False)
        lmask = cols["lmask"][at_row]
        deal[reason == kernel.WHY_WEAK] = 0
        provisional[reason == kernel.WHY_WEAK] = False
        languages = np.where(named, lmask, -1).astype(np.int64)
        entries = Entries(
            title=title_ids[at][subject],
            holder=sub_holders[subject],
            reason=reason,
            record=record,
            deal=deal,
            until=until,
            provisional=provisional,
            languages=languages,
        )
        return entries, left


def _rows_of(store: RowStore, dense: Ints, d_offsets: Ints) -> int:
    """How many rows (merged and delta) the given titles have: a bound on why-not entries."""
    total = 0
    for offsets in (store.offsets, d_offsets):
        n = len(offsets) - 1
        inside = dense[(dense >= 0) & (dense < n)]
        total += int((offsets[inside + 1] - offsets[inside]).sum())
    return total
