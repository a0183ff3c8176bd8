"""Comparing an engine answer (cells, blocks, why-not) with the reference's single cells."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from cinebridge.engines.avails import (
    OPEN_END,
    WHY_REASONS,
    Block,
    BlockedCell,
    Cell,
    Grant,
    Holdback,
    Reason,
    RightsIn,
    Row,
    TitleAvails,
)
from tests.engines.avails.reference import (
    OTHER,
    Expected,
    Key,
    Leaf,
    Reasons,
    World,
    cells_of,
    record_leaves,
    records_by_id,
)

LICENCE_REASONS = {
    Reason.EXCLUSIVE_LICENCE,
    Reason.NON_EXCLUSIVE_LICENCE,
    Reason.HOLDBACK,
    Reason.SOFT_HOLDBACK,
}


def named(block: Block, by_id: dict[int, RightsIn | Grant | Holdback]) -> tuple[Reason, int | None]:
    """Check what a block says about its record; its (reason, record id)."""
    if block.reason in LICENCE_REASONS:
        assert block.record_id is not None
        record = by_id[block.record_id]
        assert isinstance(record, Grant | Holdback)
        assert block.deal_id == record.deal_id
        assert block.deal_ref == record.deal_ref
        assert block.until == record.period.end
        assert block.provisional == record.provisional
        assert block.languages == leaves_of(record), (block, record)
        return block.reason, block.record_id
    if block.reason is Reason.HELD_NON_EXCLUSIVE:
        assert block.record_id is not None
        record = by_id[block.record_id]
        assert isinstance(record, RightsIn)
        assert block.until == record.period.end
        if block.languages:  # a rights-in row's languages may be left unsaid
            assert block.languages == leaves_of(record), (block, record)
        return block.reason, block.record_id
    if block.reason is Reason.NO_LANGUAGE_VERSION:
        assert block.detail
    assert block.record_id is None
    assert block.until is None
    assert block.languages == ()
    return block.reason, None


def leaves_of(record: RightsIn | Grant | Holdback) -> tuple[Leaf, ...]:
    """How a block names a record's languages: its leaves, sorted, whatever the spelling."""
    return tuple(sorted(record_leaves(record.languages)))


def by_leaves(row: Row) -> Row:
    """A row with its languages as leaves. An index keeps one set of tags for the records
    whose languages are the same leaves, so two indexes fed in different orders may give
    a row ("vi-VN", "subtitles") in one and ("vi", "subtitles") in the other."""
    return replace(row, languages=record_leaves(row.languages))


def leaves_named(cells: Iterable[Cell]) -> frozenset[Leaf]:
    """The language leaves the cells name one by one (OTHER is the rest of them)."""
    out: set[Leaf] = set()
    for cell in cells:
        languages = list(cell.languages)
        assert len(set(languages)) == len(languages), cell
        plain = [leaf for leaf in languages if leaf != OTHER]
        assert languages == [*sorted(plain), *([OTHER] if OTHER in languages else [])], cell
        out.update(plain)
    return frozenset(out)


def answer_leaves(answer: TitleAvails) -> frozenset[Leaf]:
    """The leaves an answer names anywhere: whatever it leaves unnamed its OTHER holds."""
    cells = [*answer.free, *(b.cell for b in answer.blocked), *(w.cell for w in answer.warnings)]
    return leaves_named(cells)


def expand_blocked(
    cells: Iterable[BlockedCell], want: Expected, world: World, named_leaves: frozenset[Leaf]
) -> dict[Key, Reasons]:
    """Single cells of blocked (or warned) cells with their reasons; cells must not overlap."""
    by_id = records_by_id(world)
    out: dict[Key, Reasons] = {}
    for blocked in cells:
        assert blocked.blocks, blocked
        assert len({(b.reason, b.record_id) for b in blocked.blocks}) == len(blocked.blocks)
        assert list(blocked.blocks) == sorted(blocked.blocks, key=block_order), blocked
        reasons = frozenset(named(b, by_id) for b in blocked.blocks)
        for key in cells_of(blocked.cell, want.universe, named_leaves):
            assert key not in out, f"cells overlap at {key}"
            out[key] = reasons
    return out


def expand_free(cells: Iterable[Cell], want: Expected, named_leaves: frozenset[Leaf]) -> set[Key]:
    out: set[Key] = set()
    for cell in cells:
        for key in cells_of(cell, want.universe, named_leaves):
            assert key not in out, f"free cells overlap at {key}"
            out.add(key)
    return out


def assert_matches(answer: TitleAvails, want: Expected, world: World, title_id: int) -> None:
    """The answer is the reference's, cell by cell."""
    assert answer.title_id == title_id
    assert answer.status is want.status
    leaves = answer_leaves(answer)
    free = expand_free(answer.free, want, leaves)
    blocked = expand_blocked(answer.blocked, want, world, leaves)
    assert not free & blocked.keys(), "a cell is both free and blocked"
    assert free == want.free
    assert blocked == want.blocked
    assert expand_blocked(answer.warnings, want, world, leaves) == want.warnings


def block_order(block: Block) -> tuple[str, int]:
    """How blocks are listed: by reason, then record id."""
    return (block.reason.value, block.record_id or 0)


def distinct_blocks(answer: TitleAvails) -> tuple[Block, ...]:
    """Every distinct block of an answer's blocked cells, in block order."""
    found = {b for blocked in answer.blocked for b in blocked.blocks}
    return tuple(sorted(found, key=block_order))


def why_row(title_id: int, holder_id: int, block: Block) -> tuple[int, ...]:
    """The why-not columns' row of a block: title, holder, reason code, record, deal, until."""
    if block.record_id is None:
        until = 0
    elif block.until is None:
        until = OPEN_END
    else:
        until = block.until.toordinal()
    return (
        title_id,
        holder_id,
        WHY_REASONS.index(block.reason),
        block.record_id or 0,
        block.deal_id or 0,
        until,
    )
