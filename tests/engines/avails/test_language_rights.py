"""Language-limited rights: a grant, holdback or rights in limited to some languages covers
and blocks only those (a leaf is language + script, region dropped, times the usage).

Canada sells French-language and English-language rights exclusively to two licensees; in
Vietnam a broadcaster holds Vietnamese-language SVOD while a Chinese-language service
licenses the same title. Each example asks the index (bulk statuses), its explanation (the
readable path) and, where the API has them, the whole-market query and the bulk why-not.
"""

from __future__ import annotations

from datetime import date

from cinebridge.engines.avails import (
    AvailsIndex,
    AvailsQuery,
    Block,
    BlockedCell,
    Cell,
    Grant,
    Holdback,
    LanguageVersion,
    Node,
    Period,
    Reason,
    RightsIn,
    Status,
    Taxonomy,
)
from tests.engines.avails.reference import language_leaf

T = Taxonomy(
    [
        Node("W", None, "World"),
        Node("NA", "W", "North America"),
        Node("CA", "NA"),
        Node("US", "NA"),
        Node("ASIA", "W", "Asia"),
        Node("VN", "ASIA"),
        Node("CN", "ASIA"),
    ]
)
M = Taxonomy([Node("ALL", None), Node("SVOD", "ALL"), Node("AVOD", "ALL"), Node("FTV", "ALL")])
CA, VN, SVOD = T.mask("CA"), T.mask("VN"), M.mask("SVOD")
STUDIO, FRENCH_TV, ENGLISH_TV, AGENT = 1, 2, 3, 4
FILM = 7
YEAR = Period(date(2030, 1, 1), date(2031, 1, 1))
UNTIL = date(2031, 1, 1)
OTHER: LanguageVersion = ("*", "*")
FR = frozenset({("fr-CA", "audio"), ("fr-CA", "subtitles")})
EN = frozenset({("en-CA", "audio"), ("en-CA", "subtitles")})
VERSIONS: dict[int, set[LanguageVersion]] = {
    FILM: {
        ("fr-CA", "audio"),
        ("fr-CA", "subtitles"),
        ("en", "audio"),
        ("en", "subtitles"),
        ("de", "subtitles"),
        ("vi-VN", "audio"),
        ("vi-VN", "subtitles"),
        ("zh-Hans", "subtitles"),
    }
}


def everything(holder: int = STUDIO, record_id: int = 1, **options: object) -> RightsIn:
    return RightsIn(record_id, FILM, holder, T.full, M.full, Period(date(2030, 1, 1)), **options)  # type: ignore[arg-type]


def licence(
    record_id: int,
    licensee: int,
    languages: frozenset[LanguageVersion],
    territories: int = CA,
    *,
    exclusive: bool = True,
) -> Grant:
    return Grant(
        record_id,
        record_id,
        f"D-{record_id}",
        FILM,
        STUDIO,
        licensee,
        territories,
        SVOD,
        YEAR,
        exclusive=exclusive,
        languages=languages,
    )


def block(grant: Grant) -> Block:
    reason = Reason.EXCLUSIVE_LICENCE if grant.exclusive else Reason.NON_EXCLUSIVE_LICENCE
    return Block(
        reason,
        grant.id,
        deal_id=grant.deal_id,
        deal_ref=grant.deal_ref,
        until=grant.period.end,
        languages=leaves(grant.languages),
    )


def leaves(languages: frozenset[LanguageVersion]) -> tuple[LanguageVersion, ...]:
    """How a block names a record's languages: language[-script] leaves, sorted."""
    return tuple(sorted(language_leaf(tag, usage) for tag, usage in languages))


def index(*records: RightsIn | Grant | Holdback) -> AvailsIndex:
    return AvailsIndex.build(
        territory_leaves=len(T.leaves),
        media_leaves=len(M.leaves),
        rights=[r for r in records if isinstance(r, RightsIn)],
        grants=[r for r in records if isinstance(r, Grant)],
        holdbacks=[r for r in records if isinstance(r, Holdback)],
        versions=VERSIONS,
    )


def ask(
    *languages: LanguageVersion, territories: int = CA, holder: int = STUDIO, **options: object
) -> AvailsQuery:
    return AvailsQuery(holder, territories, SVOD, YEAR, languages=frozenset(languages), **options)  # type: ignore[arg-type]


FRENCH = licence(11, FRENCH_TV, FR)
ENGLISH = licence(12, ENGLISH_TV, EN)


def status_and_why(catalog: AvailsIndex, query: AvailsQuery) -> tuple[Status, set[BlockedCell]]:
    """The bulk status, checked against the explanation's; the blocked cells as a set."""
    result = catalog.query(query)
    why = result.explain(FILM)
    assert result.status(FILM) is why.status
    return why.status, set(why.blocked)


# -- Canada: French-language and English-language exclusives to two licensees ------------------


