"""The avails baseline: what a competent engineer would write without the avails engine.

SQL fetches every interval that can decide the answer for the holder's titles, per leaf cell
of the query (country x leaf medium), through the closure tables ``TerritoryLeaf`` and
``MediumLeaf``: the holder's rights in, grants of signed (expired, terminated) deals of other
licensees, hard holdbacks of deals of other licensees, with ``NOT EXISTS`` for excluded keys,
ordered by title. Two formulations, because neither is fastest everywhere: "join" (one
statement, each row joined to the query's leaves it covers) and "cell" (one statement per
cell, inclusion as semi-joins on the scopes' key index). Python then sweeps each title's
intervals per cell: free = held minus blocked, inside the query period, and applies the
ENTIRE / OVERLAP rules. Indexes tuned for these statements are added to the benchmark
database only (``baseline_indexes_ensure``).
"""

from __future__ import annotations

import datetime as dt
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

from django.db import connection

# The tuning a competent engineer would add for this statement, in the benchmark database
# only: scope lookups by key (to test inclusion) and by record (for the exclusions).
BASELINE_INDEXES = {
    "bench_grantscope_axis_key": "rights_grantscope (axis, key, excluded, grant_id)",
    "bench_grantscope_grant": "rights_grantscope (grant_id, axis, excluded, key)",
    "bench_holdbackscope_axis_key": "rights_holdbackscope (axis, key, excluded, holdback_id)",
    "bench_holdbackscope_grant": "rights_holdbackscope (holdback_id, axis, excluded, key)",
    "bench_rightsinscope_axis_key": "rights_rightsinscope (axis, key, excluded, rights_id)",
    "bench_rightsinscope_rights": "rights_rightsinscope (rights_id, axis, excluded, key)",
    "bench_grant_title": "rights_grant (title_id, deal_id)",
    "bench_holdback_title": "rights_holdback (title_id, deal_id)",
    "bench_rightsin_owner": "rights_rightsin (owner_id, title_id)",
}

_CUT = """
       CASE WHEN d.terminated_on IS NOT NULL AND (r."end" IS NULL OR d.terminated_on < r."end")
            THEN d.terminated_on ELSE r."end" END"""
_DEAL = """r.title_id IN (SELECT title_id FROM holder_titles)
      AND d.status IN ('signed', 'expired', 'terminated') AND d.licensee_id <> %(holder)s
      AND (d.terminated_on IS NULL OR d.terminated_on > %(first)s)"""
# Per record kind: table, scope table, its key to the record, blocks?, period end, join, filter.
_RECORDS = (
    (
        "rights_rightsin",
        "rights_rightsinscope",
        "rights_id",
        0,
        ' r."end"',
        "",
        "r.owner_id = %(holder)s AND (r.exclusive OR NOT %(exclusive)s)",
    ),
    (
        "rights_grant",
        "rights_grantscope",
        "grant_id",
        1,
        _CUT,
        " JOIN rights_deal d ON d.id = r.deal_id",
        _DEAL + "\n      AND (r.exclusive OR %(exclusive)s)",
    ),
    (
        "rights_holdback",
        "rights_holdbackscope",
        "holdback_id",
        1,
        _CUT,
        " JOIN rights_deal d ON d.id = r.deal_id",
        _DEAL + "\n      AND r.hard",
    ),
)
# "join": one statement for any number of cells, each row expanded to the query's leaves it
# covers. "cell": one statement per cell, inclusion as semi-joins on the scopes' key index.
_FORMS = {
    "join": """
SELECT r.title_id, tl.leaf, ml.leaf, {blocks}, r.start,{stop}
    FROM {table} r{join}
    JOIN {scope} ts ON ts.{fk} = r.id AND ts.axis = 't' AND NOT ts.excluded
    JOIN rights_territoryleaf tl ON tl.key = ts.key AND tl.leaf IN ({{territories}})
    JOIN {scope} ms ON ms.{fk} = r.id AND ms.axis = 'm' AND NOT ms.excluded
    JOIN rights_mediumleaf ml ON ml.key = ms.key AND ml.leaf IN ({{media}})
    WHERE {where}
      AND r.start < %(stop)s AND (r."end" IS NULL OR r."end" > %(first)s)
      AND NOT EXISTS (SELECT 1 FROM {scope} x JOIN rights_territoryleaf xl ON xl.key = x.key
                      WHERE x.{fk} = r.id AND x.axis = 't' AND x.excluded AND xl.leaf = tl.leaf)
      AND NOT EXISTS (SELECT 1 FROM {scope} x JOIN rights_mediumleaf xl ON xl.key = x.key
                      WHERE x.{fk} = r.id AND x.axis = 'm' AND x.excluded AND xl.leaf = ml.leaf)""",
    "cell": """
SELECT r.title_id, %(t0)s, %(m0)s, {blocks}, r.start,{stop}
    FROM {table} r{join}
    WHERE {where}
      AND r.start < %(stop)s AND (r."end" IS NULL OR r."end" > %(first)s)
      AND r.id IN (SELECT s.{fk} FROM {scope} s WHERE s.axis = 't' AND NOT s.excluded
                   AND s.key IN (SELECT key FROM rights_territoryleaf WHERE leaf = %(t0)s))
      AND r.id IN (SELECT s.{fk} FROM {scope} s WHERE s.axis = 'm' AND NOT s.excluded
                   AND s.key IN (SELECT key FROM rights_mediumleaf WHERE leaf = %(m0)s))
      AND NOT EXISTS (SELECT 1 FROM {scope} x JOIN rights_territoryleaf xl ON xl.key = x.key
                      WHERE x.{fk} = r.id AND x.axis = 't' AND x.excluded AND xl.leaf = %(t0)s)
      AND NOT EXISTS (SELECT 1 FROM {scope} x JOIN rights_mediumleaf xl ON xl.key = x.key
                      WHERE x.{fk} = r.id AND x.axis = 'm' AND x.excluded AND xl.leaf = %(m0)s)""",
}  # fmt: skip
BASELINE_SQL = {
    form: "\nWITH holder_titles AS (SELECT DISTINCT title_id FROM rights_rightsin "
    "WHERE owner_id = %(holder)s)"
    + "\nUNION ALL".join(
        part.format(
            table=table, scope=scope, fk=fk, blocks=blocks, stop=stop, join=join, where=where
        )
        for table, scope, fk, blocks, stop, join, where in _RECORDS
    )
    + "\nORDER BY 1\n"
    for form, part in _FORMS.items()
}
FORMS = tuple(_FORMS)

