"""Avails API: status counts and titles, one title's cells and reasons, report files, tenancy."""

import pytest

from tests.factories import OrganisationFactory, make_title
from tests.rights.factories import make_deal, make_rights_in

pytestmark = pytest.mark.django_db

ASK = {"territories": "VN", "media": "SVOD", "start": "2027-03-01", "end": "2029-02-28",
       "exclusive": "true"}  # fmt: skip
VN_SVOD = {"territories": ["VN"], "media": ["SVOD"], "start": "2027-03-01", "end": "2029-03-01"}


@pytest.fixture
def hedgehog(studio):
    return make_title(studio, kind="animation", reference="SMF-0002",
                      original_title="Ёжик в тумане", year=1975)  # fmt: skip


@pytest.fixture
def licensed(studio, broadcaster, nu_pogodi, hedgehog):
    """Both titles held worldwide; nu_pogodi licensed exclusively to VTV for VN SVOD."""
    make_rights_in(studio, nu_pogodi)
    make_rights_in(studio, hedgehog)
    return make_deal(studio, broadcaster, [{"titles": [nu_pogodi.pk], "exclusive": True,
                                            **VN_SVOD}], sign=True, reference="VTV-2027")  # fmt: skip


def test_counts_and_titles(api, licensed, studio_sales, nu_pogodi, hedgehog):
    response = api(studio_sales).get("/api/avails/", ASK)
    assert response.status_code == 200, response.json()
    data = response.json()
    assert data["organisation"] == "soyuzmultfilm"
    assert data["counts"] == {"available": 1, "partial": 0, "unavailable": 1}
    assert {(t["id"], t["status"]) for t in data["results"]} == {
        (nu_pogodi.pk, "unavailable"), (hedgehog.pk, "available")}  # fmt: skip
    assert data["count"] == 2


def test_status_filter_and_pages(api, licensed, studio_sales, hedgehog):
    data = api(studio_sales).get("/api/avails/", {**ASK, "status": "available"}).json()
    assert [t["reference"] for t in data["results"]] == ["SMF-0002"]
    assert data["results"][0]["original_title"] == "Ёжик в тумане"
    assert data["counts"]["unavailable"] == 1  # counts stay over every title
    assert api(studio_sales).get("/api/avails/", {**ASK, "page": 9}).status_code == 404


def test_a_title_says_why_and_names_the_deal_to_its_party(api, licensed, studio_sales, nu_pogodi):
    data = api(studio_sales).get(f"/api/avails/{nu_pogodi.pk}/", ASK).json()
    assert data["status"] == "unavailable" and data["free"] == []
    [cell] = data["blocked"]
    assert (cell["territories"], cell["media"]) == ("Vietnam", "SVOD")
    [reason] = cell["reasons"]
    assert reason["code"] == "exclusive_licence"
    assert reason["deal_reference"] == "VTV-2027" and reason["deal_id"] == licensed.pk
    assert "VTV-2027" in reason["text"] and reason["until"] == "2029-03-01"


def test_a_licence_the_holder_is_not_party_to_is_shown_without_its_reference(
    api, studio, broadcaster, nu_pogodi, studio_sales
):
    agency = OrganisationFactory(name="Roskino", slug="roskino", kind="agency")
    make_rights_in(studio, nu_pogodi)
    make_rights_in(agency, nu_pogodi, territories=["VN"], source_contract="Representation VN")
    make_deal(agency, broadcaster, [{"titles": [nu_pogodi.pk], "exclusive": True, **VN_SVOD}],
              sign=True, reference="RK-SECRET")  # fmt: skip
    data = api(studio_sales).get(f"/api/avails/{nu_pogodi.pk}/", ASK).json()
    [reason] = data["blocked"][0]["reasons"]
    assert reason["deal_reference"] == "" and reason["deal_id"] is None
    assert "a deal you are not party to" in reason["text"] and "RK-SECRET" not in reason["text"]
    assert reason["until"] == "2029-03-01"


def test_partial_when_free_for_part_of_the_period(api, licensed, studio_sales, nu_pogodi):
    ask = {**ASK, "end": "2030-01-01", "match": "overlap", "min_days": "90"}
    data = api(studio_sales).get(f"/api/avails/{nu_pogodi.pk}/", ask).json()
    assert data["status"] == "available"
    assert [(c["start"], c["end"]) for c in data["free"]] == [("2029-03-01", "2030-01-01")]
    listed = api(studio_sales).get("/api/avails/", {**ask, "match": "entire"}).json()
    assert {t["status"] for t in listed["results"]} == {"partial", "available"}


def test_members_of_other_organisations_cannot_ask(api, licensed, outsider, nu_pogodi):
    client = api(outsider)
    ask = {**ASK, "organisation": "soyuzmultfilm"}
    assert client.get("/api/avails/", ask).status_code == 404
    assert client.get(f"/api/avails/{nu_pogodi.pk}/", ask).status_code == 404
    assert client.get("/api/avails/report.csv", ask).status_code == 404
    assert api().get("/api/avails/", ask).status_code in (401, 403)


def test_a_user_of_several_organisations_must_say_which(api, licensed, studio_sales, broadcaster):
    from cinebridge.organisations.models import Membership

    Membership.objects.create(user=studio_sales, organisation=broadcaster, role="sales")
    response = api(studio_sales).get("/api/avails/", ASK)
    assert response.status_code == 400
    assert response.json()["problems"][0]["field"] == "organisation"
    ask = {**ASK, "organisation": "soyuzmultfilm"}
    assert api(studio_sales).get("/api/avails/", ask).status_code == 200


@pytest.mark.parametrize(
    ("change", "field", "code"),
    [
        ({"end": "2027-01-01"}, "end", "period_ends_before_start"),
        ({"territories": "VN,XX"}, "territories", "unknown_territory"),
        ({"start": "01/03/2027"}, "start", "bad_date"),
        ({"languages": "vi:smell"}, "languages", "unknown_usage"),
        ({"status": "maybe"}, "status", "unknown_choice"),
    ],
)
def test_bad_input_is_400_with_every_problem(api, licensed, studio_sales, change, field, code):
    response = api(studio_sales).get("/api/avails/", {**ASK, **change})
    assert response.status_code == 400
    [problem] = response.json()["problems"]
    assert (problem["field"], problem["code"]) == (field, code)
    assert problem["message"]


def test_report_files(api, licensed, studio_sales):
    client = api(studio_sales)
    csv_file = client.get("/api/avails/report.csv", ASK)
    assert csv_file.status_code == 200
    assert csv_file["Content-Type"].startswith("text/csv")
    assert 'filename="avails-2027-03-01-2029-02-28.csv"' in csv_file["Content-Disposition"]
    lines = csv_file.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Reference,Original title,Status")
    assert any("VTV-2027" in line and ",blocked," in line for line in lines)
    xlsx = client.get("/api/avails/report.xlsx", {**ASK, "status": "available"},
                      HTTP_ACCEPT="application/vnd.ms-excel")  # fmt: skip
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
