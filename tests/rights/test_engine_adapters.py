"""The per-process avails index stays true when other writers commit, in any order."""

from __future__ import annotations

import pytest

from cinebridge.engines.avails import Status
from cinebridge.rights import engine_adapters
from cinebridge.rights.models import AvailsChange, AvailsChangeKind, Deal, DealStatus
from cinebridge.rights.selectors import avails_for, avails_query_from_raw
from tests.rights.factories import make_deal, make_rights_in

VN_SVOD = {
    "territories": "VN",
    "media": "SVOD",
    "start": "2027-03-01",
    "end": "2029-03-01",
    "exclusive": True,
}


def _status(holder, title) -> Status:
    query = avails_query_from_raw(VN_SVOD, holder_id=holder.pk)
    return avails_for(query=query).status(title.pk)


@pytest.mark.django_db
def test_signing_updates_the_index_incrementally(studio, broadcaster, nu_pogodi):
    make_rights_in(studio, nu_pogodi)
    assert _status(studio, nu_pogodi) is Status.AVAILABLE
    before = engine_adapters.avails_index()
    make_deal(studio, broadcaster, [{"titles": [nu_pogodi.pk], "territories": ["VN"], "media": ["SVOD"],
                                     "start": "2027-01-01", "end": "2028-01-01", "exclusive": True}],
              sign=True)  # fmt: skip
    assert _status(studio, nu_pogodi) is Status.PARTIAL
    assert engine_adapters.avails_index() is before  # replayed, not rebuilt


@pytest.mark.django_db
def test_a_change_committed_late_with_a_lower_id_is_not_missed(studio, broadcaster, nu_pogodi):
    make_rights_in(studio, nu_pogodi)
    deal = make_deal(studio, broadcaster, [{"titles": [nu_pogodi.pk], "territories": ["VN"],
                     "media": ["SVOD"], "start": "2027-01-01", "exclusive": True}])  # fmt: skip
    assert _status(studio, nu_pogodi) is Status.AVAILABLE
    newest = AvailsChange.objects.order_by("-id").first().id
    # A fast writer commits id newest+5 and is replayed; a slow one then commits newest+2.
    AvailsChange.objects.create(id=newest + 5, kind=AvailsChangeKind.RIGHTS, object_id=nu_pogodi.pk)
    assert _status(studio, nu_pogodi) is Status.AVAILABLE
    Deal.objects.filter(pk=deal.pk).update(status=DealStatus.SIGNED)
    AvailsChange.objects.create(id=newest + 2, kind=AvailsChangeKind.DEAL, object_id=deal.pk)
    assert _status(studio, nu_pogodi) is Status.UNAVAILABLE


@pytest.mark.django_db
def test_language_versions_follow_catalog_writes(studio, nu_pogodi):
    from cinebridge.catalog.selectors import title_spec
    from cinebridge.catalog.services import title_update
    from cinebridge.catalog.specs import VersionSpec

    make_rights_in(studio, nu_pogodi)
    ask = {**VN_SVOD, "languages": "th:subtitles"}
    query = avails_query_from_raw(ask, holder_id=studio.pk)
    assert avails_for(query=query).status(nu_pogodi.pk) is Status.UNAVAILABLE
    spec = title_spec(nu_pogodi)
    title_update(actor=None, title=nu_pogodi,
                 spec=spec.__class__(**{**spec.__dict__, "versions": (*spec.versions, VersionSpec("th", "subtitles"))}))  # fmt: skip
    assert avails_for(query=query).status(nu_pogodi.pk) is Status.AVAILABLE
