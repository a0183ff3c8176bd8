"""The only place rights rows cross into the avails engine: values_list() in, records out.

Two ways in:
- ``rows_for_titles``: the rows of some titles, read from the database inside the caller's
  transaction (the conflict check when signing: a write never trusts a cache);
- ``avails_index``: the whole catalog's index, kept per process and brought up to date
  from the ``AvailsChange`` log (and the catalog's title counter) before every answer.
  Its first build reads a million rows: raw SQL with each record's scopes aggregated into
  one string and dates as day numbers, streamed into columns (``index_build``).
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

import numpy as np
from django.db import connection
from django.db.models import Q

from cinebridge.catalog.models import Version
from cinebridge.core.audit import counter_value
from cinebridge.core.languages import version_tag
from cinebridge.engines.avails import (
    OPEN_END,
    AvailsIndex,
    LanguageVersion,
    Period,
    Row,
    RowColumns,
    RowKind,
    Taxonomy,
    row_of,
)
from cinebridge.engines.avails import (
    Grant as GrantRecord,
)
from cinebridge.engines.avails import (
    Holdback as HoldbackRecord,
)
from cinebridge.engines.avails import (
    RightsIn as RightsInRecord,
)
from cinebridge.rights.models import (
    AvailsChange,
    AvailsChangeKind,
    Deal,
    DealStatus,
    Grant,
    GrantScope,
    Holdback,
    HoldbackScope,
    RightsIn,
    RightsInScope,
)
from cinebridge.rights.taxonomy import DATA_COUNTER, taxonomies

TITLES_COUNTER = "catalog.titles"
BLOCKING_STATUSES = (DealStatus.SIGNED, DealStatus.EXPIRED, DealStatus.TERMINATED)
VERSION_USAGE = {
    "original": "audio",
    "dub": "audio",
    "subtitles": "subtitles",
    "voice_over": "voice_over",
}
REBUILD_AFTER = 500  # replaying more changes than this is slower than a rebuild


class ScopeMasks:
    """Scope rows -> (territory mask, media mask), memoised per distinct selection."""

    def __init__(self, territories: Taxonomy, media: Taxonomy) -> None:
        self.taxonomies = {"t": territories, "m": media}
        self.memo: dict[tuple[str, frozenset[str], frozenset[str]], int] = {}

    def of(self, scopes: Iterable[tuple[str, str, bool]]) -> tuple[int, int]:
        parts: dict[str, tuple[set[str], set[str]]] = {"t": (set(), set()), "m": (set(), set())}
        for axis, key, excluded in scopes:
            parts[axis][1 if excluded else 0].add(key)
        out = []
        for axis in ("t", "m"):
            include, exclude = frozenset(parts[axis][0]), frozenset(parts[axis][1])
            memo_key = (axis, include, exclude)
            mask = self.memo.get(memo_key)
            if mask is None:
                mask = self.memo[memo_key] = self.taxonomies[axis].selection(include, exclude)
            out.append(mask)
        return out[0], out[1]


def _scopes(model: type, fk: str, ids: list[int] | None) -> dict[int, list[tuple[str, str, bool]]]:
    out: dict[int, list[tuple[str, str, bool]]] = defaultdict(list)
    rows = model.objects.all()  # type: ignore[attr-defined]
    if ids is not None:
        rows = rows.filter(**{f"{fk}__in": ids})
    for owner_id, axis, key, excluded in rows.values_list(fk, "axis", "key", "excluded").iterator(
        chunk_size=20_000
    ):
        out[owner_id].append((axis, key, excluded))
    return out


def _period(start: dt.date, end: dt.date | None, cut: dt.date | None = None) -> Period | None:
    """The period, cut at a termination date; None when nothing is left."""
    if cut is not None and (end is None or cut < end):
        end = cut
    if end is not None and end <= start:
        return None
    return Period(start, end)


def rights_records(title_ids: list[int] | None = None) -> Iterator[RightsInRecord]:
    """Rights-in records (of every holder), optionally of some titles only."""
    masks = ScopeMasks(*taxonomies())
    rows = RightsIn.objects.all()
    if title_ids is not None:
        rows = rows.filter(title_id__in=title_ids)
    scopes = _scopes(
        RightsInScope,
        "rights_id",
        None if title_ids is None else list(rows.values_list("id", flat=True)),
    )
    for pk, title, holder, start, end, exclusive, source in rows.values_list(
        "id", "title_id", "owner_id", "start", "end", "exclusive", "source_contract"
    ).iterator(chunk_size=20_000):
        t, m = masks.of(scopes.get(pk, ()))
        period = _period(start, end)
        if period is not None and t and m:
            yield RightsInRecord(pk, title, holder, t, m, period, exclusive, source)


def _deal_filter(
    title_ids: list[int] | None,
    deal_ids: list[int] | None,
    exclude_deal: int | None,
    statuses: Sequence[str] | None = BLOCKING_STATUSES,
) -> Q:
    q = Q() if statuses is None else Q(deal__status__in=statuses)
    if title_ids is not None:
        q &= Q(title_id__in=title_ids)
    if deal_ids is not None:
        q &= Q(deal_id__in=deal_ids)
    if exclude_deal is not None:
        q &= ~Q(deal_id=exclude_deal)
    return q


def grant_records(
    title_ids: list[int] | None = None,
    deal_ids: list[int] | None = None,
    exclude_deal: int | None = None,
    statuses: Sequence[str] | None = BLOCKING_STATUSES,
) -> Iterator[GrantRecord]:
    """Grants of deals in the given statuses (None: any), by default the ones that block."""
    masks = ScopeMasks(*taxonomies())
    rows = Grant.objects.filter(_deal_filter(title_ids, deal_ids, exclude_deal, statuses))
    ids = (
        None if title_ids is None and deal_ids is None else list(rows.values_list("id", flat=True))
    )
    scopes = _scopes(GrantScope, "grant_id", ids)
    for pk, deal, ref, title, licensor, licensee, start, end, cut, exclusive, provisional in rows.values_list(
        "id", "deal_id", "deal__reference", "title_id", "deal__owner_id", "deal__licensee_id",
        "start", "end", "deal__terminated_on", "exclusive", "provisional",
    ).iterator(chunk_size=20_000):  # fmt: skip
        t, m = masks.of(scopes.get(pk, ()))
        period = _period(start, end, cut)
        if period is not None and t and m:
            yield GrantRecord(
                pk, deal, ref, title, licensor, licensee, t, m, period, exclusive, provisional
            )


def holdback_records(
    title_ids: list[int] | None = None,
    deal_ids: list[int] | None = None,
    exclude_deal: int | None = None,
) -> Iterator[HoldbackRecord]:
    """Holdbacks of signed (or since expired or terminated) deals."""
    masks = ScopeMasks(*taxonomies())
    rows = Holdback.objects.filter(_deal_filter(title_ids, deal_ids, exclude_deal))
    ids = (
        None if title_ids is None and deal_ids is None else list(rows.values_list("id", flat=True))
    )
    scopes = _scopes(HoldbackScope, "holdback_id", ids)
    for pk, deal, ref, title, licensee, start, end, cut, hard, provisional in rows.values_list(
        "id", "deal_id", "deal__reference", "title_id", "deal__licensee_id",
        "start", "end", "deal__terminated_on", "hard", "provisional",
    ).iterator(chunk_size=20_000):  # fmt: skip
        t, m = masks.of(scopes.get(pk, ()))
        period = _period(start, end, cut)
        if period is not None and t and m:
            yield HoldbackRecord(pk, deal, ref, title, licensee, t, m, period, hard, provisional)


def versions(title_ids: list[int] | None = None) -> dict[int, set[LanguageVersion]]:
    """Title id -> its language versions as (tag, usage), each tag with its likely script
    filled in (zh-CN is zh-Hans-CN) for ``core.languages``' matching rule."""
    out: dict[int, set[LanguageVersion]] = defaultdict(set)
    rows = Version.objects.all()
    if title_ids is not None:
        rows = rows.filter(title_id__in=title_ids)
    for title, language, kind in rows.values_list("title_id", "language", "kind").iterator(
        chunk_size=20_000
    ):
        out[title].add((version_tag(language), VERSION_USAGE.get(kind, kind)))
    return out


