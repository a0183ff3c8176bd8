"""EMA Avails spreadsheets (v1.9 Movies and TV): golden files, bad sheets, round trips."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from io import BytesIO

import openpyxl
import pytest

from cinebridge.rights.ema import (
    EmaAvail,
    EmaInvalid,
    avails_from_xlsx,
    avails_from_xml,
    avails_to_xlsx,
    avails_to_xml,
)

FILES = {"Movies_v1.9.xlsx": 26, "TV_v1.9.xlsx": 38}


def _data_rows(data: bytes) -> int:
    """Non-empty rows below the '//' comment row, counted without the codec."""
    sheet = openpyxl.load_workbook(BytesIO(data)).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    comment = next(
        i for i, row in enumerate(rows) if any(str(v).startswith("//") for v in row if v)
    )
    return sum(1 for row in rows[comment + 1 :] if any(v not in (None, "") for v in row))


@pytest.mark.parametrize("name", sorted(FILES))
def test_every_data_row_becomes_one_record(golden, name):
    data = (golden / name).read_bytes()
    records = avails_from_xlsx(data)
    assert len(records) == _data_rows(data) == FILES[name]
    assert records[0].source == "row 4"


def test_movies_fields(golden):
    records = avails_from_xlsx((golden / "Movies_v1.9.xlsx").read_bytes())
    first = records[0]
    assert first.alid == "md:alid:eidr-s:1489-49A2-3956-4B2D-ZZ45-6"
    assert (first.licensor, first.license_type, first.territories) == (
        "Rockstar Films",
        "EST",
        ("US",),
    )
    assert (first.start, first.end, first.end_condition) == (date(2013, 6, 14), None, None)
    assert (first.title, first.title_internal_alias) == (
        "The View from a Mountain",
        "View from a Mountain, The",
    )
    assert (first.avail_type, first.work_type, first.format_profile) == ("single", "Movie", "HD")
    assert (first.price_type, first.price_value) == ("Tier", Decimal(4))
    assert first.exclusive is True
    assert first.transaction_id == "34530345-ABD-AA-1"
    assert first.release_year == 2006
    preorder = records[2]
    assert (preorder.license_type, preorder.medium) == ("POEST", "EST")
    assert (preorder.end, preorder.end_condition) == (None, "ESTStart")
    assert preorder.exclusive is False
    category = records[8]
    assert (category.price_type, category.price_value, category.price_text) == (
        "Category",
        None,
        "Early VOD",
    )
    wsp = records[18]
    assert (wsp.price_type, wsp.price_value, wsp.price_currency) == ("WSP", Decimal(10), "USD")
    assert wsp.territories == ("ES",) and wsp.title == "El primer baile"


def test_tv_fields(golden):
    records = avails_from_xlsx((golden / "TV_v1.9.xlsx").read_bytes())
    season = records[0]
    assert (season.avail_type, season.work_type, season.season_number) == ("season", "Season", 1)
    assert season.title == season.series_title == "The Detectives"
    assert (
        season.content_id == season.season_content_id == "md:cid:eidr-s:AAAA-AAAA-AAAA-AAAA-1111-A"
    )
    assert (season.price_type, season.price_value) == ("WSP", Decimal("7.99"))
    episode = records[4]
    assert (episode.work_type, episode.season_number, episode.episode_number) == ("Episode", 1, 1)
    assert episode.title == episode.episode_title == "Temps et lieu"
    assert episode.title_internal_alias == "Time and Place, The"
    assert episode.series_content_id == "md:cid:eidr-s:AAAA-AAAA-AAAA-AAAA-AAAA-A"
    assert episode.content_id == "md:cid:eidr-s:AAAA-AAAA-AAAA-1111-1111-B"
    french = records[-1]
    assert (french.territories, french.series_title) == (("FR",), "Les détectives")


@pytest.mark.parametrize("name", sorted(FILES))
def test_xlsx_round_trip(golden, name):
    records = avails_from_xlsx((golden / name).read_bytes())
    written = avails_to_xlsx(records)
    assert avails_from_xlsx(written) == records
    sheet = openpyxl.load_workbook(BytesIO(written)).worksheets[0]
    header = [[cell.value for cell in row] for row in sheet.iter_rows(max_row=3)]
    original = openpyxl.load_workbook(golden / name).worksheets[0]
    expected = [[cell.value for cell in row] for row in original.iter_rows(max_row=3)]
    assert header == expected
    assert sheet.title == original.title


@pytest.mark.parametrize("name", sorted(FILES))
def test_xlsx_records_survive_xml(golden, name):
    records = avails_from_xlsx((golden / name).read_bytes())
    assert avails_from_xml(avails_to_xml(records)) == records


def test_xml_records_survive_xlsx(golden):
    records = avails_from_xml((golden / "Avails_noErrors_v2.3.xml").read_bytes())
    assert avails_from_xlsx(avails_to_xlsx(records)) == records


def _movie_sheet(golden, *, shift: int = 0) -> openpyxl.Workbook:
    workbook = openpyxl.load_workbook(golden / "Movies_v1.9.xlsx")
    if shift:
        workbook.worksheets[0].insert_rows(1, amount=shift)
    return workbook


def _bytes(workbook: openpyxl.Workbook) -> bytes:
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()


def _column(sheet, name: str) -> int:
    for row in sheet.iter_rows(max_row=10):
        for cell in row:
            if cell.value == name:
                return cell.column
    raise AssertionError(name)


def test_header_found_by_names_and_empty_rows_skipped(golden):
    workbook = _movie_sheet(golden, shift=2)
    sheet = workbook.worksheets[0]
    sheet.cell(row=1, column=1, value="Avails from Rockstar Films")
    sheet.insert_rows(9, amount=3)  # a block of empty rows between data rows
    records = avails_from_xlsx(_bytes(workbook))
    assert len(records) == 26
    assert records[0].source == "row 6"
    assert records[5].source == "row 14"


def test_bad_cells_are_reported_by_row_and_column(golden):
    workbook = _movie_sheet(golden)
    sheet = workbook.worksheets[0]
    sheet.cell(row=5, column=_column(sheet, "Start"), value="14/06/2013")
    sheet.cell(row=6, column=_column(sheet, "LicenseType"), value="PPV-ish")
    sheet.cell(row=7, column=_column(sheet, "Territory"), value="XX")
    sheet.cell(row=8, column=_column(sheet, "End"), value=datetime(2013, 5, 1))
    sheet.cell(row=9, column=_column(sheet, "End"), value="2013-02-30")
    sheet.cell(row=10, column=_column(sheet, "FormatProfile")).value = None
    with pytest.raises(EmaInvalid) as caught:
        avails_from_xlsx(_bytes(workbook))
    locations = [p.location for p in caught.value.problems]
    assert locations == [
        "row 5, column Start",
        "row 6, column LicenseType",
        "row 7, column Territory",
        "row 8, column End",
        "row 9, column End",
        "row 10, column FormatProfile",
    ]
    text = str(caught.value)
    assert "14/06/2013" in text and "PPV-ish" in text and "'XX'" in text
    assert "before Start" in text and "2013-02-30" in text


def test_missing_required_columns(golden):
    workbook = _movie_sheet(golden)
    sheet = workbook.worksheets[0]
    sheet.delete_cols(_column(sheet, "ContentID"))
    sheet.delete_cols(_column(sheet, "FormatProfile"))
    with pytest.raises(EmaInvalid) as caught:
        avails_from_xlsx(_bytes(workbook))
    assert [p.element for p in caught.value.problems] == ["FormatProfile", "ContentID"]
    assert caught.value.problems[0].location == "row 2, column FormatProfile"


def test_not_a_template_or_not_a_workbook():
    workbook = openpyxl.Workbook()
    workbook.active.append(["Title", "Territory"])
    with pytest.raises(EmaInvalid, match="header row"):
        avails_from_xlsx(_bytes(workbook))
    with pytest.raises(EmaInvalid, match="not an .xlsx workbook"):
        avails_from_xlsx(b"plain text")


def test_mixed_records_get_a_movies_and_a_tv_sheet(golden):
    movies = avails_from_xlsx((golden / "Movies_v1.9.xlsx").read_bytes())[:2]
    tv = avails_from_xlsx((golden / "TV_v1.9.xlsx").read_bytes())[:3]
    written = avails_to_xlsx(movies + tv)
    titles = openpyxl.load_workbook(BytesIO(written)).sheetnames
    assert titles == ["Template-Movies", "Template-TV_v1.9"]
    back = avails_from_xlsx(written)
    assert back == movies + tv
    assert back[2].source == "sheet Template-TV_v1.9, row 4"


def test_writer_keeps_text_that_looks_like_a_formula():
    record = EmaAvail(
        alid="md:alid:org:example:2",
        work_type="Movie",
        title="=HYPERLINK(1)",
        title_internal_alias="Formula, The",
        content_id="md:cid:org:example:2",
        license_type="AVOD",
        territories=("DE", "AT"),
        start=date(2024, 1, 1),
        format_profile="UHD",
    )
    [back] = avails_from_xlsx(avails_to_xlsx([record]))
    assert back == record.__class__(**{**vars(record), "avail_type": "single"})
