import pytest

from cinebridge.catalog.models import Person
from cinebridge.catalog.selectors import catalog_search
from cinebridge.core.audit import audit_history
from tests.catalog.api.test_titles_api import client_for
from tests.factories import member_of

pytestmark = pytest.mark.django_db


def test_member_creates_and_renames_a_person_found_in_any_script(studio, studio_sales):
    client = client_for(studio_sales)
    created = client.post(
        "/api/people/",
        {
            "name": "Юрий Норштейн",
            "country": "ru",
            "names": [{"language": "en", "text": "Yuri Norstein"}],
        },
        format="json",
    )
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    assert [p.key for p in catalog_search(user=None, text="norshtein").person_hits] == [pk]
    changed = client.patch(
        f"/api/people/{pk}/",
        {"names": [{"language": "zh-hans", "text": "尤里·诺尔施泰因"}]},
        format="json",
    )
    assert changed.status_code == 200, changed.content
    assert changed.json()["names"] == [{"language": "zh-Hans", "text": "尤里·诺尔施泰因"}]
    history = audit_history(Person.objects.get(pk=pk))
    assert [e.action for e in history] == ["person.update", "person.create"]


def test_people_writes_are_refused_to_outsiders_and_viewers(studio, outsider):
    from cinebridge.catalog.services import person_create

    person = person_create(actor=None, owner=studio, name="Гарри Бардин")
    assert (
        client_for(outsider)
        .patch(f"/api/people/{person.pk}/", {"name": "X"}, format="json")
        .status_code
        == 404
    )
    viewer = member_of(studio, "viewer", username="smf-viewer")
    assert (
        client_for(viewer)
        .patch(f"/api/people/{person.pk}/", {"name": "X"}, format="json")
        .status_code
        == 403
    )
    bad = client_for(viewer).post(
        "/api/people/", {"name": "Y", "owner": "soyuzmultfilm"}, format="json"
    )
    assert bad.status_code == 400 and "owner" in bad.json()


def test_bad_person_input_is_named(studio_sales):
    response = client_for(studio_sales).post(
        "/api/people/",
        {"name": "Z", "country": "XX", "names": [{"language": "qq", "text": "z"}]},
        format="json",
    )
    assert response.status_code == 400
    body = response.json()
    assert "country" in body and "names" in body
