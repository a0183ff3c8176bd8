"""Property-based checks of the avails engine against the cell-by-cell reference.

Random catalogs (rights in of several holders, grants, hard and soft holdbacks, language
versions) and random queries over small taxonomies and a two-month window; the vectorised
index, the per-title explanation, incremental updates and the deal conflict check must all
give the reference's answer.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from cinebridge.engines.avails import (
    AvailsIndex,
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
    Row,
    RowColumns,
    RowKind,
    Status,
    Taxonomy,
    TitleAvails,
    deal_conflicts,
    row_of,
    title_avails,
)
from tests.engines.avails.reference import (
    MEDIA,
    SPAN,
    TERRITORIES,
    Expected,
    Key,
    Reasons,
    World,
    cells_of,
    day,
    expected,
    expected_titles,
    records_by_id,
)

PROPERTIES = settings(max_examples=200)

TITLES = (1, 2, 3)
UNKNOWN_TITLE = 99
HOLDERS = (10, 11, 12)
LICENSEES = (10, 11, 12, 13)
DEALS = (1, 2, 3, 4)
GRID = 5
VERSIONS: tuple[LanguageVersion, ...] = (
    ("vi-VN", "subtitles"),
    ("vi", "audio"),
    ("en", "audio"),
    ("EN-GB", "subtitles"),
    ("ru", "voice_over"),
    ("zh-Hant-TW", "subtitles"),
    ("zh-Hans-CN", "audio"),
    ("sr-Latn", "audio"),
)
WANTED: tuple[LanguageVersion, ...] = (
    ("vi", "subtitles"),
    ("VI-vn", "subtitles"),
    ("en", "audio"),
    ("en", "subtitles"),
    ("en-US", "subtitles"),
    ("ru", "voice_over"),
    ("zh-Hans", "subtitles"),
    ("zh-Hant", "subtitles"),
    ("zh-CN", "audio"),
    ("zh", "audio"),
    ("sr-Cyrl", "audio"),
    ("sr", "audio"),
)
LICENCE_REASONS = {
    Reason.EXCLUSIVE_LICENCE,
    Reason.NON_EXCLUSIVE_LICENCE,
    Reason.HOLDBACK,
    Reason.SOFT_HOLDBACK,
}


def named_masks(taxonomy: Taxonomy) -> list[int]:
    """The masks of every node and group."""
    return sorted({taxonomy.mask(code) for code in [*taxonomy.nodes, *taxonomy.groups]})


TERRITORY_MASKS = named_masks(TERRITORIES)
MEDIA_MASKS = named_masks(MEDIA)


# Strategies are made once: hypothesis spends most of its time validating new ones.
COIN = st.booleans()
ONE_IN = {n: st.integers(0, n - 1) for n in (3, 4, 5, 6)}  # "== 0": one chance in n
TERRITORY_NAMED = st.sampled_from(TERRITORY_MASKS)
TERRITORY_ANY = st.integers(1, TERRITORIES.full)
MEDIA_NAMED = st.sampled_from(MEDIA_MASKS)
MEDIA_ANY = st.integers(1, MEDIA.full)
TITLE = st.sampled_from(TITLES)
QUERY_TITLES = st.frozensets(st.sampled_from((*TITLES, UNKNOWN_TITLE)), max_size=4)
DEAL = st.sampled_from(DEALS)
LICENSEE = st.sampled_from(LICENSEES)
VERSION_SETS = st.frozensets(st.sampled_from(VERSIONS), min_size=1, max_size=3)
WANTED_SETS = st.frozensets(st.sampled_from(WANTED), min_size=1, max_size=2)
DRAFT_LANGUAGES = st.frozensets(st.sampled_from(WANTED), max_size=1)
HOLDER = st.sampled_from(HOLDERS)
OWNER = st.sampled_from((10, 10, 10, 11, 12))
QUERY_HOLDER = st.sampled_from((10, 10, 10, 10, 10, 10, 11, 12))
LICENSOR = st.sampled_from((10, 10, 11))
MATCH = st.sampled_from(Match)
GRANT_COUNT = st.integers(0, 6)
DRAFT_COUNT = st.integers(1, 3)
DRAFT_TITLE = st.sampled_from((*TITLES, UNKNOWN_TITLE))
REMOVED_DEALS = st.frozensets(DEAL, max_size=2)


@st.composite
def territory_masks(draw: st.DrawFn) -> int:
    """A node or group, a node or group minus another, or any non-empty set of leaves."""
    kind = draw(ONE_IN[3])
    if kind == 0:
        return draw(TERRITORY_NAMED)
    if kind == 1:
        include, exclude = draw(TERRITORY_NAMED), draw(TERRITORY_NAMED)
        return include & ~exclude or include
    return draw(TERRITORY_ANY)


@st.composite
def media_masks(draw: st.DrawFn) -> int:
    """A node, or any non-empty set of leaves."""
    return draw(MEDIA_NAMED) if draw(COIN) else draw(MEDIA_ANY)


@functools.cache
def offsets(low: int, high: int) -> st.SearchStrategy[int]:
    """A day offset in [low, high], often on a five-day grid so that ends meet exactly."""
    grid = range(-(-low // GRID) * GRID, high + 1, GRID)
    plain = st.integers(low, high)
    return st.one_of(st.sampled_from(grid), plain) if grid else plain


@st.composite
def periods(draw: st.DrawFn) -> Period:
    """A period inside [BASE, BASE + SPAN], sometimes open-ended."""
    start = draw(offsets(0, SPAN - 1))
    if draw(ONE_IN[4]) == 0:
        return Period(day(start), None)
    return Period(day(start), day(draw(offsets(start + 1, SPAN))))


@st.composite
def worlds(draw: st.DrawFn) -> World:
    rights = []
    # Most titles have a row for the usual query holder, often everywhere from day 0; a few
    # more rows of any holder leave gaps, overlaps and non-exclusive stretches.
    owners = [(t, 10, draw(ONE_IN[4])) for t in TITLES if draw(ONE_IN[6]) < 5]
    owners += [(draw(TITLE), draw(OWNER), 3) for _ in range(draw(ONE_IN[6]))]
    for i, (title_id, holder_id, style) in enumerate(owners):
        wide = style < 3
        rights.append(
            RightsIn(
                id=100 + i,
                title_id=title_id,
                holder_id=holder_id,
                territories=TERRITORIES.full if wide else draw(territory_masks()),
                media=MEDIA.full if wide else draw(media_masks()),
                period=Period(day(0), None) if style < 2 else draw(periods()),
                exclusive=draw(ONE_IN[4]) < 3,
            )
        )
    grants = []
    for i in range(draw(GRANT_COUNT)):
        deal = draw(DEAL)
        grants.append(
            Grant(
                id=200 + i,
                deal_id=deal,
                deal_ref=f"D-{deal}",
                title_id=draw(TITLE),
                licensor_id=draw(HOLDER),
                licensee_id=draw(LICENSEE),
                territories=draw(territory_masks()),
                media=draw(media_masks()),
                period=draw(periods()),
                exclusive=draw(COIN),
                provisional=draw(COIN),
            )
        )
    holdbacks = []
    for i in range(draw(ONE_IN[4])):
        deal = draw(DEAL)
        holdbacks.append(
            Holdback(
                id=300 + i,
                deal_id=deal,
                deal_ref=f"D-{deal}",
                title_id=draw(TITLE),
                licensee_id=draw(LICENSEE),
                territories=draw(territory_masks()),
                media=draw(media_masks()),
                period=draw(periods()),
                hard=draw(COIN),
                provisional=draw(COIN),
            )
        )
    versions = {title: draw(VERSION_SETS) for title in TITLES if draw(ONE_IN[4]) > 0}
    return World(rights, grants, holdbacks, versions)


@st.composite
def queries(draw: st.DrawFn) -> AvailsQuery:
    period = draw(periods())
    longest = period.days if period.days is not None else SPAN
    languages: frozenset[LanguageVersion] = frozenset()
    if draw(ONE_IN[6]) == 5:
        languages = draw(WANTED_SETS)
    return AvailsQuery(
        holder_id=draw(QUERY_HOLDER),
        territories=draw(territory_masks()),
        media=draw(media_masks()),
        period=period,
        exclusive=draw(COIN),
        languages=languages,
        match=draw(MATCH),
        min_days=draw(offsets(0, min(longest, 20))),
        title_ids=draw(QUERY_TITLES) if draw(COIN) else None,
    )


def build(world: World) -> AvailsIndex:
    return AvailsIndex.build(
        territory_leaves=len(TERRITORIES.leaves),
        media_leaves=len(MEDIA.leaves),
        rights=world.rights,
        grants=world.grants,
        holdbacks=world.holdbacks,
        versions=world.versions,
    )


def columns_of(world: World) -> list[RowColumns]:
    """The world's records as bulk columns, one batch per kind, masks given by position."""
    out = []
    for kind, records in ((RowKind.RIGHTS, world.rights), (RowKind.GRANT, world.grants),
                          (RowKind.HOLDBACK, world.holdbacks)):  # fmt: skip
        rows = [(r, row_of(r)) for r in records]
        territory_masks = sorted({row.territories for _, row in rows}, reverse=True)
        media_masks = sorted({row.media for _, row in rows})

        def column(values: Iterable[int | bool], dtype: type) -> np.ndarray:
            return np.asarray(list(values), dtype=dtype)

        out.append(
            RowColumns(
                kind=kind,
                record=column((row.record_id for _, row in rows), np.int64),
                title=column((r.title_id for r, _ in rows), np.int64),
                party=column((row.party for _, row in rows), np.int64),
                territory_masks=territory_masks,
                territories=column((territory_masks.index(row.territories) for _, row in rows), np.int64),
                media_masks=media_masks,
                media=column((media_masks.index(row.media) for _, row in rows), np.int64),
                first=column((row.first for _, row in rows), np.int64),
                stop=column((row.stop for _, row in rows), np.int64),
                exclusive=column((row.exclusive for _, row in rows), np.bool_),
                hard=column((row.hard for _, row in rows), np.bool_),
                provisional=column((row.provisional for _, row in rows), np.bool_),
                deal=column((row.deal_id or 0 for _, row in rows), np.int64),
                deal_refs={row.deal_id: row.deal_ref for _, row in rows if row.deal_id},
            )
        )  # fmt: skip
    return out