def rows_for_titles(
    title_ids: list[int], *, exclude_deal: int | None = None
) -> dict[int, list[Row]]:
    """Every engine row of some titles, straight from the database (for the signing check)."""
    out: dict[int, list[Row]] = defaultdict(list)
    records = (
        *rights_records(title_ids),
        *grant_records(title_ids, exclude_deal=exclude_deal),
        *holdback_records(title_ids, exclude_deal=exclude_deal),
    )
    for record in records:
        out[record.title_id].append(row_of(record))
    return out


def index_build() -> AvailsIndex:
    """A fresh index of everything in the database (SQLite or PostgreSQL), read in bulk."""
    territories, media = taxonomies()
    masks = ScopeMasks(territories, media)
    blocking = Deal.objects.filter(status__in=BLOCKING_STATUSES).order_by()
    refs = dict(blocking.values_list("id", "reference"))
    return AvailsIndex.build(
        territory_leaves=len(territories.leaves),
        media_leaves=len(media.leaves),
        columns=[
            _bulk_columns(RowKind.RIGHTS, masks, refs),
            _bulk_columns(RowKind.GRANT, masks, refs),
            _bulk_columns(RowKind.HOLDBACK, masks, refs),
        ],
        versions=versions(),
    )


BULK_CHUNK = 50_000


