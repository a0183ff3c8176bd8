"""The per-process avails index stays true when other writers commit, in any order."""

from __future__ import annotations

import datetime as dt

import pytest

from cinebridge.engines.avails import Reason, Status
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
    make_deal(
        studio,
        broadcaster,
        [
            {
                "titles": [nu_pogodi.pk],
                "territories": ["VN"],
                "media": ["SVOD"],
                "start": "2027-01-01",
                "end": "2028-01-01",
                "exclusive": True,
            }
        ],
        sign=True,
    )
    assert _status(studio, nu_pogodi) is Status.PARTIAL
    assert engine_adapters.avails_index() is before  # replayed, not rebuilt


@pytest.mark.django_db
def test_a_language_limited_licence_is_replayed_with_its_languages(studio, broadcaster, nu_pogodi):
    make_rights_in(studio, nu_pogodi)
    ask = {**VN_SVOD, "title_ids": [nu_pogodi.pk]}
    vietnamese = avails_query_from_raw({**ask, "languages": "vi:subtitles"}, holder_id=studio.pk)
    chinese = avails_query_from_raw({**ask, "languages": "zh:subtitles"}, holder_id=studio.pk)
    before = engine_adapters.avails_index()
    grant = {"titles": [nu_pogodi.pk], **VN_SVOD, "languages": "vi:subtitles"}
    grant.update(territories=["VN"], media=["SVOD"])
    make_deal(studio, broadcaster, [grant], sign=True)
    index = engine_adapters.avails_index()
    assert index is before  # replayed, not rebuilt
    # versions aside (the title has none), the Vietnamese licence blocks only Vietnamese
    [block] = index.title_avails(nu_pogodi.pk, vietnamese).blocked[-1].blocks
    assert block.languages == (("vi", "subtitles"),)
    assert not any(
        b.reason is Reason.EXCLUSIVE_LICENCE
        for cell in index.title_avails(nu_pogodi.pk, chinese).blocked
        for b in cell.blocks
    )


@pytest.mark.django_db
def test_a_change_committed_late_with_a_lower_id_is_not_missed(studio, broadcaster, nu_pogodi):
    make_rights_in(studio, nu_pogodi)
    deal = make_deal(
        studio,
        broadcaster,
        [
            {
                "titles": [nu_pogodi.pk],
                "territories": ["VN"],
                "media": ["SVOD"],
                "start": "2027-01-01",
                "exclusive": True,
            }
        ],
    )
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
    title_update(
        actor=None,
        title=nu_pogodi,
        spec=spec.__class__(
            **{**spec.__dict__, "versions": (*spec.versions, VersionSpec("th", "subtitles"))}
        ),
    )
    assert avails_for(query=query).status(nu_pogodi.pk) is Status.AVAILABLE


def _rows_by_title(index, titles) -> dict[int, list]:
    """Each title's rows in a fixed order (the order of grants within a title may differ)."""
    return {title.pk: sorted(index.title_rows(title.pk), key=repr) for title in titles}


@pytest.mark.django_db
def test_the_bulk_build_reads_what_the_record_path_reads(studio, broadcaster, nu_pogodi, draft):
    from cinebridge.engines.avails import AvailsIndex
    from cinebridge.rights.services import deal_terminate
    from cinebridge.rights.taxonomy import taxonomies

    make_rights_in(studio, nu_pogodi)
    make_rights_in(
        studio,
        draft,
        territories=["142"],
        exclude_territories=["VN", "CIS@4"],
        media=["VOD"],
        exclude_media=["AVOD"],
        start="2021-05-01",
        end="2031-01-01",
        exclusive=False,
    )
    grant = {
        "titles": [nu_pogodi.pk],
        "territories": ["035"],
        "exclude_territories": ["TH"],
        "media": ["SVOD", "TVOD"],
        "start": "2027-01-01",
        "end": "2028-01-01",
        "exclusive": True,
    }
    holdback = {
        "titles": [nu_pogodi.pk],
        "territories": ["VN"],
        "media": ["FREE_TV"],
        "start": "2027-01-01",
        "end": "2027-07-01",
        "hard": False,
    }
    make_deal(studio, broadcaster, [grant], holdbacks=[holdback], sign=True)
    ended = make_deal(
        studio,
        broadcaster,
        [
            {
                **grant,
                "territories": ["VN"],
                "end": None,
                "exclude_territories": [],
                "start": "2029-01-01",
            }
        ],
        sign=True,
    )
    deal_terminate(actor=None, deal=ended, on=dt.date(2030, 2, 1))
    make_deal(studio, broadcaster, [{**grant, "start": "2032-01-01", "end": "2033-01-01"}])
    cut_away = make_deal(
        studio, broadcaster, [{**grant, "start": "2034-01-01", "end": None}], sign=True
    )
    deal_terminate(actor=None, deal=cut_away, on=dt.date(2034, 1, 1))  # nothing left of it
    waiting = {
        "titles": [nu_pogodi.pk],
        "territories": ["TH"],
        "media": ["SVOD"],
        "start_event": "theatrical_release",
        "start_event_territory": "TH",
        "start_offset_days": 30,
        "duration_days": 365,
        "exclusive": False,
    }
    hard = {**holdback, "territories": ["TH"], "hard": True}
    make_deal(studio, broadcaster, [waiting], holdbacks=[hard], sign=True)
    # the same languages resolve by territory: zh is zh-Hans in CN, zh-Hant in TW
    spoken = {
        **grant,
        "territories": ["CN"],
        "exclude_territories": [],
        "languages": "zh:subtitles, fr-CA:audio",
    }
    make_deal(studio, broadcaster, [spoken, {**spoken, "territories": ["TW"]}], sign=True)

    bulk = engine_adapters.index_build()
    territories, media = taxonomies()
    records = AvailsIndex.build(
        territory_leaves=len(territories.leaves),
        media_leaves=len(media.leaves),
        rights=engine_adapters.rights_records(),
        grants=engine_adapters.grant_records(),
        holdbacks=engine_adapters.holdback_records(),
        versions=engine_adapters.versions(),
    )
    # 2 rights in, 5 grants (one provisional, two limited to languages; none from the draft,
    # nothing left of the one cut away), 2 holdbacks (one hard)
    assert bulk.rows == records.rows == 9
    assert {r.provisional for r in bulk.title_rows(nu_pogodi.pk)} == {False, True}
    assert {r.languages for r in bulk.title_rows(nu_pogodi.pk)} == {
        frozenset(),
        frozenset({("zh-Hans", "subtitles"), ("fr-CA", "audio")}),
        frozenset({("zh-Hant", "subtitles"), ("fr-CA", "audio")}),
    }
    assert _rows_by_title(bulk, (nu_pogodi, draft)) == _rows_by_title(records, (nu_pogodi, draft))
    for title in (nu_pogodi, draft):
        assert bulk.versions_of(title.pk) == records.versions_of(title.pk)