def rows_of(world: World, title_id: int) -> list[Row]:
    """The title's records as engine rows, made by hand (not through the index)."""
    rows = [
        Row(RowKind.RIGHTS, r.id, r.holder_id, r.territories, r.media, r.period.first_day,
            r.period.stop_day, exclusive=r.exclusive)
        for r in world.rights
        if r.title_id == title_id
    ]  # fmt: skip
    rows += [
        Row(RowKind.GRANT, g.id, g.licensee_id, g.territories, g.media, g.period.first_day,
            g.period.stop_day, exclusive=g.exclusive, provisional=g.provisional,
            deal_id=g.deal_id, deal_ref=g.deal_ref)
        for g in world.grants
        if g.title_id == title_id
    ]  # fmt: skip
    rows += [
        Row(RowKind.HOLDBACK, h.id, h.licensee_id, h.territories, h.media, h.period.first_day,
            h.period.stop_day, hard=h.hard, provisional=h.provisional, deal_id=h.deal_id,
            deal_ref=h.deal_ref)
        for h in world.holdbacks
        if h.title_id == title_id
    ]  # fmt: skip
    return rows


# -- comparing an engine answer with the reference -----------------------------------------


def named(block: Block, by_id: dict[int, RightsIn | Grant | Holdback]) -> tuple[Reason, int | None]:
    """Check what a block says about its record; its (reason, record id) as the reference has it.

    The reference names no record for HELD_NON_EXCLUSIVE: any covering row may be named.
    """
    if block.reason in LICENCE_REASONS:
        assert block.record_id is not None
        record = by_id[block.record_id]
        assert isinstance(record, Grant | Holdback)
        assert block.deal_id == record.deal_id
        assert block.deal_ref == record.deal_ref
        assert block.until == record.period.end
        assert block.provisional == record.provisional
        return block.reason, block.record_id
    if block.reason is Reason.HELD_NON_EXCLUSIVE:
        assert block.record_id is not None
        assert block.until == by_id[block.record_id].period.end
        return block.reason, None
    if block.reason is Reason.NO_LANGUAGE_VERSION:
        assert block.detail
    assert block.record_id is None
    assert block.until is None
    return block.reason, None


