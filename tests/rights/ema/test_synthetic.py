"""The synthetic EMA files kept in the repository: read, checked and round-tripped by the
codec in every clone, whether or not MovieLabs' golden files are beside the checkout."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from cinebridge.rights.ema import (
    EmaInvalid,
    avails_from_xlsx,
    avails_from_xml,
    avails_to_xlsx,
    avails_to_xml,
)
from tests.rights.ema.files.workbooks import movies_workbook, tv_workbook


def test_valid_xml_reads_movie_episodes_and_season(synthetic):
    records = avails_from_xml((synthetic / "valid_v2.5.xml").read_bytes())
    assert [r.work_type for r in records] == ["Movie", "Movie", "Episode", "Episode", "Season"]
    movie = records[0]
    assert movie.title == "Ёжик в тумане" and movie.alt_id == "EX-HEDGEHOG"
    assert movie.territories == ("VN", "TH") and movie.exclusive is True
    assert (movie.start, movie.end) == (date(2027, 3, 1), date(2029, 3, 1))
    assert (movie.price_type, movie.price_value, movie.price_currency) == (
        "WSP",
        Decimal("4.99"),
        "USD",
    )
    assert records[1].transaction_id is None and records[1].end is None
    first, second, season = records[2:]
    assert (first.season_number, first.episode_number) == (1, 1)
    assert (second.season_number, second.episode_number) == (1, 2)
    assert first.series_title == season.series_title == "Just You Wait"
    assert season.season_number == 2 and season.territories == ("RU", "KZ")


@pytest.mark.parametrize(("build", "rows"), [(movies_workbook, 3), (tv_workbook, 4)])
def test_synthetic_workbooks_read_every_row(build, rows):
    records = avails_from_xlsx(build())
    assert len(records) == rows
    assert all(r.licensor == "Example Animation" for r in records)


def test_tv_workbook_keeps_seasons_and_episodes():
    records = avails_from_xlsx(tv_workbook())
    assert [(r.work_type, r.season_number, r.episode_number) for r in records] == [
        ("Episode", 1, 1),
        ("Episode", 1, 2),
        ("Episode", 1, 3),
        ("Season", 2, None),
    ]


@pytest.mark.parametrize("source", ["xml", "movies", "tv"])
def test_synthetic_files_round_trip_through_both_writers(synthetic, source):
    if source == "xml":
        records = avails_from_xml((synthetic / "valid_v2.5.xml").read_bytes())
    else:
        records = avails_from_xlsx(movies_workbook() if source == "movies" else tv_workbook())
    assert avails_from_xml(avails_to_xml(records)) == records
    assert avails_from_xlsx(avails_to_xlsx(records)) == records


def test_error_file_is_refused(synthetic):
    with pytest.raises(EmaInvalid):
        avails_from_xml((synthetic / "errors_v2.5.xml").read_bytes())
