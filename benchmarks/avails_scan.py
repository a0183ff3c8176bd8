"""The plain numpy full scan: the avails reference a competent engineer writes in an afternoon.

The rows the engine sees (rights in; grants and holdbacks of signed, expired and terminated
deals, a terminated deal ending at its termination date), read once from the database with
their own SQL into numpy columns: kind, record id, title id, party (holder of rights in,
licensee of a grant or holdback), first and stop day, exclusive and hard flags, and a scope id
into a table of the distinct scopes' leaf bitsets (territories: 4 words of 64 leaves, media:
1 word). The load is timed apart from the queries.

A query scans every row: the scope's bitsets against the query's, the period, the party and
the flags (``explain._decide``'s rules), and answers for each of the holder's titles whether
it is **available for the whole period** (every cell held by the holder's rights for the
whole period, exclusively for an exclusive query, and no blocking row in the query's cells
and period), plus every **blocking (title, record) pair**: grants of other licensees that are
exclusive or asked exclusively, and hard holdbacks of other licensees, that meet a cell of
the query inside the period. Held coverage is exact for any number of rights rows: a cell is
held for the whole period when, at the period's first day and at each day a held row stops
inside it, some held row covering the cell is running.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
from django.db import connection

from cinebridge.rights.taxonomy import taxonomies

RIGHTS, GRANT, HOLDBACK = 0, 1, 2
OPEN_END = 3_652_060  # day number later than any date (date.max.toordinal() + 1)
_BLOCKING_STATUSES = ("signed", "expired", "terminated")


def _day(column: str) -> str:
    if connection.vendor == "postgresql":
        return f"({column} - DATE '0001-01-01' + 1)"
    return f"CAST(julianday({column}) - 1721424.5 AS INTEGER)"


def _scopes(scope_table: str, fk: str) -> str:
    aggregate = "string_agg" if connection.vendor == "postgresql" else "group_concat"
    token = "s.axis || CASE WHEN s.excluded THEN '-' ELSE '+' END || s.key"
    return f"(SELECT {aggregate}({token}, ',') FROM {scope_table} s WHERE s.{fk} = r.id)"


def _statements() -> list[tuple[int, str]]:
    end = f"COALESCE({_day('r.' + connection.ops.quote_name('end'))}, {OPEN_END})"
    cut = f"COALESCE({_day('d.terminated_on')}, {OPEN_END})"
    statuses = ", ".join(f"'{s}'" for s in _BLOCKING_STATUSES)
    deal = f"JOIN rights_deal d ON d.id = r.deal_id WHERE d.status IN ({statuses})"
    return [
        (
            RIGHTS,
            f"SELECT r.id, r.title_id, r.owner_id, {_day('r.start')}, {end}, {OPEN_END}, "
            f"r.exclusive, TRUE, {_scopes('rights_rightsinscope', 'rights_id')} "
            "FROM rights_rightsin r",
        ),
        (
            GRANT,
            f"SELECT r.id, r.title_id, d.licensee_id, {_day('r.start')}, {end}, {cut}, "
            f"r.exclusive, TRUE, {_scopes('rights_grantscope', 'grant_id')} "
            f"FROM rights_grant r {deal}",
        ),
        (
            HOLDBACK,
            f"SELECT r.id, r.title_id, d.licensee_id, {_day('r.start')}, {end}, {cut}, "
            f"TRUE, r.hard, {_scopes('rights_holdbackscope', 'holdback_id')} "
            f"FROM rights_holdback r {deal}",
        ),
    ]


def _words(mask: int, count: int) -> list[int]:
    return [(mask >> (64 * w)) & 0xFFFFFFFFFFFFFFFF for w in range(count)]


@dataclass
class ScanRows:
    """Every row the engine sees, as plain columns, and the distinct scopes' leaf bitsets."""

    kind: npt.NDArray[np.int8]
    record: npt.NDArray[np.int64]
    title: npt.NDArray[np.int32]
    party: npt.NDArray[np.int32]
    first: npt.NDArray[np.int32]  # day numbers fit in 32 bits
    stop: npt.NDArray[np.int32]
    exclusive: npt.NDArray[np.bool_]
    hard: npt.NDArray[np.bool_]
    scope: npt.NDArray[np.int32]  # index into t_bits / m_bits
    t_bits: npt.NDArray[np.uint64]  # (scopes, territory words)
    m_bits: npt.NDArray[np.uint64]  # (scopes, media words)
    rights: int  # the first ``rights`` rows are the rights in
    title_end: int  # above every title id

    @property
    def nbytes(self) -> int:
        return sum(a.nbytes for a in vars(self).values() if isinstance(a, np.ndarray))


