"""Reference trees (territories in the request language, groups with versions, media) and
rights in (per organisation, editors only)."""

import pytest

from cinebridge.rights.models import RightsIn
from tests.factories import member_of
from tests.rights.factories import make_rights_in

pytestmark = pytest.mark.django_db


def test_territories_tree_and_groups(api):
    data = api().get("/api/territories/").json()
    by_code = {t["code"]: t for t in data["territories"]}
    world = by_code["001"]
    assert (world["name"].lower(), world["kind"], world["parent"]) == ("world", "world", None)
    assert by_code["VN"]["parent"] == "035" and by_code["VN"]["name"] == "Vietnam"
    assert by_code["035"]["parent"] == "142" and by_code["035"]["kind"] == "subregion"
    groups = {g["code"]: g for g in data["groups"]}
    assert {"CIS", "ASEAN", "GREATER_CHINA"} <= set(groups)
    version = groups["CIS"]["versions"][0]
    assert version["key"] == f"CIS@{version['version']}" and "KZ" in version["members"]


def test_territory_names_follow_the_request_language(api):
    data = api().get("/api/territories/", HTTP_ACCEPT_LANGUAGE="ru").json()
    assert {t["code"]: t["name"] for t in data["territories"]}["VN"] == "Вьетнам"


def test_media_tree(api):
    media = {m["code"]: m for m in api().get("/api/media/").json()}
    assert media["ALL"]["parent"] is None
    assert media["SVOD"]["parent"] == "VOD"


def test_rights_in_per_organisation(api, studio, studio_sales, outsider, nu_pogodi):
    held = make_rights_in(studio, nu_pogodi, territories=["001"], exclude_territories=["RU"])
    [row] = api(studio_sales).get("/api/rights-in/").json()["results"]
    assert row["id"] == held.pk and row["holder"]["slug"] == "soyuzmultfilm"
    assert (row["territories"], row["exclude_territories"]) == (["001"], ["RU"])
    assert row["territories_text"].lower() == "world excluding russia"
    assert api(outsider).get("/api/rights-in/").json()["results"] == []
    assert api(outsider).get(f"/api/rights-in/{held.pk}/").status_code == 404
    assert api(outsider).delete(f"/api/rights-in/{held.pk}/").status_code == 404
    ask = {"organisation": "soyuzmultfilm"}
    assert api(outsider).get("/api/rights-in/", ask).status_code == 404


def test_record_and_remove_rights_in(api, studio, studio_sales, nu_pogodi):
    client = api(studio_sales)
    raw = {
        "title": nu_pogodi.pk,
        "territories": "CIS",
        "media": ["TV", "VOD"],
        "start": "2026-01-01",
        "end": "2031-01-01",
        "source_contract": "SMF-2026-01",
    }
    created = client.post("/api/rights-in/", raw, format="json")
    assert created.status_code == 201, created.json()
    assert created.json()["territories"][0].startswith("CIS@")
    bad = client.post(
        "/api/rights-in/", {**raw, "end": "2025-01-01", "media": "CINEMA"}, format="json"
    )
    assert bad.status_code == 400
    assert {p["code"] for p in bad.json()["problems"]} == {
        "period_ends_before_start",
        "unknown_medium",
    }
    viewer = member_of(studio, "viewer", username="smf-viewer")
    url = f"/api/rights-in/{created.json()['id']}/"
    assert api(viewer).delete(url).status_code == 403
    assert api(viewer).post("/api/rights-in/", raw, format="json").status_code == 403
    assert client.delete(url).status_code == 204
    assert not RightsIn.objects.exists()
