"""The catalog's search entries held in memory, per process, for the text engine's
``TextIndex``: matching and rank bounds of every entry without asking the database.

A snapshot holds, by position, each entry's stored columns (``text``, ``literal``), what
a search needs of its title or person (kind, id, popularity, whether it is public: a published
title, a public person; its owner and whether it carries a standard identifier), and its
stored names and name forms as JSON (UTF-8), decoded only for the candidates a page ranks:
a page is ranked without reading the database.

It stays true when another process writes. Every write of an entry bumps the change counter
``catalog.search_entries`` and stores the new value in the entry's ``version``; deleting an
entry bumps it too (a ``post_delete`` receiver, cascades included). Before answering, a
process compares the counter with its snapshot's: if it moved, it reads the entries written
since, and, when those rows do not explain every move of the counter, every id (entries
deleted, or written in bulk: a bulk write must bump the counter once). Those become the index's overlay; past ``REBUILD_AFTER`` changes a
background thread builds the snapshot again while searches go on with the old one.

The snapshot is read only outside a transaction: there every statement sees committed rows
only, so a snapshot never holds a write that is later rolled back. Inside one (a service
searching after its own writes, or a test) ``snapshot()`` returns None and the caller uses
the database's own index.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
from django.db import connection
from django.db.models import Case, IntegerField, Q, TextField, Value, When
from django.db.models.functions import Cast
from django.db.models.signals import post_delete

from cinebridge.catalog.models import SearchEntry, SearchKind, TitleStatus
from cinebridge.core.audit import counter_bump, counter_stamp, counter_value
from cinebridge.engines.text.memory import TextIndex

SEARCH_COUNTER = "catalog.search_entries"
# Overlay entries (each checked one by one on every search) past which the snapshot is built
# again, in a background thread: searches meanwhile use the old one and its overlay.
REBUILD_AFTER = 256

# A title that carries a standard identifier may be one listing of a work of several.
IDENTIFIED = ~Q(title__eidr="", title__isan="", title__imdb="")
_FIELDS = (
    "id",
    "kind",
    "title_id",
    "person_id",
    "text",
    "literal",
    "title__popularity",
    "title__year",
    "_public",
    "_owner",
    "_identified",
    "version",
    "_names",
    "_forms",
)
_TEXT, _LITERAL, _VERSION, _NAMES, _FORMS = (
    _FIELDS.index(name) for name in ("text", "literal", "version", "_names", "_forms")
)


@dataclass(frozen=True)
class Entries:
    """What a search needs of each entry, by position (numpy arrays of one length)."""

    ids: np.ndarray  # entry id
    is_title: np.ndarray
    refs: np.ndarray  # title or person id
    popularity: np.ndarray
    public: np.ndarray  # a published title, a public person
    owner: np.ndarray  # owning organisation, -1 if none
    identified: np.ndarray  # a title with a standard identifier
    year: np.ndarray  # a title's year, 0 if none

    @classmethod
    def of(cls, rows: Sequence[tuple[Any, ...]]) -> Entries:
        count = len(rows)

        def column(index: int, dtype: Any, default: Any = 0) -> np.ndarray:
            values = (default if row[index] is None else row[index] for row in rows)
            return np.fromiter(values, dtype=dtype, count=count)

        kind, title, person = (_FIELDS.index(name) for name in ("kind", "title_id", "person_id"))
        refs = np.fromiter(
            (row[title] if row[kind] == SearchKind.TITLE else row[person] for row in rows),
            dtype=np.int64,
            count=count,
        )
        return cls(
            ids=column(_FIELDS.index("id"), np.int64),
            is_title=np.fromiter((row[kind] == SearchKind.TITLE for row in rows), bool, count),
            refs=refs,
            popularity=column(_FIELDS.index("title__popularity"), np.float64),
            public=column(_FIELDS.index("_public"), bool),
            owner=column(_FIELDS.index("_owner"), np.int64, -1),
            identified=column(_FIELDS.index("_identified"), bool),
            year=column(_FIELDS.index("title__year"), np.int64),
        )

    def with_rows(self, positions: Sequence[int], rows: Sequence[tuple[Any, ...]]) -> Entries:
        """These entries with ``rows`` written at ``positions`` (growing the arrays)."""
        new = Entries.of(rows)
        size = max([len(self.ids), *(p + 1 for p in positions)])
        fields = {}
        for name in self.__dataclass_fields__:
            old = getattr(self, name)
            grown = np.zeros(size, dtype=old.dtype)
            grown[: len(old)] = old
            grown[list(positions)] = getattr(new, name)
            fields[name] = grown
        return replace(self, **fields)


@dataclass(frozen=True)
class Stored:
    """Each entry's stored ``names`` and ``forms`` by position, as JSON in UTF-8 (about half
    the memory of decoded lists; a page decodes a few dozen). Positions written since the
    snapshot was built are in ``overlay``."""

    base: list[tuple[bytes, bytes]]
    overlay: dict[int, tuple[bytes, bytes]]

    @staticmethod
    def of_row(row: tuple[Any, ...]) -> tuple[bytes, bytes]:
        return row[_NAMES].encode(), row[_FORMS].encode()

    @classmethod
    def of(cls, rows: Sequence[tuple[Any, ...]]) -> Stored:
        return cls([cls.of_row(row) for row in rows], {})

    def at(self, position: int) -> tuple[bytes, bytes]:
        """(names, forms) of the entry at ``position``, as JSON."""
        found = self.overlay.get(position)
        return found if found is not None else self.base[position]

    def with_rows(self, positions: Sequence[int], rows: Sequence[tuple[Any, ...]]) -> Stored:
        """These with ``rows`` written at ``positions``."""
        overlay = dict(self.overlay)
        overlay.update(zip(positions, map(self.of_row, rows), strict=True))
        return Stored(self.base, overlay)


@dataclass(frozen=True)
class Snapshot:
    """The entries as of the change counter's ``version``."""

    stamp: str  # the counter's generation (a deleted and re-created counter starts again)
    version: int
    index: TextIndex
    entries: Entries
    stored: Stored
    positions: dict[int, int]  # entry id -> position (removed entries are not in it)
    built: int  # live entries when built (later ones are in the overlay)