def scan_load() -> tuple[ScanRows, float]:
    """Read every row once (own SQL, no engine code); the rows and the seconds it took."""
    started = time.perf_counter()
    territories, media = taxonomies()
    tw, mw = (len(territories.leaves) + 63) // 64, (len(media.leaves) + 63) // 64
    scope_ids: dict[str | None, int] = {}
    t_rows: list[list[int]] = []
    m_rows: list[list[int]] = []
    parts: list[list[Any]] = []
    for kind, sql in _statements():
        with connection.chunked_cursor() as cursor:
            cursor.execute(sql)
            while rows := cursor.fetchmany(50_000):
                cols = list(zip(*rows, strict=True))
                for text in set(cols[8]).difference(scope_ids):
                    scope_ids[text] = len(t_rows)
                    parts_of = {"t+": [], "t-": [], "m+": [], "m-": []}
                    for token in text.split(",") if text else ():
                        parts_of[token[:2]].append(token[2:])
                    t = territories.selection(parts_of["t+"], parts_of["t-"])
                    m = media.selection(parts_of["m+"], parts_of["m-"])
                    t_rows.append(_words(t, tw))
                    m_rows.append(_words(m, mw))
                stop = np.minimum(np.array(cols[4], np.int32), np.array(cols[5], np.int32))
                parts.append(
                    [
                        np.full(len(rows), kind, np.int8),
                        np.array(cols[0], np.int64),
                        np.array(cols[1], np.int32),
                        np.array(cols[2], np.int32),
                        np.array(cols[3], np.int32),
                        stop,
                        np.array(cols[6], np.bool_),
                        np.array(cols[7], np.bool_),
                        np.fromiter(map(scope_ids.__getitem__, cols[8]), np.int32, len(rows)),
                    ]
                )
    columns = [np.concatenate([p[i] for p in parts]) for i in range(9)]
    t_bits = np.array(t_rows, dtype=np.uint64).reshape(-1, tw)
    m_bits = np.array(m_rows, dtype=np.uint64).reshape(-1, mw)
    empty = ~t_bits.any(axis=1) | ~m_bits.any(axis=1)
    keep = (columns[5] > columns[4]) & ~empty[columns[8]]
    kept = [c[keep] for c in columns]
    rows = ScanRows(
        *kept,
        t_bits=t_bits,
        m_bits=m_bits,
        rights=int((kept[0] == RIGHTS).sum()),
        title_end=int(kept[2].max(initial=0)) + 1,
    )
    if not (rows.kind[: rows.rights] == RIGHTS).all():
        raise AssertionError("the rights rows are not first")
    return rows, time.perf_counter() - started


@dataclass
class ScanAnswer:
    """The scan's answer: the holder's titles, which are available for the whole period,
    which the holder's rights hold for the whole period, and the blocking pairs."""

    titles: npt.NDArray[np.int64]  # sorted title ids (the holder has rights in them)
    available: npt.NDArray[np.bool_]  # parallel to titles
    held: npt.NDArray[np.bool_]  # parallel to titles: every cell held for the whole period
    blocking_title: npt.NDArray[np.int64]  # parallel: one blocking (title, record) pair each
    blocking_kind: npt.NDArray[np.int8]  # GRANT or HOLDBACK
    blocking_record: npt.NDArray[np.int64]


def _query_bits(mask: int, words: int) -> npt.NDArray[np.uint64]:
    return np.array(_words(mask, words), dtype=np.uint64)


