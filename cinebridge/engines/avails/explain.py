"""One title's exact answer: free cells, blocked cells and every reason, for one query.

This is the readable path. The index answers a whole catalog's statuses with arrays and
calls this for the titles a person looks at; both must agree, which the tests check.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import Enum
from itertools import pairwise
from typing import TypeVar

from cinebridge.engines.avails.languages import LanguageLeaves, leaves_named, meeting_version
from cinebridge.engines.avails.records import (
    OPEN_END,
    AvailsQuery,
    Block,
    BlockedCell,
    Cell,
    Grant,
    Holdback,
    LanguageVersion,
    Match,
    Period,
    Reason,
    RightsIn,
    Status,
    TitleAvails,
)
from cinebridge.engines.avails.taxonomy import refine

Interval = tuple[int, int]
_Key = tuple[int, int, int, int, int]
_V = TypeVar("_V")


class RowKind(Enum):
    """Which kind of record a row came from."""

    RIGHTS = 1
    GRANT = 2
    HOLDBACK = 3


@dataclass(frozen=True, slots=True)
class Row:
    """A record flattened for the engine: day numbers instead of dates.

    party is the holder of rights in, or the licensee of a grant or holdback.
    """

    kind: RowKind
    record_id: int
    party: int
    territories: int
    media: int
    first: int
    stop: int
    exclusive: bool = True
    hard: bool = True
    provisional: bool = False
    deal_id: int | None = None
    deal_ref: str = ""
    languages: frozenset[LanguageVersion] = frozenset()
    """The languages the row is limited to; empty: every language."""


def row_of(record: RightsIn | Grant | Holdback) -> Row:
    """The engine row of a rights-in, grant or holdback record."""
    period = record.period
    first, stop = period.first_day, period.stop_day
    languages = frozenset(record.languages)
    if isinstance(record, RightsIn):
        return Row(
            RowKind.RIGHTS,
            record.id,
            record.holder_id,
            record.territories,
            record.media,
            first,
            stop,
            exclusive=record.exclusive,
            languages=languages,
        )
    if isinstance(record, Grant):
        return Row(
            RowKind.GRANT,
            record.id,
            record.licensee_id,
            record.territories,
            record.media,
            first,
            stop,
            exclusive=record.exclusive,
            provisional=record.provisional,
            deal_id=record.deal_id,
            deal_ref=record.deal_ref,
            languages=languages,
        )
    return Row(
        RowKind.HOLDBACK,
        record.id,
        record.licensee_id,
        record.territories,
        record.media,
        first,
        stop,
        hard=record.hard,
        provisional=record.provisional,
        deal_id=record.deal_id,
        deal_ref=record.deal_ref,
        languages=languages,
    )


def missing_languages(
    wanted: Iterable[LanguageVersion], versions: Iterable[LanguageVersion]
) -> tuple[LanguageVersion, ...]:
    """The wanted (language, usage) pairs no version meets (``languages.version_meets``)."""
    have = tuple(versions)
    return tuple(w for w in sorted(wanted) if meeting_version(w, have) is None)


def missing_detail(missing: Iterable[LanguageVersion]) -> str:
    """The detail of a NO_LANGUAGE_VERSION block: "vi subtitles, zh-Hans audio"."""
    return ", ".join(f"{tag} {usage}" for tag, usage in missing)


def met_languages(
    wanted: Iterable[LanguageVersion], versions: Iterable[LanguageVersion]
) -> tuple[tuple[str, str, str], ...]:
    """(wanted tag, usage, version tag) for each wanted pair a version meets, sorted."""
    have = tuple(versions)
    out = []
    for tag, usage in sorted(wanted):
        found = meeting_version((tag, usage), have)
        if found is not None:
            out.append((tag, usage, found))
    return tuple(out)


def _until(stop: int) -> date | None:
    return None if stop >= OPEN_END else date.fromordinal(stop)


def _block(row: Row, query: AvailsQuery) -> Block | None:
    """The reason this row blocks the query, or None if it does not."""
    if row.kind is RowKind.GRANT and row.party != query.holder_id:
        if row.exclusive:
            reason = Reason.EXCLUSIVE_LICENCE
        elif query.exclusive:
            reason = Reason.NON_EXCLUSIVE_LICENCE
        else:
            return None
    elif row.kind is RowKind.HOLDBACK and row.party != query.holder_id:
        reason = Reason.HOLDBACK if row.hard else Reason.SOFT_HOLDBACK
    else:
        return None
    return Block(
        reason,
        record_id=row.record_id,
        deal_id=row.deal_id,
        deal_ref=row.deal_ref,
        until=_until(row.stop),
        provisional=row.provisional,
        languages=leaves_named(row.languages),
    )


def _sort_key(block: Block) -> tuple[str, int]:
    return (block.reason.value, block.record_id or 0)


@dataclass(frozen=True, slots=True)
class _Outcome:
    blocks: tuple[Block, ...]
    warnings: tuple[Block, ...]


def _decide(active: Sequence[Row], query: AvailsQuery) -> _Outcome:
    held = False
    weak: list[Row] = []
    blocks: list[Block] = []
    warnings: list[Block] = []
    for row in active:
        if row.kind is RowKind.RIGHTS:
            if row.party != query.holder_id:
                continue
            if row.exclusive or not query.exclusive:
                held = True
            else:
                weak.append(row)
            continue
        block = _block(row, query)
        if block is None:
            continue
        (warnings if block.reason is Reason.SOFT_HOLDBACK else blocks).append(block)
    if not held:
        if weak:
            only = tuple(
                Block(Reason.HELD_NON_EXCLUSIVE, record_id=w.record_id, until=_until(w.stop))
                for w in weak
            )
            return _Outcome(tuple(sorted(set(only), key=_sort_key)), ())
        return _Outcome((Block(Reason.NOT_HELD),), ())
    return _Outcome(tuple(sorted(blocks, key=_sort_key)), tuple(sorted(warnings, key=_sort_key)))


def relevant(rows: Iterable[Row], query: AvailsQuery, leaves: LanguageLeaves) -> list[Row]:
    """Rows that overlap the query (languages through ``leaves``) and could change its answer."""
    first, stop = query.period.first_day, query.period.stop_day
    asked = leaves.mask(query.languages)
    out = []
    for row in rows:
        if not (row.territories & query.territories and row.media & query.media):
            continue
        if row.first >= stop or row.stop <= first:
            continue
        if row.kind is RowKind.RIGHTS and row.party != query.holder_id:
            continue
        if row.kind is not RowKind.RIGHTS and row.party == query.holder_id:
            continue
        if not leaves.mask(row.languages) & asked:
            continue
        out.append(row)
    return out


def merge(intervals: Iterable[Interval]) -> list[Interval]:
    """Sorted, merged union of half-open intervals; touching ones join."""
    out: list[Interval] = []
    for start, stop in sorted(intervals):
        if out and start <= out[-1][1]:
            if stop > out[-1][1]:
                out[-1] = (out[-1][0], stop)
        else:
            out.append((start, stop))
    return out


def intersect(a: list[Interval], b: list[Interval]) -> list[Interval]:
    """Intersection of two sorted, merged interval lists."""
    out = []
    i = j = 0
    while i < len(a) and j < len(b):
        start, stop = max(a[i][0], b[j][0]), min(a[i][1], b[j][1])
        if start < stop:
            out.append((start, stop))
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return out


def status_of(lanes: Sequence[list[Interval]], query: AvailsQuery) -> Status:
    """The status from each cell's free intervals (merged), by the query's match rule."""
    need = max(query.min_days, 1)
    first, stop = query.period.first_day, query.period.stop_day
    if not lanes:
        return Status.UNAVAILABLE
    full = lanes[0]
    for lane in lanes[1:]:
        full = intersect(full, lane)
    if query.match is Match.ENTIRE:
        available = full == [(first, stop)]
    else:
        available = any(b - a >= need for a, b in full)
    if available:
        return Status.AVAILABLE
    if any(b - a >= need for lane in lanes for a, b in lane):
        return Status.PARTIAL
    return Status.UNAVAILABLE


def title_avails(
    title_id: int,
    rows: Iterable[Row],
    query: AvailsQuery,
    versions: Iterable[LanguageVersion] = (),
) -> TitleAvails:
    """The exact answer for one title, given every row recorded against it.

    Lanes are territory x media x language atoms: the coarsest cells no relevant row cuts.
    """
    whole = Cell(query.territories, query.media, query.period)
    versions = tuple(versions)
    missing = missing_languages(query.languages, versions)
    if missing:
        block = Block(Reason.NO_LANGUAGE_VERSION, detail=missing_detail(missing))
        return TitleAvails(title_id, Status.UNAVAILABLE, (), (BlockedCell(whole, (block,)),))
    first, stop = query.period.first_day, query.period.stop_day
    leaves = LanguageLeaves()
    rows = relevant(rows, query, leaves)
    asked = leaves.mask(query.languages)
    row_languages = {row: leaves.mask(row.languages) for row in rows}
    territory_atoms = refine(query.territories, (r.territories for r in rows))
    media_atoms = refine(query.media, (r.media for r in rows))
    language_atoms = refine(asked, row_languages.values())
    lanes: list[list[Interval]] = []
    pieces: list[tuple[_Key, _Outcome]] = []
    for t_atom in territory_atoms:
        for m_atom in media_atoms:
            for l_atom in language_atoms:
                lane_rows = [
                    r
                    for r in rows
                    if r.territories & t_atom and r.media & m_atom and row_languages[r] & l_atom
                ]
                cuts = {first, stop}
                for row in lane_rows:
                    cuts.update((max(row.first, first), min(row.stop, stop)))
                free: list[Interval] = []
                for a, b in pairwise(sorted(cuts)):
                    active = [r for r in lane_rows if r.first <= a and r.stop >= b]
                    outcome = _decide(active, query)
                    if not outcome.blocks:
                        free.append((a, b))
                    pieces.append(((t_atom, m_atom, l_atom, a, b), outcome))
                lanes.append(merge(free))
    status = status_of(lanes, query)
    split = len(language_atoms) > 1
    free_cells, blocked, warned = _cells(pieces, leaves if split else None)
    met = met_languages(query.languages, versions)
    return TitleAvails(title_id, status, free_cells, blocked, warned, met)


def _cells(
    pieces: list[tuple[_Key, _Outcome]], leaves: LanguageLeaves | None
) -> tuple[tuple[Cell, ...], tuple[BlockedCell, ...], tuple[BlockedCell, ...]]:
    """Join pieces with the same answer: time first, then territories, media, languages."""
    free: dict[_Key, None] = {}
    blocked: dict[_Key, tuple[Block, ...]] = {}
    warned: dict[_Key, tuple[Block, ...]] = {}
    for key, outcome in pieces:
        if outcome.blocks:
            blocked[key] = outcome.blocks
        else:
            free[key] = None
        if outcome.warnings:
            warned[key] = outcome.warnings

    def cell(key: _Key) -> Cell:
        t, m, lang, a, b = key
        named = () if leaves is None else leaves.leaves_of(lang)
        return Cell(t, m, Period.from_days(a, b), named)

    def order(found: Cell) -> tuple[int, int, int, int, tuple[LanguageVersion, ...]]:
        # By leaves, not by language bits: those follow the order rows arrived in.
        p = found.period
        return (p.first_day, p.stop_day, -found.territories, -found.media, found.languages)

    return (
        tuple(sorted((cell(key) for key in _join(free)), key=order)),
        tuple(
            sorted(
                (BlockedCell(cell(key), blocks) for key, blocks in _join(blocked).items()),
                key=lambda c: order(c.cell),
            )
        ),
        tuple(
            sorted(
                (BlockedCell(cell(key), blocks) for key, blocks in _join(warned).items()),
                key=lambda c: order(c.cell),
            )
        ),
    )


def _join(cells: dict[_Key, _V]) -> dict[_Key, _V]:
    """Merge cells whose values are equal: adjacent periods, then territories, then media,
    then languages."""
    by_lane: dict[tuple[int, int, int, _V], list[Interval]] = {}
    for (t, m, lang, a, b), value in cells.items():
        by_lane.setdefault((t, m, lang, value), []).append((a, b))
    spans = [
        [t, m, lang, a, b, value]
        for (t, m, lang, value), intervals in by_lane.items()
        for a, b in merge(intervals)
    ]
    for axis in (0, 1, 2):  # territories, then media, then languages
        joined: dict[tuple[object, ...], int] = {}
        for span in spans:
            key = tuple(v for i, v in enumerate(span) if i != axis)
            joined[key] = joined.get(key, 0) | span[axis]  # type: ignore[operator]
        spans = [[*key[:axis], mask, *key[axis:]] for key, mask in joined.items()]
    out: dict[_Key, _V] = {
        (int(t), int(m), int(lang), int(a), int(b)): value  # type: ignore[call-overload,misc]
        for t, m, lang, a, b, value in spans
    }
    return dict(
        sorted(out.items(), key=lambda kv: (kv[0][3], kv[0][4], -kv[0][0], -kv[0][1], -kv[0][2]))
    )
