"""The avails index: every rights-in, grant and holdback row as columns, queried in bulk.

Layout (see docs/avails.md):
- one row per record, in numpy columns; territories and media are ids into tables of the
  distinct masks, so a row costs ~30 bytes whatever the size of the trees;
- a query first tests each distinct mask once, then filters every row with a few
  vectorised comparisons, splits the query into "lanes" (territory x media atoms that no
  relevant row cuts) and sweeps each lane's intervals per title, sorted by (title, day);
- new rows go to a small delta that is merged into the columns when it grows, so signing
  a deal costs microseconds; a terminated deal's rows are switched off in place.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from cinebridge.engines.avails.explain import (
    Row,
    RowKind,
    missing_languages,
    row_of,
    title_avails,
)
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
from cinebridge.engines.avails.taxonomy import bits, refine

Bools = npt.NDArray[np.bool_]
Ints = npt.NDArray[np.int64]

_DAY_BITS = 22  # day numbers up to OPEN_END (3,652,060) fit in 22 bits
_DAY_MASK = (1 << _DAY_BITS) - 1
_STATUS = (Status.UNAVAILABLE, Status.PARTIAL, Status.AVAILABLE)
_COLUMNS = (
    "kind",
    "record",
    "title",
    "party",
    "tmask",
    "mmask",
    "first",
    "stop",
    "exclusive",
    "hard",
    "provisional",
    "deal",
    "alive",
)
_DTYPES = {
    "kind": np.int8,
    "record": np.int64,
    "title": np.int32,
    "party": np.int64,
    "tmask": np.int32,
    "mmask": np.int32,
    "first": np.int32,
    "stop": np.int32,
    "exclusive": np.bool_,
    "hard": np.bool_,
    "provisional": np.bool_,
    "deal": np.int64,
    "alive": np.bool_,
}
DELTA_LIMIT = 20_000


class _Masks:
    """Distinct masks, numbered; their bits as a (masks x words) uint64 array."""

    def __init__(self, leaves: int) -> None:
        self.words = max(1, (leaves + 63) // 64)
        self.ids: dict[int, int] = {}
        self.masks: list[int] = []
        self._array: npt.NDArray[np.uint64] | None = None

    def id(self, mask: int) -> int:
        found = self.ids.get(mask)
        if found is None:
            found = self.ids[mask] = len(self.masks)
            self.masks.append(mask)
            self._array = None
        return found

    def array(self) -> npt.NDArray[np.uint64]:
        if self._array is None:
            out = np.zeros((len(self.masks), self.words), dtype=np.uint64)
            for i, mask in enumerate(self.masks):
                for w in range(self.words):
                    out[i, w] = (mask >> (64 * w)) & 0xFFFFFFFFFFFFFFFF
            self._array = out
        return self._array

    def hits(self, mask: int) -> Bools:
        """For each mask id: does it share a leaf with mask?"""
        table = self.array()
        hit = np.zeros(len(self.masks), dtype=np.bool_)
        for w in range(self.words):
            word = (mask >> (64 * w)) & 0xFFFFFFFFFFFFFFFF
            if word:
                hit |= (table[:, w] & np.uint64(word)) != 0
        return hit

    def holds(self, leaf: int) -> Bools:
        """For each mask id: does it contain this leaf?"""
        column = self.array()[:, leaf // 64]
        return ((column >> np.uint64(leaf % 64)) & np.uint64(1)).astype(np.bool_)


@dataclass(frozen=True, slots=True)
class _Lane:
    title: Ints
    first: Ints
    stop: Ints


class AvailsIndex:
    """Rights in, signed grants and holdbacks of a whole catalog, ready for avails queries."""

    def __init__(self, *, territory_leaves: int, media_leaves: int) -> None:
        self._tmasks = _Masks(territory_leaves)
        self._mmasks = _Masks(media_leaves)
        self._titles: dict[int, int] = {}
        self._title_ids: list[int] = []
        self._title_array: Ints | None = None  # _title_ids as an array, made when asked
        self._deal_refs: dict[int, str] = {}
        self._main: dict[str, np.ndarray] = {c: np.zeros(0, _DTYPES[c]) for c in _COLUMNS}
        self._main_offsets = np.zeros(1, dtype=np.int64)  # rows of title i: [o[i], o[i+1])
        self._delta: dict[str, list[int]] = {c: [] for c in _COLUMNS}
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
        versions: Mapping[int, Iterable[LanguageVersion]] | None = None,
    ) -> AvailsIndex:
        """An index over the given records; versions maps title id to its language versions."""
        index = cls(territory_leaves=territory_leaves, media_leaves=media_leaves)
        index.add_rights(rights)
        index.add_grants(grants)
        index.add_holdbacks(holdbacks)
        for title_id, title_versions in (versions or {}).items():
            index.set_versions(title_id, title_versions)
        index.compact()
        return index

    def _title(self, title_id: int) -> int:
        found = self._titles.get(title_id)
        if found is None:
            found = self._titles[title_id] = len(self._title_ids)
            self._title_ids.append(title_id)
            self._title_array = None
        return found

    def _append(self, row: Row, title_id: int) -> None:
        d = self._delta
        d["kind"].append(row.kind.value)
        d["record"].append(row.record_id)
        d["title"].append(self._title(title_id))
        d["party"].append(row.party)
        d["tmask"].append(self._tmasks.id(row.territories))
        d["mmask"].append(self._mmasks.id(row.media))
        d["first"].append(row.first)
        d["stop"].append(row.stop)
        d["exclusive"].append(row.exclusive)
        d["hard"].append(row.hard)
        d["provisional"].append(row.provisional)
        d["deal"].append(row.deal_id or 0)
        d["alive"].append(True)
        if len(d["kind"]) >= DELTA_LIMIT:
            self.compact()

    def add_rights(self, records: Iterable[RightsIn]) -> None:
        """Add rights-in records."""
        for record in records:
            self._append(row_of(record), record.title_id)

    def add_grants(self, records: Iterable[Grant]) -> None:
        """Add the grants of signed deals."""
        for record in records:
            self._deal_refs[record.deal_id] = record.deal_ref
            self._append(row_of(record), record.title_id)

    def add_holdbacks(self, records: Iterable[Holdback]) -> None:
        """Add the holdbacks of signed deals."""
        for record in records:
            self._deal_refs[record.deal_id] = record.deal_ref
            self._append(row_of(record), record.title_id)

    def remove_deal(self, deal_id: int) -> int:
        """Switch off every grant and holdback of a deal; returns how many rows."""
        hit = (self._main["deal"] == deal_id) & (self._main["kind"] != RowKind.RIGHTS.value)
        self._main["alive"][hit] = False
        count = int(hit.sum())
        for i, deal in enumerate(self._delta["deal"]):
            rights = self._delta["kind"][i] == RowKind.RIGHTS.value
            if deal == deal_id and not rights and self._delta["alive"][i]:
                self._delta["alive"][i] = False
                count += 1
        return count

    def remove_rights(self, record_ids: Iterable[int]) -> None:
        """Switch off rights-in rows by record id."""
        wanted = np.fromiter(record_ids, dtype=np.int64)
        hit = (self._main["kind"] == RowKind.RIGHTS.value) & np.isin(self._main["record"], wanted)
        self._main["alive"][hit] = False
        for i, (kind, record) in enumerate(
            zip(self._delta["kind"], self._delta["record"], strict=True)
        ):
            if kind == RowKind.RIGHTS.value and record in set(wanted.tolist()):
                self._delta["alive"][i] = False

    def set_versions(self, title_id: int, versions: Iterable[LanguageVersion]) -> None:
        """Record which language versions a title has (replacing what was there)."""
        idx = self._title(title_id)
        for key in self._title_versions.get(idx, frozenset()):
            self._versions.get((key[0].lower(), key[1]), set()).discard(idx)
        new = frozenset(versions)
        self._title_versions[idx] = new
        for tag, usage in new:
            self._versions.setdefault((tag.lower(), usage), set()).add(idx)

    def compact(self) -> None:
        """Merge the delta into the columns, sorted by title so a title's rows are together."""
        if not self._delta["kind"] and len(self._main_offsets) == len(self._title_ids) + 1:
            return
        cols = {
            c: np.concatenate([self._main[c], np.asarray(self._delta[c], dtype=_DTYPES[c])])
            for c in _COLUMNS
        }
        order = np.argsort(cols["title"], kind="stable")
        self._main = {c: cols[c][order] for c in _COLUMNS}
        counts = np.bincount(self._main["title"], minlength=len(self._title_ids))
        self._main_offsets = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
        self._delta = {c: [] for c in _COLUMNS}

    # -- reading ----------------------------------------------------------------------------

    @property
    def rows(self) -> int:
        """How many rows (live or not) the index holds."""
        return len(self._main["kind"]) + len(self._delta["kind"])

    def memory_bytes(self) -> int:
        """Bytes held by the columns and mask tables (not Python's dict overheads)."""
        total = sum(a.nbytes for a in self._main.values()) + self._main_offsets.nbytes
        total += self._tmasks.array().nbytes + self._mmasks.array().nbytes
        return int(total)

    def _chunks(self) -> Iterator[dict[str, np.ndarray]]:
        yield self._main
        if self._delta["kind"]:
            yield {c: np.asarray(self._delta[c], dtype=_DTYPES[c]) for c in _COLUMNS}

    def title_rows(self, title_id: int) -> list[Row]:
        """Every live row recorded against one title."""
        idx = self._titles.get(title_id)
        if idx is None:
            return []
        out: list[tuple[Row, bool]] = []
        if idx + 1 < len(self._main_offsets):
            lo, hi = int(self._main_offsets[idx]), int(self._main_offsets[idx + 1])
            out.extend(self._row(self._main, i) for i in range(lo, hi))
        d = self._delta
        out.extend(self._row_from_delta(i) for i, t in enumerate(d["title"]) if t == idx)
        return [row for row, alive in out if alive]

    def _row(self, cols: Mapping[str, np.ndarray], i: int) -> tuple[Row, bool]:
        deal = int(cols["deal"][i]) or None
        row = Row(
            RowKind(int(cols["kind"][i])),
            int(cols["record"][i]),
            int(cols["party"][i]),
            self._tmasks.masks[int(cols["tmask"][i])],
            self._mmasks.masks[int(cols["mmask"][i])],
            int(cols["first"][i]),
            int(cols["stop"][i]),
            exclusive=bool(cols["exclusive"][i]),
            hard=bool(cols["hard"][i]),
            provisional=bool(cols["provisional"][i]),
            deal_id=deal,
            deal_ref=self._deal_refs.get(deal, "") if deal else "",
        )
        return row, bool(cols["alive"][i])

    def _row_from_delta(self, i: int) -> tuple[Row, bool]:
        return self._row({c: np.asarray(self._delta[c][i : i + 1]) for c in _COLUMNS}, 0)

    def versions_of(self, title_id: int) -> frozenset[LanguageVersion]:
        """The language versions recorded for a title."""
        idx = self._titles.get(title_id)
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
            lanes = self._lanes(query, universe[known])
            partial, available = _statuses(lanes, query)
            position = np.full(len(self._title_ids), -1, dtype=np.int64)
            position[universe[known]] = np.flatnonzero(known)
            status[position[partial]] = 1
            status[position[available]] = 2
            if query.languages:
                status[~self._has_languages(query, universe)] = 0
        ids = self._ids_of(universe, query)
        return AvailsResult(self, query, ids, status)

    def _ids_of(self, universe: Ints, query: AvailsQuery) -> Ints:
        if query.title_ids is not None:
            return np.asarray(sorted(query.title_ids), dtype=np.int64)
        all_ids = self._title_id_array()
        return all_ids[universe]

    def _universe(self, query: AvailsQuery) -> Ints:
        """Dense title indexes the query is about (-1 for titles the index has never seen)."""
        if query.title_ids is not None:
            return np.asarray(
                [self._titles.get(t, -1) for t in sorted(query.title_ids)], dtype=np.int64
            )
        found = []
        for cols in self._chunks():
            hit = (cols["kind"] == RowKind.RIGHTS.value) & (cols["party"] == query.holder_id)
            found.append(cols["title"][hit & cols["alive"]])
        dense = np.unique(np.concatenate(found)).astype(np.int64)
        # Dense indexes follow the order titles were first seen: answer in title id order.
        ids = self._title_id_array()[dense]
        return dense[np.argsort(ids, kind="stable")]

    def _title_id_array(self) -> Ints:
        """Title ids by dense index, as an array (rebuilt only when titles were added)."""
        if self._title_array is None:
            self._title_array = np.asarray(self._title_ids, dtype=np.int64)
        return self._title_array

    def _has_languages(self, query: AvailsQuery, universe: Ints) -> Bools:
        ok = np.ones(len(universe), dtype=np.bool_)
        for tag, usage in query.languages:
            low = tag.lower()
            having: set[int] = set()
            for (t, u), titles in self._versions.items():
                if u == usage and (t == low or t.startswith(low + "-")):
                    having |= titles
            ok &= np.isin(universe, np.fromiter(having, dtype=np.int64))
        return ok

    def _relevant(self, query: AvailsQuery, titles: Ints) -> dict[str, np.ndarray]:
        """Rows that overlap the query and can change its answer, from every chunk."""
        t_hit = self._tmasks.hits(query.territories)
        m_hit = self._mmasks.hits(query.media)
        first, stop = query.period.first_day, query.period.stop_day
        parts = []
        for cols in self._chunks():
            if not len(cols["kind"]):
                continue
            keep = t_hit[cols["tmask"]] & m_hit[cols["mmask"]] & cols["alive"]
            keep &= (cols["first"] < stop) & (cols["stop"] > first)
            rights = cols["kind"] == RowKind.RIGHTS.value
            mine = cols["party"] == query.holder_id
            held = rights & mine & (cols["exclusive"] | (not query.exclusive))
            grant = cols["kind"] == RowKind.GRANT.value
            blocking = ~rights & ~mine & ((grant & (cols["exclusive"] | query.exclusive))
                                          | (~grant & cols["hard"]))  # fmt: skip
            keep &= held | blocking
            if query.title_ids is not None:
                keep &= np.isin(cols["title"], titles)
            idx = np.flatnonzero(keep)
            parts.append(
                {c: cols[c][idx] for c in ("kind", "title", "tmask", "mmask", "first", "stop")}
            )
        if not parts:
            return {
                c: np.zeros(0, _DTYPES[c])
                for c in ("kind", "title", "tmask", "mmask", "first", "stop")
            }
        return {c: np.concatenate([p[c] for p in parts]) for c in parts[0]}

    def _lanes(self, query: AvailsQuery, titles: Ints) -> list[_Lane]:
        """Free intervals per title for each territory x media atom of the query."""
        rows = self._relevant(query, titles)
        first, stop = query.period.first_day, query.period.stop_day
        t_atoms = refine(
            query.territories, (self._tmasks.masks[i] for i in np.unique(rows["tmask"]))
        )
        m_atoms = refine(query.media, (self._mmasks.masks[i] for i in np.unique(rows["mmask"])))
        held = rows["kind"] == RowKind.RIGHTS.value
        begin = np.maximum(rows["first"], first).astype(np.int64)
        end = np.minimum(rows["stop"], stop).astype(np.int64)
        title = rows["title"].astype(np.int64)
        lanes = []
        for t_atom in t_atoms:
            t_in = self._tmasks.holds(next(iter(bits(t_atom))))[rows["tmask"]]
            for m_atom in m_atoms:
                m_in = self._mmasks.holds(next(iter(bits(m_atom))))[rows["mmask"]]
                lane = t_in & m_in
                lanes.append(_free(title, begin, end, lane & held, lane & ~held))
        return lanes


