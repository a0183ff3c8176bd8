"""Property-based checks of the avails engine against the cell-by-cell reference.

Random catalogs (rights in of several holders, grants, hard and soft holdbacks, language
versions, records limited to some languages; see ``strategies``) and random queries over
small taxonomies and a two-month window; the vectorised index, the per-title explanation,
incremental updates and the deal conflict check must all give the reference's answer.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TypeVar

from hypothesis import given
from hypothesis import strategies as st

from cinebridge.engines.avails import (
    AvailsIndex,
    AvailsQuery,
    BlockedCell,
    Grant,
    Holdback,
    Period,
    RightsIn,
    Status,
    TitleAvails,
    deal_conflicts,
    title_avails,
)
from tests.engines.avails.checks import answer_leaves, assert_matches, by_leaves, expand_blocked
from tests.engines.avails.reference import (
    MEDIA,
    TERRITORIES,
    World,
    day,
    expected,
    expected_titles,
)
from tests.engines.avails.strategies import (
    ANY_WORLD,
    COIN,
    DRAFT_COUNT,
    DRAFT_LANGUAGES,
    DRAFT_TITLE,
    LICENSEE,
    LICENSOR,
    MODE,
    MODES,
    PROPERTIES,
    REMOVED_DEALS,
    TITLES,
    UNKNOWN_TITLE,
    build,
    columns_of,
    media_masks,
    on_path,
    periods,
    queries,
    rows_of,
    running,
    territory_masks,
)

# -- properties -----------------------------------------------------------------------------


@PROPERTIES
@given(ANY_WORLD, queries())
def test_index_statuses_match_the_reference(world: World, query: AvailsQuery) -> None:
    titles = expected_titles(world, query)
    want = {title_id: expected(world, title_id, query).status for title_id in titles}
    for mode in MODES:  # each path the index may take answers the same
        with running(mode):
            result = build(world, mode).query(query)
        assert result.titles() == titles, mode  # in title id order, as documented
        assert [title_id for title_id, _ in result.items()] == titles
        assert len(result) == len(titles)
        statuses = dict(result.items())
        assert statuses == want, mode
        for title_id in titles:
            assert result.status(title_id) is want[title_id]
        counts = result.counts()
        assert sum(counts.values()) == len(titles)
        for status in Status:
            assert counts[status] == sum(1 for s in statuses.values() if s is status)
            assert sorted(result.titles(status)) == sorted(
                t for t, s in statuses.items() if s is status
            )


@PROPERTIES
@given(ANY_WORLD, queries())
def test_title_avails_cells_match_the_reference(world: World, query: AvailsQuery) -> None:
    index = build(world)
    result = index.query(query)
    for title_id in (*TITLES, UNKNOWN_TITLE):
        want = expected(world, title_id, query)
        versions = world.versions.get(title_id, ())
        rows = rows_of(world, title_id)
        answer = title_avails(title_id, rows, query, versions)
        assert_matches(answer, want, world, title_id)
        if not any(row.languages for row in rows):  # nothing splits the languages asked
            cells = [*answer.free, *(c.cell for c in (*answer.blocked, *answer.warnings))]
            assert all(cell.languages == () for cell in cells)
        if title_id in result.titles():
            assert result.status(title_id) is answer.status
            assert_matches(result.explain(title_id), want, world, title_id)


@PROPERTIES
@given(ANY_WORLD, queries())
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
        assert [by_leaves(r) for r in bulk.title_rows(title_id)] == [
            by_leaves(r) for r in records.title_rows(title_id)
        ]
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
    world = draw(ANY_WORLD)
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
@given(increments(), st.lists(queries(), min_size=1, max_size=2), MODE)
def test_incremental_updates_match_a_fresh_build(
    increment: Increment, checks: list[AvailsQuery], mode: str
) -> None:
    with running(mode):
        check_increment(increment, checks, mode)


def check_increment(increment: Increment, checks: list[AvailsQuery], mode: str) -> None:
    world, later = increment.world, increment.later
    index = AvailsIndex.build(
        territory_leaves=len(TERRITORIES.leaves),
        media_leaves=len(MEDIA.leaves),
        rights=[r for r in world.rights if r.id not in later],
        grants=[g for g in world.grants if g.id not in later],
        holdbacks=[h for h in world.holdbacks if h.id not in later],
        versions=world.versions,
    )
    on_path(index, mode)
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

    # Rights in the order the index got them.
    in_order = sorted(world.rights, key=lambda r: r.id in later)
    remaining = World(in_order, world.grants, world.holdbacks, world.versions).without(
        increment.removed_deals, increment.removed_rights
    )
    fresh = build(remaining, mode)
    assert index.rows == len(world.rights) + len(world.grants) + len(world.holdbacks)
    for query in checks:
        updated, rebuilt = index.query(query), fresh.query(query)
        assert list(updated.items()) == list(rebuilt.items())
        assert updated.titles() == expected_titles(remaining, query)
        for title_id, status in updated.items():
            assert status is expected(remaining, title_id, query).status
        for title_id in (*TITLES, UNKNOWN_TITLE):
            assert sorted(map(by_leaves, index.title_rows(title_id)), key=repr) == sorted(
                map(by_leaves, fresh.title_rows(title_id)), key=repr
            )
            assert same_answer(updated.explain(title_id), rebuilt.explain(title_id))


def same_answer(a: TitleAvails, b: TitleAvails) -> bool:
    """Equal answers, but for the order of cells that start together: the readable path
    lists those by their language leaves' numbers, which follow the order rows arrived."""

    def cells(found: tuple[BlockedCell, ...]) -> list[BlockedCell]:
        return sorted(found, key=repr)

    return (
        replace(a, free=(), blocked=(), warnings=()) == replace(b, free=(), blocked=(), warnings=())
        and sorted(a.free, key=repr) == sorted(b.free, key=repr)
        and cells(a.blocked) == cells(b.blocked)
        and cells(a.warnings) == cells(b.warnings)
    )


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
@given(ANY_WORLD, st.data())
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
            # Which leaves the answer names (and so what its OTHER holds) is in its free
            # cells too: the readable path's answer for the same rows tells.
            rows = rows_by_title.get(grant.title_id, [])
            answer = title_avails(
                grant.title_id, rows, query, world.versions.get(grant.title_id, ())
            )
            leaves = answer_leaves(answer)
            assert expand_blocked(conflict.blocked, want, world, leaves) == want.blocked
            assert expand_blocked(conflict.warnings, want, world, leaves) == want.warnings


