"""Every input path refuses control characters and lone surrogates with a 400, a field error
or a row/column error, never a 500; exports survive what is already stored.

Run on SQLite and on PostgreSQL (DATABASE_URL): PostgreSQL refuses NUL at once, SQLite stores
it and the XLSX writer then failed.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile

import pytest
from django.db import connection
from openpyxl import Workbook, load_workbook
from rest_framework.test import APIClient

from cinebridge.catalog.imports import titles_import
from cinebridge.catalog.models import Title
from cinebridge.rights.ema import EmaAvail, EmaInvalid, avails_to_xlsx
from cinebridge.rights.ema_exchange import rights_in_import_ema
from cinebridge.rights.models import Deal, RightsIn
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

BAD = {"NUL": "Ну\x00погоди", "C0": "Ну\x01погоди", "surrogate": "Ну\ud800погоди"}


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def api_as(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def send(client, method: str, url: str, payload: dict) -> object:
    # json.dumps writes a lone surrogate as the escape "\ud800", as a hostile client would
    return getattr(client, method)(url, json.dumps(payload), content_type="application/json")


def refused_at(response, field: str) -> str:
    assert response.status_code == 400, response.content
    body = response.json()
    assert any(field in json.dumps(value) or field == key for key, value in body.items()), body
    return json.dumps(body)


# -- API: catalog, people, organisations, deals, rights in, release events ------------------


@pytest.mark.parametrize("bad", BAD)
def test_the_titles_api_refuses_bad_text(bad, studio_sales, nu_pogodi):
    client = api_as(studio_sales)
    raw = {"kind": "feature", "original_title": BAD[bad], "original_language": "ru"}
    body = refused_at(send(client, "post", "/api/titles/", raw), "original_title")
    assert "U+" in body
    credits = {"credits": [{"role": "director", "name": BAD[bad]}]}
    refused_at(send(client, "patch", f"/api/titles/{nu_pogodi.pk}/", credits), "credits")
    assert Title.objects.count() == 1


@pytest.mark.parametrize("bad", BAD)
def test_the_people_and_organisations_apis_refuse_bad_text(bad, studio_sales):
    refused_at(send(api_as(studio_sales), "post", "/api/people/", {"name": BAD[bad]}), "name")
    staff = UserFactory(is_staff=True)
    raw = {"name": BAD[bad], "slug": "bad", "kind": "studio", "country": "RU"}
    refused_at(send(api_as(staff), "post", "/api/organisations/", raw), "name")


@pytest.mark.parametrize("bad", BAD)
def test_the_rights_api_refuses_bad_text(bad, studio, studio_sales, broadcaster, nu_pogodi):
    client = api_as(studio_sales)
    grant = {
        "titles": [nu_pogodi.pk],
        "territories": ["VN"],
        "media": ["SVOD"],
        "start": "2027-03-01",
        "end": "2029-03-01",
    }
    deal = {"licensee": "vtv", "reference": "D-1", "internal_notes": BAD[bad], "grants": [grant]}
    refused_at(send(client, "post", "/api/deals/", deal), "internal_notes")
    rights = {
        "title": nu_pogodi.pk,
        "territories": ["VN"],
        "media": ["SVOD"],
        "start": "2027-03-01",
        "source_contract": BAD[bad],
    }
    refused_at(send(client, "post", "/api/rights-in/", rights), "source_contract")
    event = {
        "title": nu_pogodi.pk,
        "kind": "theatrical_release",
        "territory": BAD[bad],
        "date": "2027-03-01",
    }
    url = "/api/release-events/?organisation=soyuzmultfilm"
    refused_at(send(client, "post", url, event), "territory")
    assert not Deal.objects.exists() and not RightsIn.objects.exists()


def test_form_encoded_api_requests_are_checked_too(studio_sales):
    response = api_as(studio_sales).post("/api/people/", {"name": "Bad\x01name"})
    refused_at(response, "name")


def test_a_carriage_return_is_accepted_where_a_line_break_is(studio_sales):
    raw = {
        "kind": "feature",
        "original_title": "Red Silk",
        "original_language": "en",
        "synopses": [{"language": "en", "text": "One.\r\nTwo."}],
    }
    assert send(api_as(studio_sales), "post", "/api/titles/", raw).status_code == 201
    raw["original_title"] = "Red\rSilk"
    refused_at(send(api_as(studio_sales), "post", "/api/titles/", raw), "original_title")


# -- forms -----------------------------------------------------------------------------------


def test_the_title_form_shows_a_field_error(client, studio_sales, studio):
    client.force_login(studio_sales)
    data = {
        "original_title": "Ну\x01погоди",
        "original_language": "ru",
        "kind": "feature",
        "status": "draft",
        "credits": "director: Вячеслав\x02Котёночкин",
    }
    response = client.post(f"/titles/new/?owner={studio.slug}", data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "U+0001" in " ".join(errors["original_title"])
    assert "U+0002" in " ".join(errors["credits"])
    assert not Title.objects.exists()


def test_the_deal_and_rights_in_forms_show_a_field_error(
    client, studio_sales, broadcaster, nu_pogodi
):
    client.force_login(studio_sales)
    nu_pogodi.reference = "SMF-0001"
    nu_pogodi.save()
    response = client.post(
        "/deals/new/",
        {
            "licensee": broadcaster.slug,
            "fee_kind": "licence_fee",
            "internal_notes": "Floor\x07price",
            "grants": "SMF-0001 | VN | SVOD | 2027-03-01 | 2029-03-01",
        },
    )
    assert response.status_code in (200, 400)  # the deal form answers 400 with its errors
    assert "U+0007" in " ".join(response.context["form"].errors["internal_notes"])
    response = client.post(
        "/rights-in/new/",
        {
            "title": "SMF-0001",
            "territories": "VN",
            "media": "SVOD",
            "start": "2024-01-01",
            "end": "+730 days",
            "source_contract": "Contract\x1b2024",
        },
    )
    assert response.status_code in (200, 400)
    assert "U+001B" in " ".join(response.context["form"].errors["source_contract"])
    assert not Deal.objects.exists() and not RightsIn.objects.exists()


# -- imports ---------------------------------------------------------------------------------


def test_a_csv_import_names_the_row_and_column(studio):
    data = "kind,original_title,original_language,directors\r\n" + (
        "feature,Ну\x00погоди,ru,Котёночкин\r\nfeature,Сталкер,ru,Андрей\x1fТарковский\r\n"
    )
    report = titles_import(
        actor=None, owner=studio, path_or_file=io.BytesIO(data.encode()), file_format="csv"
    )
    assert [(e.row, e.column, e.code) for e in report.errors] == [
        (2, "original_title", "control_character"),
        (3, "directors", "control_character"),
    ]
    assert "U+0000" in report.errors[0].message and not Title.objects.exists()


def xlsx_with_cell(rows: list[list[str]], marker: str, xml_text: bytes) -> bytes:
    """An XLSX file whose cell ``marker`` holds ``xml_text`` (what openpyxl cannot write)."""
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            target.writestr(item, source.read(item.filename).replace(marker.encode(), xml_text))
    return out.getvalue()


@pytest.mark.parametrize("xml_text", [b"A&#1;B", b"A&#xD800;B", b"A\x01B"])
def test_an_xlsx_import_names_the_cell_xml_cannot_hold(studio, xml_text):
    rows = [["kind", "original_title", "original_language"], ["feature", "MARKER", "ru"]]
    data = xlsx_with_cell(rows, "MARKER", xml_text)
    report = titles_import(
        actor=None, owner=studio, path_or_file=io.BytesIO(data), file_format="xlsx"
    )
    [error] = report.errors
    assert "row 2, column B" in error.message, error.message
    assert not Title.objects.exists()


def test_an_ema_spreadsheet_names_the_row_and_column(studio):
    record = EmaAvail(
        alid="md:alid:eidr-s:1",
        licensor="MARKER",
        avail_type="single",
        work_type="Movie",
        title="Stalker",
        license_type="EST",
        territories=("US",),
        format_profile="HD",
        content_id="md:cid:org:x:1",
        start=dt.date(2027, 1, 1),
    )
    data = avails_to_xlsx([record])
    for xml_text in (b"A&#1;B", b"A\x00B"):
        bad = _zip_replace(data, b"MARKER", xml_text)
        with pytest.raises(EmaInvalid) as refused:
            rights_in_import_ema(actor=None, holder=studio, data=bad, filename="bad.xlsx")
        assert "row 4, column " in str(refused.value), str(refused.value)
    assert not RightsIn.objects.exists()


def test_an_ema_xml_file_names_the_line(studio):
    xml = (
        b'<?xml version="1.0"?>\n<AvailList xmlns="http://www.movielabs.com/schema/avails/v2.5/avails">\n'
        b"<Avail>&#1;</Avail></AvailList>"
    )
    with pytest.raises(EmaInvalid) as refused:
        rights_in_import_ema(actor=None, holder=studio, data=xml, filename="bad.xml")
    assert "line 3" in str(refused.value)


def _zip_replace(data: bytes, old: bytes, new: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            target.writestr(item, source.read(item.filename).replace(old, new))
    return out.getvalue()


# -- exports survive what is already stored --------------------------------------------------


@pytest.mark.parametrize("url", ["/titles/export.xlsx", "/organisations/soyuzmultfilm/export.xlsx"])
def test_xlsx_exports_drop_control_characters_already_stored(client, url, nu_pogodi):
    if connection.vendor == "postgresql":
        stored = "Ну,\x01 погоди!\x1f"  # PostgreSQL cannot hold NUL at all
    else:
        stored = "Ну,\x00\x01 погоди!\x1f"
    Title.objects.filter(pk=nu_pogodi.pk).update(original_title=stored, internal_notes="a\x0bb")
    response = client.get(url)
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    header = [c.value for c in sheet[1]]
    assert sheet.cell(2, header.index("original_title") + 1).value == "Ну, погоди!"


def test_the_avails_report_xlsx_drops_control_characters_already_stored(studio, nu_pogodi):
    from cinebridge.rights import selectors
    from cinebridge.rights.reports import avails_report
    from tests.rights.factories import make_rights_in

    make_rights_in(studio, nu_pogodi)
    nu_pogodi.original_title = "Ну,\x01 погоди!"
    query = selectors.avails_query_from_raw(
        {"territories": "VN", "media": "SVOD", "start": "2027-03-01", "end": "2029-03-01"},
        holder_id=studio.pk,
    )
    content, _, _ = avails_report(
        result=selectors.avails_for(query=query),
        titles={nu_pogodi.pk: nu_pogodi},
        viewer_org_ids={studio.pk},
        fmt="xlsx",
    )
    sheet = load_workbook(io.BytesIO(content)).active
    assert sheet["B2"].value == "Ну, погоди!"


@pytest.mark.parametrize("fmt", ["xml", "xlsx"])
def test_the_ema_export_drops_control_characters_already_stored(
    fmt, studio, studio_sales, nu_pogodi
):
    from tests.rights.factories import make_rights_in

    make_rights_in(studio, nu_pogodi, media=["SVOD"])
    Title.objects.filter(pk=nu_pogodi.pk).update(original_title="Ну,\x01 погоди!")
    response = api_as(studio_sales).get(f"/api/rights-in/ema.{fmt}?organisation=soyuzmultfilm")
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert "Ну, погоди!".encode() in body or fmt == "xlsx"


# -- query strings ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/api/avails/?organisation=%00",
        "/api/deals/?organisation=%01",
        "/api/titles/?q=%00",
        "/avails/?organisation=%00",
        "/rights-in/?organisation=%00",
        "/titles/new/?owner=%00",
        "/titles/export.csv?q=%00",
    ],
)
def test_a_query_string_with_a_control_character_is_a_400(client, studio_sales, url):
    client.force_login(studio_sales)
    response = client.get(url)
    assert response.status_code == 400
    assert "U+000" in response.content.decode()
