"""Exports show each audience exactly what the title page and the API show it.

Audiences: anonymous visitors (public), signed-in users of other organisations (trade) and
members of the owner. Every export URL, as CSV and as XLSX, for each of them.
"""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from tests.factories import member_of

pytestmark = pytest.mark.django_db

CREDIT = "Вячеслав Котёночкин"
CREDIT_OTHER_SCRIPT = "Vyacheslav Kotyonochkin"
SCREENER = "https://example.org/screener/nu-pogodi-secret"
TRAILER = "https://example.org/trailer/nu-pogodi"
NOTES = "Floor price agreed with Roskino"
DRAFT = "Секретный проект"

URLS = ("/titles/export.{fmt}", "/organisations/soyuzmultfilm/export.{fmt}")


def rows_of(response, fmt: str) -> list[dict[str, str]]:
    assert response.status_code == 200
    if fmt == "csv":
        return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    table = [
        ["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)
    ]
    return [dict(zip(table[0], row, strict=True)) for row in table[1:]]


@pytest.fixture
def audience(request, client, studio, outsider):
    if request.param == "member":
        client.force_login(member_of(studio, "viewer", username="smf-viewer"))
    elif request.param == "trade":
        client.force_login(outsider)
    return request.param


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("url", URLS)
@pytest.mark.parametrize("audience", ["anonymous", "trade", "member"], indirect=True)
def test_exports_show_each_audience_what_the_pages_show(
    client, audience, url, fmt, nu_pogodi, draft
):
    rows = rows_of(client.get(url.format(fmt=fmt)), fmt)
    by_title = {r["original_title"]: r for r in rows}
    row = by_title["Ну, погоди!"]
    header = set(rows[0])
    everything = " ".join(" ".join(r.values()) for r in rows) + " ".join(header)
    trade = audience in ("trade", "member")
    private = audience == "member" and url.startswith("/organisations/")

    # Public for everyone: the title's identity and its trailer.
    assert row["title_en"] == "Well, Just You Wait!"
    assert row["trailer_url"] == TRAILER
    # Trade details: full credits, language versions, screeners.
    assert (CREDIT in everything) is trade
    assert (CREDIT_OTHER_SCRIPT in everything) is trade
    assert ({"directors", "person_names", "subtitles", "dubs", "screener_url"} <= header) is trade
    assert not trade or {"directors", "subtitles", "dubs", "screener_url"}.isdisjoint(
        {column for column in header if not row[column]}
    )
    assert (SCREENER in everything) is trade
    # The owner's private columns and drafts.
    assert ({"internal_notes", "asking_price", "asking_currency"} & header != set()) is private
    assert (NOTES in everything) is private
    assert ("15000" in everything) is private
    assert (DRAFT in by_title) is (audience == "member")


@pytest.mark.parametrize("audience", ["anonymous", "trade", "member"], indirect=True)
def test_the_api_and_the_export_agree_on_what_an_audience_sees(client, audience, nu_pogodi):
    api = client.get(f"/api/titles/{nu_pogodi.pk}/").json()
    row = rows_of(client.get("/organisations/soyuzmultfilm/export.csv"), "csv")[0]
    page = client.get(f"/titles/{nu_pogodi.pk}/").content.decode()

    assert ("credits" in api) is bool(row.get("directors")) is (CREDIT in page)
    assert ("versions" in api) is bool(row.get("subtitles")) is ('data-testid="versions"' in page)
    assert any(a["kind"] == "screener" for a in api["assets"]) is bool(row.get("screener_url"))
    assert (SCREENER in page) is bool(row.get("screener_url"))
    assert ("internal_notes" in api) is bool(row.get("internal_notes")) is (NOTES in page)
    assert ("asking_price" in api) is bool(row.get("asking_price"))
