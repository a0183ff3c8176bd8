"""A sales agent's representation deal and the agent's own sales of it."""

import pytest

from cinebridge.engines.avails import Reason
from cinebridge.rights.services import deal_check
from tests.factories import OrganisationFactory
from tests.rights.factories import make_deal, make_rights_in

ABROAD = {"territories": ["001"], "exclude": ["RU", "BY"], "media": ["ALL"],
          "start": "2024-01-01", "end": "2031-01-01", "exclusive": True}  # fmt: skip
VN_SVOD = {"territories": ["VN"], "media": ["SVOD"], "start": "2027-03-01", "end": "2029-03-01",
           "exclusive": True}  # fmt: skip


@pytest.mark.django_db
def test_the_agents_sales_do_not_count_against_its_representation_deal(
    studio, broadcaster, nu_pogodi
):
    agent = OrganisationFactory(name="Roskino", slug="roskino", kind="agency", country="RU")
    make_rights_in(studio, nu_pogodi)
    representation = make_deal(studio, agent, [{"titles": [nu_pogodi.pk], **ABROAD}], sign=True)
    make_rights_in(
        agent,
        nu_pogodi,
        territories=["001"],
        exclude=["RU", "BY"],
        start="2024-01-01",
        end="2031-01-01",
    )
    sale = make_deal(agent, broadcaster, [{"titles": [nu_pogodi.pk], **VN_SVOD}], sign=True)
    assert sale.status == "signed"

    assert deal_check(representation) == []  # the sale draws on it

    # Somebody else's licence over the same rights still counts.
    other = OrganisationFactory(name="Okko", slug="okko")
    stray = make_deal(studio, other, [{"titles": [nu_pogodi.pk], **VN_SVOD, "exclusive": False}])
    [conflict] = deal_check(stray)
    reasons = {b.reason for cell in conflict.blocked for b in cell.blocks}
    assert Reason.EXCLUSIVE_LICENCE in reasons
