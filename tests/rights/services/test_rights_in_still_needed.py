"""Rights in that signed deals still need cannot be shrunk or deleted: they were sold."""

import pytest
from django.urls import reverse

from cinebridge.rights.checks import RightsInStillNeeded
from cinebridge.rights.ema import EmaInvalid
from cinebridge.rights.ema_exchange import rights_in_export_ema, rights_in_import_ema
from cinebridge.rights.errors import RightsError, message
from cinebridge.rights.models import RightsIn
from cinebridge.rights.services import rights_in_delete, rights_in_update
from cinebridge.rights.spec_readers import rights_in_spec_from_raw
from tests.factories import OrganisationFactory
from tests.rights.factories import TODAY, make_deal, make_rights_in

pytestmark = pytest.mark.django_db

VN_SVOD = {"territories": ["VN"], "media": ["SVOD"], "start": "2027-03-01", "end": "2029-03-01",
           "exclusive": True}  # fmt: skip


@pytest.fixture
def sold(studio, broadcaster, nu_pogodi):
    """Studio's rights in ASEAN x VOD, and a signed exclusive VN SVOD licence drawn on them."""
    rights = make_rights_in(
        studio,
        nu_pogodi,
        territories=["ASEAN"],
        media=["VOD"],
        start="2025-01-01",
        end="2031-01-01",
    )
    deal = make_deal(studio, broadcaster, [{"titles": [nu_pogodi.pk], **VN_SVOD}], sign=True)
    return rights, deal


def spec(rights, **changes):
    raw = {
        "title": rights.title_id,
        "territories": ["ASEAN"],
        "media": ["VOD"],
        "start": "2025-01-01",
        "end": "2031-01-01",
        "exclusive": True,
        "source_contract": "Original production",
    } | changes
    return rights_in_spec_from_raw(raw, titles=lambda v: v, on=TODAY)


def scope_keys(rights):
    return sorted(rights.scopes.values_list("axis", "key"))


def test_shrinking_rights_a_signed_deal_needs_is_refused_and_changes_nothing(sold):
    rights, deal = sold
    before = scope_keys(rights)
    with pytest.raises(RightsInStillNeeded) as refused:
        rights_in_update(actor=None, rights=rights, spec=spec(rights, territories=["TH"]))
    assert str(refused.value) == message(RightsError.STILL_NEEDED, deals=deal.reference)
    [conflict] = refused.value.conflicts
    assert conflict.grant.deal_ref == deal.reference
    rights.refresh_from_db()
    assert scope_keys(rights) == before
    with pytest.raises(RightsInStillNeeded):  # nor may the period end before the licence does
        rights_in_update(actor=None, rights=rights, spec=spec(rights, end="2028-01-01"))


def test_changes_the_deals_do_not_depend_on_are_allowed(sold):
    rights, _ = sold
    rights_in_update(
        actor=None,
        rights=rights,
        spec=spec(rights, territories=["VN"], media=["SVOD"], end="2030-01-01"),
    )
    rights.refresh_from_db()
    assert scope_keys(rights) == [("m", "SVOD"), ("t", "VN")]


def test_deleting_rights_a_signed_deal_needs_is_refused(sold, studio, nu_pogodi):
    rights, _ = sold
    with pytest.raises(RightsInStillNeeded):
        rights_in_delete(actor=None, rights=rights)
    assert RightsIn.objects.filter(pk=rights.pk).exists()
    # With other rights in covering the licence, the record may go.
    make_rights_in(studio, nu_pogodi, territories=["VN"], media=["SVOD"], start="2027-01-01")
    rights_in_delete(actor=None, rights=rights)
    assert not RightsIn.objects.filter(pk=rights.pk).exists()


def test_the_pages_and_the_api_explain_the_refusal(client, sold, studio_sales):
    rights, deal = sold
    client.force_login(studio_sales)
    page = client.post(reverse("rights:rights-in-delete", args=[rights.pk]))
    assert page.status_code == 409
    assert deal.reference in page.content.decode()
    assert 'data-testid="rights-in-still-needed"' in page.content.decode()
    edit = client.post(
        reverse("rights:rights-in-edit", args=[rights.pk]),
        {
            "title": rights.title_id,
            "territories": "TH",
            "media": "VOD",
            "start": "2025-01-01",
            "end": "2031-01-01",
            "exclusive": "on",
            "source_contract": "Original production",
        },
    )
    assert edit.status_code == 400 and deal.reference in edit.content.decode()
    api = client.delete(f"/api/rights-in/{rights.pk}/")
    assert api.status_code == 409 and api.json()["deals"] == [deal.reference]
    assert RightsIn.objects.filter(pk=rights.pk).exists()


def test_an_import_that_would_take_sold_rights_away_is_refused_whole(
    studio, broadcaster, nu_pogodi
):
    make_rights_in(
        studio, nu_pogodi, territories=["VN"], media=["SVOD"], start="2027-01-01", end="2029-01-01"
    )
    xml = rights_in_export_ema(holder=studio, fmt="xml")
    agent = OrganisationFactory(name="Okko", slug="okko")
    rights_in_import_ema(actor=None, holder=agent, data=xml, filename="x.xml")
    [held] = RightsIn.objects.filter(owner=agent)
    deal = make_deal(
        agent, broadcaster, [{"titles": [held.title_id], **VN_SVOD, "end": "2028-03-01"}], sign=True
    )
    shorter = xml.replace(b"2029-01-01", b"2027-06-01")
    assert shorter != xml
    with pytest.raises(EmaInvalid) as refused:
        rights_in_import_ema(actor=None, holder=agent, data=shorter, filename="x.xml")
    assert deal.reference in str(refused.value)
    assert RightsIn.objects.get(owner=agent).end == held.end  # nothing written
