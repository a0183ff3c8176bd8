"""Worked examples of the avails engine: what is free, and why not when it is not."""

from __future__ import annotations

from datetime import date

import pytest

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
    Node,
    Period,
    PeriodInvalid,
    Reason,
    RightsIn,
    Status,
    Taxonomy,
    UnknownCode,
    deal_conflicts,
    missing_languages,
    refine,
)

T = Taxonomy(
    [
        Node("W", None, "World"),
        Node("EUR", "W", "Europe"),
        Node("WEU", "EUR", "Western Europe"),
        Node("FR", "WEU"),
        Node("DE", "WEU"),
        Node("IT", "WEU"),
        Node("EEU", "EUR", "Eastern Europe"),
        Node("RU", "EEU"),
        Node("BY", "EEU"),
        Node("UA", "EEU"),
        Node("PL", "EEU"),
        Node("ASIA", "W", "Asia"),
        Node("SEA", "ASIA", "South-East Asia"),
        Node("VN", "SEA"),
        Node("TH", "SEA"),
        Node("EA", "ASIA", "East Asia"),
        Node("CN", "EA"),
        Node("JP", "EA"),
    ],
    groups={"CIS": ["RU", "BY", "UA"], "FRANCOPHONE": ["FR", "VN"]},
)
M = Taxonomy(
    [
        Node("ALL", None, "All media"),
        Node("TV", "ALL"),
        Node("FTV", "TV", "Free TV"),
        Node("PAYTV", "TV", "Pay TV"),
        Node("VOD", "ALL"),
        Node("SVOD", "VOD"),
        Node("AVOD", "VOD"),
        Node("TVOD", "VOD"),
    ]
)

STUDIO, VTV, FPT = 1, 2, 3  # organisations: the rights holder and two broadcasters
FILM = 7  # the title every example is about
VN, TH, RU, BY = T.mask("VN"), T.mask("TH"), T.mask("RU"), T.mask("BY")
SVOD, AVOD, FTV = M.mask("SVOD"), M.mask("AVOD"), M.mask("FTV")
YEAR_2030 = Period(date(2030, 1, 1), date(2031, 1, 1))
FROM_2030 = Period(date(2030, 1, 1))


def d(text: str) -> date:
    return date.fromisoformat(text)


def rights(
    territories: int = T.full,
    media: int = M.full,
    period: Period = FROM_2030,
    *,
    holder: int = STUDIO,
    exclusive: bool = True,
    record_id: int = 1,
) -> RightsIn:
    """What the holder acquired of FILM: by default everything, exclusively, from 2030 on."""
    return RightsIn(record_id, FILM, holder, territories, media, period, exclusive, "acq-1")


def licence(
    territories: int,
    media: int,
    period: Period,
    *,
    exclusive: bool = True,
    licensee: int = VTV,
    record_id: int = 11,
    deal_id: int = 123,
) -> Grant:
    return Grant(
        id=record_id,
        deal_id=deal_id,
        deal_ref=f"D-{deal_id}",
        title_id=FILM,
        licensor_id=STUDIO,
        licensee_id=licensee,
        territories=territories,
        media=media,
        period=period,
        exclusive=exclusive,
    )


def index(
    *records: RightsIn | Grant | Holdback,
    versions: dict[int, set[LanguageVersion]] | None = None,
) -> AvailsIndex:
    return AvailsIndex.build(
        territory_leaves=len(T.leaves),
        media_leaves=len(M.leaves),
        rights=[r for r in records if isinstance(r, RightsIn)],
        grants=[r for r in records if isinstance(r, Grant)],
        holdbacks=[r for r in records if isinstance(r, Holdback)],
        versions=versions,
    )


def ask(
    territories: int = VN,
    media: int = SVOD,
    period: Period = YEAR_2030,
    *,
    holder: int = STUDIO,
    **options: object,
) -> AvailsQuery:
    return AvailsQuery(holder, territories, media, period, **options)  # type: ignore[arg-type]


# -- licences --------------------------------------------------------------------------------


