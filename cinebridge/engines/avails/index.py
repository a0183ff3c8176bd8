"""The avails index: every rights-in, grant and holdback row as columns, queried in bulk.

Layout (see docs/avails.md): the rows live in a ``RowStore`` (``columns.py``: numpy
columns, interned masks, a small delta so that signing a deal costs microseconds). A query
tests each distinct mask once, keeps the rows that overlap it and can change its answer,
splits it into "lanes" (territory x media atoms that no relevant row cuts) and hands the
rows to the sweep (``sweep.py``), which finds every title's free windows in all lanes at
once.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

import numpy as np
import numpy.typing as npt

from cinebridge.engines.avails.columns import Columns, RowColumns, RowStore
from cinebridge.engines.avails.explain import Row, RowKind, missing_languages, row_of, title_avails
from cinebridge.engines.avails.languages import version_meets
from cinebridge.engines.avails.records import (
    AvailsQuery,
    Grant,
    Holdback,
    LanguageVersion,
    Match,
    RightsIn,
    Status,
    TitleAvails,
)
from cinebridge.engines.avails.sweep import free_windows
from cinebridge.engines.avails.taxonomy import bits, refine

Bools = npt.NDArray[np.bool_]
Ints = npt.NDArray[np.int64]

_STATUS = (Status.UNAVAILABLE, Status.PARTIAL, Status.AVAILABLE)
_RELEVANT = ("kind", "title", "tmask", "mmask", "lmask", "first", "stop")


class AvailsIndex:
    """Rights in, signed grants and holdbacks of a whole catalog, ready for avails queries."""

    def __init__(self, *, territory_leaves: int, media_leaves: int) -> None:
        self._store = RowStore(territory_leaves=territory_leaves, media_leaves=media_leaves)
        self._versions: dict[tuple[str, str], set[int]] = {}
        self._title_versions: dict[int, frozenset[LanguageVersion]] = {}

    # -- building and updating --------------------------------------------------------------

    @classmethod
    def build(
        cls,
        *,
        territory_leaves: int,
        media_leaves: int,
        rights: Iterable[RightsIn] = (),
        grants: Iterable[Grant] = (),
        holdbacks: Iterable[Holdback] = (),
        columns: Iterable[RowColumns] = (),
        versions: Mapping[int, Iterable[LanguageVersion]] | None = None,
    ) -> AvailsIndex:
        """An index over the given records, then the given columns (in that order); versions
        maps title id to its language versions."""
        index = cls(territory_leaves=territory_leaves, media_leaves=media_leaves)
        index.add_rights(rights)
        index.add_grants(grants)
        index.add_holdbacks(holdbacks)
        index.add_columns(columns)
        for title_id, title_versions in (versions or {}).items():
            index.set_versions(title_id, title_versions)
        index.compact()
        return index

    def add_rights(self, records: Iterable[RightsIn]) -> None:
        """Add rights-in records."""
        for record in records:
            self._store.append(row_of(record), record.title_id)

    def add_grants(self, records: Iterable[Grant]) -> None:
        """Add the grants of signed deals."""
        for record in records:
            self._store.append(row_of(record), record.title_id)

    def add_holdbacks(self, records: Iterable[Holdback]) -> None:
        """Add the holdbacks of signed deals."""
        for record in records:
            self._store.append(row_of(record), record.title_id)

    def add_columns(self, batches: Iterable[RowColumns]) -> None:
        """Add records in bulk, as columns (a whole catalog read from a database)."""
        batches = list(batches)
        if batches:
            self._store.add_columns(batches)

    def remove_deal(self, deal_id: int) -> int:
        """Switch off every grant and holdback of a deal; returns how many rows."""
        return self._store.remove_deal(deal_id)

    def remove_rights(self, record_ids: Iterable[int]) -> None:
        """Switch off rights-in rows by record id."""
        self._store.remove_rights(record_ids)

    def set_versions(self, title_id: int, versions: Iterable[LanguageVersion]) -> None:
        """Record which language versions a title has (replacing what was there)."""
        idx = self._store.title(title_id)
        for key in self._title_versions.get(idx, frozenset()):
            self._versions.get((key[0].lower(), key[1]), set()).discard(idx)
        new = frozenset(versions)
        self._title_versions[idx] = new
        for tag, usage in new:
            self._versions.setdefault((tag.lower(), usage), set()).add(idx)

    def compact(self) -> None:
        """Merge the delta into the columns, sorted by title so a title's rows are together."""
        self._store.compact()

    # -- reading ----------------------------------------------------------------------------

    @property
    def rows(self) -> int:
        """How many rows (live or not) the index holds."""
        return self._store.rows

    def memory_bytes(self) -> int:
        """Bytes held by the columns and mask tables (not Python's dict overheads)."""
        return self._store.memory_bytes()

    def title_rows(self, title_id: int) -> list[Row]:
        """Every live row recorded against one title."""
        return self._store.title_rows(title_id)

    def versions_of(self, title_id: int) -> frozenset[LanguageVersion]:
        """The language versions recorded for a title."""
        idx = self._store.titles.get(title_id)
        return frozenset() if idx is None else self._title_versions.get(idx, frozenset())

    def title_avails(self, title_id: int, query: AvailsQuery) -> TitleAvails:
        """The exact answer, with cells and reasons, for one title."""
        return title_avails(title_id, self.title_rows(title_id), query, self.versions_of(title_id))

    def query(self, query: AvailsQuery) -> AvailsResult:
        """Every title's status for the query, computed in bulk."""
        universe = self._universe(query)
        status = np.zeros(len(universe), dtype=np.int8)
        known = universe >= 0
        if known.any():
            dense = universe[known]
            asked = np.zeros(len(self._store.title_ids), dtype=np.bool_)
            asked[dense] = True
            some, every = self._free(query, asked)
            status[known] = np.where(every[dense], 2, np.where(some[dense], 1, 0))
            if query.languages:
                status[~self._has_languages(query, universe)] = 0
        return AvailsResult(self, query, self._ids_of(universe, query), status)

    def _ids_of(self, universe: Ints, query: AvailsQuery) -> Ints:
        if query.title_ids is not None:
            return np.asarray(sorted(query.title_ids), dtype=np.int64)
        return self._store.title_array()[universe]

    def _universe(self, query: AvailsQuery) -> Ints:
        """Dense title indexes the query is about, in title id order (-1: never seen)."""
        store = self._store
        if query.title_ids is not None:
            return np.asarray(
                [store.titles.get(t, -1) for t in sorted(query.title_ids)], dtype=np.int64
            )
        held = np.zeros(len(store.title_ids), dtype=np.bool_)
        at = store.rights_rows()
        main = store.main
        mine = (main["party"][at] == query.holder_id) & main["alive"][at]
        held[main["title"][at[mine]]] = True
        for cols in store.chunks():
            if cols is not main:  # the delta
                hit = (cols["kind"] == RowKind.RIGHTS.value) & (cols["party"] == query.holder_id)
                held[cols["title"][hit & cols["alive"]]] = True
        order = store.title_order()
        return order[held[order]]

    def _has_languages(self, query: AvailsQuery, universe: Ints) -> Bools:
        ok = np.ones(len(universe), dtype=np.bool_)
        for tag, usage in query.languages:
            low = tag.lower()
            having: set[int] = set()
            for (t, u), titles in self._versions.items():
                if u == usage and version_meets(low, t):
                    having |= titles
            ok &= np.isin(universe, np.fromiter(having, dtype=np.int64))
        return ok

    def _relevant(self, query: AvailsQuery, asked: Bools) -> Columns:
        """Rows of the asked titles that overlap the query and can change its answer."""
        t_hit = self._store.tmasks.hits(query.territories)
        m_hit = self._store.mmasks.hits(query.media)
        l_hit = self._store.lmasks.hits(self._store.language_leaves.asked(query.languages))
        first, stop = query.period.first_day, query.period.stop_day
        parts = []
        for cols in self._store.chunks():
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
            blocking = ~rights & ~mine & ((grant & (exclusive | query.exclusive))
                                          | (~grant & cols["hard"][at]))  # fmt: skip
            at = at[held | blocking]
            parts.append({c: cols[c][at] for c in _RELEVANT})
        return {c: np.concatenate([p[c] for p in parts]) for c in _RELEVANT}

    def _free(self, query: AvailsQuery, asked: Bools) -> tuple[Bools, Bools]:
        """Marks over dense titles: free in some lane, free in every lane (by the match rule)."""
        rows = self._relevant(query, asked)
        tmasks, mmasks = self._store.tmasks, self._store.mmasks
        first, stop = query.period.first_day, query.period.stop_day
        t_ids, t_row = _distinct(rows["tmask"], len(tmasks.masks))
        m_ids, m_row = _distinct(rows["mmask"], len(mmasks.masks))
        t_atoms = refine(query.territories, (tmasks.masks[i] for i in t_ids.tolist()))
        m_atoms = refine(query.media, (mmasks.masks[i] for i in m_ids.tolist()))
        # Whether each distinct mask holds each atom (one leaf stands for its atom), per row.
        t_in = np.stack([tmasks.holds(next(iter(bits(a))))[t_ids] for a in t_atoms], axis=1)
        m_in = np.stack([mmasks.holds(next(iter(bits(a))))[m_ids] for a in m_atoms], axis=1)
        lmasks = self._store.lmasks
        asked = self._store.language_leaves.asked(query.languages)
        l_ids, l_row = _distinct(rows["lmask"], len(lmasks.masks))
        l_atoms = refine(asked, (lmasks.masks[i] for i in l_ids.tolist()))
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
            titles=len(self._store.title_ids),
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


