"""A title's release events page: the periods that wait for an event, and recording its date."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from cinebridge.core.models import AuditEntry
from cinebridge.rights.errors import RightsError, message
from cinebridge.rights.models import Grant, ReleaseEvent
from cinebridge.rights.services import deal_offer
from tests.factories import member_of
from tests.rights.factories import make_deal, make_rights_in

pytestmark = pytest.mark.django_db

AFTER_RELEASE = {"start_event": "theatrical_release", "start_event_territory": "VN",
                 "start_offset_days": 90}  # fmt: skip
RECORD = {"kind": "theatrical_release", "territory": "vn", "date": "2027-03-01"}


def url(title):
    return reverse("rights:title-release-events", args=[title.pk])


@pytest.fixture
def signed_in(client, studio_sales):
    client.force_login(studio_sales)
    return studio_sales


@pytest.fixture
def waiting(studio, broadcaster, nu_pogodi):
    """Studio rights in VN SVOD from the VN release + 90 days, and a grant to VTV from it."""
    rights = make_rights_in(
        studio, nu_pogodi, territories=["VN"], media=["SVOD"], start=None, **AFTER_RELEASE
    )
    deal = make_deal(
        studio,
        broadcaster,
        [
            {
                "titles": [nu_pogodi.pk],
                "territories": ["VN"],
                "media": ["SVOD"],
                "duration_days": 365,
                **AFTER_RELEASE,
            }
        ],
    )
    return rights, deal


def test_the_page_lists_the_periods_waiting_for_an_event(client, signed_in, waiting, nu_pogodi):
    rights, deal = waiting
    response = client.get(url(nu_pogodi))
    assert response.status_code == 200
    body = response.content.decode()
    assert 'data-kind="theatrical_release" data-territory="VN"' in body
    assert "not recorded" in body and body.count("badge--provisional") >= 3
    assert "Theatrical release VN + 90 days" in body
    assert "Rights in · Original production" in body
    assert (
        f'<a href="{reverse("rights:deal-detail", args=[deal.pk])}">Grant · {deal.reference}'
        in body
    )
    assert 'data-testid="release-event-form"' in body


def test_recording_the_date_re_resolves_the_provisional_periods(
    client, signed_in, waiting, nu_pogodi
):
    rights, deal = waiting
    assert rights.provisional and rights.start == timezone.localdate()  # stands in from today
    response = client.post(f"{url(nu_pogodi)}?organisation=soyuzmultfilm", RECORD)
    assert response.status_code == 302
    rights.refresh_from_db()
    assert (rights.start, rights.end, rights.provisional) == (dt.date(2027, 5, 30), None, False)
    grant = Grant.objects.get(deal=deal)
    assert (grant.start, grant.end, grant.provisional) == (
        dt.date(2027, 5, 30),
        dt.date(2028, 5, 29),
        False,
    )
    event = ReleaseEvent.objects.get()
    assert (event.territory, event.date, event.owner.slug) == (
        "VN",
        dt.date(2027, 3, 1),
        "soyuzmultfilm",
    )
    assert AuditEntry.objects.filter(action="release_event.record", actor=signed_in).exists()
    page = client.get(response["Location"]).content.decode()
    assert "Theatrical release in Vietnam recorded for 2027-03-01" in page
    assert 'data-testid="event-date">2027-03-01</strong>' in page
    assert "2027-05-30 → 2028-05-29" in page and "badge--provisional" not in page


def test_a_date_is_corrected_and_the_periods_follow(client, signed_in, waiting, nu_pogodi):
    rights, _ = waiting
    client.post(url(nu_pogodi), RECORD)
    client.post(url(nu_pogodi), {**RECORD, "date": "2027-04-01"})
    assert ReleaseEvent.objects.get().date == dt.date(2027, 4, 1)
    rights.refresh_from_db()
    assert rights.start == dt.date(2027, 6, 30)


def test_a_row_link_fills_in_the_form(client, signed_in, waiting, nu_pogodi):
    body = client.get(url(nu_pogodi), {"kind": "theatrical_release", "territory": "VN"})
    page = body.content.decode()
    assert "kind=theatrical_release&amp;territory=VN#record-event" in page
    assert '<option value="theatrical_release" selected>' in page and 'value="VN"' in page


def test_bad_input_is_shown_beside_its_field_and_nothing_is_written(
    client, signed_in, waiting, nu_pogodi
):
    response = client.post(url(nu_pogodi), {"kind": "premiere", "territory": "XX", "date": "soon"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Nothing was saved" in body
    assert 'data-testid="error-kind"' in body
    unknown = message(RightsError.UNKNOWN_TERRITORY, value="XX").replace("'", "&#x27;")
    assert f'data-testid="error-territory">{unknown}</p>' in body
    bad_date = message(RightsError.BAD_DATE, value="soon").replace("'", "&#x27;")
    assert f'data-testid="error-date">{bad_date}</p>' in body
    assert not ReleaseEvent.objects.exists()
    waiting[0].refresh_from_db()
    assert waiting[0].provisional


def test_the_licensee_reads_the_dates_but_cannot_record_them(
    client, waiting, broadcaster, nu_pogodi
):
    _, deal = waiting
    deal_offer(actor=None, deal=deal)  # a draft is the licensor's alone
    client.force_login(member_of(broadcaster, "sales", username="vtv-sales"))
    page = client.get(url(nu_pogodi)).content.decode()
    assert f"Grant · {deal.reference}" in page  # its own deal's period...
    assert "Rights in ·" not in page  # ...not the licensor's rights in
    assert 'data-testid="release-event-form"' not in page
    assert client.post(url(nu_pogodi), RECORD).status_code == 403
    assert not ReleaseEvent.objects.exists()


def test_a_member_without_an_editing_role_cannot_record(client, studio, waiting, nu_pogodi):
    client.force_login(member_of(studio, "viewer", username="smf-viewer"))
    assert 'data-testid="release-event-form"' not in client.get(url(nu_pogodi)).content.decode()
    assert client.post(url(nu_pogodi), RECORD).status_code == 403
    assert not ReleaseEvent.objects.exists()


def test_outsiders_get_404(client, outsider, studio, broadcaster, draft):
    client.force_login(outsider)
    assert client.get(url(draft)).status_code == 404  # a title they may not see
    assert client.post(url(draft), RECORD).status_code == 404
    assert client.get(url(draft), {"organisation": studio.slug}).status_code == 404
    assert not ReleaseEvent.objects.exists()


def test_the_timeline_links_here(client, signed_in, nu_pogodi):
    body = client.get(reverse("rights:title-rights", args=[nu_pogodi.pk])).content.decode()
    assert f"{url(nu_pogodi)}?organisation=soyuzmultfilm" in body