def test_a_query_for_one_language_is_blocked_only_by_that_languages_licence() -> None:
    catalog = index(everything(), FRENCH, ENGLISH)

    french = ask(("fr", "subtitles"))
    assert status_and_why(catalog, french) == (
        Status.UNAVAILABLE,
        {BlockedCell(Cell(CA, SVOD, YEAR), (block(FRENCH),))},
    )
    english = ask(("en", "subtitles"))
    assert status_and_why(catalog, english) == (
        Status.UNAVAILABLE,
        {BlockedCell(Cell(CA, SVOD, YEAR), (block(ENGLISH),))},
    )
    # A language nobody licensed is free; so is French elsewhere.
    assert catalog.query(ask(("de", "subtitles"))).status(FILM) is Status.AVAILABLE
    assert catalog.query(ask(("fr", "subtitles"), territories=VN)).status(FILM) is Status.AVAILABLE


def test_both_languages_asked_split_the_cell_by_language() -> None:
    catalog = index(everything(), FRENCH, ENGLISH)

    status, blocked = status_and_why(catalog, ask(("fr", "subtitles"), ("en", "subtitles")))
    assert status is Status.UNAVAILABLE
    assert blocked == {
        BlockedCell(Cell(CA, SVOD, YEAR, (("en", "subtitles"),)), (block(ENGLISH),)),
        BlockedCell(Cell(CA, SVOD, YEAR, (("fr", "subtitles"),)), (block(FRENCH),)),
    }
    # French asked with a language nobody licensed: partial, one language is free.
    assert catalog.query(ask(("fr", "audio"), ("de", "subtitles"))).status(FILM) is Status.PARTIAL


def test_a_query_without_languages_leaves_the_other_languages_free() -> None:
    catalog = index(everything(), FRENCH, ENGLISH)

    result = catalog.query(ask())
    assert result.status(FILM) is Status.PARTIAL
    why = result.explain(FILM)
    assert why.status is Status.PARTIAL
    assert why.free == (Cell(CA, SVOD, YEAR, (OTHER,)),)
    assert set(why.blocked) == {
        BlockedCell(
            Cell(CA, SVOD, YEAR, (("en", "audio"), ("en", "subtitles"))), (block(ENGLISH),)
        ),
        BlockedCell(Cell(CA, SVOD, YEAR, (("fr", "audio"), ("fr", "subtitles"))), (block(FRENCH),)),
    }


def test_a_single_language_licence_makes_a_query_without_languages_partial_not_unavailable() -> (
    None
):
    catalog = index(everything(), FRENCH)

    assert catalog.query(ask()).status(FILM) is Status.PARTIAL
    assert catalog.query(ask(("fr", "audio"), ("en", "audio"))).status(FILM) is Status.PARTIAL
    assert catalog.query(ask(("fr", "audio"))).status(FILM) is Status.UNAVAILABLE
    assert catalog.query(ask(("en", "audio"))).status(FILM) is Status.AVAILABLE
    # A licence without languages still blocks every language, as before.
    everyone = index(everything(), licence(13, FRENCH_TV, frozenset()))
    assert everyone.query(ask()).status(FILM) is Status.UNAVAILABLE
    assert everyone.query(ask(("de", "subtitles"))).status(FILM) is Status.UNAVAILABLE


# -- Vietnam: Vietnamese-language SVOD to a broadcaster, Chinese-language to a service -------


def test_subtitled_and_dubbed_versions_are_distinct_rights_and_the_region_is_not() -> None:
    vietnamese_subtitles = licence(21, FRENCH_TV, frozenset({("vi", "subtitles")}), VN)
    catalog = index(everything(), vietnamese_subtitles)

    def status(*languages: LanguageVersion) -> Status:
        return catalog.query(ask(*languages, territories=VN)).status(FILM)

    assert status(("vi", "subtitles")) is Status.UNAVAILABLE
    assert status(("vi-VN", "subtitles")) is Status.UNAVAILABLE  # the same language
    assert status(("vi", "audio")) is Status.AVAILABLE  # dubbed: not what the deal stated
    assert status(("zh-Hans", "subtitles")) is Status.AVAILABLE
    [blocked] = catalog.query(ask(("vi-VN", "subtitles"), territories=VN)).explain(FILM).blocked
    assert blocked.blocks == (block(vietnamese_subtitles),)


def test_a_non_exclusive_language_licence_blocks_an_exclusive_sale_of_its_language_only() -> None:
    shared = licence(22, FRENCH_TV, FR, exclusive=False)
    catalog = index(everything(), shared)

    assert catalog.query(ask(("fr", "audio"))).status(FILM) is Status.AVAILABLE
    exclusive = catalog.query(ask(("fr", "audio"), exclusive=True))
    assert exclusive.status(FILM) is Status.UNAVAILABLE
    assert [b.blocks for b in exclusive.explain(FILM).blocked] == [(block(shared),)]
    assert catalog.query(ask(("en", "audio"), exclusive=True)).status(FILM) is Status.AVAILABLE
    assert catalog.query(ask(exclusive=True)).status(FILM) is Status.PARTIAL