class AvailsResult:
    """Statuses for every title of a query; the exact cells of a title on demand."""

    def __init__(
        self, index: AvailsIndex, query: AvailsQuery, title_ids: Ints, status: npt.NDArray[np.int8]
    ):
        self.index = index
        self.query = query
        self.title_ids = title_ids
        self.status_codes = status

    def __len__(self) -> int:
        return len(self.title_ids)

    def items(self) -> Iterator[tuple[int, Status]]:
        """(title id, status) for every title, in title id order."""
        for title_id, code in zip(self.title_ids.tolist(), self.status_codes.tolist(), strict=True):
            yield title_id, _STATUS[code]

    def counts(self) -> dict[Status, int]:
        """How many titles have each status."""
        found = np.bincount(self.status_codes, minlength=3)
        return {status: int(found[i]) for i, status in enumerate(_STATUS)}

    def titles(self, status: Status | None = None) -> list[int]:
        """Title ids, optionally only those with one status."""
        if status is None:
            return [int(t) for t in self.title_ids]
        return [int(t) for t in self.title_ids[self.status_codes == _STATUS.index(status)]]

    def status(self, title_id: int) -> Status:
        """One title's status (UNAVAILABLE for titles outside the query)."""
        found = np.flatnonzero(self.title_ids == title_id)
        return _STATUS[int(self.status_codes[found[0]])] if len(found) else Status.UNAVAILABLE

    def explain(self, title_id: int) -> TitleAvails:
        """The exact cells and reasons for one title."""
        return self.index.title_avails(title_id, self.query)


__all__ = ["AvailsIndex", "AvailsResult", "missing_languages"]
