"""Where the avails index keeps its rows: numpy columns, a small delta and interned masks.

One row per rights-in, grant or holdback record (see docs/avails.md): kind, record id, dense
title index, party, territory and media mask ids, first and stop day, flags, deal id and
whether the row is alive. Territories and media are ids into tables of the distinct masks,
so a row costs about 50 bytes whatever the size of the trees. Rows arrive one at a time
(``append``: plain lists, merged when they pass DELTA_LIMIT rows) or in bulk (``RowColumns``,
arrays as a database adapter reads them); a merge sorts every row by title (stable, so rows
keep the order they arrived in), which puts a title's rows together.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from cinebridge.engines.avails.explain import Row, RowKind
from cinebridge.engines.avails.languages import LANGUAGE_LEAVES, LanguageLeaves
from cinebridge.engines.avails.records import LanguageVersion

Bools = npt.NDArray[np.bool_]
Ints = npt.NDArray[np.int64]
Columns = dict[str, np.ndarray]

DTYPES: dict[str, type[np.generic]] = {
    "kind": np.int8,
    "record": np.int64,
    "title": np.int32,
    "party": np.int64,
    "tmask": np.int32,
    "mmask": np.int32,
    "lmask": np.int32,
    "shape": np.int32,
    "first": np.int32,
    "stop": np.int32,
    "exclusive": np.bool_,
    "hard": np.bool_,
    "provisional": np.bool_,
    "deal": np.int64,
    "alive": np.bool_,
}
COLUMNS = tuple(DTYPES)
DELTA_LIMIT = 20_000


class MaskTable:
    """Distinct masks, numbered; their bits as a (masks x words) uint64 array."""

    def __init__(self, leaves: int) -> None:
        self.words = max(1, (leaves + 63) // 64)
        self.ids: dict[int, int] = {}
        self.masks: list[int] = []
        self._array: npt.NDArray[np.uint64] | None = None

    def id(self, mask: int) -> int:
        """The mask's id, numbering it if it is new."""
        found = self.ids.get(mask)
        if found is None:
            found = self.ids[mask] = len(self.masks)
            self.masks.append(mask)
            self._array = None
        return found

    def array(self) -> npt.NDArray[np.uint64]:
        """Every mask's bits, one row per mask id, 64 leaves a word."""
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


@dataclass(frozen=True)
class RowColumns:
    """Records of one kind as columns, for loading an index in bulk.

    title holds title ids; territories and media index into territory_masks and
    media_masks (bit masks over the leaves; the ones rows use are not empty); first and
    stop are day numbers (date.toordinal, stop OPEN_END when open, first < stop); deal is 0
    for rights in. Flags left None take the engine row's defaults (exclusive and hard True,
    provisional False). deal_refs maps deal id to its reference.
    """

    kind: RowKind
    record: Ints
    title: Ints
    party: Ints
    territory_masks: Sequence[int]
    territories: Ints
    media_masks: Sequence[int]
    media: Ints
    first: Ints
    stop: Ints
    exclusive: Bools | None = None
    hard: Bools | None = None
    provisional: Bools | None = None
    deal: Ints | None = None
    deal_refs: Mapping[int, str] | None = None
    language_sets: Sequence[frozenset[LanguageVersion]] | None = None
    languages: Ints | None = None


def _mask_ids(table: MaskTable, masks: Sequence[int], rows: Ints) -> Ints:
    """Each row's mask id in the table, given masks and each row's position in them."""
    rows = np.asarray(rows, dtype=np.int64)
    used = np.unique(rows).tolist()
    ids = np.zeros(len(masks), dtype=np.int64)
    ids[used] = [table.id(masks[i]) for i in used]
    return ids[rows]


