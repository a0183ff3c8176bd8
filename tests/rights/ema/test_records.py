"""EmaAvail itself, the writers' preconditions, and a round-trip property over random records."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cinebridge.rights.ema import (
    LICENSE_TYPE_TO_MEDIUM,
    MEDIUM_TO_LICENSE_TYPE,
    EmaAvail,
    EmaInvalid,
    avails_from_xlsx,
    avails_from_xml,
    avails_to_xlsx,
    avails_to_xml,
)


def _movie(**changes) -> EmaAvail:
    values = {
        "alid": "md:alid:org:example:1",
        "licensor": "Example Films",
        "avail_type": "single",
        "work_type": "Movie",
        "title": "Example",
        "title_internal_alias": "Example",
        "content_id": "md:cid:org:example:1",
        "license_type": "SVOD",
        "territories": ("FR",),
        "start": date(2024, 1, 1),
        "format_profile": "HD",
    }
    return EmaAvail(**{**values, **changes})


def test_medium_mappings():
    assert LICENSE_TYPE_TO_MEDIUM["POEST"] == "EST"
    assert LICENSE_TYPE_TO_MEDIUM["VOD"] == "TVOD"
    assert LICENSE_TYPE_TO_MEDIUM["FVOD"] == "AVOD"
    for medium, license_type in MEDIUM_TO_LICENSE_TYPE.items():
        assert LICENSE_TYPE_TO_MEDIUM[license_type] == medium


def test_source_is_not_compared_and_lists_become_tuples():
    a = _movie(source="row 4", territories=["FR", "BE"])
    b = _movie(source="AvailList/Avail[1]/Transaction[1]", territories=("FR", "BE"))
    assert a == b and hash(a) == hash(b)
    assert a.territories == ("FR", "BE")


def test_writers_reject_records_they_cannot_express():
    bad = [
        _movie(format_profile=None),
        _movie(territories=("XX",), license_type="PPV"),
        _movie(end=date(2023, 1, 1)),
        _movie(allowed_languages=("en_US",)),
    ]
    with pytest.raises(EmaInvalid) as caught:
        avails_to_xml(bad)
    located = {(p.location, p.element) for p in caught.value.problems}
    assert located == {
        ("record 1", "format_profile"),
        ("record 2", "territories"),
        ("record 2", "license_type"),
        ("record 3", "end"),
        ("record 4", "allowed_languages"),
    }
    with pytest.raises(EmaInvalid):
        avails_to_xlsx(bad)
    with pytest.raises(EmaInvalid, match="ref_alids"):
        avails_to_xml([_movie(avail_type="supplement", work_type="Supplemental")])
    with pytest.raises(EmaInvalid, match="at least one record"):
        avails_to_xml([])


def test_licensor_default_and_derived_avail_type():
    record = _movie(licensor=None, avail_type=None, exclusive=False)
    [back] = avails_from_xml(avails_to_xml([record], licensor_default="Cinebridge"))
    assert (back.licensor, back.avail_type, back.exclusive) == ("Cinebridge", "single", False)


# --------------------------------------------------------------------------- property

_WORDS = st.text(alphabet=st.sampled_from("abcdefghijklmnopqrstuvwxyzÉéü '-,:!"), max_size=24)
TEXT = _WORDS.map(lambda s: " ".join(s.split())).filter(bool)
IDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-", min_size=1, max_size=12)
MAYBE = st.one_of(st.none(), TEXT)
COUNTRIES = ["US", "CA", "FR", "DE", "GB", "JP", "VN", "RU", "BR", "ZA"]
LANGUAGES = ["en", "fr", "de", "es-419", "en-GB", "cmn", "vi"]


@st.composite
def transactions(draw, base: dict) -> EmaAvail:
    start = draw(st.dates(min_value=date(1990, 1, 1), max_value=date(2040, 1, 1)))
    end = draw(st.one_of(st.none(), st.integers(0, 4000).map(lambda d: start + timedelta(d))))
    price = draw(
        st.sampled_from(
            [
                {},
                {"price_type": "Tier", "price_value": Decimal(draw(st.integers(1, 9)))},
                {"price_type": "Category", "price_text": draw(TEXT)},
                {
                    "price_type": "WSP",
                    "price_value": Decimal(draw(st.integers(0, 10**7))).scaleb(-2),
                    "price_currency": draw(st.sampled_from([None, "USD", "EUR"])),
                },
            ]
        )
    )
    return EmaAvail(
        **base,
        **price,
        license_type=draw(st.sampled_from(sorted(LICENSE_TYPE_TO_MEDIUM))),
        territories=tuple(
            draw(st.lists(st.sampled_from(COUNTRIES), min_size=1, max_size=3, unique=True))
        ),
        territory_exclusions=tuple(
            draw(st.lists(st.sampled_from(COUNTRIES), max_size=2, unique=True))
        ),
        start=start,
        end=end,
        end_condition=None if end else draw(st.sampled_from([None, "ESTStart"])),
        allowed_languages=tuple(
            draw(st.lists(st.sampled_from(LANGUAGES), max_size=3, unique=True))
        ),
        asset_language=draw(st.one_of(st.none(), st.sampled_from(LANGUAGES))),
        format_profile=draw(st.sampled_from(["SD", "HD", "UHD"])),
        exclusive=draw(st.sampled_from([None, True, False])),
        transaction_id=draw(st.one_of(st.none(), IDS)),
        contract_id=draw(st.one_of(st.none(), IDS)),
        rights_description=draw(MAYBE),
    )


@st.composite
def avail_bases(draw, number: int) -> dict:
    common = {
        "alid": f"md:alid:org:example:{number}-{draw(IDS)}",
        "licensor": draw(MAYBE),
        "service_provider": draw(MAYBE),
        "content_id": f"md:cid:org:example:{draw(IDS)}",
        "title_internal_alias": draw(TEXT),
        "alt_id": draw(st.one_of(st.none(), IDS)),
        "release_year": draw(st.one_of(st.none(), st.integers(1895, 2040))),
        "edit_eidr": draw(st.one_of(st.none(), IDS.map(lambda s: f"10.5240/{s}"))),
    }
    if draw(st.booleans()):
        return {
            **common,
            "avail_type": "single",
            "work_type": draw(st.sampled_from(["Movie", "Short"])),
            "title": draw(TEXT),
            "title_eidr": draw(st.one_of(st.none(), IDS.map(lambda s: f"10.5240/{s}"))),
        }
    title = draw(TEXT)
    in_season = draw(st.booleans())
    return {
        **common,
        "avail_type": "episode",
        "work_type": "Episode",
        "title": title,
        "episode_title": title,
        "series_title": draw(TEXT),
        "series_content_id": f"md:cid:org:example:series-{draw(IDS)}",
        "season_content_id": f"md:cid:org:example:season-{draw(IDS)}" if in_season else None,
        "season_number": draw(st.one_of(st.none(), st.integers(0, 99))) if in_season else None,
        "episode_number": draw(st.one_of(st.none(), st.integers(0, 9999))),
    }


@st.composite
def record_lists(draw) -> list[EmaAvail]:
    records = []
    for number in range(draw(st.integers(1, 3))):
        base = draw(avail_bases(number))
        records += draw(st.lists(transactions(base), min_size=1, max_size=3))
    return records


@settings(max_examples=40)
@given(record_lists())
def test_generated_records_survive_xml_and_xlsx(records):
    assert avails_from_xml(avails_to_xml(records)) == records
    # the spreadsheet puts movies on one sheet and TV on another, movies first
    by_sheet = [r for r in records if not r.is_tv] + [r for r in records if r.is_tv]
    assert avails_from_xlsx(avails_to_xlsx(records)) == by_sheet
