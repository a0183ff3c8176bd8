"""Avails reports: one row per title and cell, CSV with ISO dates, XLSX with real dates."""

import csv
import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from cinebridge.rights import selectors
from cinebridge.rights.reports import avails_report, avails_rows, report_header
from tests.factories import make_title
from tests.rights.factories import make_deal, make_rights_in

pytestmark = pytest.mark.django_db

ASK = {"territories": "VN,TH", "media": "SVOD", "start": "2027-03-01", "end": "2029-03-01",
       "exclusive": True}  # fmt: skip


@pytest.fixture
def answer(studio, broadcaster, nu_pogodi):
    hidden = make_title(studio, original_title="Черновик", reference="SMF-9", status="draft")
    make_rights_in(studio, nu_pogodi)
    make_rights_in(studio, hidden)
    make_deal(
        studio,
        broadcaster,
        [
            {
                "titles": [nu_pogodi.pk],
                "exclusive": True,
                "territories": ["VN"],
                "media": ["SVOD"],
                "start": "2027-03-01",
                "end": "2028-03-01",
            }
        ],
        sign=True,
        reference="VTV-1",
    )
    query = selectors.avails_query_from_raw(ASK, holder_id=studio.pk)
    result = selectors.avails_for(query=query)
    return result, {nu_pogodi.pk: nu_pogodi}


def test_rows_per_cell_only_for_the_titles_given(answer, studio):
    result, titles = answer
    rows = list(avails_rows(result=result, titles=titles, viewer_org_ids={studio.pk}))
    assert {r.original_title for r in rows} == {"Ну, погоди!"}
    assert [(r.state, r.cell.territories, r.cell.start, r.cell.end) for r in rows] == [
        ("free", "Thailand", dt.date(2027, 3, 1), dt.date(2029, 3, 1)),
        ("blocked", "Vietnam", dt.date(2027, 3, 1), dt.date(2028, 3, 1)),
        ("free", "Vietnam", dt.date(2028, 3, 1), dt.date(2029, 3, 1)),
    ]
    assert rows[1].reasons == "Exclusive licence VTV-1 until 2028-03-01"
    [_, hidden, _] = avails_rows(result=result, titles=titles, viewer_org_ids=set())
    assert hidden.reasons == "Exclusive licence a deal you are not party to until 2028-03-01"
    assert {r.status.value for r in rows} == {"partial"}


def test_csv(answer, studio):
    result, titles = answer
    content, content_type, name = avails_report(
        result=result, titles=titles, viewer_org_ids={studio.pk}, fmt="csv"
    )
    assert content_type.startswith("text/csv") and name == "avails-2027-03-01-2029-03-01.csv"
    table = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert table[0] == report_header()
    assert table[2] == [
        "",
        "Ну, погоди!",
        "partial",
        "Vietnam",
        "SVOD",
        "2027-03-01",
        "2028-03-01",
        "blocked",
        "Exclusive licence VTV-1 until 2028-03-01",
        "",
    ]
    assert len(table) == 4


def test_xlsx_has_dates_a_frozen_header_and_a_filter(answer, broadcaster):
    result, titles = answer
    content, content_type, name = avails_report(
        result=result, titles=titles, viewer_org_ids={broadcaster.pk}, fmt="xlsx"
    )
    assert name.endswith(".xlsx") and "spreadsheetml" in content_type
    sheet = load_workbook(io.BytesIO(content)).active
    assert [c.value for c in sheet[1]] == report_header()
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:J4"
    assert sheet["F3"].value == dt.datetime(2027, 3, 1) and sheet["F3"].is_date
    assert sheet["I3"].value == "Exclusive licence VTV-1 until 2028-03-01"  # broadcaster is party


def test_an_unknown_format_is_refused(answer, studio):
    result, titles = answer
    with pytest.raises(ValueError, match="pdf"):
        avails_report(result=result, titles=titles, viewer_org_ids={studio.pk}, fmt="pdf")


def test_csv_cells_that_would_run_as_formulas_are_escaped(answer, studio, nu_pogodi):
    result, titles = answer
    nu_pogodi.original_title = '=HYPERLINK("https://evil.example","Ну, погоди!")'
    nu_pogodi.reference = "-SMF-1"
    content, _, _ = avails_report(
        result=result, titles=titles, viewer_org_ids={studio.pk}, fmt="csv"
    )
    table = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert {tuple(row[:2]) for row in table[1:]} == {
        ("'-SMF-1", '\'=HYPERLINK("https://evil.example","Ну, погоди!")')
    }


def test_a_language_limited_licence_splits_the_cells_by_language(studio, broadcaster, nu_pogodi):
    make_rights_in(studio, nu_pogodi)
    grant = {
        "titles": [nu_pogodi.pk],
        "exclusive": True,
        "territories": ["VN"],
        "media": ["SVOD"],
        "start": "2027-03-01",
        "end": "2029-03-01",
        "languages": "vi:subtitles",
    }
    make_deal(studio, broadcaster, [grant], sign=True, reference="VTV-VI")
    query = selectors.avails_query_from_raw({**ASK, "territories": "VN"}, holder_id=studio.pk)
    result = selectors.avails_for(query=query)
    rows = avails_rows(result=result, titles={nu_pogodi.pk: nu_pogodi}, viewer_org_ids={studio.pk})
    assert sorted((r.state, r.values()[-1], r.reasons) for r in rows) == [
        (
            "blocked",
            "vi subtitles",
            "Exclusive licence VTV-VI until 2029-03-01 (for vi subtitles only)",
        ),
        ("free", "other languages", ""),
    ]