def test_rights_in_limited_to_a_language_hold_only_that_language() -> None:
    catalog = index(everything(languages=frozenset({("fr-CA", "audio")})))

    why = catalog.query(ask()).explain(FILM)
    assert why.status is Status.PARTIAL
    assert why.free == (Cell(CA, SVOD, YEAR, (("fr", "audio"),)),)
    assert why.blocked == (BlockedCell(Cell(CA, SVOD, YEAR, (OTHER,)), (Block(Reason.NOT_HELD),)),)
    assert catalog.query(ask(("fr", "audio"))).status(FILM) is Status.AVAILABLE
    assert catalog.query(ask(("fr", "subtitles"))).status(FILM) is Status.UNAVAILABLE


def test_a_language_limited_holdback_blocks_its_languages_only() -> None:
    holdback = Holdback(
        31, 31, "D-31", FILM, FRENCH_TV, CA, SVOD, YEAR, languages=frozenset({("fr", "audio")})
    )
    catalog = index(everything(), holdback)

    french = catalog.query(ask(("fr", "audio")))
    assert french.status(FILM) is Status.UNAVAILABLE
    [blocked] = french.explain(FILM).blocked
    assert blocked.blocks == (
        Block(
            Reason.HOLDBACK,
            31,
            deal_id=31,
            deal_ref="D-31",
            until=UNTIL,
            languages=(("fr", "audio"),),
        ),
    )
    assert catalog.query(ask(("fr", "subtitles"))).status(FILM) is Status.AVAILABLE


def test_a_block_names_its_records_language_leaves_whatever_the_spelling() -> None:
    # Two licences of one language leaf, spelt differently: each block says the leaf.
    plain = licence(41, FRENCH_TV, frozenset({("vi", "subtitles")}), VN)
    regional = licence(42, ENGLISH_TV, frozenset({("vi-VN", "subtitles")}), T.mask("CN"))
    catalog = index(everything(), plain, regional)

    for territories, grant in ((VN, plain), (T.mask("CN"), regional)):
        query = ask(("vi", "subtitles"), territories=territories)
        [blocked] = catalog.query(query).explain(FILM).blocked
        assert blocked.blocks == (block(grant),)
        assert blocked.blocks[0].languages == (("vi", "subtitles"),)
        assert catalog.query(query).why_not().blocks(FILM) == (block(grant),)
    both = catalog.query(ask(("vi", "subtitles"), territories=VN | T.mask("CN")))
    assert both.why_not().blocks(FILM) == (block(plain), block(regional))
    assert block(FRENCH).languages == (("fr", "audio"), ("fr", "subtitles"))


# -- every holder at once, and why not in bulk -------------------------------------------------


def test_the_whole_market_answers_each_holder_in_each_language() -> None:
    agent = everything(AGENT, record_id=2, exclusive=False)  # represents the title too
    catalog = index(everything(), agent, FRENCH)

    market = catalog.query(ask(("fr", "subtitles"), holder=None))
    assert sorted(market.pairs()) == [
        (FILM, STUDIO, Status.UNAVAILABLE),
        (FILM, AGENT, Status.UNAVAILABLE),
    ]
    assert market.why_not().blocks(FILM, STUDIO) == (block(FRENCH),)
    assert market.why_not().blocks(FILM, AGENT) == (block(FRENCH),)
    english = catalog.query(ask(("en", "subtitles"), holder=None))
    assert sorted(english.pairs()) == [
        (FILM, STUDIO, Status.AVAILABLE),
        (FILM, AGENT, Status.AVAILABLE),
    ]
    assert english.why_not().blocks(FILM, AGENT) == ()
    # Exclusively, the agent's non-exclusive representation is the reason, in every language.
    exclusive = catalog.query(ask(("en", "subtitles"), holder=None, exclusive=True))
    assert sorted(exclusive.pairs()) == [
        (FILM, STUDIO, Status.AVAILABLE),
        (FILM, AGENT, Status.UNAVAILABLE),
    ]
    assert exclusive.why_not().blocks(FILM, AGENT) == (
        Block(Reason.HELD_NON_EXCLUSIVE, 2, until=None),
    )


def test_why_not_in_bulk_lists_each_blocking_licence_once() -> None:
    catalog = index(everything(), FRENCH, ENGLISH)

    result = catalog.query(ask())
    why = result.why_not()
    assert why.blocks(FILM) == (block(FRENCH), block(ENGLISH))  # by reason, then record
    assert len(why) == 2
    assert sorted(why.record.tolist()) == [FRENCH.id, ENGLISH.id]
    assert set(why.until.tolist()) == {UNTIL.toordinal()}
    assert catalog.query(ask(("de", "subtitles"))).why_not().blocks(FILM) == ()