def test_an_exclusive_licence_blocks_until_it_ends_and_the_title_is_partial() -> None:
    vtv_svod = licence(VN, SVOD, Period(d("2030-01-01"), d("2030-07-01")))
    catalog = index(rights(), vtv_svod)

    result = catalog.query(ask(VN, SVOD, YEAR_2030))
    assert result.status(FILM) is Status.PARTIAL
    why = result.explain(FILM)
    assert why.blocked == (
        BlockedCell(
            Cell(VN, SVOD, Period(d("2030-01-01"), d("2030-07-01"))),
            (
                Block(
                    Reason.EXCLUSIVE_LICENCE,
                    record_id=11,
                    deal_id=123,
                    deal_ref="D-123",
                    until=d("2030-07-01"),
                ),
            ),
        ),
    )
    assert why.free == (Cell(VN, SVOD, Period(d("2030-07-01"), d("2031-01-01"))),)
    assert why.warnings == ()

    after = ask(VN, SVOD, Period(d("2030-07-01"), d("2031-01-01")))
    assert catalog.query(after).status(FILM) is Status.AVAILABLE
    assert catalog.query(ask(TH, SVOD)).status(FILM) is Status.AVAILABLE
    assert catalog.query(ask(VN, AVOD)).status(FILM) is Status.AVAILABLE
    # Thailand is free all year, Vietnam only from July: partial as a whole.
    assert catalog.query(ask(VN | TH, SVOD)).status(FILM) is Status.PARTIAL


def test_a_non_exclusive_licence_blocks_an_exclusive_sale_only() -> None:
    catalog = index(rights(), licence(VN, SVOD, YEAR_2030, exclusive=False))

    exclusive = catalog.query(ask(exclusive=True))
    assert exclusive.status(FILM) is Status.UNAVAILABLE
    [blocked] = exclusive.explain(FILM).blocked
    assert blocked.cell == Cell(VN, SVOD, YEAR_2030)
    assert [(b.reason, b.deal_ref) for b in blocked.blocks] == [
        (Reason.NON_EXCLUSIVE_LICENCE, "D-123")
    ]

    shared = catalog.query(ask(exclusive=False))
    assert shared.status(FILM) is Status.AVAILABLE
    assert shared.explain(FILM).blocked == ()
    assert shared.explain(FILM).free == (Cell(VN, SVOD, YEAR_2030),)


def test_every_reason_for_a_cell_is_listed() -> None:
    first = licence(VN, SVOD, YEAR_2030, record_id=11, deal_id=123)
    second = licence(VN, SVOD | AVOD, YEAR_2030, record_id=12, deal_id=124, licensee=FPT)
    why = index(rights(), first, second).query(ask(VN, SVOD | AVOD)).explain(FILM)

    reasons = {
        (blocked.cell.media, tuple(b.deal_ref for b in blocked.blocks)) for blocked in why.blocked
    }
    assert reasons == {(SVOD, ("D-123", "D-124")), (AVOD, ("D-124",))}


def test_the_licensee_is_not_blocked_by_its_own_licence_or_holdback() -> None:
    vtv_licence = licence(VN, SVOD, YEAR_2030, licensee=VTV)
    vtv_holdback = Holdback(21, 123, "D-123", FILM, VTV, VN, AVOD, YEAR_2030, hard=True)
    vtv_rights = rights(VN, SVOD | AVOD, YEAR_2030, holder=VTV, record_id=2)
    catalog = index(rights(), vtv_rights, vtv_licence, vtv_holdback)

    vtv = catalog.query(ask(VN, SVOD | AVOD, holder=VTV, exclusive=True))
    assert vtv.status(FILM) is Status.AVAILABLE
    studio = catalog.query(ask(VN, SVOD | AVOD, holder=STUDIO))
    assert studio.status(FILM) is Status.UNAVAILABLE
    assert {b.reason for c in studio.explain(FILM).blocked for b in c.blocks} == {
        Reason.EXCLUSIVE_LICENCE,
        Reason.HOLDBACK,
    }


# -- holdbacks -------------------------------------------------------------------------------


