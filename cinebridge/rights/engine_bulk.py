"""The avails index's first build: every record in the database as engine columns, in bulk.

A million grants must cross the database driver in a few seconds, and the driver's cost is
per value it turns into a Python object. So the build asks for as few values as it can:
- each record is one row of six integers (id, title, deal or holder, first day, end day,
  flags), the dates turned into day numbers by the database;
- a deal's licensee, termination day and reference are read once per deal and spread over
  its grants and holdbacks with numpy;
- scopes are read per distinct scope row (axis, excluded, key) with the ids of every record
  that has it as one string, parsed by numpy, which then numbers each record's set of
  scope rows; masks are computed once per distinct set;
- a flag bit says which grants are limited to languages: only theirs are read, and resolved
  once per distinct (languages, territories).
``engine_adapters.index_build`` hands the result to the engine; ``engine_adapters``'
record readers (``grant_records``...) are the row-at-a-time path the tests compare it with.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from django.db import connection
from django.db.models import Model

from cinebridge.engines.avails import OPEN_END, LanguageVersion, RowColumns, RowKind
from cinebridge.rights.models import (
    Deal,
    Grant,
    GrantScope,
    Holdback,
    HoldbackScope,
    RightsIn,
    RightsInScope,
)

Ints = npt.NDArray[np.int64]
Scope = tuple[str, str, bool]  # (axis, key, excluded), as ScopeMasks.of takes them
ID_SPAN = 200_000  # records per string: about 8 MB of text
FLAG_STRONG = 2  # exclusive for rights in and grants, hard for holdbacks
FLAG_PROVISIONAL = 1
FLAG_LANGUAGES = 4  # a grant limited to some languages
Languages = frozenset[LanguageVersion]

_TABLES: dict[RowKind, tuple[type[Model], type[Model], str]] = {
    RowKind.RIGHTS: (RightsIn, RightsInScope, "rights"),
    RowKind.GRANT: (Grant, GrantScope, "grant"),
    RowKind.HOLDBACK: (Holdback, HoldbackScope, "holdback"),
}


def _quote(name: str) -> str:
    return connection.ops.quote_name(name)


def _day(column: str) -> str:
    """SQL for a date column as date.toordinal() (0001-01-01 is day 1), NULL stays NULL."""
    if connection.vendor == "postgresql":
        return f"({column} - DATE '0001-01-01' + 1)"
    return f"CAST(julianday({column}) - 1721424.5 AS INTEGER)"


def _flag(column: str, value: int) -> str:
    return f"CASE WHEN {column} THEN {value} ELSE 0 END"


def _aggregate() -> str:
    return "string_agg" if connection.vendor == "postgresql" else "group_concat"


def _read(columns: Sequence[str], table: str) -> Ints:
    """Every row of ``SELECT columns FROM table r`` (integers, never NULL) as a (rows x
    columns) array.

    The database writes each row as text and joins ID_SPAN record ids' rows into one
    string, which numpy parses: a few Python objects per query instead of one per value."""
    if connection.vendor == "postgresql":
        row = f"concat_ws(' ', {', '.join(columns)})"
    else:
        row = " || ' ' || ".join(f"({c})" for c in columns)
    sql = f"SELECT {_aggregate()}({row}, ' ') FROM {table} r WHERE r.id >= %s AND r.id < %s"
    parts = [np.zeros(0, np.int64)]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT MIN(r.id), MAX(r.id) FROM {table} r")
        low, high = cursor.fetchone()
        for start in range(low or 0, (high or -1) + 1, ID_SPAN):
            cursor.execute(sql, [start, start + ID_SPAN])
            (text,) = cursor.fetchone()
            if text:
                parts.append(np.fromstring(text, dtype=np.int64, sep=" "))
    return np.concatenate(parts).reshape(-1, len(columns))


@dataclass(frozen=True)
class BlockingDeals:
    """The deals whose grants and holdbacks block (signed, expired, terminated), by id."""

    ids: Ints  # sorted
    licensee: Ints
    cut: Ints  # termination day, OPEN_END if none
    refs: dict[int, str]

    def positions(self, deal_ids: Ints) -> tuple[Ints, npt.NDArray[np.bool_]]:
        """Each deal id's position in ids, and whether it is there at all."""
        pos = np.searchsorted(self.ids, deal_ids)
        found = pos < len(self.ids)
        found[found] = self.ids[pos[found]] == deal_ids[found]
        return np.where(found, pos, 0), found


