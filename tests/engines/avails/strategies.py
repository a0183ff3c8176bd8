"""Random catalogs and queries for the avails property tests, and ways to load them.

``worlds`` draws any catalog (rights in of several holders, grants, hard and soft holdbacks,
language versions, records limited to a few languages); ``fast_worlds`` draws catalogs
shaped for the index's shortcuts: titles whose every held row covers the whole of any query
(World x all media from day 0, open), titles blocked whole by such rows, and titles with
partial rows beside them. Taxonomies and dates come from the reference.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

import numpy as np
from hypothesis import settings
from hypothesis import strategies as st

from cinebridge.engines.avails import (
    AvailsIndex,
    AvailsQuery,
    Grant,
    Holdback,
    LanguageVersion,
    Match,
    Period,
    RightsIn,
    Row,
    RowColumns,
    RowKind,
    Taxonomy,
    kernel,
    row_of,
)
from tests.engines.avails.reference import MEDIA, SPAN, TERRITORIES, World, day

PROPERTIES = settings(max_examples=int(os.environ.get("CINEBRIDGE_AVAILS_EXAMPLES") or 200))
"""200 examples a property; CINEBRIDGE_AVAILS_EXAMPLES=5000 for a deeper run by hand."""

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
    ("fr-CA", "subtitles"),
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
    ("zh-Hans", "audio"),
    ("zh", "audio"),
    ("sr-Cyrl", "audio"),
    ("sr", "audio"),
    ("fr", "subtitles"),
)
RECORD_LANGUAGES: tuple[LanguageVersion, ...] = (
    # Two tags of one leaf (the region is dropped), one language in two usages, scripts.
    ("vi", "subtitles"),
    ("vi-VN", "subtitles"),
    ("vi", "audio"),
    ("en", "audio"),
    ("en-GB", "subtitles"),
    ("zh-Hans-CN", "audio"),
    ("zh-Hant", "subtitles"),
    ("fr-CA", "subtitles"),
)


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
# Half the titles have every version: a query's languages then ask language rights only.
VERSION_SETS = st.one_of(
    st.just(frozenset(VERSIONS)), st.frozensets(st.sampled_from(VERSIONS), min_size=1, max_size=5)
)
WANTED_SETS = st.frozensets(st.sampled_from(WANTED), min_size=1, max_size=2)
LANGUAGE_SETS = st.frozensets(st.sampled_from(RECORD_LANGUAGES), min_size=1, max_size=2)
DRAFT_LANGUAGES = st.frozensets(st.sampled_from(WANTED), max_size=1)
HOLDER = st.sampled_from(HOLDERS)
OTHER_HOLDERS = st.frozensets(HOLDER, max_size=2)
OWNER = st.sampled_from((10, 10, 10, 11, 12))
QUERY_HOLDER = st.sampled_from((10, 10, 10, 10, 10, 10, 11, 12))
LICENSOR = st.sampled_from((10, 10, 11))
MATCH = st.sampled_from(Match)
GRANT_COUNT = st.integers(0, 6)
DRAFT_COUNT = st.integers(1, 3)
DRAFT_TITLE = st.sampled_from((*TITLES, UNKNOWN_TITLE))
REMOVED_DEALS = st.frozensets(DEAL, max_size=2)
MODES = ("kernel", "sweep", "reading")
MODE = st.sampled_from(MODES)
FAST_STYLE = st.sampled_from(("free", "free", "blocked", "blocked", "partial"))
WHOLE_BLOCKS = st.integers(1, 2)
PARTIAL_ROWS = st.integers(1, 3)


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


@st.composite
def record_languages(draw: st.DrawFn) -> frozenset[LanguageVersion]:
    """Mostly every language (empty); two times in five one or two language versions."""
    return draw(LANGUAGE_SETS) if draw(ONE_IN[5]) < 2 else frozenset()


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
def grants_of(draw: st.DrawFn, start: int, title_id: int | None = None) -> Grant:
    """A grant of any shape, with record id start."""
    deal = draw(DEAL)
    return Grant(
        id=start,
        deal_id=deal,
        deal_ref=f"D-{deal}",
        title_id=draw(TITLE) if title_id is None else title_id,
        licensor_id=draw(HOLDER),
        licensee_id=draw(LICENSEE),
        territories=draw(territory_masks()),
        media=draw(media_masks()),
        period=draw(periods()),
        exclusive=draw(COIN),
        provisional=draw(COIN),
        languages=draw(record_languages()),
    )


@st.composite
def holdbacks_of(draw: st.DrawFn, start: int, title_id: int | None = None) -> Holdback:
    """A hard or soft holdback of any shape, with record id start."""
    deal = draw(DEAL)
    return Holdback(
        id=start,
        deal_id=deal,
        deal_ref=f"D-{deal}",
        title_id=draw(TITLE) if title_id is None else title_id,
        licensee_id=draw(LICENSEE),
        territories=draw(territory_masks()),
        media=draw(media_masks()),
        period=draw(periods()),
        hard=draw(COIN),
        provisional=draw(COIN),
        languages=draw(record_languages()),
    )


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
                languages=draw(LANGUAGE_SETS) if draw(ONE_IN[6]) == 0 else frozenset(),
            )
        )
    grants = [draw(grants_of(200 + i)) for i in range(draw(GRANT_COUNT))]
    holdbacks = [draw(holdbacks_of(300 + i)) for i in range(draw(ONE_IN[4]))]
    versions = {title: draw(VERSION_SETS) for title in TITLES if draw(ONE_IN[4]) > 0}
    return World(rights, grants, holdbacks, versions)


@st.composite
def fast_worlds(draw: st.DrawFn) -> World:
    """Catalogs the index may decide without sweeping: per title, every holder's rights in
    cover World x all media from day 0 on (now and then limited to a language), and either
    nothing blocks ("free"), one or two rows block the whole of it ("blocked": exclusive or
    not, hard or soft, sometimes language-limited, sometimes the holder's own), or partial
    rows cut it ("partial")."""
    rights: list[RightsIn] = []
    grants: list[Grant] = []
    holdbacks: list[Holdback] = []
    for title_id in TITLES:
        style = draw(FAST_STYLE)
        holders = draw(OTHER_HOLDERS) | ({10} if draw(ONE_IN[6]) else set())
        for holder_id in sorted(holders or {10}):
            rights.append(
                RightsIn(
                    id=100 + len(rights),
                    title_id=title_id,
                    holder_id=holder_id,
                    territories=TERRITORIES.full,
                    media=MEDIA.full,
                    period=Period(day(0), None),
                    exclusive=draw(ONE_IN[4]) < 3,
                    languages=draw(LANGUAGE_SETS) if draw(ONE_IN[6]) == 0 else frozenset(),
                )
            )
        if style == "blocked":
            for _ in range(draw(WHOLE_BLOCKS)):
                deal = draw(DEAL)
                languages = draw(LANGUAGE_SETS) if draw(ONE_IN[4]) == 0 else frozenset()
                if draw(COIN):
                    grants.append(
                        Grant(
                            200 + len(grants),
                            deal,
                            f"D-{deal}",
                            title_id,
                            draw(HOLDER),
                            draw(LICENSEE),
                            TERRITORIES.full,
                            MEDIA.full,
                            Period(day(0)),
                            exclusive=draw(ONE_IN[4]) > 0,
                            languages=languages,
                        )
                    )
                else:
                    holdbacks.append(
                        Holdback(
                            300 + len(holdbacks),
                            deal,
                            f"D-{deal}",
                            title_id,
                            draw(LICENSEE),
                            TERRITORIES.full,
                            MEDIA.full,
                            Period(day(0)),
                            hard=draw(ONE_IN[4]) > 0,
                            languages=languages,
                        )
                    )
        elif style == "partial":
            for _ in range(draw(PARTIAL_ROWS)):
                kind = draw(ONE_IN[4])
                if kind == 0:
                    grants.append(draw(grants_of(200 + len(grants), title_id)))
                elif kind == 1:
                    holdbacks.append(draw(holdbacks_of(300 + len(holdbacks), title_id)))
                else:
                    rights.append(
                        RightsIn(
                            id=100 + len(rights),
                            title_id=title_id,
                            holder_id=draw(OWNER),
                            territories=draw(territory_masks()),
                            media=draw(media_masks()),
                            period=draw(periods()),
                            exclusive=draw(COIN),
                            languages=draw(record_languages()),
                        )
                    )
    versions = {title: draw(VERSION_SETS) for title in TITLES if draw(ONE_IN[4]) > 0}
    return World(rights, grants, holdbacks, versions)


ANY_WORLD = st.one_of(worlds(), fast_worlds())


@st.composite
def queries(draw: st.DrawFn, holders: st.SearchStrategy[int | None] = QUERY_HOLDER) -> AvailsQuery:
    period = draw(periods())
    longest = period.days if period.days is not None else SPAN
    languages: frozenset[LanguageVersion] = frozenset()
    if draw(ONE_IN[3]) == 0:
        languages = draw(WANTED_SETS)
    whole = draw(ONE_IN[6]) == 0  # World x all media, the sales team's question
    return AvailsQuery(
        holder_id=draw(holders),  # type: ignore[arg-type]
        territories=TERRITORIES.full if whole else draw(territory_masks()),
        media=MEDIA.full if whole else draw(media_masks()),
        period=period,
        exclusive=draw(COIN),
        languages=languages,
        match=draw(MATCH),
        min_days=draw(offsets(0, min(longest, 20))),
        title_ids=draw(QUERY_TITLES) if draw(COIN) else None,
    )


@contextmanager
def running(mode: str) -> Iterator[None]:
    """Queries inside run the index's path named by mode (see ``build``); "reading" runs
    the kernel as plain Python with room for one relevant row a title, so that most titles
    are left to the readable path and the rest decided by the kernel, in one query."""
    if mode != "reading":
        yield
        return
    compiled, limit = kernel.decide, kernel.MAX_ROWS
    kernel.decide = getattr(compiled, "py_func", compiled)
    kernel.MAX_ROWS = 1
    try:
        yield
    finally:
        kernel.decide, kernel.MAX_ROWS = compiled, limit


def build(world: World, mode: str = "default") -> AvailsIndex:
    """An index of the world, answering by its default path, the compiled "kernel", the
    numpy "sweep" (the fallback without numba), or "reading" (inside ``running``)."""
    index = AvailsIndex.build(
        territory_leaves=len(TERRITORIES.leaves),
        media_leaves=len(MEDIA.leaves),
        rights=world.rights,
        grants=world.grants,
        holdbacks=world.holdbacks,
        versions=world.versions,
    )
    return on_path(index, mode)


def on_path(index: AvailsIndex, mode: str) -> AvailsIndex:
    """The index, set to answer by mode's path (see ``build``)."""
    if mode != "default":
        index.engine = "sweep" if mode == "sweep" else "kernel"
    return index


def columns_of(world: World) -> list[RowColumns]:
    """The world's records as bulk columns, one batch per kind, masks and language sets given
    by position (in an order of their own, not the rows')."""
    out = []
    for kind, records in (
        (RowKind.RIGHTS, world.rights),
        (RowKind.GRANT, world.grants),
        (RowKind.HOLDBACK, world.holdbacks),
    ):
        rows = [(r, row_of(r)) for r in records]
        territory_masks = sorted({row.territories for _, row in rows}, reverse=True)
        media_masks = sorted({row.media for _, row in rows})
        language_sets = sorted({row.languages for _, row in rows}, key=sorted, reverse=True)

        def column(values: Iterable[int | bool], dtype: type) -> np.ndarray:
            return np.asarray(list(values), dtype=dtype)

        out.append(
            RowColumns(
                kind=kind,
                record=column((row.record_id for _, row in rows), np.int64),
                title=column((r.title_id for r, _ in rows), np.int64),
                party=column((row.party for _, row in rows), np.int64),
                territory_masks=territory_masks,
                territories=column(
                    (territory_masks.index(row.territories) for _, row in rows), np.int64
                ),
                media_masks=media_masks,
                media=column((media_masks.index(row.media) for _, row in rows), np.int64),
                first=column((row.first for _, row in rows), np.int64),
                stop=column((row.stop for _, row in rows), np.int64),
                exclusive=column((row.exclusive for _, row in rows), np.bool_),
                hard=column((row.hard for _, row in rows), np.bool_),
                provisional=column((row.provisional for _, row in rows), np.bool_),
                deal=column((row.deal_id or 0 for _, row in rows), np.int64),
                deal_refs={row.deal_id: row.deal_ref for _, row in rows if row.deal_id},
                language_sets=language_sets,
                languages=column((language_sets.index(row.languages) for _, row in rows), np.int64),
            )
        )
    return out


def rows_of(world: World, title_id: int) -> list[Row]:
    """The title's records as engine rows, made by hand (not through the index)."""
    rows = [
        Row(
            RowKind.RIGHTS,
            r.id,
            r.holder_id,
            r.territories,
            r.media,
            r.period.first_day,
            r.period.stop_day,
            exclusive=r.exclusive,
            languages=r.languages,
        )
        for r in world.rights
        if r.title_id == title_id
    ]
    rows += [
        Row(
            RowKind.GRANT,
            g.id,
            g.licensee_id,
            g.territories,
            g.media,
            g.period.first_day,
            g.period.stop_day,
            exclusive=g.exclusive,
            provisional=g.provisional,
            deal_id=g.deal_id,
            deal_ref=g.deal_ref,
            languages=g.languages,
        )
        for g in world.grants
        if g.title_id == title_id
    ]
    rows += [
        Row(
            RowKind.HOLDBACK,
            h.id,
            h.licensee_id,
            h.territories,
            h.media,
            h.period.first_day,
            h.period.stop_day,
            hard=h.hard,
            provisional=h.provisional,
            deal_id=h.deal_id,
            deal_ref=h.deal_ref,
            languages=h.languages,
        )
        for h in world.holdbacks
        if h.title_id == title_id
    ]
    return rows
