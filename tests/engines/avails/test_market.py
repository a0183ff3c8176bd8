"""The index's answers for every holder at once, and its why-not in bulk, against the reference.

A whole-market query (``holder_id=None``) answers one (title, holder) pair per organisation
with rights in a title, each as that holder's own query would; ``why_not`` gives every
reason of every title that is not available, as its explanation lists them. Catalogs are
drawn often shaped for the index's shortcuts (``strategies.fast_worlds``), so titles it
decides before any sweep are compared too.
"""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given

from cinebridge.engines.avails import AvailsQuery, Block, Status
from tests.engines.avails.checks import (
    WHY_REASONS,
    distinct_blocks,
    why_row,
)
from tests.engines.avails.reference import World, expected, expected_titles, holders_of
from tests.engines.avails.strategies import ANY_WORLD, MODE, PROPERTIES, build, queries, running

STATUS_CODES = {Status.UNAVAILABLE: 0, Status.PARTIAL: 1, Status.AVAILABLE: 2}


def market_titles(world: World, query: AvailsQuery) -> list[int]:
    """The titles a whole-market query answers for: asked ones, else any with a holder."""
    if query.title_ids is not None:
        return sorted(query.title_ids)
    return sorted({r.title_id for r in world.rights})


def reference_reasons(world: World, title_id: int, query: AvailsQuery) -> set[tuple[object, ...]]:
    """Every (reason, record id) of the reference's blocked cells."""
    return set(expected(world, title_id, query).reasons())


@PROPERTIES
@given(ANY_WORLD, queries(), MODE)
def test_why_not_lists_every_block_of_every_title_not_available(
    world: World, query: AvailsQuery, mode: str
) -> None:
    with running(mode):
        result = build(world, mode).query(query)
        why = result.why_not()
    holder = query.holder_id
    rows = set()
    for title_id, status in result.items():
        blocks = why.blocks(title_id, holder)
        assert why.blocks(title_id) == blocks  # one holder: it need not be named
        assert all(isinstance(b, Block) for b in blocks)
        if status is Status.AVAILABLE:
            assert blocks == ()
            continue
        assert blocks == distinct_blocks(result.explain(title_id)), title_id
        want = expected(world, title_id, query)
        assert {(b.reason, b.record_id) for b in blocks} == set(want.reasons()), title_id
        rows |= {why_row(title_id, holder, b) for b in blocks}
    assert len(why) == len(rows)
    columns = zip(
        why.title.tolist(),
        why.holder.tolist(),
        why.reason.tolist(),
        why.record.tolist(),
        why.deal.tolist(),
        why.until.tolist(),
        strict=True,
    )
    assert sorted(columns) == sorted(rows)
    assert all(0 <= code < len(WHY_REASONS) for code in why.reason.tolist())


@PROPERTIES
@given(ANY_WORLD, queries(), MODE)
def test_a_result_names_its_holder_for_every_title(
    world: World, query: AvailsQuery, mode: str
) -> None:
    with running(mode):
        result = build(world, mode).query(query)
    titles = expected_titles(world, query)
    assert result.title_ids.tolist() == titles
    assert result.holder_ids.tolist() == [query.holder_id] * len(titles)
    assert list(result.pairs()) == [(t, query.holder_id, s) for t, s in result.items()]
    assert result.status_codes.tolist() == [STATUS_CODES[s] for _, s in result.items()]


@PROPERTIES
@given(ANY_WORLD, queries(), MODE)
def test_a_whole_market_query_answers_each_holder_as_its_own_query(
    world: World, mine: AvailsQuery, mode: str
) -> None:
    with running(mode):
        check_market(world, mine, mode)


def check_market(world: World, mine: AvailsQuery, mode: str) -> None:
    index = build(world, mode)
    market = replace(mine, holder_id=None)
    result = index.query(market)
    pairs = list(result.pairs())
    codes = zip(
        result.title_ids.tolist(),
        result.holder_ids.tolist(),
        result.status_codes.tolist(),
        strict=True,
    )
    assert [(t, h, STATUS_CODES[s]) for t, h, s in pairs] == list(codes)
    assert len(result) == len(pairs)
    assert [t for t, _, _ in pairs] == sorted(t for t, _, _ in pairs)  # in title id order
    assert len({(t, h) for t, h, _ in pairs}) == len(pairs)

    want = {}
    held_by_none = set()
    for title_id in market_titles(world, market):
        holders = holders_of(world, title_id)
        if not holders:
            held_by_none.add(title_id)
        for holder in sorted(holders):
            query = replace(mine, holder_id=holder)
            want[(title_id, holder)] = expected(world, title_id, query).status
    found = {(t, h): s for t, h, s in pairs if t not in held_by_none}
    assert found == want
    for title_id, _, status in pairs:  # a title nobody holds can only be unavailable
        assert title_id not in held_by_none or status is Status.UNAVAILABLE

    # Each pair as the holder's own query answers it, its why-not included.
    why = result.why_not()
    for holder in sorted({h for _, h in want}):
        own = index.query(replace(mine, holder_id=holder))
        statuses = dict(own.items())
        own_why = own.why_not()
        for (title_id, h), status in want.items():
            if h != holder:
                continue
            assert statuses[title_id] is status
            blocks = why.blocks(title_id, holder)
            if status is Status.AVAILABLE:
                assert blocks == ()
            else:
                assert blocks == own_why.blocks(title_id, holder), (title_id, holder)
                assert blocks == distinct_blocks(result.explain(title_id, holder_id=holder))
                query = replace(mine, holder_id=holder)
                assert {(b.reason, b.record_id) for b in blocks} == reference_reasons(
                    world, title_id, query
                )