RecordT = TypeVar("RecordT", RightsIn, Grant, Holdback)
T_SHIFT, M_SHIFT = 61, 62  # the six territory and four media leaves straddle two words


def shifted(world: World) -> World:
    """The same world with every territory and media leaf moved up past bit 63."""

    def move(record: RecordT) -> RecordT:
        return replace(
            record, territories=record.territories << T_SHIFT, media=record.media << M_SHIFT
        )

    return World(
        [move(r) for r in world.rights],
        [move(g) for g in world.grants],
        [move(h) for h in world.holdbacks],
        world.versions,
    )


FILLER_TITLE = 98
# Private-use languages (qaa-qtz) a record names first, so that the worlds' own language
# leaves are numbered past bit 60 and straddle two words of the index's language masks.
FILLER = RightsIn(
    999,
    FILLER_TITLE,
    99,
    TERRITORIES.full,
    MEDIA.full,
    Period(day(0)),
    languages=frozenset((f"q{a}{b}", "audio") for a in "abc" for b in "abcdefghijklmnopqrst"),
)


@PROPERTIES
@given(ANY_WORLD, queries(), MODE)
def test_masks_wider_than_a_word_answer_alike(world: World, query: AvailsQuery, mode: str) -> None:
    wide_query = replace(
        query, territories=query.territories << T_SHIFT, media=query.media << M_SHIFT
    )
    with running(mode):
        narrow = build(world, mode).query(query)
        wide = on_path(
            AvailsIndex.build(
                territory_leaves=T_SHIFT + len(TERRITORIES.leaves),
                media_leaves=M_SHIFT + len(MEDIA.leaves),
                rights=[FILLER, *shifted(world).rights],
                grants=shifted(world).grants,
                holdbacks=shifted(world).holdbacks,
                versions=world.versions,
            ),
            mode,
        ).query(wide_query)
        assert [p for p in wide.pairs() if p[0] != FILLER_TITLE] == list(narrow.pairs())
        why_narrow, why_wide = narrow.why_not(), wide.why_not()
        for title_id in narrow.titles():
            assert why_wide.blocks(title_id) == why_narrow.blocks(title_id)