# "entire": for ENTIRE queries over many cells (Q3: 249 countries x 17 media, where the other
# forms would fetch one interval per record and cell, 53 million rows for the holder's rights
# alone): which titles are available, in one statement. A title is available when one of the
# holder's rights rows covers every query leaf for the whole period (counted through the
# closure tables) and no blocking grant or hard holdback meets a query leaf inside the period.
# It answers available or not (no partial), and needs one rights row to cover the whole query:
# true of this data set (one rights row per title and holder); the comparison with the engine
# would show any title where it is not.
_LEAVES = """(SELECT COUNT(DISTINCT l.leaf) FROM {scope} s JOIN rights_{axis}leaf l ON l.key = s.key
            WHERE s.{fk} = r.id AND s.axis = '{a}' AND NOT s.excluded AND l.leaf IN ({{{names}}})
              AND NOT EXISTS (SELECT 1 FROM {scope} x JOIN rights_{axis}leaf xl ON xl.key = x.key
                              WHERE x.{fk} = r.id AND x.axis = '{a}' AND x.excluded
                                AND xl.leaf = l.leaf))"""
_MEETS = """EXISTS (SELECT 1 FROM {scope} s JOIN rights_{axis}leaf l ON l.key = s.key
                     WHERE s.{fk} = r.id AND s.axis = '{a}' AND NOT s.excluded AND l.leaf IN ({{{names}}})
                       AND NOT EXISTS (SELECT 1 FROM {scope} x JOIN rights_{axis}leaf xl ON xl.key = x.key
                                       WHERE x.{fk} = r.id AND x.axis = '{a}' AND x.excluded
                                         AND xl.leaf = l.leaf))"""


def _scope_test(template: str, scope: str, fk: str) -> str:
    return "\n      AND ".join(
        template.format(scope=scope, fk=fk, axis=axis, a=axis[0], names=names)
        for axis, names in (("territory", "territories"), ("medium", "media"))
    )


def _blocker(table: str, scope: str, fk: str, flag: str) -> str:
    return f"""NOT EXISTS (SELECT 1 FROM {table} r JOIN rights_deal d ON d.id = r.deal_id
      WHERE r.title_id = h.title_id AND d.status IN ('signed', 'expired', 'terminated')
      AND d.licensee_id <> %(holder)s AND {flag}
      AND (d.terminated_on IS NULL OR (d.terminated_on > %(first)s AND d.terminated_on > r.start))
      AND r.start < %(stop)s AND (r."end" IS NULL OR r."end" > %(first)s)
      AND {_scope_test(_MEETS, scope, fk)})"""


# "entire_group": the same, the holder's covering rights rows found by one grouped join per
# axis instead of a correlated count per row (faster on PostgreSQL, slower on SQLite).
_GROUPED = """r.id IN (SELECT s.{fk} FROM {scope} s JOIN rights_{axis}leaf l ON l.key = s.key
        WHERE s.axis = '{a}' AND NOT s.excluded AND l.leaf IN ({{{names}}})
          AND s.{fk} IN (SELECT id FROM rights_rightsin WHERE owner_id = %(holder)s)
          AND NOT EXISTS (SELECT 1 FROM {scope} x JOIN rights_{axis}leaf xl ON xl.key = x.key
                          WHERE x.{fk} = s.{fk} AND x.axis = '{a}' AND x.excluded
                            AND xl.leaf = l.leaf)
        GROUP BY s.{fk} HAVING COUNT(DISTINCT l.leaf) = %(count_{a})s)"""