def _free(title: Ints, begin: Ints, end: Ints, held: Bools, blocked: Bools) -> _Lane:
    """Per title, the merged intervals covered by a held row and by no blocking row."""
    h, b = np.flatnonzero(held), np.flatnonzero(blocked)
    keys = np.concatenate([
        title[h] << _DAY_BITS | begin[h], title[h] << _DAY_BITS | end[h],
        title[b] << _DAY_BITS | begin[b], title[b] << _DAY_BITS | end[b],
    ])  # fmt: skip
    nh, nb = len(h), len(b)
    dh = np.concatenate([np.ones(nh, np.int32), -np.ones(nh, np.int32), np.zeros(2 * nb, np.int32)])
    db = np.concatenate([np.zeros(2 * nh, np.int32), np.ones(nb, np.int32), -np.ones(nb, np.int32)])
    order = np.argsort(keys, kind="stable")
    keys = keys[order]
    hc, bc = np.cumsum(dh[order]), np.cumsum(db[order])
    ok = (keys[:-1] != keys[1:]) & (keys[:-1] >> _DAY_BITS == keys[1:] >> _DAY_BITS)
    ok &= (hc[:-1] > 0) & (bc[:-1] == 0)
    return _merge(keys[:-1][ok] >> _DAY_BITS, keys[:-1][ok] & _DAY_MASK, keys[1:][ok] & _DAY_MASK)


