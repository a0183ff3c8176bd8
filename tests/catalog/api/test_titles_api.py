"""Titles API: tenancy (404 for others' drafts), access levels, validation, search."""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from cinebridge.catalog.models import Title
from cinebridge.core.audit import audit_history

pytestmark = pytest.mark.django_db


def client_for(user=None):
    client = APIClient()
    if user is not None:
        token, _ = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def test_anonymous_sees_the_public_side_only(nu_pogodi):
    data = client_for().get(f"/api/titles/{nu_pogodi.pk}/").json()
    assert data["original_title"] == "Ну, погоди!"
    assert {a["kind"] for a in data["assets"]} == {"trailer"}
    for private in ("credits", "versions", "internal_notes", "asking_price"):
        assert private not in data


def test_another_organisation_sees_trade_details_but_not_private_fields(nu_pogodi, outsider):
    data = client_for(outsider).get(f"/api/titles/{nu_pogodi.pk}/").json()
    assert data["credits"][0]["name"] == "Вячеслав Котёночкин"
    assert {a["kind"] for a in data["assets"]} == {"trailer", "screener"}
    assert "internal_notes" not in data and "asking_price" not in data


def test_owner_sees_private_fields(nu_pogodi, studio_sales):
    data = client_for(studio_sales).get(f"/api/titles/{nu_pogodi.pk}/").json()
    assert data["internal_notes"] == "Floor price agreed with Roskino"
    assert (data["asking_price"], data["asking_currency"]) == ("15000.00", "USD")


@pytest.mark.parametrize("who", ["anonymous", "outsider"])
def test_drafts_of_others_do_not_exist(draft, outsider, who):
    client = client_for(outsider if who == "outsider" else None)
    assert client.get(f"/api/titles/{draft.pk}/").status_code == 404
    listed = client.get("/api/titles/").json()["results"]
    assert draft.pk not in [t["id"] for t in listed]
    assert client.get("/api/titles/", {"q": "secret project"}).json()["results"] == []
    assert client.get("/api/search/", {"q": "secret project"}).json()["titles"] == []


def test_outsider_cannot_change_or_delete_a_title(nu_pogodi, draft, outsider):
    client = client_for(outsider)
    assert (
        client.patch(f"/api/titles/{draft.pk}/", {"year": 2000}, format="json").status_code == 404
    )
    assert client.delete(f"/api/titles/{draft.pk}/").status_code == 404
    response = client.patch(f"/api/titles/{nu_pogodi.pk}/", {"year": 2000}, format="json")
    assert response.status_code == 404
    assert Title.objects.get(pk=nu_pogodi.pk).year == 1969


def test_member_creates_a_title_and_it_is_audited(studio, studio_sales):
    response = client_for(studio_sales).post(
        "/api/titles/",
        {
            "kind": "feature",
            "original_title": "Красный шёлк",
            "original_language": "ru",
            "year": 2025,
            "countries": ["RU", "CN"],
            "localised_titles": [
                {"language": "zh-Hans", "text": "红丝绸"},
                {"language": "en", "text": "Red Silk"},
            ],
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    title = Title.objects.get(pk=response.json()["id"])
    assert title.owner == studio
    assert audit_history(title).get().actor == studio_sales
    found = client_for().get("/api/search/", {"q": "hong si chou"}).json()
    assert found["titles"] == []  # a new title is a draft until published
    mine = client_for(studio_sales).get("/api/search/", {"q": "hong si chou"}).json()
    assert [t["id"] for t in mine["titles"]] == [title.pk]


def test_bad_input_is_refused_with_every_problem_named(studio_sales):
    response = client_for(studio_sales).post(
        "/api/titles/",
        {"kind": "opera", "original_title": "X", "original_language": "xx", "countries": ["ZZ"]},
        format="json",
    )
    assert response.status_code == 400
    codes = {(e["field"], e["code"]) for e in response.json()["errors"]}
    assert codes == {
        ("kind", "unknown_kind"),
        ("original_language", "unknown_language"),
        ("countries", "unknown_country"),
    }


def test_anonymous_cannot_write(nu_pogodi):
    assert client_for().post("/api/titles/", {}, format="json").status_code in (401, 403)


def test_search_endpoint_and_filters(nu_pogodi):
    data = client_for().get("/api/search/", {"q": "nu pogodi"}).json()
    assert data["titles"][0]["id"] == nu_pogodi.pk
    assert data["people"] == []
    assert (
        client_for().get("/api/titles/", {"q": "pogodi", "kind": "feature"}).json()["results"] == []
    )
    bad = client_for().get("/api/titles/", {"year_from": "abc"})
    assert bad.status_code == 400 and "year_from" in bad.json()


def test_people_api_hides_private_people(studio, outsider):
    from cinebridge.catalog.services import person_create

    hidden = person_create(actor=None, owner=studio, name="Тайный автор", is_public=False)
    assert client_for(outsider).get(f"/api/people/{hidden.pk}/").status_code == 404
    assert client_for().get(f"/api/people/{hidden.pk}/").status_code == 404


def test_openapi_schema_and_docs():
    schema = client_for().get("/api/schema/")
    assert schema.status_code == 200
    assert b"/api/titles/" in schema.content and b"/api/search/" in schema.content
    assert client_for().get("/api/docs/").status_code == 200


def test_title_search_results_come_in_rank_order(studio, nu_pogodi):
    from tests.factories import make_title

    popular = make_title(studio, original_title="Ну, погоди! Выпуск 20", popularity=1000)
    results = client_for().get("/api/titles/", {"q": "ну, погоди!"}).json()["results"]
    assert [t["id"] for t in results] == [nu_pogodi.pk, popular.pk]
    assert results[0]["localised_titles"][0]["text"]  # full representation, prefetched
