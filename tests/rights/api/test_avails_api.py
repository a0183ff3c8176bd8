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
    return make_title(
        studio, kind="animation", reference="SMF-0002", original_title="Ёжик в тумане", year=1975
    )


@pytest.fixture
def licensed(studio, broadcaster, nu_pogodi, hedgehog):
    """Both titles held worldwide; nu_pogodi licensed exclusively to VTV for VN SVOD."""
    make_rights_in(studio, nu_pogodi)
    make_rights_in(studio, hedgehog)
    return make_deal(
        studio,
        broadcaster,
        [{"titles": [nu_pogodi.pk], "exclusive": True, **VN_SVOD}],
        sign=True,
        reference="VTV-2027",
    )


def test_counts_and_titles(api, licensed, studio_sales, nu_pogodi, hedgehog):
    response = api(studio_sales).get("/api/avails/", ASK)
    assert response.status_code == 200, response.json()
    data = response.json()
    assert data["organisation"] == "soyuzmultfilm"
    assert data["counts"] == {"available": 1, "partial": 0, "unavailable": 1}
    assert {(t["id"], t["status"]) for t in data["results"]} == {
        (nu_pogodi.pk, "unavailable"),
        (hedgehog.pk, "available"),
    }
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
    make_deal(
        agency,
        broadcaster,
        [{"titles": [nu_pogodi.pk], "exclusive": True, **VN_SVOD}],
        sign=True,
        reference="RK-SECRET",
    )
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


def test_a_minimum_window_longer_than_the_period_is_refused_saying_why(api, licensed, studio_sales):
    # 2027-03-01 .. 2029-02-28 is 730 days: no window of 731 days fits, so nothing could
    # ever be available; the answer says so instead of listing every title unavailable.
    response = api(studio_sales).get("/api/avails/", {**ASK, "min_days": "731"})
    assert response.status_code == 400
    [problem] = response.json()["problems"]
    assert (problem["field"], problem["code"]) == ("min_days", "min_window_longer_than_period")
    assert "731" in problem["message"] and "730" in problem["message"]
    assert api(studio_sales).get("/api/avails/", {**ASK, "min_days": "730"}).status_code == 200
    # An open-ended period has room for any window.
    open_ended = {k: v for k, v in ASK.items() if k != "end"}
    assert (
        api(studio_sales).get("/api/avails/", {**open_ended, "min_days": "5000"}).status_code == 200
    )


def test_available_needs_one_window_free_in_every_cell_partial_any_free_cell(
    api, studio, broadcaster, studio_sales, nu_pogodi
):
    # VN is licensed away for 2027, TH for 2028: each cell is free for a year, never both
    # at once. A buyer licenses one window for every cell asked, so this is "partial".
    make_rights_in(studio, nu_pogodi)
    for territory, year in (("VN", "2027"), ("TH", "2028")):
        make_deal(
            studio,
            broadcaster,
            [
                {
                    "titles": [nu_pogodi.pk],
                    "exclusive": True,
                    "territories": [territory],
                    "media": ["SVOD"],
                    "start": f"{year}-01-01",
                    "end": f"{int(year) + 1}-01-01",
                }
            ],
            sign=True,
            reference=f"VTV-{territory}",
        )
    ask = {
        "territories": "VN,TH",
        "media": "SVOD",
        "start": "2027-01-01",
        "end": "2029-01-01",
        "match": "overlap",
        "min_days": "365",
    }
    url = f"/api/avails/{nu_pogodi.pk}/"
    assert api(studio_sales).get(url, ask).json()["status"] == "partial"
    # VN is free for 2028 (366 days), TH for 2027 (365): no cell has a free window of 367.
    assert api(studio_sales).get(url, {**ask, "min_days": "367"}).json()["status"] == "unavailable"


def test_report_files(api, licensed, studio_sales):
    client = api(studio_sales)
    csv_file = client.get("/api/avails/report.csv", ASK)
    assert csv_file.status_code == 200
    assert csv_file["Content-Type"].startswith("text/csv")
    assert 'filename="avails-2027-03-01-2029-02-28.csv"' in csv_file["Content-Disposition"]
    lines = csv_file.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Reference,Original title,Status")
    assert any("VTV-2027" in line and ",blocked," in line for line in lines)
    xlsx = client.get(
        "/api/avails/report.xlsx",
        {**ASK, "status": "available"},
        HTTP_ACCEPT="application/vnd.ms-excel",
    )
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"