def _bulk_sql(kind: RowKind) -> str:
    """Every record of a kind as (id, title, party, deal, first, end, cut, exclusive, hard,
    provisional, scopes): days as date.toordinal() numbers, ends OPEN_END when open, scopes
    as one string ("t+035,t-VN,m+VOD": taxonomy keys hold no commas)."""
    vendor_pg = connection.vendor == "postgresql"
    quote = connection.ops.quote_name

    def day(column: str) -> str:
        if vendor_pg:
            return f"({column} - DATE '0001-01-01' + 1)"
        return f"CAST(julianday({column}) - 1721424.5 AS INTEGER)"  # 0001-01-01 is day 1

    model, scope_model, fk = {
        RowKind.RIGHTS: (RightsIn, RightsInScope, "rights"),
        RowKind.GRANT: (Grant, GrantScope, "grant"),
        RowKind.HOLDBACK: (Holdback, HoldbackScope, "holdback"),
    }[kind]
    token = "s.axis || CASE WHEN s.excluded THEN '-' ELSE '+' END || s.key"
    scopes = (
        f"(SELECT {'string_agg' if vendor_pg else 'group_concat'}({token}, ',') "
        f"FROM {quote(scope_model._meta.db_table)} s "
        f"WHERE s.{quote(scope_model._meta.get_field(fk).column)} = r.id)"
    )
    first, end = day("r.start"), f"COALESCE({day('r.' + quote('end'))}, {OPEN_END})"
    table = quote(model._meta.db_table)
    if kind is RowKind.RIGHTS:
        return (f"SELECT r.id, r.title_id, r.owner_id, 0, {first}, {end}, {OPEN_END}, r.exclusive, "
                f"TRUE, FALSE, {scopes} FROM {table} r ORDER BY r.id")  # fmt: skip
    flags = "r.exclusive, TRUE" if kind is RowKind.GRANT else "TRUE, r.hard"
    return (f"SELECT r.id, r.title_id, d.licensee_id, r.deal_id, {first}, {end}, "
            f"COALESCE({day('d.terminated_on')}, {OPEN_END}), {flags}, r.provisional, {scopes} "
            f"FROM {table} r JOIN {quote(Deal._meta.db_table)} d ON d.id = r.deal_id "
            f"WHERE d.status IN ({', '.join(['%s'] * len(BLOCKING_STATUSES))})")  # fmt: skip


