import datetime as dt

import pytest

from cinebridge.core.models import AuditEntry
from cinebridge.rights.models import DealStatus
from cinebridge.rights.services import deal_terminate, deals_expire
from tests.rights.factories import make_deal, make_rights_in

pytestmark = pytest.mark.django_db

GRANT = {"media": ["SVOD"], "start": "2026-01-01"}


@pytest.fixture
def deals(studio, broadcaster, nu_pogodi):
    make_rights_in(studio, nu_pogodi)
    title = {"titles": [nu_pogodi.pk]}
    return {
        "ended": make_deal(
            studio,
            broadcaster,
            [{**title, **GRANT, "territories": ["VN"], "end": "2027-01-01"}],
            sign=True,
        ),
        "half": make_deal(
            studio,
            broadcaster,
            [
                {**title, **GRANT, "territories": ["TH"], "end": "2027-01-01"},
                {**title, **GRANT, "territories": ["LA"], "end": "2029-01-01"},
            ],
            sign=True,
        ),
        "open": make_deal(
            studio, broadcaster, [{**title, **GRANT, "territories": ["KH"]}], sign=True
        ),
        "draft": make_deal(
            studio, broadcaster, [{**title, **GRANT, "territories": ["MM"], "end": "2027-01-01"}]
        ),
    }


def test_only_signed_deals_whose_every_grant_ended_expire(deals):
    expired = deals_expire(today=dt.date(2027, 1, 1))  # the end day is not in the period
    assert [d.pk for d in expired] == [deals["ended"].pk]
    status = {name: type(d).objects.get(pk=d.pk).status for name, d in deals.items()}
    assert status == {
        "ended": DealStatus.EXPIRED,
        "half": DealStatus.SIGNED,
        "open": DealStatus.SIGNED,
        "draft": DealStatus.DRAFT,
    }
    entry = AuditEntry.objects.get(action="deal.expired")
    assert entry.actor is None and entry.changes["status"] == ["signed", "expired"]
    assert deals_expire(today=dt.date(2027, 1, 1)) == []


def test_a_day_before_the_end_nothing_expires(deals):
    assert deals_expire(today=dt.date(2026, 12, 31)) == []


def test_terminated_deals_are_left_as_they_are(deals):
    deal_terminate(actor=None, deal=deals["ended"], on=dt.date(2026, 6, 1))
    assert deals_expire(today=dt.date(2028, 1, 1)) == []
    deals["ended"].refresh_from_db()
    assert deals["ended"].status == DealStatus.TERMINATED