def expand_blocked(
    cells: Iterable[BlockedCell], want: Expected, world: World
) -> dict[Key, Reasons]:
    """Single cells of blocked (or warned) cells with their reasons; cells must not overlap."""
    by_id = records_by_id(world)
    out: dict[Key, Reasons] = {}
    for blocked in cells:
        assert blocked.blocks, blocked
        assert len({(b.reason, b.record_id) for b in blocked.blocks}) == len(blocked.blocks)
        reasons = frozenset(named(b, by_id) for b in blocked.blocks)
        weak = [b.record_id for b in blocked.blocks if b.reason is Reason.HELD_NON_EXCLUSIVE]
        for key in cells_of(blocked.cell):
            assert key not in out, f"cells overlap at {key}"
            out[key] = reasons
            for record_id in weak:
                assert record_id in want.weak.get(key, frozenset()), (key, blocked)
    return out


def expand_free(cells: Iterable[Cell]) -> set[Key]:
    out: set[Key] = set()
    for cell in cells:
        for key in cells_of(cell):
            assert key not in out, f"free cells overlap at {key}"
            out.add(key)
    return out


def assert_matches(answer: TitleAvails, want: Expected, world: World, title_id: int) -> None:
    assert answer.title_id == title_id
    assert answer.status is want.status
    free = expand_free(answer.free)
    blocked = expand_blocked(answer.blocked, want, world)
    assert not free & blocked.keys(), "a cell is both free and blocked"
    assert free == want.free
    assert blocked == want.blocked
    assert expand_blocked(answer.warnings, want, world) == want.warnings