def test_a_hard_holdback_blocks_and_a_soft_one_only_warns() -> None:
    hard = Holdback(21, 123, "D-123", FILM, VTV, VN, AVOD, YEAR_2030, hard=True)
    soft = Holdback(22, 123, "D-123", FILM, VTV, VN, FTV, YEAR_2030, hard=False, provisional=True)
    catalog = index(rights(), hard, soft)

    on_avod = catalog.query(ask(VN, AVOD))
    assert on_avod.status(FILM) is Status.UNAVAILABLE
    [blocked] = on_avod.explain(FILM).blocked
    assert blocked.blocks == (
        Block(Reason.HOLDBACK, 21, deal_id=123, deal_ref="D-123", until=d("2031-01-01")),
    )

    on_free_tv = catalog.query(ask(VN, FTV))
    assert on_free_tv.status(FILM) is Status.AVAILABLE
    why = on_free_tv.explain(FILM)
    assert why.blocked == ()
    assert why.free == (Cell(VN, FTV, YEAR_2030),)
    [warning] = why.warnings
    assert warning.cell == Cell(VN, FTV, YEAR_2030)
    assert [(b.reason, b.record_id, b.provisional) for b in warning.blocks] == [
        (Reason.SOFT_HOLDBACK, 22, True)
    ]


def test_a_draft_deal_over_a_soft_holdback_is_reported_with_a_warning_only() -> None:
    soft = Holdback(22, 123, "D-123", FILM, VTV, VN, FTV, YEAR_2030, hard=False)
    catalog = index(rights(), soft)
    draft = Grant(901, 200, "D-200", FILM, STUDIO, FPT, VN, FTV | SVOD, YEAR_2030, exclusive=True)
    free = Grant(902, 200, "D-200", FILM, STUDIO, FPT, TH, FTV, YEAR_2030, exclusive=True)

    [conflict] = deal_conflicts([draft, free], {FILM: catalog.title_rows(FILM)})
    assert conflict.grant is draft
    assert conflict.blocked == ()
    assert [w.cell for w in conflict.warnings] == [Cell(VN, FTV, YEAR_2030)]


def test_a_draft_deal_over_a_signed_exclusive_licence_is_blocked() -> None:
    catalog = index(rights(), licence(VN, SVOD, Period(d("2030-01-01"), d("2030-07-01"))))
    draft = Grant(901, 200, "D-200", FILM, STUDIO, FPT, VN | TH, SVOD, YEAR_2030, exclusive=False)

    [conflict] = deal_conflicts([draft], {FILM: catalog.title_rows(FILM)})
    [blocked] = conflict.blocked
    assert blocked.cell == Cell(VN, SVOD, Period(d("2030-01-01"), d("2030-07-01")))
    assert blocked.blocks[0].deal_ref == "D-123"
    # The same draft after the licence ends can sign.
    later = Period(d("2030-07-01"), d("2031-01-01"))
    ok = Grant(902, 200, "D-200", FILM, STUDIO, FPT, VN | TH, SVOD, later, exclusive=True)
    assert deal_conflicts([ok], {FILM: catalog.title_rows(FILM)}) == []


# -- rights in -------------------------------------------------------------------------------


def test_nothing_is_held_outside_the_rights_in_territory() -> None:
    world_but_ru_by = T.selection(["W"], exclude=["RU", "BY"])
    catalog = index(rights(world_but_ru_by, M.mask("VOD")))

    assert T.describe(world_but_ru_by) == (("W",), ("RU", "BY"))
    whole_world = catalog.query(ask(T.full, SVOD))
    assert whole_world.status(FILM) is Status.PARTIAL
    why = whole_world.explain(FILM)
    assert why.blocked == (BlockedCell(Cell(RU | BY, SVOD, YEAR_2030), (Block(Reason.NOT_HELD),)),)
    assert T.describe(why.blocked[0].cell.territories) == (("RU", "BY"), ())
    assert why.free == (Cell(world_but_ru_by, SVOD, YEAR_2030),)

    assert catalog.query(ask(RU, SVOD)).status(FILM) is Status.UNAVAILABLE
    assert catalog.query(ask(T.mask("CIS") & ~RU & ~BY, SVOD)).status(FILM) is Status.AVAILABLE
    assert catalog.query(ask(VN, FTV)).status(FILM) is Status.UNAVAILABLE  # no TV rights


