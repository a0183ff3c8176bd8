"""Between the parties of a deal: the licensor's internal notes stay the licensor's, shared
notes are both parties', and the licensee sees a deal only from its offer on (a draft is a
404 to it on pages, API and CLI, and missing from every list, history and period it names)."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from cinebridge.rights import services
from cinebridge.rights.selectors import release_event_rows
from tests.factories import OrganisationFactory, member_of
from tests.rights.factories import make_deal, make_rights_in

pytestmark = pytest.mark.django_db

INTERNAL = "Floor price 9000; walk away below"
SHARED = "Delivery by FTP within 30 days"


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def draft(studio, broadcaster, nu_pogodi):
    make_rights_in(studio, nu_pogodi)
    grant = {
        "titles": [nu_pogodi.pk],
        "territories": ["VN"],
        "media": ["SVOD"],
        "start_event": "tv_premiere",
        "start_event_territory": "VN",
        "end": "2031-01-01",
    }
    return make_deal(
        studio,
        broadcaster,
        [grant],
        reference="VTV-SECRET",
        internal_notes=INTERNAL,
        shared_notes=SHARED,
    )


@pytest.fixture
def offered(draft):
    return services.deal_offer(actor=None, deal=draft)


@pytest.fixture
def licensee(broadcaster):
    return member_of(broadcaster, "acquisitions", username="vtv-buyer")


@pytest.fixture
def stranger(db):
    return member_of(OrganisationFactory(name="Okko", slug="okko"), "admin", username="okko")


def api(user=None):
    client = APIClient()
    if user is not None:
        token, _ = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def test_the_licensor_sees_both_notes(draft, studio_sales, client):
    seen = api(studio_sales).get(f"/api/deals/{draft.pk}/").json()
    assert (seen["internal_notes"], seen["shared_notes"]) == (INTERNAL, SHARED)
    client.force_login(studio_sales)
    page = client.get(reverse("rights:deal-detail", args=[draft.pk])).content.decode()
    assert INTERNAL in page and SHARED in page


def test_the_licensee_sees_an_offered_deal_with_shared_notes_only(offered, licensee, client):
    client_api = api(licensee)
    seen = client_api.get(f"/api/deals/{offered.pk}/").json()
    assert seen["shared_notes"] == SHARED and seen["internal_notes"] is None
    listed = client_api.get("/api/deals/").json()["results"]
    assert [d["reference"] for d in listed] == ["VTV-SECRET"]
    history = client_api.get(f"/api/deals/{offered.pk}/history/")
    assert history.status_code == 200
    assert INTERNAL not in history.content.decode()
    assert [e["action"] for e in history.json()] == ["deal.offered"]
    client.force_login(licensee)
    page = client.get(reverse("rights:deal-detail", args=[offered.pk])).content.decode()
    assert SHARED in page and INTERNAL not in page


def test_a_draft_does_not_exist_for_the_licensee(draft, licensee, client, nu_pogodi):
    client_api = api(licensee)
    for path in ("", "history/", "conflicts/"):
        assert client_api.get(f"/api/deals/{draft.pk}/{path}").status_code == 404, path
    assert client_api.post(f"/api/deals/{draft.pk}/sign/").status_code == 404
    assert client_api.get("/api/deals/").json()["results"] == []
    client.force_login(licensee)
    assert client.get(reverse("rights:deal-detail", args=[draft.pk])).status_code == 404
    assert "VTV-SECRET" not in client.get(reverse("rights:deal-list")).content.decode()
    rows = release_event_rows(title=nu_pogodi, organisation_id=draft.licensee_id)
    assert [p for r in rows for p in r.periods] == []
    out = io.StringIO()
    call_command("deal_list", "--org", "vtv", "--json", stdout=out)
    assert json.loads(out.getvalue()) == []


def test_outsiders_and_anonymous_see_no_deal(offered, stranger):
    assert api(stranger).get(f"/api/deals/{offered.pk}/").status_code == 404
    assert api(stranger).get("/api/deals/").json()["results"] == []
    assert api().get(f"/api/deals/{offered.pk}/").status_code == 401


def test_the_licensor_lists_its_drafts_with_the_cli(draft):
    out = io.StringIO()
    call_command("deal_list", "--org", "soyuzmultfilm", "--json", stdout=out)
    assert [d["reference"] for d in json.loads(out.getvalue())] == ["VTV-SECRET"]
