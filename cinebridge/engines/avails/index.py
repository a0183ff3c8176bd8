"""The avails index: every rights-in, grant and holdback row as columns, queried in bulk.

Layout (see docs/avails.md): the rows live in a ``RowStore`` (``columns.py``: numpy
columns, interned masks, a small delta so that signing a deal costs microseconds). A query
tests each distinct mask once, keeps the rows that overlap it and can change its answer,
splits it into "lanes" (territory x media atoms that no relevant row cuts) and hands the
rows to the sweep (``sweep.py``), which finds every title's free windows in all lanes at
once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from datetime import date

import numpy as np
import numpy.typing as npt

from cinebridge.engines.avails import kernel
from cinebridge.engines.avails.bulk import KernelRunner
from cinebridge.engines.avails.columns import RowColumns, RowStore
from cinebridge.engines.avails.explain import (
    Row,
    RowKind,
    missing_detail,
    missing_languages,
    row_of,
    title_avails,
)
from cinebridge.engines.avails.languages import version_meets
from cinebridge.engines.avails.records import (
    OPEN_END,
    AvailsQuery,
    Grant,
    Holdback,
    LanguageVersion,
    Period,
    Reason,
    RightsIn,
    Status,
    TitleAvails,
)
from cinebridge.engines.avails.results import WHY_REASONS, AvailsResult, Entries, WhyNot
from cinebridge.engines.avails.sweep import statuses_by_sweep

Bools = npt.NDArray[np.bool_]
STATUS_CODES = {Status.UNAVAILABLE: 0, Status.PARTIAL: 1, Status.AVAILABLE: 2}
Ints = npt.NDArray[np.int64]


class AvailsIndex:
    """Rights in, signed grants and holdbacks of a whole catalog, ready for avails queries."""

    def __init__(self, *, territory_leaves: int, media_leaves: int) -> None:
        self._store = RowStore(territory_leaves=territory_leaves, media_leaves=media_leaves)
        self._versions: dict[tuple[str, str], set[int]] = {}
        self._title_versions: dict[int, frozenset[LanguageVersion]] = {}
        self.engine = "kernel" if kernel.COMPILED else "sweep"
        """How queries are answered: "kernel" (one compiled pass per title; plain Python
        without numba) or "sweep" (numpy only: the bulk sweep, and the readable path for
        why-not)."""
        self._kernel = KernelRunner(self._store)
        self._universes: dict[int, Ints] = {}
        self._universes_key: tuple[int, int] | None = None

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

    def title_avails(
        self, title_id: int, query: AvailsQuery, holder_id: int | None = None
    ) -> TitleAvails:
        """The exact answer, with cells and reasons, for one title (for holder_id when given,
        which a whole-market query needs)."""
        if holder_id is not None:
            query = replace(query, holder_id=holder_id)
        return title_avails(title_id, self.title_rows(title_id), query, self.versions_of(title_id))

    def query(self, query: AvailsQuery) -> AvailsResult:
        """Every (title, holder)'s status for the query, computed in bulk."""
        title_ids, holders, dense = self._subjects(query)
        if self.engine == "kernel":
            status = self._kernel.statuses(query, dense, holders)
            for i in np.flatnonzero(status < 0).tolist():  # too many rows for the kernel
                answer = self.title_avails(int(title_ids[i]), query, int(holders[i]))
                status[i] = STATUS_CODES[answer.status]
        elif query.holder_id is None:
            status = self._market_by_sweep(query, title_ids, holders)
        else:
            status = self._statuses_by_sweep(query, dense)
        if query.languages:
            status[~self._has_languages(query, dense)] = 0
        subjects = (title_ids, holders, dense)
        return AvailsResult(
            self, query, title_ids, status, holders, why=lambda r: self._why_not(r, subjects)
        )

    def _subjects(self, query: AvailsQuery) -> tuple[Ints, Ints, Ints]:
        """(title ids, holder ids, dense title indexes or -1) the query answers for."""
        store = self._store
        if query.holder_id is None:
            return self._market(query)
        if query.title_ids is not None:
            ids = np.asarray(sorted(query.title_ids), dtype=np.int64)
            dense = np.asarray([store.titles.get(int(t), -1) for t in ids], dtype=np.int64)
        else:
            dense = self._universe(query.holder_id)
            ids = store.title_array()[dense]
        return ids, np.full(len(ids), query.holder_id, dtype=np.int64), dense

    def _market(self, query: AvailsQuery) -> tuple[Ints, Ints, Ints]:
        """Every (title, holder) pair with a live rights-in row, by title id then holder."""
        store = self._store
        titles, parties = [], []
        for cols in store.chunks():
            hit = (cols["kind"] == RowKind.RIGHTS.value) & cols["alive"]
            titles.append(cols["title"][hit].astype(np.int64))
            parties.append(cols["party"][hit].astype(np.int64))
        dense = np.concatenate(titles) if titles else np.zeros(0, np.int64)
        holders = np.concatenate(parties) if parties else np.zeros(0, np.int64)
        ids = store.title_array()[dense] if len(dense) else dense
        if query.title_ids is not None:
            keep = np.isin(ids, np.fromiter(query.title_ids, np.int64))
            ids, holders, dense = ids[keep], holders[keep], dense[keep]
        order = np.lexsort((holders, ids))
        ids, holders, dense = ids[order], holders[order], dense[order]
        first = np.ones(len(ids), dtype=np.bool_)
        first[1:] = (ids[1:] != ids[:-1]) | (holders[1:] != holders[:-1])
        return ids[first], holders[first], dense[first]

    def _why_not(self, result: AvailsResult, subjects: tuple[Ints, Ints, Ints]) -> WhyNot:
        query = result.query
        _ids, holders, dense = subjects
        asked = result.status_codes != 2
        lacking = np.zeros(len(dense), dtype=np.bool_)
        if query.languages:
            lacking = ~self._has_languages(query, dense)
        decide = asked & ~lacking
        if self.engine == "kernel":
            entries, left = self._kernel.why_not(query, subjects, decide)
        else:
            entries, left = None, decide
        parts = [] if entries is None else [entries]
        parts.append(self._why_by_reading(result, left))
        parts.append(self._why_lacking(result, asked & lacking))
        store = self._store
        return WhyNot(
            _joined(parts), store.deal_refs, store.language_sets, self._language_detail(query)
        )

    def _why_by_reading(self, result: AvailsResult, which: Bools) -> Entries:
        """Why-not entries from the readable path, for the entries marked."""
        rows: list[tuple[int, int, int, int, int, int, bool, int]] = []
        for i in np.flatnonzero(which).tolist():
            title, holder = int(result.title_ids[i]), int(result.holder_ids[i])
            blocks = {
                b for cell in result.explain(title, holder_id=holder).blocked for b in cell.blocks
            }
            for b in blocks:
                rows.append(
                    (
                        title,
                        holder,
                        WHY_REASONS.index(b.reason),
                        b.record_id or 0,
                        b.deal_id or 0,
                        _day(b.until) if b.record_id else 0,
                        b.provisional,
                        self._store.language_id(frozenset(b.languages)) if b.record_id else -1,
                    )
                )
        return _entries(rows)

    def _why_lacking(self, result: AvailsResult, which: Bools) -> Entries:
        code = WHY_REASONS.index(Reason.NO_LANGUAGE_VERSION)
        return _entries(
            [
                (int(result.title_ids[i]), int(result.holder_ids[i]), code, 0, 0, 0, False, -1)
                for i in np.flatnonzero(which).tolist()
            ]
        )

    def _language_detail(self, query: AvailsQuery) -> Callable[[int], str]:
        def detail(title_id: int) -> str:
            return missing_detail(missing_languages(query.languages, self.versions_of(title_id)))

        return detail

    def _statuses_by_sweep(self, query: AvailsQuery, dense: Ints) -> npt.NDArray[np.int8]:
        """The numpy path (no compiler): statuses of one holder's titles by the bulk sweep."""
        return statuses_by_sweep(self._store, query, dense)

    def _market_by_sweep(
        self, query: AvailsQuery, title_ids: Ints, holders: Ints
    ) -> npt.NDArray[np.int8]:
        """The numpy path for the whole market: one holder at a time."""
        status = np.zeros(len(title_ids), dtype=np.int8)
        for holder in np.unique(holders).tolist():
            mine = holders == holder
            ask = replace(query, holder_id=holder, title_ids=frozenset(title_ids[mine].tolist()))
            _ids, _holders, dense = self._subjects(ask)
            status[mine] = self._statuses_by_sweep(ask, dense)
        return status

    def _universe(self, holder_id: int) -> Ints:
        """Dense indexes of the titles the holder has a live rights-in row for, in title
        id order (remembered until a rights-in row comes or goes)."""
        store = self._store
        key = (store.rights_version, len(store.title_ids))
        if self._universes_key != key:
            self._universes, self._universes_key = {}, key
        found = self._universes.get(holder_id)
        if found is None:
            found = self._universes[holder_id] = self._universe_of(holder_id)
        return found

    def _universe_of(self, holder_id: int) -> Ints:
        store = self._store
        held = np.zeros(len(store.title_ids), dtype=np.bool_)
        at = store.rights_rows()
        main = store.main
        mine = (main["party"][at] == holder_id) & main["alive"][at]
        held[main["title"][at[mine]]] = True
        for cols in store.chunks():
            if cols is not main:  # the delta
                hit = (cols["kind"] == RowKind.RIGHTS.value) & (cols["party"] == holder_id)
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