def test_non_exclusive_rights_in_cannot_be_sold_exclusively() -> None:
    catalog = index(rights(exclusive=False, record_id=5))

    assert catalog.query(ask(exclusive=False)).status(FILM) is Status.AVAILABLE
    exclusive = catalog.query(ask(exclusive=True))
    assert exclusive.status(FILM) is Status.UNAVAILABLE
    [blocked] = exclusive.explain(FILM).blocked
    assert blocked.blocks == (Block(Reason.HELD_NON_EXCLUSIVE, record_id=5),)


def test_rights_in_that_end_leave_the_rest_of_an_open_query_not_held() -> None:
    catalog = index(rights(period=Period(d("2030-01-01"), d("2032-01-01"))))
    open_query = ask(period=Period(d("2031-01-01")))

    result = catalog.query(open_query)
    assert result.status(FILM) is Status.PARTIAL
    why = result.explain(FILM)
    assert why.free == (Cell(VN, SVOD, Period(d("2031-01-01"), d("2032-01-01"))),)
    assert why.blocked == (
        BlockedCell(Cell(VN, SVOD, Period(d("2032-01-01"))), (Block(Reason.NOT_HELD),)),
    )


# -- languages -------------------------------------------------------------------------------


def test_a_missing_language_version_makes_the_title_unavailable() -> None:
    versions = {FILM: {("vi-VN", "subtitles"), ("en", "audio")}}
    catalog = index(rights(), versions=versions)

    wanted = frozenset({("vi", "subtitles"), ("en", "audio")})
    assert catalog.query(ask(languages=wanted)).status(FILM) is Status.AVAILABLE

    dubbed = catalog.query(ask(languages=frozenset({("vi", "audio")})))
    assert dubbed.status(FILM) is Status.UNAVAILABLE
    why = dubbed.explain(FILM)
    assert why.free == ()
    assert why.blocked == (
        BlockedCell(
            Cell(VN, SVOD, YEAR_2030), (Block(Reason.NO_LANGUAGE_VERSION, detail="vi audio"),)
        ),
    )
    assert missing_languages([("vi", "audio"), ("vi", "subtitles")], versions[FILM]) == (
        ("vi", "audio"),
    )
    # A regional tag does not stand in for a wider one, nor for another region.
    assert missing_languages([("vi-VN", "subtitles")], [("vi", "subtitles")]) == (
        ("vi-VN", "subtitles"),
    )
    assert missing_languages([("en-US", "audio")], [("en-GB", "audio")]) == (("en-US", "audio"),)


# -- windows and open periods ------------------------------------------------------------------


def test_overlap_needs_a_common_window_of_min_days() -> None:
    # Vietnam is licensed away for the first 60 days of a 90-day query; Thailand is free.
    period = Period(d("2030-01-01"), d("2030-04-01"))  # 90 days
    catalog = index(rights(), licence(VN, SVOD, Period(d("2030-01-01"), d("2030-03-02"))))

    def status(match: Match, min_days: int) -> Status:
        query = ask(VN | TH, SVOD, period, match=match, min_days=min_days)
        return catalog.query(query).status(FILM)

    assert status(Match.ENTIRE, 0) is Status.PARTIAL
    assert status(Match.OVERLAP, 0) is Status.AVAILABLE
    assert status(Match.OVERLAP, 30) is Status.AVAILABLE  # 2 March to 1 April in both
    assert status(Match.OVERLAP, 31) is Status.PARTIAL  # only Thailand has 31 days
    assert status(Match.OVERLAP, 90) is Status.PARTIAL

    vietnam = ask(VN, SVOD, period, match=Match.OVERLAP, min_days=31)
    assert catalog.query(vietnam).status(FILM) is Status.UNAVAILABLE


