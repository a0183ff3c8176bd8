"""Deals API: tenancy (parties only), editors only, validation, the signing round trip."""

import pytest

from cinebridge.rights import services
from cinebridge.rights.models import Deal, DealStatus
from tests.factories import OrganisationFactory, member_of
from tests.rights.factories import make_deal, make_rights_in

pytestmark = pytest.mark.django_db

VN_SVOD = {"territories": ["VN"], "media": ["SVOD"], "start": "2027-03-01", "end": "2029-03-01"}


@pytest.fixture
def held(studio, nu_pogodi):
    return make_rights_in(studio, nu_pogodi)


@pytest.fixture
def stranger(db):
    """A member of an organisation that is party to nothing here."""
    return member_of(
        OrganisationFactory(name="Okko", slug="okko", kind="vod"), "sales", username="okko-sales"
    )


@pytest.fixture
def draft_deal(studio, broadcaster, nu_pogodi, held):
    return make_deal(
        studio,
        broadcaster,
        [{"titles": [nu_pogodi.pk], "exclusive": True, **VN_SVOD}],
        reference="VTV-2027",
    )


@pytest.fixture
def offered_deal(draft_deal):
    """The draft offered: from now on the licensee's members see it too."""
    return services.deal_offer(actor=None, deal=draft_deal)


def raw_deal(title, **grant):
    return {
        "licensee": "vtv",
        "reference": "VTV-API",
        "fee_kind": "minimum_guarantee",
        "fee_amount": "15000",
        "fee_currency": "USD",
        "grants": [
            {
                "titles": [title.reference or title.pk],
                "exclusive": True,
                "languages": "vi:subtitles",
                **VN_SVOD,
                **grant,
            }
        ],
        "holdbacks": [
            {
                "territories": ["VN"],
                "media": ["AVOD"],
                "start": "2027-03-01",
                "end": "2027-09-01",
                "note": "no AVOD for six months",
            }
        ],
    }


def test_create_read_and_the_signing_round_trip(api, studio_sales, outsider, nu_pogodi, held):
    client = api(studio_sales)
    created = client.post("/api/deals/", raw_deal(nu_pogodi), format="json")
    assert created.status_code == 201, created.json()
    deal = created.json()
    assert (deal["status"], deal["licensor"]["slug"], deal["licensee"]["slug"]) == (
        "draft",
        "soyuzmultfilm",
        "vtv",
    )
    [grant] = deal["grants"]
    assert grant["title"]["id"] == nu_pogodi.pk and grant["territories"] == ["VN"]
    assert (grant["territories_text"], grant["media_text"]) == ("Vietnam", "SVOD")
    assert grant["languages"] == [["vi", "subtitles"]] and grant["end"] == "2029-03-01"
    assert deal["holdbacks"][0]["note"] == "no AVOD for six months"
    url = f"/api/deals/{deal['id']}/"
    assert client.post(url + "offer/").json()["status"] == "offered"
    check = client.get(url + "conflicts/").json()
    assert check == {"may_sign": True, "conflicts": []}
    signed = client.post(url + "sign/")
    assert signed.status_code == 200, signed.json()
    assert signed.json()["deal"]["status"] == "signed" and signed.json()["warnings"] == []
    assert Deal.objects.get(pk=deal["id"]).signed_by == studio_sales
    # the licensee's members see the terms too
    seen = api(outsider).get(url).json()
    assert seen["reference"] == "VTV-API" and seen["fee_amount"] == "15000.00"
    history = client.get(url + "history/").json()
    assert [h["action"] for h in history] == ["deal.signed", "deal.offered", "deal.create"]
    assert history[0]["actor"] == "smf-sales"


def test_lists_are_per_party_and_filter_by_status_and_role(
    api, offered_deal, studio_sales, outsider, stranger
):
    assert [d["reference"] for d in api(studio_sales).get("/api/deals/").json()["results"]] == [
        "VTV-2027"
    ]
    assert api(outsider).get("/api/deals/", {"role": "licensee"}).json()["count"] == 1
    assert api(outsider).get("/api/deals/", {"role": "licensor"}).json()["count"] == 0
    assert api(studio_sales).get("/api/deals/", {"status": "signed"}).json()["count"] == 0
    assert api(stranger).get("/api/deals/").json()["count"] == 0
    bad = api(studio_sales).get("/api/deals/", {"role": "buyer"})
    assert bad.status_code == 400 and bad.json()["problems"][0]["field"] == "role"