def warm_up() -> None:
    """Compile the kernel now (numba caches it on disk: later processes load it in about
    0.1 s), so that no visitor waits for the first compilation (several seconds)."""
    index = AvailsIndex(territory_leaves=1, media_leaves=1)
    query = AvailsQuery(holder_id=1, territories=1, media=1, period=Period.from_days(1, 2))
    index.query(query).why_not()


def _day(value: date | None) -> int:
    return OPEN_END if value is None else value.toordinal()


def _entries(rows: list[tuple[int, int, int, int, int, int, bool, int]]) -> Entries:
    columns = list(zip(*rows, strict=True)) if rows else [()] * 8
    ints = [np.asarray(c, dtype=np.int64) for c in columns]
    return Entries(
        title=ints[0],
        holder=ints[1],
        reason=ints[2],
        record=ints[3],
        deal=ints[4],
        until=ints[5],
        provisional=np.asarray(columns[6], dtype=np.bool_),
        languages=ints[7],
    )


def _joined(parts: list[Entries]) -> Entries:
    names = ("title", "holder", "reason", "record", "deal", "until", "provisional", "languages")
    return Entries(**{n: np.concatenate([getattr(p, n) for p in parts]) for n in names})


__all__ = ["AvailsIndex", "AvailsResult", "WhyNot", "missing_languages", "warm_up"]
