"""Writing the avails data set: drawn rows into the real tables, in bulk, with explicit ids.

One cursor writes every table: ``executemany`` in batches on SQLite, ``COPY`` on PostgreSQL, so
both databases receive identical rows. Columns the draw does not set get their model default
(prepared once per table); ``created_at``/``updated_at`` get ``CREATED_AT``. The marker
organisation's description records what was built and how fast.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.management.color import no_style
from django.db import connection, models, transaction

from benchmarks.avails_synthetic import (
    CREATED_AT,
    GENERATOR_VERSION,
    MARKER_SLUG,
    ORGANISATIONS,
    DatasetDraw,
    Sink,
)
from cinebridge.catalog.models import Title
from cinebridge.organisations.models import Organisation
from cinebridge.rights import models as rights

# The drawn columns of each table, in order; every other column gets its model default.
TABLE_FIELDS = {
    "organisation": ("id", "name", "name_local", "slug", "kind", "country", "description"),
    "title": ("id", "owner_id", "reference", "kind", "status", "original_title",
              "original_language", "year"),
    "rights_in": ("id", "owner_id", "title_id", "start", "end", "exclusive", "source_contract",
                  "start_given", "end_given"),
    "rights_in_scope": ("id", "rights_id", "axis", "key", "excluded"),
    "deal": ("id", "owner_id", "reference", "licensee_id", "status", "signed_at",
             "terminated_on"),
    "grant": ("id", "deal_id", "title_id", "start", "end", "start_given", "end_given",
              "exclusive", "position"),
    "grant_scope": ("id", "grant_id", "axis", "key", "excluded"),
    "holdback": ("id", "deal_id", "title_id", "start", "end", "start_given", "end_given", "hard",
                 "note"),
    "holdback_scope": ("id", "holdback_id", "axis", "key", "excluded"),
}  # fmt: skip


def _models() -> dict[str, Any]:
    return {
        "organisation": Organisation,
        "title": Title,
        "rights_in": rights.RightsIn,
        "rights_in_scope": rights.RightsInScope,
        "deal": rights.Deal,
        "grant": rights.Grant,
        "grant_scope": rights.GrantScope,
        "holdback": rights.Holdback,
        "holdback_scope": rights.HoldbackScope,
    }


@dataclass
class _Table:
    name: str
    columns: list[str]
    drawn: int  # the first ``drawn`` columns come from the row, the rest are constant
    tail: tuple[Any, ...]
    adapt: list[tuple[int, Callable[[Any], Any]]]  # (position, adapter) of date columns


def _table(model: Any, drawn: Sequence[str]) -> _Table:
    by_attname = {f.attname: f for f in model._meta.concrete_fields}
    rest = [f for f in model._meta.concrete_fields if f.attname not in drawn]
    tail = []
    for f in rest:
        value = f.get_default()
        if isinstance(f, models.DateTimeField) and (f.auto_now or f.auto_now_add):
            value = CREATED_AT
        tail.append(f.get_db_prep_save(value, connection))
    adapt = []
    for i, name in enumerate(drawn):
        f = by_attname[name]
        if isinstance(f, models.DateTimeField):
            adapt.append((i, connection.ops.adapt_datetimefield_value))
        elif isinstance(f, models.DateField):
            adapt.append((i, connection.ops.adapt_datefield_value))
    columns = [by_attname[name].column for name in drawn] + [f.column for f in rest]
    return _Table(model._meta.db_table, columns, len(drawn), tuple(tail), adapt)


class _Writer:
    """Writes batches of drawn rows, adapted for this connection's database."""

    def __init__(self) -> None:
        self.connection = connection
        self.tables = {key: _table(model, TABLE_FIELDS[key]) for key, model in _models().items()}
        self.seconds = 0.0

    def __call__(self, key: str, rows: list[tuple[Any, ...]]) -> None:
        started = time.perf_counter()
        table = self.tables[key]
        full = []
        for row in rows:
            if table.adapt:
                values = list(row)
                for i, adapt in table.adapt:
                    values[i] = adapt(values[i])
                row = tuple(values)
            full.append(row + table.tail)
        quoted = ", ".join(self.connection.ops.quote_name(c) for c in table.columns)
        with self.connection.cursor() as cursor:
            if self.connection.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {table.name} ({quoted}) FROM STDIN") as copy:
                    for row in full:
                        copy.write_row(row)
            else:
                marks = ", ".join(["%s"] * len(table.columns))
                cursor.executemany(f"INSERT INTO {table.name} ({quoted}) VALUES ({marks})", full)
        self.seconds += time.perf_counter() - started


def dataset_write(titles: int, grants: int, holders: int = ORGANISATIONS) -> dict[str, Any]:
    """Draw and store the data set in one transaction, then (VACUUM) ANALYZE; what was built."""
    started = time.perf_counter()
    writer = _Writer()
    draw = DatasetDraw(titles, grants, organisations=holders)
    sink = Sink(writer)
    with transaction.atomic():
        stats = draw.draw(sink)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                for sql in connection.ops.sequence_reset_sql(no_style(), list(_models().values())):
                    cursor.execute(sql)
        marker = Organisation.objects.create(
            name="Synthetic avails marker", slug=MARKER_SLUG, kind="agency", country="GB"
        )
    written = time.perf_counter()
    with connection.cursor() as cursor:
        # VACUUM too on PostgreSQL: it sets the visibility map index-only scans rely on.
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    info = {
        "titles": titles,
        "grants": grants,
        "holders": holders,
        "generator_version": GENERATOR_VERSION,
        "rows": dict(sink.counts),
        "drawn": stats,
        "build_seconds": round(time.perf_counter() - started, 1),
        "write_seconds": round(writer.seconds, 1),
        "draw_seconds": round(written - started - writer.seconds, 1),
        "analyze_seconds": round(time.perf_counter() - written, 1),
        "built_at": time.strftime("%Y-%m-%d %H:%M:%S"),
    }
    Organisation.objects.filter(pk=marker.pk).update(description=json.dumps(info))
    return info


def dataset_info() -> dict[str, Any] | None:
    """What ``dataset_write`` recorded in this database; None if it holds no such data set."""
    marker = Organisation.objects.filter(slug=MARKER_SLUG).first()
    if marker is None:
        return None
    info: dict[str, Any] = json.loads(marker.description)
    info.setdefault("holders", ORGANISATIONS)  # data sets built before --holders existed
    return info
