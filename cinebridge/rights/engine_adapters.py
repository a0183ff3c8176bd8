"""The only place rights rows cross into the avails engine: values_list() in, records out.

Two ways in:
- ``rows_for_titles``: the rows of some titles, read from the database inside the caller's
  transaction (the conflict check when signing: a write never trusts a cache);
- ``avails_index``: the whole catalog's index, kept per process and brought up to date
  from the ``AvailsChange`` log (and the catalog's title counter) before every answer.
  Its first build reads a million rows in bulk, as columns (``index_build``, with
  ``engine_bulk``).
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache, partial
from typing import Any

from django.db.models import Q, QuerySet

from cinebridge.catalog.models import Version
from cinebridge.core.audit import counter_values
from cinebridge.core.languages import version_tag, wanted_tags
from cinebridge.engines.avails import (
    AvailsIndex,
    LanguageVersion,
    Period,
    Row,
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
from cinebridge.rights import engine_bulk
from cinebridge.rights.models import (
    AvailsChange,
    AvailsChangeKind,
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
        self.territories = territories
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


def _read(
    rows: QuerySet[Any], fields: Sequence[str], scope_model: type, fk: str, whole: bool
) -> tuple[Iterable[tuple[Any, ...]], dict[int, list[tuple[str, str, bool]]]]:
    """The rows' values (the record id first) and each one's scope rows. Whole tables stream
    (a server-side cursor on PostgreSQL); a catch-up's or a signing check's few rows come at
    once, then the scope rows of those ids if there is any (one round trip per query)."""
    values = rows.values_list(*fields)
    if whole:
        return values.iterator(chunk_size=20_000), _scopes(scope_model, fk, None)
    found = list(values)
    return found, _scopes(scope_model, fk, [row[0] for row in found]) if found else {}


def _scopes(
    model: type, fk: str, owner_ids: list[int] | None
) -> dict[int, list[tuple[str, str, bool]]]:
    """Each record's scope rows, of every record or of some."""
    out: dict[int, list[tuple[str, str, bool]]] = defaultdict(list)
    rows = model.objects.order_by()  # type: ignore[attr-defined]
    if owner_ids is not None:
        rows = rows.filter(**{f"{fk}__in": owner_ids})
    scope_rows = rows.values_list(fk, "axis", "key", "excluded")
    found = scope_rows.iterator(chunk_size=20_000) if owner_ids is None else scope_rows
    for owner_id, axis, key, excluded in found:
        out[owner_id].append((axis, key, excluded))
    return out


def grant_languages(
    stored: Iterable[Sequence[str]], territories: int, taxonomy: Taxonomy
) -> frozenset[LanguageVersion]:
    """A grant's languages ([[tag, usage], ...] as stored) as the engine compares them: each
    tag resolved as a question's is, for every territory the grant covers (zh over CN and TW
    is zh-Hans and zh-Hant; vi stays vi), so a licence limited to a language blocks what a
    question for that language there asks. Empty: every language (docs/avails.md)."""
    pairs = tuple((str(tag), str(usage)) for tag, usage in stored)
    if not pairs:
        return frozenset()
    return _resolved(pairs, taxonomy.leaf_codes(territories))


@lru_cache(maxsize=4096)
def _resolved(
    pairs: tuple[LanguageVersion, ...], leaves: tuple[str, ...]
) -> frozenset[LanguageVersion]:
    return frozenset((w, usage) for tag, usage in pairs for w in wanted_tags(tag, leaves))


def _period(start: dt.date, end: dt.date | None, cut: dt.date | None = None) -> Period | None:
    """The period, cut at a termination date; None when nothing is left."""
    if cut is not None and (end is None or cut < end):
        end = cut
    if end is not None and end <= start:
        return None
    return Period(start, end)


def rights_records(
    title_ids: list[int] | None = None, masks: ScopeMasks | None = None
) -> Iterator[RightsInRecord]:
    """Rights-in records (of every holder), optionally of some titles only."""
    masks = masks or ScopeMasks(*taxonomies())
    rows = RightsIn.objects.all()
    if title_ids is not None:
        rows = rows.filter(title_id__in=title_ids)
    fields = ("id", "title_id", "owner_id", "start", "end", "exclusive", "source_contract")
    found, scopes = _read(rows, fields, RightsInScope, "rights_id", title_ids is None)
    for pk, title, holder, start, end, exclusive, source in found:
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


GRANT_FIELDS = [
    "id",
    "deal_id",
    "deal__reference",
    "title_id",
    "deal__owner_id",
    "deal__licensee_id",
    "start",
    "end",
    "deal__terminated_on",
    "exclusive",
    "provisional",
    "languages",
]
HOLDBACK_FIELDS = [
    "id",
    "deal_id",
    "deal__reference",
    "title_id",
    "deal__licensee_id",
    "start",
    "end",
    "deal__terminated_on",
    "hard",
    "provisional",
]


