import pytest

from cinebridge.core.audit import audit_history
from cinebridge.organisations.models import Organisation
from tests.catalog.api.test_titles_api import client_for
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_profiles_are_public_and_filterable(studio, broadcaster):
    data = client_for().get("/api/organisations/", {"country": "VN"}).json()
    assert [o["slug"] for o in data["results"]] == ["vtv"]
    assert client_for().get(f"/api/organisations/{studio.pk}/").json()["name"] == "Soyuzmultfilm"


def test_only_staff_create_organisations_and_it_is_audited(studio_sales):
    payload = {
        "slug": "roskino",
        "name": "Roskino",
        "name_local": "Роскино",
        "kind": "agency",
        "country": "RU",
    }
    assert (
        client_for(studio_sales).post("/api/organisations/", payload, format="json").status_code
        == 403
    )
    staff = UserFactory(username="ops", is_staff=True)
    response = client_for(staff).post("/api/organisations/", payload, format="json")
    assert response.status_code == 201, response.content
    roskino = Organisation.objects.get(slug="roskino")
    assert audit_history(roskino).get().actor == staff


def test_members_are_private(client, studio, studio_sales, outsider):
    client.force_login(outsider)
    assert "smf-sales" not in client.get(f"/organisations/{studio.slug}/").content.decode()
    client.force_login(studio_sales)
    assert "smf-sales" in client.get(f"/organisations/{studio.slug}/").content.decode()


def test_unknown_country_is_named():
    staff = UserFactory(username="ops2", is_staff=True)
    response = client_for(staff).post(
        "/api/organisations/",
        {"slug": "x", "name": "X", "kind": "studio", "country": "ZZ"},
        format="json",
    )
    assert response.status_code == 400
    assert "ZZ" in response.json()["country"][0]
