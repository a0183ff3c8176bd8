"""The rights-in pages: record, change and remove what an organisation owns or represents."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from cinebridge.core.models import AuditEntry
from cinebridge.engines.avails import Status
from cinebridge.rights.errors import RightsError, message
from cinebridge.rights.models import AvailsChange, RightsIn
from cinebridge.rights.selectors import avails_for, avails_query_from_raw
from tests.factories import make_title, member_of
from tests.rights.factories import make_deal, make_rights_in

pytestmark = pytest.mark.django_db

NEW = "/rights-in/new/"
GOOD = {
    "title": "SMF-0002", "territories": "001,-RU,-BY", "media": "ALL,-THEATRICAL",
    "start": "2024-01-01", "end": "+730 days", "exclusive": "on",
    "source_contract": "Representation 2024", "licensor_name": "Soyuzmultfilm",
}  # fmt: skip


def escaped(text):
    return text.replace("'", "&#x27;")


@pytest.fixture
def signed_in(client, studio_sales):
    client.force_login(studio_sales)
    return studio_sales


@pytest.fixture
def hedgehog(studio):
    return make_title(studio, original_title="Ёжик в тумане", reference="SMF-0002")


@pytest.fixture
def held(studio, hedgehog):
    return make_rights_in(
        studio, hedgehog, territories=["CIS"], media=["TV"], source_contract="Original production"
    )


def edit_url(rights):
    return reverse("rights:rights-in-edit", args=[rights.pk])


def delete_url(rights):
    return reverse("rights:rights-in-delete", args=[rights.pk])


# Recording


def test_an_editor_records_rights_in(client, signed_in, studio, hedgehog):
    page = client.get(NEW).content.decode()
    assert 'data-testid="rights-in-form"' in page and 'name="territories"' in page
    response = client.post(NEW, GOOD)
    assert response.status_code == 302
    assert response["Location"] == f"/rights-in/?organisation={studio.slug}"
    rights = RightsIn.objects.get()
    assert (rights.owner, rights.title, rights.exclusive) == (studio, hedgehog, True)
    assert (rights.start, rights.end, rights.duration_days) == (
        dt.date(2024, 1, 1),
        dt.date(2025, 12, 31),
        730,
    )
    scopes = {(s.axis, s.key, s.excluded) for s in rights.scopes.all()}
    assert scopes == {
        ("t", "001", False),
        ("t", "RU", True),
        ("t", "BY", True),
        ("m", "ALL", False),
        ("m", "THEATRICAL", True),
    }
    assert AuditEntry.objects.filter(action="rights_in.create", actor=signed_in).count() == 1
    listed = client.get(response["Location"]).content.decode()
    assert "Ёжик в тумане" in listed and "Representation 2024" in listed
    assert "Rights in “Ёжик в тумане” were recorded." in listed
    assert edit_url(rights) in listed and delete_url(rights) in listed


def test_a_relative_period_is_recorded_provisional(client, signed_in, hedgehog):
    data = {**GOOD, "start": "theatrical_release VN +90", "end": ""}
    assert client.post(NEW, data).status_code == 302
    rights = RightsIn.objects.get()
    assert (rights.start_event, rights.start_event_territory) == ("theatrical_release", "VN")
    assert rights.start_offset_days == 90 and rights.provisional and rights.end is None


def test_the_title_can_be_given_by_the_link_and_the_page_returns_there(client, signed_in, hedgehog):
    timeline = reverse("rights:title-rights", args=[hedgehog.pk])
    page = client.get(NEW, {"title": hedgehog.pk, "next": timeline}).content.decode()
    assert 'value="SMF-0002"' in page and f'name="next" value="{timeline}"' in page
    response = client.post(NEW, {**GOOD, "next": timeline})
    assert response["Location"] == timeline
    elsewhere = client.post(NEW, {**GOOD, "next": "https://example.org/"})
    assert elsewhere["Location"].startswith("/rights-in/")  # never off the site


def test_bad_input_is_shown_beside_its_field_and_nothing_is_written(client, signed_in, hedgehog):
    before = AuditEntry.objects.count()
    bad = {**GOOD, "title": "NOPE", "territories": "VN,XX", "start": "soon", "source_contract": ""}
    response = client.post(NEW, bad)
    assert response.status_code == 400
    body = response.content.decode()
    assert "Nothing was saved" in body
    expected = {
        "title": message(RightsError.UNKNOWN_TITLE, value="NOPE"),
        "territories": message(RightsError.UNKNOWN_TERRITORY, value="XX"),
        "start": message(RightsError.BAD_DATE, value="soon"),
        "source_contract": message(RightsError.REQUIRED),
    }
    for field, text in expected.items():
        assert f'<p class="field-error" data-testid="error-{field}">{escaped(text)}</p>' in body
    assert 'value="VN,XX"' in body  # what was typed stays in the form
    assert not RightsIn.objects.exists() and AuditEntry.objects.count() == before


def test_an_end_before_the_start_is_an_error_at_the_end(client, signed_in, hedgehog):
    response = client.post(NEW, {**GOOD, "end": "2023-01-01"})
    assert response.status_code == 400
    ends = message(RightsError.PERIOD_ENDS_BEFORE_START, start="2024-01-01", end="2023-01-01")
    assert f'data-testid="error-end">{ends}</p>' in response.content.decode()
    assert not RightsIn.objects.exists()


# Changing and removing


def test_the_edit_form_shows_the_record_and_saves_changes(client, signed_in, studio, held):
    page = client.get(edit_url(held)).content.decode()
    assert 'value="SMF-0002"' in page and 'value="CIS@' in page and 'value="TV"' in page
    assert 'value="2020-01-01"' in page and 'value="Original production"' in page
    changed = {
        **GOOD,
        "territories": "VN",
        "media": "SVOD",
        "start": "2025-01-01",
        "end": "",
        "exclusive": "",
    }
    response = client.post(edit_url(held), changed)
    assert response.status_code == 302
    held.refresh_from_db()
    assert [(s.axis, s.key) for s in held.scopes.order_by("axis", "key")] == [
        ("m", "SVOD"),
        ("t", "VN"),
    ]
    assert (held.start, held.end, held.exclusive) == (dt.date(2025, 1, 1), None, False)
    assert held.source_contract == "Representation 2024" and held.owner == studio
    assert AuditEntry.objects.filter(action="rights_in.update", object_id=str(held.pk)).exists()


def test_a_change_reaches_the_avails(client, signed_in, studio, held):
    ask = {"territories": "VN", "media": "SVOD", "start": "2027-01-01", "end": "2028-01-01"}
    query = avails_query_from_raw(ask, holder_id=studio.pk)
    assert avails_for(query=query).status(held.title_id) is Status.UNAVAILABLE  # CIS TV only
    changes = AvailsChange.objects.count()
    client.post(edit_url(held), {**GOOD, "territories": "ASEAN", "media": "VOD", "end": ""})
    assert AvailsChange.objects.count() > changes
    assert avails_for(query=query).status(held.title_id) is Status.AVAILABLE


def test_a_bad_edit_changes_nothing(client, signed_in, held):
    response = client.post(edit_url(held), {**GOOD, "media": "CINEMA"})
    assert response.status_code == 400
    assert 'data-testid="error-media"' in response.content.decode()
    held.refresh_from_db()
    assert [s.key for s in held.scopes.filter(axis="m")] == ["TV"]


def test_rights_in_are_deleted_after_asking(client, signed_in, held):
    page = client.get(delete_url(held)).content.decode()
    assert "Delete rights in “Ёжик в тумане”?" in page and "Original production" in page
    assert RightsIn.objects.filter(pk=held.pk).exists()  # asking deletes nothing
    response = client.post(delete_url(held))
    assert response.status_code == 302 and response["Location"].startswith("/rights-in/")
    assert not RightsIn.objects.filter(pk=held.pk).exists()
    assert AuditEntry.objects.filter(action="rights_in.delete", object_id=str(held.pk)).exists()


# Who may


@pytest.mark.parametrize("url", [NEW, "/rights-in/1/edit/", "/rights-in/1/delete/"])
def test_anonymous_visitors_are_sent_to_sign_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_licensees_members_get_404_and_change_nothing(
    client, studio, broadcaster, hedgehog, held
):
    make_deal(
        studio,
        broadcaster,
        [{"titles": [hedgehog.pk], "territories": ["RU"], "media": ["TV"], "start": "2027-01-01"}],
        sign=True,
    )
    client.force_login(member_of(broadcaster, "sales", username="vtv-sales"))
    assert client.get(edit_url(held)).status_code == 404
    assert client.post(edit_url(held), GOOD).status_code == 404
    assert client.post(delete_url(held)).status_code == 404
    assert client.get(NEW, {"organisation": studio.slug}).status_code == 404
    assert client.post(f"{NEW}?organisation={studio.slug}", GOOD).status_code == 404
    held.refresh_from_db()
    assert held.source_contract == "Original production"
    assert RightsIn.objects.count() == 1


def test_a_member_without_an_editing_role_gets_403(client, studio, held):
    client.force_login(member_of(studio, "viewer", username="smf-viewer"))
    listed = client.get("/rights-in/").content.decode()
    assert "Ёжик в тумане" in listed  # they may see the record...
    assert edit_url(held) not in listed and 'data-testid="rights-in-new"' not in listed
    assert client.get(NEW).status_code == 403  # ...but not change it
    assert client.post(NEW, GOOD).status_code == 403
    assert client.post(edit_url(held), GOOD).status_code == 403
    assert client.post(delete_url(held)).status_code == 403
    assert RightsIn.objects.get().source_contract == "Original production"


def test_the_timeline_links_to_the_forms_and_the_release_events(client, signed_in, held):
    body = client.get(reverse("rights:title-rights", args=[held.title_id])).content.decode()
    assert f"/rights-in/new/?organisation=soyuzmultfilm&amp;title={held.title_id}" in body
    assert f"{edit_url(held)}?next=" in body
    assert reverse("rights:title-release-events", args=[held.title_id]) in body
