import datetime as dt

import pytest

from cinebridge.catalog.specs import SpecInvalid
from cinebridge.core.models import AuditEntry
from cinebridge.rights.models import AvailsChange, AvailsChangeKind
from cinebridge.rights.services import release_event_record, rights_in_update
from cinebridge.rights.spec_readers import rights_in_spec_from_raw
from tests.factories import make_title
from tests.rights.factories import TODAY, _title_lookup, make_rights_in

pytestmark = pytest.mark.django_db


def spec(**raw):
    data = {
        "territories": ["VN"],
        "media": ["SVOD"],
        "start": "2027-01-01",
        "source_contract": "Representation 2027",
    } | raw
    return rights_in_spec_from_raw(data, titles=_title_lookup, on=TODAY)


def test_the_record_takes_the_new_terms_and_logs_both_titles(studio, nu_pogodi):
    rights = make_rights_in(studio, nu_pogodi, territories=["CIS"], external_id="ALID-1")
    other = make_title(studio, original_title="Ёжик в тумане")
    changes = AvailsChange.objects.count()
    updated = rights_in_update(
        actor=None, rights=rights, spec=spec(title=other.pk, exclusive=False)
    )
    rights.refresh_from_db()
    assert (rights.title, rights.exclusive, rights.start, rights.end) == (
        other,
        False,
        dt.date(2027, 1, 1),
        None,
    )
    assert rights.source_contract == "Representation 2027" and updated.pk == rights.pk
    assert sorted((s.axis, s.key) for s in rights.scopes.all()) == [("m", "SVOD"), ("t", "VN")]
    logged = AvailsChange.objects.filter(kind=AvailsChangeKind.RIGHTS).order_by("id")[changes:]
    assert {c.object_id for c in logged} == {nu_pogodi.pk, other.pk}
    entry = AuditEntry.objects.get(action="rights_in.update")
    assert entry.changes["source_contract"] == "Representation 2027"


def test_a_relative_period_resolves_against_a_known_event(studio, nu_pogodi):
    rights = make_rights_in(studio, nu_pogodi)
    release_event_record(
        actor=None,
        owner=studio,
        title=nu_pogodi,
        kind="theatrical_release",
        territory="VN",
        date=dt.date(2027, 3, 1),
    )
    after = spec(
        title=nu_pogodi.pk,
        start=None,
        start_event="theatrical_release",
        start_event_territory="VN",
        start_offset_days=90,
        duration_days=365,
    )
    rights_in_update(actor=None, rights=rights, spec=after)
    rights.refresh_from_db()
    assert (rights.start, rights.end, rights.provisional) == (
        dt.date(2027, 5, 30),
        dt.date(2028, 5, 29),
        False,
    )


def test_the_same_validator_refuses_bad_terms(studio, nu_pogodi):
    with pytest.raises(SpecInvalid) as invalid:
        spec(title=nu_pogodi.pk, territories=["XX"], end="2026-01-01")
    assert {p.field for p in invalid.value.problems} == {"territories", "end"}