def blocking_deals(statuses: Sequence[str]) -> BlockingDeals:
    """Every deal in the given statuses, with licensee, termination day and reference."""
    sql = (
        f"SELECT d.id, d.licensee_id, COALESCE({_day('d.terminated_on')}, {OPEN_END}), "
        f"d.reference FROM {_quote(Deal._meta.db_table)} d "
        f"WHERE d.status IN ({', '.join(['%s'] * len(statuses))}) ORDER BY d.id"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [str(s) for s in statuses])
        rows = cursor.fetchall()
    numbers = np.array([r[:3] for r in rows], dtype=np.int64).reshape(-1, 3)
    return BlockingDeals(
        ids=numbers[:, 0],
        licensee=numbers[:, 1],
        cut=numbers[:, 2],
        refs={r[0]: r[3] for r in rows},
    )


@dataclass(frozen=True)
class ScopeSets:
    """Every record's set of scope rows, numbered: records (sorted ids of the records that
    have scope rows), each one's set number, and each set's scope rows."""

    records: Ints
    set_of: Ints
    sets: list[list[Scope]]

    def of(self, record_ids: Ints) -> Ints:
        """Each record's set number; len(sets) (an extra, empty set) for a record without
        scope rows."""
        pos = np.searchsorted(self.records, record_ids)
        found = pos < len(self.records)
        found[found] = self.records[pos[found]] == record_ids[found]
        out = np.full(len(record_ids), len(self.sets), np.int64)
        out[found] = self.set_of[pos[found]]
        return out