def _entire_sql(covers: str) -> str:
    return f"""
WITH held AS (
  SELECT DISTINCT r.title_id FROM rights_rightsin r
    WHERE r.owner_id = %(holder)s AND (r.exclusive OR NOT %(exclusive)s)
      AND r.start <= %(first)s AND (r."end" IS NULL OR r."end" >= %(stop)s)
      AND {_scope_test(covers, "rights_rightsinscope", "rights_id")})
SELECT h.title_id FROM held h
  WHERE {_blocker("rights_grant", "rights_grantscope", "grant_id", "(r.exclusive OR %(exclusive)s)")}
    AND {_blocker("rights_holdback", "rights_holdbackscope", "holdback_id", "r.hard")}
ORDER BY 1
"""


ENTIRE_SQL = {
    "entire": _entire_sql(_LEAVES + " = %(count_{a})s"),
    "entire_group": _entire_sql(_GROUPED),
}
ENTIRE_FORMS = tuple(ENTIRE_SQL)
NOT_AVAILABLE = "not available"
UNIVERSE_SQL = "SELECT DISTINCT title_id FROM rights_rightsin WHERE owner_id = %(holder)s"

AVAILABLE, PARTIAL, UNAVAILABLE = "available", "partial", "unavailable"


@dataclass(frozen=True)
class BaselineQuery:
    """The avails question in the baseline's own terms: leaf codes and dates."""

    holder: int
    territories: tuple[str, ...]  # country codes (leaves)
    media: tuple[str, ...]  # leaf media codes
    first: dt.date
    stop: dt.date
    exclusive: bool
    overlap: bool = False  # False: free for the entire period; True: some window
    min_days: int = 0

    def cells(self) -> list[tuple[str, str]]:
        return [(t, m) for t in self.territories for m in self.media]

    def sql(self, form: str = "join", cell: int = 0) -> tuple[str, dict[str, Any]]:
        """A statement and its parameters for this connection's database: the whole query
        ("join"), or one of its cells ("cell")."""
        params: dict[str, Any] = {
            "holder": self.holder,
            "exclusive": self.exclusive,
            "first": connection.ops.adapt_datefield_value(self.first),
            "stop": connection.ops.adapt_datefield_value(self.stop),
        }
        if form == "cell":
            params["t0"], params["m0"] = self.cells()[cell]
            return BASELINE_SQL[form], params
        params["count_t"], params["count_m"] = len(self.territories), len(self.media)
        t_names, m_names = [], []
        for i, code in enumerate(self.territories):
            params[f"t{i}"] = code
            t_names.append(f"%(t{i})s")
        for i, code in enumerate(self.media):
            params[f"m{i}"] = code
            m_names.append(f"%(m{i})s")
        sql = (ENTIRE_SQL.get(form) or BASELINE_SQL[form]).replace(
            "{territories}", ", ".join(t_names)
        )
        return sql.replace("{media}", ", ".join(m_names)), params


def baseline_indexes_ensure() -> list[str]:
    """Create the baseline's indexes if missing, refresh the planner's statistics (and, on
    PostgreSQL, the visibility map index-only scans need); the index names created now."""
    with connection.cursor() as cursor:
        existing = set(connection.introspection.get_constraints(cursor, "rights_grantscope"))
        for table in (
            "rights_holdbackscope",
            "rights_rightsinscope",
            "rights_grant",
            "rights_holdback",
            "rights_rightsin",
        ):
            existing |= set(connection.introspection.get_constraints(cursor, table))
        created = [name for name in BASELINE_INDEXES if name not in existing]
        for name in created:
            cursor.execute(f"CREATE INDEX {name} ON {BASELINE_INDEXES[name]}")
        if connection.vendor == "postgresql":
            cursor.execute("VACUUM ANALYZE")  # cheap when nothing changed
        elif created:
            cursor.execute("ANALYZE")
    return created