def test_available_means_one_window_in_every_cell_partial_some_cell_free_long_enough() -> None:
    # The meaning documented in docs/avails.md ("What the statuses mean"). Vietnam is
    # licensed away in 2030, Thailand in 2031: each cell is free for one year, never both.
    two_years = Period(d("2030-01-01"), d("2032-01-01"))
    catalog = index(
        rights(),
        licence(VN, SVOD, YEAR_2030, record_id=11, deal_id=1),
        licence(TH, SVOD, Period(d("2031-01-01"), d("2032-01-01")), record_id=12, deal_id=2),
    )

    def status(match: Match, min_days: int) -> Status:
        result = catalog.query(ask(VN | TH, SVOD, two_years, match=match, min_days=min_days))
        assert result.explain(FILM).status is result.status(FILM)  # both paths agree
        return result.status(FILM)

    # Cells that are each free, but at different times, are one partial title: a buyer
    # licenses one window for every cell asked.
    assert status(Match.OVERLAP, 0) is Status.PARTIAL
    assert status(Match.ENTIRE, 0) is Status.PARTIAL
    # Partial needs some cell with a free window of the minimum (2031 in Vietnam is 365
    # days); a cell free for less does not count.
    assert status(Match.ENTIRE, 365) is Status.PARTIAL
    assert status(Match.OVERLAP, 366) is Status.UNAVAILABLE
    # For the entire period the minimum only decides partial: available is the whole period.
    assert catalog.query(ask(VN, SVOD, YEAR_2030, min_days=365)).status(FILM) is Status.UNAVAILABLE
    assert catalog.query(ask(TH, SVOD, YEAR_2030, min_days=365)).status(FILM) is Status.AVAILABLE


def test_open_ended_periods() -> None:
    forever = licence(VN, SVOD, Period(d("2031-01-01")))  # exclusive, no end
    catalog = index(rights(), forever)

    open_query = ask(period=Period(d("2030-01-01")))
    result = catalog.query(open_query)
    assert result.status(FILM) is Status.PARTIAL
    why = result.explain(FILM)
    assert why.free == (Cell(VN, SVOD, YEAR_2030),)
    [blocked] = why.blocked
    assert blocked.cell == Cell(VN, SVOD, Period(d("2031-01-01"), None))
    assert blocked.blocks[0].until is None

    assert catalog.query(ask(period=YEAR_2030)).status(FILM) is Status.AVAILABLE
    window = ask(period=Period(d("2030-01-01")), match=Match.OVERLAP, min_days=365)
    assert catalog.query(window).status(FILM) is Status.AVAILABLE
    too_long = ask(period=Period(d("2030-01-01")), match=Match.OVERLAP, min_days=366)
    assert catalog.query(too_long).status(FILM) is Status.UNAVAILABLE
    # Open-ended from 2031: nothing is ever free there.
    assert catalog.query(ask(period=Period(d("2031-01-01")))).status(FILM) is Status.UNAVAILABLE


def test_an_open_ended_query_with_open_ended_rights_is_available() -> None:
    result = index(rights()).query(ask(period=Period(d("2030-06-01")), match=Match.OVERLAP))
    assert result.status(FILM) is Status.AVAILABLE
    assert result.explain(FILM).free == (Cell(VN, SVOD, Period(d("2030-06-01"))),)


# -- which titles a query answers ----------------------------------------------------------------


def test_a_query_answers_for_held_titles_or_the_titles_asked() -> None:
    fpt_title = RightsIn(3, 8, FPT, T.full, M.full, FROM_2030)
    short = RightsIn(4, 5, STUDIO, VN, SVOD, Period(d("2030-01-01"), d("2030-02-01")))
    catalog = index(rights(), fpt_title, short)  # title 5 is seen after title 7

    held = catalog.query(ask())
    assert held.titles() == [5, FILM]  # in title id order
    assert list(held.items()) == [(5, Status.PARTIAL), (FILM, Status.AVAILABLE)]
    asked = catalog.query(ask(title_ids=frozenset({FILM, 8, 404})))
    assert dict(asked.items()) == {
        FILM: Status.AVAILABLE,
        8: Status.UNAVAILABLE,
        404: Status.UNAVAILABLE,
    }
    assert asked.counts() == {Status.AVAILABLE: 1, Status.PARTIAL: 0, Status.UNAVAILABLE: 2}
    assert asked.titles(Status.UNAVAILABLE) == [8, 404]