def _merge(title: Ints, first: Ints, stop: Ints) -> _Lane:
    """Join touching intervals of the same title (input sorted by title, then start)."""
    if not len(title):
        return _Lane(title, first, stop)
    new = np.ones(len(title), dtype=np.bool_)
    new[1:] = (title[1:] != title[:-1]) | (first[1:] != stop[:-1])
    starts = np.flatnonzero(new)
    ends = np.append(starts[1:] - 1, len(title) - 1)
    return _Lane(title[starts], first[starts], stop[ends])


def _statuses(lanes: list[_Lane], query: AvailsQuery) -> tuple[Ints, Ints]:
    """Dense title indexes that are partially available and fully available."""
    need = max(query.min_days, 1)
    first, stop = query.period.first_day, query.period.stop_day
    partial = np.unique(np.concatenate(
        [lane.title[lane.stop - lane.first >= need] for lane in lanes] or [np.zeros(0, np.int64)]
    ))  # fmt: skip
    full = lanes[0] if len(lanes) == 1 else _all_of(lanes)
    if query.match is Match.ENTIRE:
        available = full.title[(full.first == first) & (full.stop == stop)]
    else:
        available = full.title[full.stop - full.first >= need]
    return partial, np.unique(available)


def _all_of(lanes: list[_Lane]) -> _Lane:
    """Per title, the intervals that are free in every lane."""
    title = np.concatenate([lane.title for lane in lanes])
    keys = np.concatenate([
        np.concatenate([lane.title << _DAY_BITS | lane.first for lane in lanes]),
        np.concatenate([lane.title << _DAY_BITS | lane.stop for lane in lanes]),
    ])  # fmt: skip
    delta = np.concatenate([np.ones(len(title), np.int32), -np.ones(len(title), np.int32)])
    order = np.argsort(keys, kind="stable")
    keys, count = keys[order], np.cumsum(delta[order])
    ok = (keys[:-1] != keys[1:]) & (keys[:-1] >> _DAY_BITS == keys[1:] >> _DAY_BITS)
    ok &= count[:-1] == len(lanes)
    return _merge(keys[:-1][ok] >> _DAY_BITS, keys[:-1][ok] & _DAY_MASK, keys[1:][ok] & _DAY_MASK)


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