def test_the_schema_and_the_page_say_what_the_statuses_mean(api, client, studio_sales):
    schema = api().get("/api/schema/", {"format": "json"}).content.decode()
    assert "some territory x medium is free for at least min_days" in schema
    assert "400 min_window_longer_than_period" in schema
    client.force_login(studio_sales)
    page = client.get("/avails/").content.decode()
    assert "every territory and medium asked is free at once" in page


def test_a_language_is_resolved_for_the_territory_and_the_version_that_met_it_named(
    api, studio, studio_sales
):
    # Traditional Chinese subtitles cannot be shown in mainland China: zh for CN is zh-Hans.
    film = make_title(
        studio,
        original_title="Film",
        versions=[
            {"language": "zh-Hant", "kind": "subtitles"},
            {"language": "zh-CN", "kind": "dub"},
        ],
    )
    make_rights_in(studio, film)
    ask = {**ASK, "languages": "zh:subtitles"}
    china = api(studio_sales).get(f"/api/avails/{film.pk}/", {**ask, "territories": "CN"}).json()
    assert china["status"] == "unavailable" and china["languages"] == []
    [reason] = china["blocked"][0]["reasons"]
    assert reason["code"] == "no_language_version" and "zh-Hans subtitles" in reason["text"]

    taiwan = api(studio_sales).get(f"/api/avails/{film.pk}/", {**ask, "territories": "TW"}).json()
    assert taiwan["status"] == "available"
    assert taiwan["languages"] == [
        {"wanted": "zh-Hant", "usage": "subtitles", "version": "zh-Hant"}
    ]

    dubbed = {**ask, "territories": "CN", "languages": "zh:audio"}
    china_audio = api(studio_sales).get(f"/api/avails/{film.pk}/", dubbed).json()
    assert china_audio["status"] == "available"
    assert china_audio["languages"] == [{"wanted": "zh-Hans", "usage": "audio", "version": "zh-CN"}]
    # Greater China needs both scripts.
    both = api(studio_sales).get("/api/avails/", {**ask, "territories": "CN,TW"}).json()
    assert both["counts"]["unavailable"] == 1


def test_a_language_limited_licence_blocks_only_its_languages_and_says_which(
    api, studio, broadcaster, studio_sales
):
    film = make_title(
        studio,
        original_title="Film",
        versions=[{"language": "fr", "kind": "dub"}, {"language": "en", "kind": "subtitles"}],
    )
    make_rights_in(studio, film)
    make_deal(
        studio,
        broadcaster,
        [
            {
                "titles": [film.pk],
                **VN_SVOD,
                "territories": ["CA"],
                "exclusive": True,
                "languages": "fr-CA:audio",
            }
        ],
        sign=True,
        reference="TVA-FR",
    )
    client = api(studio_sales)
    ask = {**ASK, "territories": "CA"}
    french = client.get(f"/api/avails/{film.pk}/", {**ask, "languages": "fr:audio"}).json()
    assert french["status"] == "unavailable"
    [reason] = french["blocked"][0]["reasons"]
    assert reason["code"] == "exclusive_licence" and reason["languages"] == [["fr", "audio"]]
    assert "TVA-FR" in reason["text"] and "(for fr audio only)" in reason["text"]
    english = client.get(f"/api/avails/{film.pk}/", {**ask, "languages": "en:subtitles"}).json()
    assert english["status"] == "available" and english["blocked"] == []
    listed = client.get("/api/avails/", {**ask, "languages": "en:subtitles"}).json()
    assert {t["id"]: t["status"] for t in listed["results"]}[film.pk] == "available"
    # Every language asked: the French audio part is sold, every other language is free.
    every = client.get(f"/api/avails/{film.pk}/", ask).json()
    assert every["status"] == "partial"
    assert [c["languages"] for c in every["blocked"]] == [[["fr", "audio"]]]
    assert [c["languages"] for c in every["free"]] == [[["*", "*"]]]