# -- properties -----------------------------------------------------------------------------


@PROPERTIES
@given(worlds(), queries())
def test_index_statuses_match_the_reference(world: World, query: AvailsQuery) -> None:
    result = build(world).query(query)
    titles = expected_titles(world, query)
    assert result.titles() == titles  # in title id order, as documented
    assert [title_id for title_id, _ in result.items()] == titles
    assert len(result) == len(titles)
    statuses = dict(result.items())
    for title_id in titles:
        want = expected(world, title_id, query).status
        assert statuses[title_id] is want, title_id
        assert result.status(title_id) is want
    counts = result.counts()
    assert sum(counts.values()) == len(titles)
    for status in Status:
        assert counts[status] == sum(1 for s in statuses.values() if s is status)
        assert sorted(result.titles(status)) == sorted(
            t for t, s in statuses.items() if s is status
        )


@PROPERTIES
@given(worlds(), queries())
def test_title_avails_cells_match_the_reference(world: World, query: AvailsQuery) -> None:
    index = build(world)
    result = index.query(query)
    for title_id in (*TITLES, UNKNOWN_TITLE):
        want = expected(world, title_id, query)
        versions = world.versions.get(title_id, ())
        answer = title_avails(title_id, rows_of(world, title_id), query, versions)
        assert_matches(answer, want, world, title_id)
        if title_id in result.titles():
            assert result.status(title_id) is answer.status
            assert_matches(result.explain(title_id), want, world, title_id)


@PROPERTIES
@given(worlds(), queries())
def test_an_index_loaded_from_columns_answers_as_one_built_from_records(
    world: World, query: AvailsQuery
) -> None:
    bulk = AvailsIndex.build(
        territory_leaves=len(TERRITORIES.leaves),
        media_leaves=len(MEDIA.leaves),
        columns=columns_of(world),
        versions=world.versions,
    )
    records = build(world)
    assert bulk.rows == records.rows
    assert list(bulk.query(query).items()) == list(records.query(query).items())
    for title_id in (*TITLES, UNKNOWN_TITLE):
        assert bulk.title_rows(title_id) == records.title_rows(title_id)
        assert bulk.title_avails(title_id, query) == records.title_avails(title_id, query)


@dataclass(frozen=True)
class Increment:
    """A world built in two steps, then some deals terminated and some rights-in withdrawn."""

    world: World
    later: frozenset[int]  # records added after the build
    removed_deals: frozenset[int]
    removed_rights: frozenset[int]
    compact: bool
    remove_before_compact: bool


@st.composite
def increments(draw: st.DrawFn) -> Increment:
    world = draw(worlds())
    rights = [r.id for r in world.rights]
    every = rights + [g.id for g in world.grants] + [h.id for h in world.holdbacks]
    return Increment(
        world,
        later=draw(st.frozensets(st.sampled_from(every))) if every else frozenset(),
        removed_deals=draw(REMOVED_DEALS),
        removed_rights=(
            draw(st.frozensets(st.sampled_from(rights), max_size=2)) if rights else frozenset()
        ),
        compact=draw(COIN),
        remove_before_compact=draw(COIN),
    )