def _bulk_columns(kind: RowKind, masks: ScopeMasks, refs: dict[int, str]) -> RowColumns:
    """Every record of a kind that the engine sees, as columns: masks once per distinct scope
    string, rows read BULK_CHUNK at a time (a server-side cursor on PostgreSQL)."""
    found: dict[str | None, int] = {}  # scope string -> its (territories, media) position
    t_masks: list[int] = []
    m_masks: list[int] = []
    dtypes = (*[np.int64] * 4, *[np.int32] * 3, *[np.bool_] * 3)
    parts: list[list[np.ndarray]] = []
    with connection.chunked_cursor() as cursor:
        params = [] if kind is RowKind.RIGHTS else [str(s) for s in BLOCKING_STATUSES]
        cursor.execute(_bulk_sql(kind), params)
        while rows := cursor.fetchmany(BULK_CHUNK):
            columns = list(zip(*rows, strict=True))
            for text in set(columns[10]).difference(found):
                found[text] = len(t_masks)
                scope_rows = [(t[0], t[2:], t[1] == "-") for t in text.split(",")] if text else []
                t, m = masks.of(scope_rows)
                t_masks.append(t)
                m_masks.append(m)
            part = [np.array(c, dtype=d) for c, d in zip(columns[:10], dtypes, strict=True)]
            part.append(np.fromiter(map(found.__getitem__, columns[10]), np.int64, len(rows)))
            parts.append(part)
    empty_part = [np.zeros(0, dtype=d) for d in (*dtypes, np.int64)]
    cols = [np.concatenate([p[i] for p in parts or [empty_part]]) for i in range(11)]
    record, title, party, deal, first, end, cut, exclusive, hard, provisional, scope = cols
    stop = np.minimum(end, cut)
    unscoped = np.array([not (t and m) for t, m in zip(t_masks, m_masks, strict=True)], bool)
    keep = (stop > first) & ~unscoped[scope] if len(scope) else np.zeros(0, np.bool_)
    return RowColumns(
        kind=kind, record=record[keep], title=title[keep], party=party[keep],
        territory_masks=t_masks, territories=scope[keep], media_masks=m_masks,
        media=scope[keep], first=first[keep], stop=stop[keep], exclusive=exclusive[keep],
        hard=hard[keep], provisional=provisional[keep], deal=deal[keep], deal_refs=refs,
    )  # fmt: skip


def changes_log(kind: str, object_ids: Iterable[int | None]) -> None:
    """Append to the avails change log (inside the writer's transaction)."""
    AvailsChange.objects.bulk_create(AvailsChange(kind=kind, object_id=i) for i in set(object_ids))


@dataclass
class _State:
    index: AvailsIndex | None = None
    change_id: int = 0
    applied: set[tuple[int, str, int | None]] = field(default_factory=set)
    titles_counter: int = -1
    taxonomy_counter: int = -1
    lock: threading.Lock = field(default_factory=threading.Lock)


_state = _State()
LOOKBACK = 200
"""Changes are re-read this far behind the newest one seen: ids are handed out before
commit, so a slower transaction can commit a lower id after a faster one was replayed.
Replaying is idempotent (a deal or title is re-read whole), so reading twice is harmless."""


def avails_index() -> AvailsIndex:
    """This process's index, brought up to date with every write committed so far."""
    with _state.lock:
        taxonomy = counter_value(DATA_COUNTER)
        titles = counter_value(TITLES_COUNTER)
        recent = set(
            AvailsChange.objects.filter(id__gt=max(0, _state.change_id - LOOKBACK)).values_list(
                "id", "kind", "object_id"
            )
        )
        index = _state.index
        if index is None or taxonomy != _state.taxonomy_counter:
            index = index_build()
        else:
            pending = sorted(recent - _state.applied)
            if len(pending) > REBUILD_AFTER or any(
                k == AvailsChangeKind.ALL for _, k, _ in pending
            ):
                index = index_build()
            elif pending:
                _replay(index, [(k, o) for _, k, o in pending])
        if titles != _state.titles_counter and index is _state.index:
            for title_id, found in versions().items():
                index.set_versions(title_id, found)
        _state.index, _state.applied = index, recent
        _state.change_id = max((i for i, _, _ in recent), default=_state.change_id)
        _state.titles_counter, _state.taxonomy_counter = titles, taxonomy
        return index


def _replay(index: AvailsIndex, pending: list[tuple[str, int | None]]) -> None:
    deals = sorted({i for k, i in pending if k == AvailsChangeKind.DEAL and i is not None})
    rights_titles = sorted(
        {i for k, i in pending if k == AvailsChangeKind.RIGHTS and i is not None}
    )
    for deal_id in deals:
        index.remove_deal(deal_id)
    if deals:
        index.add_grants(grant_records(deal_ids=deals))
        index.add_holdbacks(holdback_records(deal_ids=deals))
    if rights_titles:
        _replace_rights(index, rights_titles)


def _replace_rights(index: AvailsIndex, title_ids: list[int]) -> None:
    stale: list[int] = []
    for title_id in title_ids:
        stale.extend(r.record_id for r in index.title_rows(title_id) if r.kind is RowKind.RIGHTS)
    index.remove_rights(stale)
    index.add_rights(rights_records(title_ids))


def index_forget() -> None:
    """Drop this process's index (tests; after bulk loads)."""
    with _state.lock:
        _state.index = None
        _state.change_id = 0
        _state.applied = set()