def test_terminating_a_deal_frees_its_cells() -> None:
    catalog = index(rights(), licence(VN, SVOD, YEAR_2030, deal_id=123))
    catalog.add_grants([licence(TH, SVOD, YEAR_2030, record_id=12, deal_id=124)])
    assert catalog.query(ask(VN | TH)).status(FILM) is Status.UNAVAILABLE

    assert catalog.remove_deal(123) == 1
    assert catalog.query(ask(VN | TH)).status(FILM) is Status.PARTIAL
    assert catalog.remove_deal(124) == 1
    assert catalog.query(ask(VN | TH)).status(FILM) is Status.AVAILABLE


# -- taxonomy, periods and queries ------------------------------------------------------------


def test_an_unknown_code_raises() -> None:
    with pytest.raises(UnknownCode) as raised:
        T.mask("XX")
    assert raised.value.code == "XX"
    with pytest.raises(UnknownCode):
        T.selection(["W"], exclude=["ZZ"])
    with pytest.raises(UnknownCode):
        Taxonomy([Node("W", None), Node("FR", "EUR")])
    assert "CIS" in T and "VN" in T and "XX" not in T


def test_describe_picks_the_shortest_include_exclude_pair() -> None:
    assert T.describe(T.full) == (("W",), ())
    assert T.describe(T.selection(["W"], exclude=["RU", "BY"])) == (("W",), ("RU", "BY"))
    assert T.describe(T.mask("CIS")) == (("CIS",), ())
    assert T.describe(T.mask("FRANCOPHONE")) == (("FRANCOPHONE",), ())
    assert T.describe(VN | TH) == (("SEA",), ())
    assert T.describe(0) == ((), ())
    assert T.leaf_codes(T.mask("CIS")) == ("RU", "BY", "UA")
    # Whatever the wording, a description selects exactly the mask again.
    for mask in (VN | RU, T.selection(["EUR"], exclude=["PL"]), T.full & ~VN, T.mask("EA") | BY):
        include, exclude = T.describe(mask)
        assert T.selection(include, exclude) == mask


def test_refine_splits_into_atoms_every_mask_respects() -> None:
    universe = T.mask("EUR")
    masks = [T.mask("CIS"), T.mask("FRANCOPHONE"), T.mask("WEU"), VN]
    atoms = refine(universe, masks)

    union = 0
    for atom in atoms:
        assert atom and not atom & union, "atoms are non-empty and disjoint"
        union |= atom
        for mask in masks:
            assert atom & mask in (0, atom), "no mask cuts an atom"
    assert union == universe
    assert sorted(T.leaf_codes(a) for a in atoms) == [
        ("DE", "IT"),
        ("FR",),
        ("PL",),
        ("RU", "BY", "UA"),
    ]
    assert refine(0, masks) == []


def test_a_period_must_end_after_it_starts() -> None:
    with pytest.raises(PeriodInvalid):
        Period(d("2030-01-01"), d("2030-01-01"))
    with pytest.raises(PeriodInvalid):
        Period(d("2030-01-02"), d("2030-01-01"))
    assert issubclass(PeriodInvalid, ValueError)
    assert Period(d("2030-01-01"), d("2030-01-02")).days == 1
    assert Period(d("2030-01-01")).days is None


def test_a_query_rejects_a_minimum_window_longer_than_its_period() -> None:
    with pytest.raises(ValueError, match="longer than the period"):
        ask(period=YEAR_2030, min_days=366)
    assert ask(period=YEAR_2030, min_days=365).min_days == 365
    assert ask(period=Period(d("2030-01-01")), min_days=10_000).min_days == 10_000
    with pytest.raises(ValueError):
        ask(min_days=-1)
    with pytest.raises(ValueError):
        ask(territories=0)
    with pytest.raises(ValueError):
        ask(media=0)