class RowStore:
    """Every row of an index in one set of columns: the merged rows sorted by title, latest
    end first (a query stops reading a title at the first row that ended before it), then a
    delta of recent rows appended after them (up to DELTA_LIMIT, then merged again).

    ``base`` holds the columns with room for the delta; ``main`` and ``delta_columns()``
    are views of its two parts. One set of arrays lets the kernel read both parts without
    switching between arrays per title.
    """

    def __init__(self, *, territory_leaves: int, media_leaves: int) -> None:
        self.tmasks = MaskTable(territory_leaves)
        self.mmasks = MaskTable(media_leaves)
        self.language_leaves = LanguageLeaves()
        self.lmasks = MaskTable(LANGUAGE_LEAVES)
        self.language_sets: dict[int, frozenset[LanguageVersion]] = {}  # lmask id -> a set
        self.shapes: dict[tuple[int, int, int], int] = {}  # (tmask, mmask, lmask) -> shape
        self._shape_array: Ints | None = None
        self.titles: dict[int, int] = {}  # title id -> dense index
        self.title_ids: list[int] = []
        self.deal_refs: dict[int, str] = {}
        self.base: Columns = {c: np.zeros(DELTA_LIMIT, DTYPES[c]) for c in COLUMNS}
        self.merged = 0  # rows [0, merged) are sorted by title
        self.used = 0  # rows [merged, used) are the delta
        self.main: Columns = {c: self.base[c][:0] for c in COLUMNS}
        self.offsets = np.zeros(1, dtype=np.int64)  # main rows of title i: [o[i], o[i+1])
        self._title_array: Ints | None = None  # title_ids as an array, made when asked
        self._title_order: Ints | None = None  # dense indexes in title id order
        self._rights_rows: Ints | None = None  # positions of the rights rows in main
        self._deal_order = np.zeros(0, dtype=np.int64)  # merged rows by deal id
        self._deal_sorted = np.zeros(0, dtype=np.int64)
        self.delta_version = 0  # changes whenever the delta does
        self.rights_version = 0  # changes whenever a rights-in row comes or goes

    def title(self, title_id: int) -> int:
        """The title's dense index, numbering it if it is new."""
        found = self.titles.get(title_id)
        if found is None:
            found = self.titles[title_id] = len(self.title_ids)
            self.title_ids.append(title_id)
            self._title_array = self._title_order = None
        return found

    def append(self, row: Row, title_id: int) -> None:
        """Add one row to the delta (merged into the columns past DELTA_LIMIT rows)."""
        if self.used - self.merged >= DELTA_LIMIT or self.used == len(self.base["kind"]):
            self.compact()
        at = self.used
        b = self.base
        b["kind"][at] = row.kind.value
        b["record"][at] = row.record_id
        b["title"][at] = self.title(title_id)
        b["party"][at] = row.party
        b["tmask"][at] = self.tmasks.id(row.territories)
        b["mmask"][at] = self.mmasks.id(row.media)
        b["lmask"][at] = self.language_id(row.languages)
        b["shape"][at] = self.shape_id(
            int(b["tmask"][at]), int(b["mmask"][at]), int(b["lmask"][at])
        )
        b["first"][at] = row.first
        b["stop"][at] = row.stop
        b["exclusive"][at] = row.exclusive
        b["hard"][at] = row.hard
        b["provisional"][at] = row.provisional
        b["deal"][at] = row.deal_id or 0
        b["alive"][at] = True
        self.used += 1
        self.delta_version += 1
        if row.kind is RowKind.RIGHTS:
            self.rights_version += 1
        if row.deal_id:
            self.deal_refs[row.deal_id] = row.deal_ref

    def language_id(self, languages: frozenset[LanguageVersion]) -> int:
        """The language mask id of a record's language set."""
        found = self.lmasks.id(self.language_leaves.mask(languages))
        self.language_sets.setdefault(found, frozenset(languages))
        return found

    def shape_id(self, tmask: int, mmask: int, lmask: int) -> int:
        """The id of a row's (territory, media, language) mask ids, numbering it if new."""
        key = (tmask, mmask, lmask)
        found = self.shapes.get(key)
        if found is None:
            found = self.shapes[key] = len(self.shapes)
            self._shape_array = None
        return found

    def shape_array(self) -> Ints:
        """(shapes x 3): each shape's territory, media and language mask ids."""
        if self._shape_array is None:
            found = np.zeros((len(self.shapes), 3), dtype=np.int64)
            for key, i in self.shapes.items():
                found[i] = key
            self._shape_array = found
        return self._shape_array

    def add_columns(self, batches: Iterable[RowColumns]) -> None:
        """Add rows in bulk, after every row added so far, and merge everything."""
        self._merge([self._columns_of(batch) for batch in batches])

    def _columns_of(self, batch: RowColumns) -> Columns:
        n = len(batch.record)
        unique, inverse = np.unique(np.asarray(batch.title, dtype=np.int64), return_inverse=True)
        dense = np.fromiter((self.title(int(t)) for t in unique), np.int64, len(unique))
        deal = np.zeros(n, np.int64) if batch.deal is None else batch.deal
        if batch.deal_refs:
            refs = batch.deal_refs
            self.deal_refs.update((d, refs[d]) for d in np.unique(deal).tolist() if d in refs)

        def flag(values: Bools | None, default: bool) -> Bools:
            return np.full(n, default, np.bool_) if values is None else values

        out = {
            "kind": np.full(n, batch.kind.value),
            "record": batch.record,
            "title": dense[inverse.reshape(-1)],
            "party": batch.party,
            "tmask": _mask_ids(self.tmasks, batch.territory_masks, batch.territories),
            "mmask": _mask_ids(self.mmasks, batch.media_masks, batch.media),
            "lmask": self._language_ids(batch, n),
            "shape": np.zeros(n, np.int64),
            "first": batch.first,
            "stop": batch.stop,
            "exclusive": flag(batch.exclusive, True),
            "hard": flag(batch.hard, True),
            "provisional": flag(batch.provisional, False),
            "deal": deal,
            "alive": np.ones(n, np.bool_),
        }
        cols = {c: np.asarray(out[c], dtype=DTYPES[c]) for c in COLUMNS}
        m_count, l_count = len(self.mmasks.masks), len(self.lmasks.masks)
        keys = (cols["tmask"].astype(np.int64) * m_count + cols["mmask"]) * l_count
        keys += cols["lmask"]
        order = np.argsort(keys, kind="stable")  # one int64 key: a plain sort, no row unique
        ordered = keys[order]
        first = np.ones(n, dtype=np.bool_)
        first[1:] = ordered[1:] != ordered[:-1]
        group = np.empty(n, dtype=np.int64)
        group[order] = np.cumsum(first) - 1
        unique = ordered[first]
        shapes = [
            self.shape_id(k // (m_count * l_count), k // l_count % m_count, k % l_count)
            for k in unique.tolist()
        ]
        ids = np.asarray(shapes, dtype=np.int64)
        cols["shape"] = ids[group].astype(DTYPES["shape"])
        return cols

    def _language_ids(self, batch: RowColumns, n: int) -> Ints:
        if batch.languages is None or batch.language_sets is None:
            return np.full(n, self.language_id(frozenset()), np.int64)
        rows = np.asarray(batch.languages, dtype=np.int64)
        sets = batch.language_sets
        used = np.unique(rows).tolist()
        ids = np.zeros(len(sets), dtype=np.int64)
        ids[used] = [self.language_id(frozenset(sets[i])) for i in used]
        return ids[rows]

    def compact(self) -> None:
        """Merge the delta into the columns."""
        if self.used == self.merged and len(self.offsets) == len(self.title_ids) + 1:
            return
        self._merge([])

    def _merge(self, batches: list[Columns]) -> None:
        parts = [self.main, self.delta_columns(), *batches]
        n = sum(len(p["kind"]) for p in parts)
        stops = np.concatenate([p["stop"] for p in parts])
        order = np.lexsort((-stops, np.concatenate([p["title"] for p in parts])))
        base = {}
        for c in COLUMNS:
            column = np.empty(n + DELTA_LIMIT, DTYPES[c])
            column[:n] = np.concatenate([p[c] for p in parts])[order]
            base[c] = column
        self.base = base
        self.merged = self.used = n
        self.main = {c: base[c][:n] for c in COLUMNS}
        counts = np.bincount(self.main["title"], minlength=len(self.title_ids))
        self.offsets = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
        self._rights_rows = None
        self._deal_order = np.argsort(self.main["deal"], kind="stable")
        self._deal_sorted = self.main["deal"][self._deal_order]
        self.delta_version += 1
        self.rights_version += 1

    def delta_columns(self) -> Columns:
        """The delta rows, as views of the columns (in the order they arrived)."""
        return {c: self.base[c][self.merged : self.used] for c in COLUMNS}

    def remove_deal(self, deal_id: int) -> int:
        """Switch off every grant and holdback row of a deal; how many there were."""
        lo, hi = np.searchsorted(self._deal_sorted, [deal_id, deal_id + 1])
        rows = self._deal_order[lo:hi]  # merged rows of the deal (an index made by the merge)
        rows = np.concatenate(
            [rows, self.merged + np.flatnonzero(self.delta_columns()["deal"] == deal_id)]
        )
        alive, kind = self.base["alive"], self.base["kind"]
        rows = rows[alive[rows] & (kind[rows] != RowKind.RIGHTS.value)]
        alive[rows] = False
        self.delta_version += 1
        return len(rows)

    def remove_rights(self, record_ids: Iterable[int]) -> None:
        """Switch off rights-in rows by record id."""
        wanted = np.fromiter(record_ids, dtype=np.int64)
        kind, record = self.base["kind"][: self.used], self.base["record"][: self.used]
        hit = (kind == RowKind.RIGHTS.value) & np.isin(record, wanted)
        self.base["alive"][: self.used][hit] = False
        self.delta_version += 1
        self.rights_version += 1

    @property
    def rows(self) -> int:
        """How many rows (live or not)."""
        return self.used

    def memory_bytes(self) -> int:
        """Bytes held by the columns and mask tables."""
        total = sum(a.nbytes for a in self.main.values()) + self.offsets.nbytes
        total += self.tmasks.array().nbytes + self.mmasks.array().nbytes
        total += self.lmasks.array().nbytes
        return int(total)

    def chunks(self) -> Iterator[Columns]:
        """The merged columns, then the delta as columns if it holds any row."""
        yield self.main
        if self.used > self.merged:
            yield self.delta_columns()

    def rights_rows(self) -> Ints:
        """Positions of the rights-in rows in the merged columns (a few percent of them)."""
        if self._rights_rows is None:
            self._rights_rows = np.flatnonzero(self.main["kind"] == RowKind.RIGHTS.value)
        return self._rights_rows

    def title_array(self) -> Ints:
        """Title ids by dense index."""
        if self._title_array is None:
            self._title_array = np.asarray(self.title_ids, dtype=np.int64)
        return self._title_array

    def title_order(self) -> Ints:
        """Dense indexes in title id order."""
        if self._title_order is None:
            self._title_order = np.argsort(self.title_array(), kind="stable")
        return self._title_order

    def title_rows(self, title_id: int) -> list[Row]:
        """Every live row recorded against one title, in the order they arrived."""
        idx = self.titles.get(title_id)
        if idx is None:
            return []
        out: list[tuple[Row, bool]] = []
        if idx + 1 < len(self.offsets):
            lo, hi = int(self.offsets[idx]), int(self.offsets[idx + 1])
            out.extend(self._row(self.main, i) for i in range(lo, hi))
        delta = self.delta_columns()
        out.extend(self._row(delta, int(i)) for i in np.flatnonzero(delta["title"] == idx))
        return [row for row, alive in out if alive]

    def _row(self, cols: Mapping[str, np.ndarray], i: int) -> tuple[Row, bool]:
        deal = int(cols["deal"][i]) or None
        row = Row(
            RowKind(int(cols["kind"][i])),
            int(cols["record"][i]),
            int(cols["party"][i]),
            self.tmasks.masks[int(cols["tmask"][i])],
            self.mmasks.masks[int(cols["mmask"][i])],
            int(cols["first"][i]),
            int(cols["stop"][i]),
            exclusive=bool(cols["exclusive"][i]),
            hard=bool(cols["hard"][i]),
            provisional=bool(cols["provisional"][i]),
            deal_id=deal,
            deal_ref=self.deal_refs.get(deal, "") if deal else "",
            languages=self.language_sets[int(cols["lmask"][i])],
        )
        return row, bool(cols["alive"][i])