def test_non_parties_get_404_and_the_licensee_403_on_writes(
    api, offered_deal, outsider, stranger, studio
):
    url = f"/api/deals/{offered_deal.pk}/"
    for path in ("", "conflicts/", "history/"):
        assert api(stranger).get(url + path).status_code == 404
    assert api(stranger).post(url + "sign/").status_code == 404
    assert api(stranger).patch(url, {"shared_notes": "x"}, format="json").status_code == 404
    assert api(outsider).get(url).status_code == 200
    assert api(outsider).post(url + "sign/").status_code == 403
    assert api(outsider).patch(url, {"shared_notes": "x"}, format="json").status_code == 403
    viewer = member_of(studio, "viewer", username="smf-viewer")
    assert api(viewer).post(url + "offer/").status_code == 403
    assert api(viewer).post("/api/deals/", {}, format="json").status_code == 403
    assert (
        api(stranger).post("/api/deals/?organisation=soyuzmultfilm", {}, format="json").status_code
        == 404
    )
    assert Deal.objects.get(pk=offered_deal.pk).status == DealStatus.OFFERED


@pytest.mark.parametrize(
    ("grant", "field", "code"),
    [
        ({"end": "2027-01-01"}, "grants[1].end", "period_ends_before_start"),
        ({"territories": ["XX"]}, "grants[1].territories", "unknown_territory"),
        ({"titles": ["NO-SUCH"]}, "grants[1].titles", "unknown_title"),
    ],
)
def test_bad_deals_are_400_with_the_problems(
    api, studio_sales, broadcaster, nu_pogodi, grant, field, code
):
    response = api(studio_sales).post("/api/deals/", raw_deal(nu_pogodi, **grant), format="json")
    assert response.status_code == 400
    assert [(p["field"], p["code"]) for p in response.json()["problems"]] == [(field, code)]


def test_overlapping_grants_in_one_deal_are_400(api, studio_sales, broadcaster, nu_pogodi):
    raw = raw_deal(nu_pogodi)
    raw["grants"].append(
        {"titles": [nu_pogodi.pk], "territories": "035", "media": "VOD", "start": "2028-06-01"}
    )
    response = api(studio_sales).post("/api/deals/", raw, format="json")
    assert response.status_code == 400
    [problem] = response.json()["problems"]
    assert problem["code"] == "overlapping_grants" and "grants 1 and 2" in problem["message"]


def test_a_conflicting_deal_is_refused_with_the_reasons(
    api, draft_deal, studio, nu_pogodi, studio_sales, stranger
):
    client = api(studio_sales)
    assert client.post(f"/api/deals/{draft_deal.pk}/sign/").status_code == 200
    second = make_deal(
        studio,
        stranger.memberships.get().organisation,
        [
            {
                "titles": [nu_pogodi.pk],
                "exclusive": True,
                "territories": ["035"],
                "media": ["VOD"],
                "start": "2028-01-01",
                "end": "2030-01-01",
            }
        ],
    )
    check = client.get(f"/api/deals/{second.pk}/conflicts/").json()
    assert check["may_sign"] is False
    refused = client.post(f"/api/deals/{second.pk}/sign/")
    assert refused.status_code == 409
    body = refused.json()
    assert body["code"] == "conflict"
    [conflict] = body["conflicts"]
    assert conflict["title"]["id"] == nu_pogodi.pk
    [cell] = conflict["blocked"]
    assert (cell["territories"], cell["media"], cell["start"], cell["end"]) == (
        "Vietnam",
        "SVOD",
        "2028-01-01",
        "2029-03-01",
    )
    [reason] = cell["reasons"]
    assert (reason["code"], reason["deal_reference"]) == ("exclusive_licence", "VTV-2027")
    assert Deal.objects.get(pk=second.pk).status == DealStatus.DRAFT


def test_changes_follow_the_status(api, draft_deal, studio_sales, nu_pogodi):
    client = api(studio_sales)
    url = f"/api/deals/{draft_deal.pk}/"
    patched = client.patch(
        url,
        {"internal_notes": "first offer", "fee_amount": "9000", "fee_currency": "EUR"},
        format="json",
    )
    assert patched.status_code == 200, patched.json()
    assert (patched.json()["internal_notes"], patched.json()["fee_amount"]) == (
        "first offer",
        "9000.00",
    )
    assert patched.json()["grants"][0]["territories"] == ["VN"]  # untouched terms stay
    put = client.put(url, raw_deal(nu_pogodi, territories=["TH"]), format="json")
    assert put.status_code == 200 and put.json()["grants"][0]["territories"] == ["TH"]
    assert client.post(url + "sign/").status_code == 200
    refused = client.patch(url, {"shared_notes": "too late"}, format="json")
    assert refused.status_code == 409 and refused.json()["code"] == "not_editable"
    assert client.post(url + "offer/").json()["code"] == "bad_transition"
    assert (
        client.post(url + "terminate/", {}, format="json").json()["problems"][0]["code"]
        == "required"
    )
    ended = client.post(url + "terminate/", {"on": "2028-01-01"}, format="json").json()
    assert (ended["status"], ended["terminated_on"]) == ("terminated", "2028-01-01")