@PROPERTIES
@given(increments(), st.lists(queries(), min_size=1, max_size=2))
def test_incremental_updates_match_a_fresh_build(
    increment: Increment, checks: list[AvailsQuery]
) -> None:
    world, later = increment.world, increment.later
    index = AvailsIndex.build(
        territory_leaves=len(TERRITORIES.leaves),
        media_leaves=len(MEDIA.leaves),
        rights=[r for r in world.rights if r.id not in later],
        grants=[g for g in world.grants if g.id not in later],
        holdbacks=[h for h in world.holdbacks if h.id not in later],
        versions=world.versions,
    )
    index.add_rights(r for r in world.rights if r.id in later)
    index.add_grants(g for g in world.grants if g.id in later)
    index.add_holdbacks(h for h in world.holdbacks if h.id in later)

    def remove() -> None:
        for deal in sorted(increment.removed_deals):
            count = sum(1 for g in world.grants if g.deal_id == deal)
            count += sum(1 for h in world.holdbacks if h.deal_id == deal)
            assert index.remove_deal(deal) == count
        index.remove_rights(increment.removed_rights)

    if increment.remove_before_compact:
        remove()
    if increment.compact:
        index.compact()
    if not increment.remove_before_compact:
        remove()

    # Rights in the order the index got them: which non-exclusive row is named may depend on it.
    in_order = sorted(world.rights, key=lambda r: r.id in later)
    remaining = World(in_order, world.grants, world.holdbacks, world.versions).without(
        increment.removed_deals, increment.removed_rights
    )
    fresh = build(remaining)
    assert index.rows == len(world.rights) + len(world.grants) + len(world.holdbacks)
    for query in checks:
        updated, rebuilt = index.query(query), fresh.query(query)
        assert list(updated.items()) == list(rebuilt.items())
        assert updated.titles() == expected_titles(remaining, query)
        for title_id, status in updated.items():
            assert status is expected(remaining, title_id, query).status
        for title_id in (*TITLES, UNKNOWN_TITLE):
            assert sorted(index.title_rows(title_id), key=repr) == sorted(
                fresh.title_rows(title_id), key=repr
            )
            assert updated.explain(title_id) == rebuilt.explain(title_id)


@st.composite
def drafts(draw: st.DrawFn, world: World) -> list[Grant]:
    """Draft grants, often over the same cells as a record already there."""
    records: list[RightsIn | Grant | Holdback] = [*world.rights, *world.grants, *world.holdbacks]
    out = []
    for i in range(draw(DRAFT_COUNT)):
        title_id = draw(DRAFT_TITLE)
        territories, media, period = draw(territory_masks()), draw(media_masks()), draw(periods())
        aimed = draw(COIN)
        if records and aimed:
            aim = draw(st.sampled_from(records))
            title_id, territories, media, period = (
                aim.title_id,
                aim.territories,
                aim.media,
                aim.period,
            )
        out.append(
            Grant(
                id=900 + i,
                deal_id=50,
                deal_ref="D-DRAFT",
                title_id=title_id,
                licensor_id=draw(LICENSOR),
                licensee_id=draw(LICENSEE),
                territories=territories,
                media=media,
                period=period,
                exclusive=draw(COIN),
            )
        )
    return out


@PROPERTIES
@given(worlds(), st.data())
def test_deal_conflicts_match_the_reference(world: World, data: st.DataObject) -> None:
    grants = data.draw(drafts(world))
    index = build(world)
    rows_by_title = {title_id: index.title_rows(title_id) for title_id in TITLES}
    languages = {g.id: data.draw(DRAFT_LANGUAGES) for g in grants}
    conflicts = {
        c.grant.id: c for c in deal_conflicts(grants, rows_by_title, languages, world.versions)
    }
    for grant in grants:
        query = AvailsQuery(
            holder_id=grant.licensor_id,
            territories=grant.territories,
            media=grant.media,
            period=grant.period,
            exclusive=grant.exclusive,
            languages=languages[grant.id],
            title_ids=frozenset({grant.title_id}),
        )
        want = expected(world, grant.title_id, query)
        blocked = want.status is not Status.AVAILABLE or bool(want.warnings)
        assert (grant.id in conflicts) is blocked
        if blocked:
            conflict = conflicts[grant.id]
            assert conflict.grant is grant
            assert expand_blocked(conflict.blocked, want, world) == want.blocked
            assert expand_blocked(conflict.warnings, want, world) == want.warnings
