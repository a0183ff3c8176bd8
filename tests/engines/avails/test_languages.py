"""Language versions meet a wanted one by language, script and region, not by tag prefix.

The adapter resolves a bare wanted language for the territories asked (zh for CN is
zh-Hans) and fills in the likely script of each version (zh-CN is zh-Hans-CN); the engine
compares subtags.
"""

from __future__ import annotations

from datetime import date

from cinebridge.engines.avails import (
    AvailsIndex,
    AvailsQuery,
    Block,
    Period,
    Reason,
    RightsIn,
    Status,
    missing_languages,
    version_meets,
)

FILM, STUDIO = 7, 1
YEAR = Period(date(2030, 1, 1), date(2031, 1, 1))


def test_a_wanted_script_is_not_met_by_another_script() -> None:
    assert not version_meets("zh-Hans", "zh-Hant")
    assert not version_meets("zh-Hans", "zh-Hant-TW")
    assert version_meets("zh-Hans", "zh-Hans")
    assert version_meets("zh-Hans", "zh-Hans-CN")  # zh-CN once its script is filled in
    assert version_meets("zh-hant", "ZH-HANT-HK")  # case does not matter
    assert not version_meets("sr-Cyrl", "sr-Latn")
    assert version_meets("sr-Cyrl", "sr-Cyrl-RS")


def test_a_wanted_region_needs_that_region_and_a_bare_language_any_version() -> None:
    assert version_meets("vi", "vi-VN") and version_meets("vi", "vi-Latn-VN")
    assert not version_meets("vi-VN", "vi")  # a regional tag does not stand for a wider one
    assert not version_meets("en-US", "en-GB")
    assert version_meets("zh-CN", "zh-Hans-CN")  # not a prefix, but the same region
    assert not version_meets("zh", "zhx")  # a prefix of another language is not it
    assert not version_meets("zh-Hans", "zh")  # a version with no script names none


def test_the_explanation_says_which_version_met_the_request() -> None:
    versions = {FILM: {("zh-Hant-TW", "subtitles"), ("zh-Hans-CN", "audio")}}
    catalog = AvailsIndex.build(
        territory_leaves=1,
        media_leaves=1,
        rights=[RightsIn(1, FILM, STUDIO, 1, 1, Period(date(2030, 1, 1)))],
        grants=[],
        holdbacks=[],
        versions=versions,
    )

    def ask(*wanted: tuple[str, str]) -> AvailsQuery:
        return AvailsQuery(STUDIO, 1, 1, YEAR, languages=frozenset(wanted))

    mainland = catalog.query(ask(("zh-Hans", "subtitles")))
    assert mainland.status(FILM) is Status.UNAVAILABLE
    [blocked] = mainland.explain(FILM).blocked
    assert blocked.blocks == (Block(Reason.NO_LANGUAGE_VERSION, detail="zh-Hans subtitles"),)
    assert missing_languages([("zh-Hans", "subtitles")], versions[FILM]) == (
        ("zh-Hans", "subtitles"),
    )

    taiwan = catalog.query(ask(("zh-Hant", "subtitles"), ("zh", "audio")))
    assert taiwan.status(FILM) is Status.AVAILABLE
    assert taiwan.explain(FILM).languages == (
        ("zh", "audio", "zh-Hans-CN"),
        ("zh-Hant", "subtitles", "zh-Hant-TW"),
    )