def _rows(entries: Any, ordered: bool = False) -> list[tuple[Any, ...]]:
    """The fields a snapshot holds of ``entries`` (by id when ``ordered``: a catch-up reads
    in any order, so that the database can start from the version index)."""
    public = Case(
        When(kind=SearchKind.TITLE, title__status=TitleStatus.PUBLISHED, then=Value(1)),
        When(kind=SearchKind.PERSON, person__is_public=True, then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )
    owner = Case(
        When(kind=SearchKind.TITLE, then="title__owner_id"),
        default="person__owner_id",
        output_field=IntegerField(),
    )
    flagged = Case(When(IDENTIFIED, then=Value(1)), default=Value(0))
    query = entries.annotate(
        _public=public,
        _owner=owner,
        _identified=flagged,
        _names=Cast("names", TextField()),  # JSON text: decoded when a page ranks the entry
        _forms=Cast("forms", TextField()),
    )
    rows = query.values_list(*_FIELDS)
    sql, params = (rows.order_by("id") if ordered else rows.order_by()).query.sql_with_params()
    with connection.cursor() as cursor:  # plain rows: no per-row converters
        cursor.execute(sql, params)
        return cursor.fetchall()


def _built(stamp: str, version: int) -> Snapshot:
    rows = _rows(SearchEntry.objects.all(), ordered=True)
    index = TextIndex.build((row[_TEXT], row[_LITERAL]) for row in rows)
    positions = {row[0]: position for position, row in enumerate(rows)}
    return Snapshot(stamp, version, index, Entries.of(rows), Stored.of(rows), positions, len(rows))


def _caught_up(old: Snapshot, version: int) -> Snapshot:
    """``old`` with the entries written or deleted since its version."""
    rows = _rows(SearchEntry.objects.filter(version__gt=old.version))
    positions = old.positions  # copied before the first change to it
    changes: dict[int, tuple[str, str] | None] = {}
    written: list[int] = []
    extent = old.index.size

    def place(row: tuple[Any, ...]) -> None:
        nonlocal extent, positions
        position = positions.get(row[0])
        if position is None:
            if positions is old.positions:
                positions = dict(positions)
            position = positions[row[0]] = extent
            extent += 1
        changes[position] = (row[_TEXT], row[_LITERAL])
        written.append(position)

    for row in rows:
        place(row)
    # Each write of an entry moved the counter once and left its row with that version; a
    # move no row explains is a deletion (or a bulk write): then compare every id.
    explained = {row[_VERSION] for row in rows if old.version < row[_VERSION] <= version}
    if len(explained) < version - old.version:
        live = set(SearchEntry.objects.values_list("id", flat=True))
        gone = set(positions) - live
        unseen = live - set(positions)
        if gone and positions is old.positions:
            positions = dict(positions)
        for entry_id in gone:
            changes[positions.pop(entry_id)] = None
        if unseen:
            missed = _rows(SearchEntry.objects.filter(id__in=unseen))
            for row in missed:
                place(row)
            rows = [*rows, *missed]
    index = old.index.changed(changes)
    if index.changes > REBUILD_AFTER:
        _rebuild_start()
    entries = old.entries.with_rows(written, rows) if rows else old.entries
    stored = old.stored.with_rows(written, rows) if rows else old.stored
    return Snapshot(old.stamp, version, index, entries, stored, positions, old.built)


_lock = threading.Lock()
_current: Snapshot | None = None


def snapshot() -> Snapshot | None:
    """This process's snapshot, caught up with every committed write; None inside a
    transaction (see the module docstring) or when disabled by ``enabled(False)``."""
    global _current
    if not _enabled or connection.in_atomic_block:
        return None
    stamp, version = counter_stamp(SEARCH_COUNTER)
    current = _current
    if current is not None and (current.stamp, current.version) == (stamp, version):
        return current
    with _lock:
        current = _current
        if current is None or current.stamp != stamp or current.version > version:
            current = _built(stamp, version)  # new, or the counter was deleted or went back
        elif current.version != version:
            current = _caught_up(current, version)
        _current = current
    return current


_rebuilding: threading.Thread | None = None


def _rebuild_start() -> None:
    global _rebuilding
    if _rebuilding is None or not _rebuilding.is_alive():
        _rebuilding = threading.Thread(target=_rebuild, name="search-snapshot", daemon=True)
        _rebuilding.start()


def _rebuild() -> None:
    """Build a new snapshot (this thread's own connection, autocommit) and put it in place;
    the next ``snapshot()`` catches it up with what was written meanwhile."""
    global _current
    try:
        fresh = _built(*counter_stamp(SEARCH_COUNTER))
    finally:
        connection.close()
    with _lock:
        if _current is not None and _current.stamp == fresh.stamp:
            _current = fresh


def rebuild_wait() -> None:
    """Wait for a background rebuild to finish (tests, benchmarks)."""
    thread = _rebuilding
    if thread is not None:
        thread.join()


_enabled = True


def enabled(value: bool) -> None:
    """Use the in-memory snapshot (True, the default) or always the database (benchmarks'
    reference paths)."""
    global _enabled
    _enabled = value


def entry_version() -> int:
    """Bump the counter for an entry being written; the value to store in its ``version``."""
    counter_bump(SEARCH_COUNTER)
    return counter_value(SEARCH_COUNTER)


def _entry_deleted(**_signal: Any) -> None:
    counter_bump(SEARCH_COUNTER)


post_delete.connect(_entry_deleted, sender=SearchEntry, dispatch_uid="search_entry_deleted")