def scope_sets(kind: RowKind) -> ScopeSets:
    """Every record's set of scope rows (of any deal status), read per distinct scope row."""
    _, scope_model, fk = _TABLES[kind]
    owner = f"s.{_quote(scope_model._meta.get_field(fk).column)}"
    sql = (
        f"SELECT s.axis, s.excluded, s.{_quote('key')}, "
        f"{_aggregate()}(CAST({owner} AS TEXT), ',') FROM {_quote(scope_model._meta.db_table)} s "
        f"GROUP BY s.axis, s.{_quote('key')}, s.excluded"  # the covering index's order
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        found = cursor.fetchall()
    scopes: list[Scope] = [(axis, key, bool(excluded)) for axis, excluded, key, _ in found]
    owners = [np.fromstring(ids, dtype=np.int64, sep=",") for *_, ids in found]
    return _numbered(scopes, owners)


def _distinct(sorted_keys: Ints) -> npt.NDArray[np.bool_]:
    """True at the first of each run of equal keys in a sorted array."""
    first = np.ones(len(sorted_keys), np.bool_)
    first[1:] = sorted_keys[1:] != sorted_keys[:-1]
    return first


def _dense(keys: Ints, space: int) -> tuple[int, Ints]:
    """How many distinct keys (each in [0, space)), and each key's number, in key order."""
    if space <= max(1 << 22, 4 * len(keys)):  # a table over the space beats sorting
        seen = np.zeros(space, np.bool_)
        seen[keys] = True
        return int(seen.sum()), (np.cumsum(seen) - 1)[keys]
    order = np.argsort(keys)
    distinct = _distinct(keys[order])
    number = np.empty(len(keys), np.int64)
    number[order] = np.cumsum(distinct) - 1
    return int(distinct.sum()), number


def _numbered(scopes: list[Scope], owners: list[Ints]) -> ScopeSets:
    """Number each record's set of scopes: owners[i] are the records that have scopes[i]."""
    n = len(scopes)
    record = np.concatenate([np.zeros(0, np.int64), *owners])
    scope = np.repeat(np.arange(n, dtype=np.int64), [len(o) for o in owners])
    # (record, scope) pairs by record, then scope, each once: a set in one order
    pair = np.sort(record * n + scope)
    pair = pair[_distinct(pair)]
    record = pair // n
    scope = pair - record * n
    starts = np.flatnonzero(_distinct(record))
    sizes = np.diff(np.r_[starts, len(record)])
    # Number the sets member by member: each distinct (number of the prefix so far, next
    # scope) gets a new number, never reused between lengths; 0 is the empty prefix.
    prefix = np.zeros(len(starts), np.int64)
    numbered = 1
    for member in range(int(sizes.max(initial=0))):
        longer = np.flatnonzero(sizes > member)
        keys = prefix[longer] * n + scope[starts[longer] + member]
        count, number = _dense(keys, numbered * n)
        prefix[longer] = number + numbered
        numbered += count
    count, set_of = _dense(prefix, numbered)
    first = np.zeros(count, np.int64)  # a record of each set
    first[set_of] = np.arange(len(set_of))
    sets = [
        [scopes[s] for s in scope[starts[i] : starts[i] + sizes[i]].tolist()]
        for i in first.tolist()
    ]
    return ScopeSets(records=record[starts], set_of=set_of, sets=sets)


def _languages_named(column: str) -> str:
    """SQL: does a JSON list column hold any item?"""
    length = "jsonb_array_length" if connection.vendor == "postgresql" else "json_array_length"
    return f"{length}({column}) > 0"


def language_column(
    records: Ints,
    territories: Sequence[int],
    limited: npt.NDArray[np.bool_],
    languages_of: Callable[[Iterable[Sequence[str]], int], Languages],
) -> tuple[list[Languages] | None, Ints | None]:
    """Grants' language sets, and each grant's position in them (0: every language), for
    ``RowColumns``; (None, None) when no grant is limited. territories: each grant's mask,
    limited: whether it names languages (read then, resolved once per distinct pair)."""
    if not limited.any():
        return None, None
    stored = dict(
        Grant.objects.exclude(languages=[])
        .order_by()
        .values_list("id", "languages")
        .iterator(chunk_size=20_000)
    )
    sets: dict[Languages, int] = {frozenset(): 0}
    resolved: dict[tuple[str, int], Languages] = {}
    out = np.zeros(len(records), np.int64)
    for i in np.flatnonzero(limited).tolist():
        raw = stored.get(int(records[i]), [])
        key = (repr(raw), territories[i])
        found = resolved.get(key)
        if found is None:
            found = resolved[key] = languages_of(raw, territories[i])
        out[i] = sets.setdefault(found, len(sets))
    return list(sets), out


def kind_columns(
    kind: RowKind,
    masks_of: Callable[[list[Scope]], tuple[int, int]],
    deals: BlockingDeals,
    languages_of: Callable[[Iterable[Sequence[str]], int], Languages],
) -> RowColumns:
    """Every record of a kind that the engine sees (grants and holdbacks of the given deals),
    as columns; masks_of gives a set of scope rows' (territory, media) masks, languages_of
    a grant's languages as stored, resolved within its territory mask."""
    model = _TABLES[kind][0]
    table = _quote(model._meta.db_table)
    first_day = _day("r.start")
    end_day = f"COALESCE({_day('r.' + _quote('end'))}, {OPEN_END})"
    if kind is RowKind.RIGHTS:
        columns = ["r.id", "r.title_id", "r.owner_id", first_day, end_day]
        columns.append(_flag("r.exclusive", FLAG_STRONG))
    else:
        strong = "r.exclusive" if kind is RowKind.GRANT else "r.hard"
        columns = ["r.id", "r.title_id", "r.deal_id", first_day, end_day]
        flags = [_flag(strong, FLAG_STRONG), _flag("r.provisional", FLAG_PROVISIONAL)]
        if kind is RowKind.GRANT:
            flags.append(_flag(_languages_named("r.languages"), FLAG_LANGUAGES))
        columns.append(" + ".join(flags))
    record, title, party, first, stop, flag = _read(columns, table).T
    strong = (flag & FLAG_STRONG) != 0
    provisional = (flag & FLAG_PROVISIONAL) != 0
    limited = (flag & FLAG_LANGUAGES) != 0
    deal = np.zeros(len(record), np.int64)
    if kind is not RowKind.RIGHTS:
        # Only the rows of blocking deals stay. One that turned blocking after ``deals`` was
        # read is left out: its change in the log is newer, so the next answer replays it.
        at, found = deals.positions(party)
        record, title, deal, first, stop, strong, provisional, limited = (
            column[found]
            for column in (record, title, party, first, stop, strong, provisional, limited)
        )
        party = deals.licensee[at[found]]
        stop = np.minimum(stop, deals.cut[at[found]])
    sets = scope_sets(kind)
    set_of = sets.of(record)
    masks = [masks_of(s) for s in [*sets.sets, []]]
    scoped = np.array([bool(t and m) for t, m in masks], np.bool_)
    keep = (stop > first) & scoped[set_of]
    record, title, party, deal, first, stop, strong, provisional, limited, set_of = (
        column[keep]
        for column in (
            record,
            title,
            party,
            deal,
            first,
            stop,
            strong,
            provisional,
            limited,
            set_of,
        )
    )
    t_masks = [t for t, _ in masks]
    territories = [t_masks[i] for i in set_of.tolist()] if limited.any() else []
    language_sets, languages = language_column(record, territories, limited, languages_of)
    every = np.ones(len(record), np.bool_)
    return RowColumns(
        kind=kind,
        record=record,
        title=title,
        party=party,
        territory_masks=t_masks,
        territories=set_of,
        media_masks=[m for _, m in masks],
        media=set_of,
        first=first,
        stop=stop,
        exclusive=every if kind is RowKind.HOLDBACK else strong,
        hard=strong if kind is RowKind.HOLDBACK else every,
        provisional=provisional,
        deal=deal,
        deal_refs=deals.refs,
        language_sets=language_sets,
        languages=languages,
    )
