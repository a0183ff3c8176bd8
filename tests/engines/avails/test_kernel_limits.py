"""Titles past the compiled kernel's limits are answered as the readable path answers them.

The kernel decides a title with at most ``kernel.MAX_ROWS`` relevant rows and a bounded
number of lanes; a title past either is left to the readable path. These catalogs are built
to pass each limit, on every index path.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from cinebridge.engines.avails import (
    AvailsIndex,
    AvailsQuery,
    Grant,
    LanguageVersion,
    Node,
    Period,
    Reason,
    RightsIn,
    Status,
    Taxonomy,
)
from tests.engines.avails.checks import distinct_blocks
from tests.engines.avails.strategies import running

AXIS = 16  # rows per axis: (AXIS + 1) ** 3 lanes, past the kernel's 4096, in AXIS * 3 + 1 rows
T = Taxonomy([Node("W", None), *(Node(f"T{i}", "W") for i in range(AXIS + 3))])
M = Taxonomy([Node("ALL", None), *(Node(f"M{i}", "ALL") for i in range(AXIS + 3))])
LANGUAGES: list[LanguageVersion] = [(f"q{chr(97 + i)}a", "audio") for i in range(AXIS)]
FILM, STUDIO, BUYER = 7, 1, 2
START = date(2030, 1, 1)
YEAR = Period(START, date(2031, 1, 1))
HALF = Period(START, date(2030, 7, 1))


def grant(record_id: int, territories: int, media: int, period: Period, **options: object) -> Grant:
    return Grant(record_id, record_id, f"D-{record_id}", FILM, STUDIO, BUYER, territories, media,
                 period, exclusive=True, **options)  # type: ignore[arg-type]  # fmt: skip


def catalog(grants: list[Grant], engine: str) -> AvailsIndex:
    index = AvailsIndex.build(
        territory_leaves=len(T.leaves),
        media_leaves=len(M.leaves),
        rights=[RightsIn(1, FILM, STUDIO, T.full, M.full, Period(START))],
        grants=grants,
    )
    if engine != "default":
        index.engine = engine
    return index


def many_lanes() -> list[Grant]:
    """Rows that each cut one axis: every territory x medium x language atom is its own lane."""
    rows = [grant(100 + i, T.mask(f"T{i}"), M.full, HALF) for i in range(AXIS)]
    rows += [grant(200 + i, T.full, M.mask(f"M{i}"), HALF) for i in range(AXIS)]
    rows += [
        grant(300 + i, T.full, M.full, HALF, languages=frozenset({language}))
        for i, language in enumerate(LANGUAGES)
    ]
    return rows


def many_rows() -> list[Grant]:
    """Seventy one-day licences in a row: more relevant rows than the kernel takes."""
    return [
        grant(100 + i, T.full, M.full, Period(START + timedelta(i), START + timedelta(i + 1)))
        for i in range(70)
    ]


@pytest.mark.parametrize(
    ("rows", "blocks", "engine"),
    [
        (many_lanes, 3 * AXIS, "default"),  # the readable path takes a while: one engine
        (many_rows, 70, "default"),
        (many_rows, 70, "kernel"),
        (many_rows, 70, "sweep"),
    ],
    ids=["lanes", "rows", "rows-kernel", "rows-sweep"],
)
def test_a_title_past_the_kernels_limits_is_answered_as_the_readable_path_does(
    rows: object, blocks: int, engine: str
) -> None:
    index = catalog(rows(), engine)  # type: ignore[operator]
    query = AvailsQuery(STUDIO, T.full, M.full, YEAR)
    result = index.query(query)
    why = result.explain(FILM)
    assert result.status(FILM) is why.status is Status.PARTIAL
    found = result.why_not().blocks(FILM)
    assert found == distinct_blocks(why)
    assert len(found) == blocks
    assert {b.reason for b in found} == {Reason.EXCLUSIVE_LICENCE}
    if rows is many_rows:  # (each readable answer of many_lanes takes most of a second)
        market = index.query(AvailsQuery(None, T.full, M.full, YEAR))  # type: ignore[arg-type]
        assert list(market.pairs()) == [(FILM, STUDIO, Status.PARTIAL)]
        assert market.why_not().blocks(FILM, STUDIO) == found


def test_the_properties_reading_path_leaves_titles_to_the_readable_path(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``strategies.running("reading")`` must really send titles to the readable path, or the
    properties that run it would test the kernel twice."""
    read: list[int] = []
    explain = AvailsIndex.title_avails

    def spy(self: AvailsIndex, title_id: int, *args: object, **kwargs: object) -> object:
        read.append(title_id)
        return explain(self, title_id, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(AvailsIndex, "title_avails", spy)
    two_rows = [grant(100, T.mask("T0"), M.full, HALF)]
    with running("reading"):
        result = catalog(two_rows, "kernel").query(AvailsQuery(STUDIO, T.full, M.full, YEAR))
    assert result.status(FILM) is Status.PARTIAL
    assert read == [FILM]