def scan_query(
    rows: ScanRows,
    *,
    holder: int,
    territories: int,
    media: int,
    first: int,
    stop: int,
    exclusive: bool,
) -> ScanAnswer:
    """Full vectorised scan of every row for one holder, query cells and period."""
    q_t = _query_bits(territories, rows.t_bits.shape[1])
    q_m = _query_bits(media, rows.m_bits.shape[1])
    scope_hit = ((rows.t_bits & q_t) != 0).any(axis=1) & ((rows.m_bits & q_m) != 0).any(axis=1)
    # Rights rows come first (they are read first): the holder's titles and held rows.
    rights = slice(0, rows.rights)
    mine = rows.party[rights] == holder
    titles = np.unique(rows.title[rights][mine])
    held_rows = np.flatnonzero(
        mine
        & scope_hit[rows.scope[rights]]
        & (rows.first[rights] < stop)
        & (rows.stop[rights] > first)
        & (rows.exclusive[rights] | (not exclusive))
    )
    # Grants and holdbacks: the scan over every row, then the cheaper tests on the hits.
    rest = slice(rows.rights, None)
    hit = scope_hit[rows.scope[rest]]
    hit &= rows.first[rest] < stop
    hit &= rows.stop[rest] > first
    at = np.flatnonzero(hit) + rows.rights
    in_universe = np.zeros(rows.title_end, dtype=np.bool_)
    in_universe[titles] = True
    at = at[in_universe[rows.title[at]] & (rows.party[at] != holder)]
    at = at[np.where(rows.kind[at] == GRANT, rows.exclusive[at] | exclusive, rows.hard[at])]
    held = np.isin(titles, _held_whole(rows, held_rows, q_t, q_m, first, stop))
    blocked = np.isin(titles, rows.title[at])
    return ScanAnswer(titles, held & ~blocked, held, rows.title[at], rows.kind[at], rows.record[at])


def _held_whole(
    rows: ScanRows,
    at: npt.NDArray[np.int64],
    q_t: np.ndarray,
    q_m: np.ndarray,
    first: int,
    stop: int,
) -> npt.NDArray[np.int64]:
    """Titles whose held rows ``at`` cover every query cell for the whole period [first, stop).

    Checked at the period's first day and at each day a held row stops inside the period:
    coverage can only end where a row stops. At each such point, for each medium of the
    query, the union of the territory bits of the running rows holding that medium must
    contain the query's territories.
    """
    at = at[np.argsort(rows.title[at], kind="stable")]
    title, row_first, row_stop = rows.title[at], rows.first[at], rows.stop[at]
    inner = row_stop < stop
    point_title = np.concatenate([title[np.r_[True, title[1:] != title[:-1]]], title[inner]])
    point_day = np.concatenate([np.full(len(point_title) - inner.sum(), first), row_stop[inner]])
    # Pair each point with every held row of its title (a title has few held rows).
    lo = np.searchsorted(title, point_title, side="left")
    hi = np.searchsorted(title, point_title, side="right")
    sizes = hi - lo
    pair_point = np.repeat(np.arange(len(point_title)), sizes)
    starts = np.repeat(lo - np.concatenate([[0], np.cumsum(sizes)[:-1]]), sizes)
    pair_row = starts + np.arange(len(pair_point))
    running = (row_first[pair_row] <= point_day[pair_point]) & (
        point_day[pair_point] < row_stop[pair_row]
    )
    scope = rows.scope[at][pair_row]
    t_bits = rows.t_bits[scope] & q_t
    m_bits = rows.m_bits[scope]
    offsets = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    covered = np.ones(len(point_title), dtype=np.bool_)
    if len(pair_point) == 0:
        return np.zeros(0, dtype=np.int64)
    for leaf in range(64 * len(q_m)):
        word, bit = divmod(leaf, 64)
        if not (int(q_m[word]) >> bit) & 1:
            continue
        holds = running & (((m_bits[:, word] >> np.uint64(bit)) & np.uint64(1)) != 0)
        union = np.bitwise_or.reduceat(np.where(holds[:, None], t_bits, np.uint64(0)), offsets)
        covered &= (union == q_t).all(axis=1)
    titles = title[np.r_[True, title[1:] != title[:-1]]]
    return titles[~np.isin(titles, point_title[~covered])]