def explain(query: BaselineQuery, form: str = "join") -> str:
    """The database's plan for the baseline statement (of the first cell for "cell"), as text."""
    sql, params = query.sql(form)
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
            rows = cursor.fetchall()
            depth = {0: -1}
            lines = []
            for node, parent, _, detail in rows:
                depth[node] = depth.get(parent, -1) + 1
                lines.append("  " * depth[node] + detail)
            return "\n".join(lines)
        cursor.execute("EXPLAIN (ANALYZE, COSTS OFF) " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


# -- the per-title sweep ------------------------------------------------------------------------

Interval = tuple[int, int]
OPEN = dt.date.max.toordinal() + 1


def _merged(intervals: Iterable[Interval]) -> list[Interval]:
    out: list[Interval] = []
    for a, b in sorted(intervals):
        if out and a <= out[-1][1]:
            if b > out[-1][1]:
                out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


def _minus(held: list[Interval], blocked: list[Interval]) -> list[Interval]:
    """Parts of the merged intervals ``held`` not covered by the merged ``blocked``."""
    out = []
    j = 0
    for a, b in held:
        while j < len(blocked) and blocked[j][1] <= a:
            j += 1
        k = j
        while a < b and k < len(blocked) and blocked[k][0] < b:
            if blocked[k][0] > a:
                out.append((a, blocked[k][0]))
            a = max(a, blocked[k][1])
            k += 1
        if a < b:
            out.append((a, b))
    return out


def _common(a: list[Interval], b: list[Interval]) -> list[Interval]:
    out = []
    i = j = 0
    while i < len(a) and j < len(b):
        lo, hi = max(a[i][0], b[j][0]), min(a[i][1], b[j][1])
        if lo < hi:
            out.append((lo, hi))
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return out


def title_status(
    cells: dict[tuple[str, str], tuple[list[Interval], list[Interval]]],
    query: BaselineQuery,
    first: int,
    stop: int,
) -> str:
    """One title's status from its (held, blocked) intervals per cell, already clipped."""
    need = max(query.min_days, 1)
    total = len(query.territories) * len(query.media)
    free = [_minus(_merged(held), _merged(blocked)) for held, blocked in cells.values() if held]
    if len(free) == total:
        common = free[0]
        for lane in free[1:]:
            common = _common(common, lane)
        if query.overlap:
            if any(b - a >= need for a, b in common):
                return AVAILABLE
        elif common == [(first, stop)]:
            return AVAILABLE
    if any(b - a >= need for lane in free for a, b in lane):
        return PARTIAL
    return UNAVAILABLE


def _day(value: dt.date | str) -> int:
    """A day number from a date column (SQLite returns text for computed ones)."""
    if isinstance(value, str):
        return dt.date.fromisoformat(value).toordinal()
    return value.toordinal()


def baseline_avails(
    query: BaselineQuery, spent: dict[str, float] | None = None, form: str = "join"
) -> dict[int, str]:
    """Title id -> status for every title the holder has rights in.

    ``spent``, if given, receives the seconds in SQL (``sql``), in the sweep (``sweep``) and
    the number of rows fetched (``rows``).
    """
    started = time.perf_counter()
    if form in ENTIRE_SQL:
        return _entire_avails(query, spent, started, form)
    first, stop = query.first.toordinal(), query.stop.toordinal()
    with connection.cursor() as cursor:
        cursor.execute(UNIVERSE_SQL, {"holder": query.holder})
        statuses = {title: UNAVAILABLE for (title,) in cursor.fetchall()}
        rows: list[tuple[Any, ...]] = []
        for cell in range(len(query.cells()) if form == "cell" else 1):
            cursor.execute(*query.sql(form, cell))
            rows.extend(cursor.fetchall())
    if form == "cell" and len(query.cells()) > 1:
        rows.sort(key=itemgetter(0))
    fetched = time.perf_counter()
    current = None
    cells: dict[tuple[str, str], tuple[list[Interval], list[Interval]]] = defaultdict(
        lambda: ([], [])
    )
    for title, territory, medium, blocks, start, end in rows:
        if title != current:
            if current is not None:
                statuses[current] = title_status(cells, query, first, stop)
            current, cells = title, defaultdict(lambda: ([], []))
        a = max(_day(start), first)
        b = stop if end is None else min(_day(end), stop)
        if a < b:
            cells[(territory, medium)][blocks].append((a, b))
    if current is not None:
        statuses[current] = title_status(cells, query, first, stop)
    if spent is not None:
        spent["sql"] = fetched - started
        spent["sweep"] = time.perf_counter() - fetched
        spent["rows"] = len(rows)
    return statuses


def _entire_avails(
    query: BaselineQuery, spent: dict[str, float] | None, started: float, form: str
) -> dict[int, str]:
    """The "entire" forms: title id -> available or not available (no sweep)."""
    with connection.cursor() as cursor:
        cursor.execute(UNIVERSE_SQL, {"holder": query.holder})
        statuses = {title: NOT_AVAILABLE for (title,) in cursor.fetchall()}
        cursor.execute(*query.sql(form))
        rows = cursor.fetchall()
    for (title,) in rows:
        statuses[title] = AVAILABLE
    if spent is not None:
        spent["sql"] = time.perf_counter() - started
        spent["sweep"] = 0.0
        spent["rows"] = len(rows)
    return statuses