def grant_records(
    title_ids: list[int] | None = None,
    deal_ids: list[int] | None = None,
    exclude_deal: int | None = None,
    statuses: Sequence[str] | None = BLOCKING_STATUSES,
    masks: ScopeMasks | None = None,
) -> Iterator[GrantRecord]:
    """Grants of deals in the given statuses (None: any), by default the ones that block."""
    masks = masks or ScopeMasks(*taxonomies())
    rows = Grant.objects.filter(_deal_filter(title_ids, deal_ids, exclude_deal, statuses))
    whole = title_ids is None and deal_ids is None
    found, scopes = _read(rows, GRANT_FIELDS, GrantScope, "grant_id", whole)
    for row in found:
        pk, deal, ref, title, licensor, licensee, start, end, cut, exclusive, provisional = row[:11]
        t, m = masks.of(scopes.get(pk, ()))
        period = _period(start, end, cut)
        if period is not None and t and m:
            languages = grant_languages(row[11], t, masks.territories)
            found = (pk, deal, ref, title, licensor, licensee, t, m, period, exclusive, provisional)
            yield GrantRecord(*found, languages=languages)


def holdback_records(
    title_ids: list[int] | None = None,
    deal_ids: list[int] | None = None,
    exclude_deal: int | None = None,
    masks: ScopeMasks | None = None,
) -> Iterator[HoldbackRecord]:
    """Holdbacks of signed (or since expired or terminated) deals (they have no languages:
    a holdback holds back every language)."""
    masks = masks or ScopeMasks(*taxonomies())
    rows = Holdback.objects.filter(_deal_filter(title_ids, deal_ids, exclude_deal))
    whole = title_ids is None and deal_ids is None
    found, scopes = _read(rows, HOLDBACK_FIELDS, HoldbackScope, "holdback_id", whole)
    for pk, deal, ref, title, licensee, start, end, cut, hard, provisional in found:
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
    masks = ScopeMasks(*taxonomies())
    records = (
        *rights_records(title_ids, masks),
        *grant_records(title_ids, exclude_deal=exclude_deal, masks=masks),
        *holdback_records(title_ids, exclude_deal=exclude_deal, masks=masks),
    )
    for record in records:
        out[record.title_id].append(row_of(record))
    return out


def index_build() -> AvailsIndex:
    """A fresh index of everything in the database (SQLite or PostgreSQL), read in bulk
    (``engine_bulk``)."""
    territories, media = taxonomies()
    masks = ScopeMasks(territories, media)
    deals = engine_bulk.blocking_deals(BLOCKING_STATUSES)
    return AvailsIndex.build(
        territory_leaves=len(territories.leaves),
        media_leaves=len(media.leaves),
        columns=[
            engine_bulk.kind_columns(
                kind, masks.of, deals, partial(grant_languages, taxonomy=territories)
            )
            for kind in (RowKind.RIGHTS, RowKind.GRANT, RowKind.HOLDBACK)
        ],
        versions=versions(),
    )


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
    masks: ScopeMasks | None = None  # of the taxonomy the index was built with
    lock: threading.Lock = field(default_factory=threading.Lock)


_state = _State()
LOOKBACK = 200
"""Changes are re-read this far behind the newest one seen: ids are handed out before
commit, so a slower transaction can commit a lower id after a faster one was replayed.
Replaying is idempotent (a deal or title is re-read whole), so reading twice is harmless."""


def avails_index() -> AvailsIndex:
    """This process's index, brought up to date with every write committed so far."""
    with _state.lock:
        taxonomy, titles = counter_values(DATA_COUNTER, TITLES_COUNTER)
        recent = set(
            AvailsChange.objects.filter(id__gt=max(0, _state.change_id - LOOKBACK)).values_list(
                "id", "kind", "object_id"
            )
        )
        index = _state.index
        if index is None or taxonomy != _state.taxonomy_counter:
            index = index_build()
            _state.masks = ScopeMasks(*taxonomies())
        else:
            pending = sorted(recent - _state.applied)
            if len(pending) > REBUILD_AFTER or any(
                k == AvailsChangeKind.ALL for _, k, _ in pending
            ):
                index = index_build()
            elif pending:
                _replay(index, [(k, o) for _, k, o in pending], _state.masks)
        if titles != _state.titles_counter and index is _state.index:
            for title_id, found in versions().items():
                index.set_versions(title_id, found)
        _state.index, _state.applied = index, recent
        _state.change_id = max((i for i, _, _ in recent), default=_state.change_id)
        _state.titles_counter, _state.taxonomy_counter = titles, taxonomy
        return index


def _replay(
    index: AvailsIndex, pending: list[tuple[str, int | None]], masks: ScopeMasks | None
) -> None:
    deals = sorted({i for k, i in pending if k == AvailsChangeKind.DEAL and i is not None})
    rights_titles = sorted(
        {i for k, i in pending if k == AvailsChangeKind.RIGHTS and i is not None}
    )
    for deal_id in deals:
        index.remove_deal(deal_id)
    masks = masks or ScopeMasks(*taxonomies())
    if deals:
        index.add_grants(grant_records(deal_ids=deals, masks=masks))
        index.add_holdbacks(holdback_records(deal_ids=deals, masks=masks))
    if rights_titles:
        _replace_rights(index, rights_titles, masks)


def _replace_rights(index: AvailsIndex, title_ids: list[int], masks: ScopeMasks) -> None:
    stale: list[int] = []
    for title_id in title_ids:
        stale.extend(r.record_id for r in index.title_rows(title_id) if r.kind is RowKind.RIGHTS)
    index.remove_rights(stale)
    index.add_rights(rights_records(title_ids, masks))


def index_forget() -> None:
    """Drop this process's index (tests; after bulk loads)."""
    with _state.lock:
        _state.index = None
        _state.masks = None
        _state.change_id = 0
        _state.applied = set()
