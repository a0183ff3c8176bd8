"""Found by make fuzz: a body that is not an object, and deleting a title deals still name,
are answered 400 and 409, not 500."""

import pytest

from cinebridge.catalog.models import Title
from tests.catalog.api.test_titles_api import client_for
from tests.rights.factories import make_deal, make_rights_in

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("body", [[None, None], 5, "x"])
def test_a_body_that_is_not_an_object_is_400(studio_sales, nu_pogodi, body):
    client = client_for(studio_sales)
    assert client.post("/api/titles/", body, format="json").status_code == 400
    assert client.put(f"/api/titles/{nu_pogodi.pk}/", body, format="json").status_code == 400
    assert client.patch(f"/api/titles/{nu_pogodi.pk}/", body, format="json").status_code == 400


def test_deleting_a_title_a_deal_names_is_409(studio, broadcaster, studio_sales, nu_pogodi):
    make_rights_in(studio, nu_pogodi)
    make_deal(
        studio,
        broadcaster,
        [
            {
                "titles": [nu_pogodi.pk],
                "territories": ["VN"],
                "media": ["SVOD"],
                "start": "2027-01-01",
            }
        ],
    )
    response = client_for(studio_sales).delete(f"/api/titles/{nu_pogodi.pk}/")
    assert response.status_code == 409 and response.json()["detail"]
    assert Title.objects.filter(pk=nu_pogodi.pk).exists()
