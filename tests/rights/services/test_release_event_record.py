import datetime as dt

import pytest

from cinebridge.engines.avails import Reason, Status
from cinebridge.rights.models import Grant, Holdback, ReleaseEvent
from cinebridge.rights.selectors import avails_for, avails_query_from_raw
from cinebridge.rights.services import release_event_record
from tests.rights.factories import make_deal, make_rights_in

THEATRICAL_VN = {"territories": ["VN"], "media": ["THEATRICAL"], "start": "2027-01-01", "end": "2028-01-01",
                 "exclusive": True}  # fmt: skip
SVOD_HOLDBACK = {"territories": ["VN"], "media": ["SVOD"], "start": "2027-01-01",
                 "end_event": "theatrical_release", "end_event_territory": "VN", "end_offset_days": 180}  # fmt: skip


@pytest.mark.django_db
def test_periods_hanging_on_a_release_resolve_when_its_date_is_recorded(
    studio, broadcaster, nu_pogodi
):
    make_rights_in(studio, nu_pogodi)
    make_deal(
        studio,
        broadcaster,
        [{"titles": [nu_pogodi.pk], **THEATRICAL_VN}],
        holdbacks=[SVOD_HOLDBACK],
        sign=True,
    )
    holdback = Holdback.objects.get()
    assert holdback.provisional and holdback.end is None  # unknown release: held open, to be safe

    query = avails_query_from_raw(
        {"territories": "VN", "media": "SVOD", "start": "2027-06-01", "end": "2028-06-01"},
        holder_id=studio.pk,
    )
    answer = avails_for(query=query).explain(nu_pogodi.pk)
    assert answer.status is Status.UNAVAILABLE
    [block] = answer.blocked[0].blocks
    assert block.reason is Reason.HOLDBACK and block.provisional

    release_event_record(
        actor=None,
        owner=broadcaster,
        title=nu_pogodi,
        kind="theatrical_release",
        territory="VN",
        date=dt.date(2027, 3, 1),
    )
    holdback.refresh_from_db()
    assert (holdback.end, holdback.provisional) == (dt.date(2027, 8, 28), False)
    assert avails_for(query=query).status(nu_pogodi.pk) is Status.PARTIAL  # free from 2027-08-28


@pytest.mark.django_db
def test_a_grant_starting_after_a_release_waits_for_its_date(studio, broadcaster, nu_pogodi):
    make_rights_in(studio, nu_pogodi)
    deal = make_deal(
        studio,
        broadcaster,
        [
            {
                "titles": [nu_pogodi.pk],
                "territories": ["VN"],
                "media": ["SVOD"],
                "start_event": "theatrical_release",
                "start_event_territory": "VN",
                "start_offset_days": 90,
                "duration_days": 730,
            }
        ],
    )
    grant = Grant.objects.get(deal=deal)
    assert grant.provisional and grant.end is None
    release_event_record(
        actor=None,
        owner=studio,
        title=nu_pogodi,
        kind="theatrical_release",
        territory="VN",
        date=dt.date(2027, 3, 1),
    )
    grant.refresh_from_db()
    assert (grant.start, grant.end, grant.provisional) == (
        dt.date(2027, 5, 30),
        dt.date(2029, 5, 29),
        False,
    )


@pytest.mark.django_db
def test_release_events_through_the_api(client, studio, studio_sales, outsider, nu_pogodi):
    client.force_login(studio_sales)
    url = "/api/release-events/?organisation=soyuzmultfilm"
    bad = client.post(
        url, {"title": nu_pogodi.pk, "kind": "premiere", "territory": "XX", "date": "soon"}
    )
    assert bad.status_code == 400
    assert {p["field"] for p in bad.json()["problems"]} == {"kind", "territory", "date"}
    ok = client.post(
        url,
        {
            "title": nu_pogodi.pk,
            "kind": "theatrical_release",
            "territory": "vn",
            "date": "2027-03-01",
        },
    )
    assert ok.status_code == 200 and ok.json()["territory"] == "VN"
    assert (
        client.get(f"/api/release-events/?title={nu_pogodi.pk}").json()[0]["date"] == "2027-03-01"
    )
    client.force_login(outsider)
    assert client.post("/api/release-events/?organisation=soyuzmultfilm", {}).status_code == 404


@pytest.mark.django_db
def test_the_api_lets_only_the_owner_or_a_holder_record_dates(client, broadcaster, nu_pogodi):
    from tests.factories import member_of

    editor = member_of(broadcaster, "sales", username="vtv-sales")  # an editor, but of a licensee
    client.force_login(editor)
    event = {
        "title": nu_pogodi.pk,
        "kind": "theatrical_release",
        "territory": "VN",
        "date": "2027-03-01",
    }
    refused = client.post("/api/release-events/?organisation=vtv", event)
    assert refused.status_code == 403
    assert "owner" in refused.json()["detail"]
    assert not ReleaseEvent.objects.filter(title=nu_pogodi).exists()

    make_rights_in(broadcaster, nu_pogodi, territories=["VN"])  # now it holds rights in the title
    assert client.post("/api/release-events/?organisation=vtv", event).status_code == 200
