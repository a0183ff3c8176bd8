"""TV in EMA avails: episodes, seasons and volumes are stored on their series (created or
found through the catalog's services, with the episodes the file names) and keep their
season and episode numbers through export and re-import."""

from __future__ import annotations

import pytest

from cinebridge.catalog.models import Title, TitleKind
from cinebridge.catalog.services import title_spec_of
from cinebridge.rights.ema import EmaInvalid
from cinebridge.rights.ema_exchange import rights_in_export_ema, rights_in_import_ema
from cinebridge.rights.models import RightsIn
from tests.factories import OrganisationFactory
from tests.rights.ema.conftest import SYNTHETIC_DIR
from tests.rights.ema.files.workbooks import tv_workbook

pytestmark = pytest.mark.django_db


def _volumes() -> bytes:
    return (SYNTHETIC_DIR / "volumes_v2.5.xml").read_bytes()


def _assets(holder) -> list[tuple]:
    names = (
        "work_type",
        "season_number",
        "episode_number",
        "volume_number",
        "volume_first_episode",
        "volume_episode_count",
    )
    return sorted(
        tuple(r.ema_asset.get(name) for name in names)
        for r in RightsIn.objects.filter(owner=holder)
    )


def _episodes(holder) -> list[tuple[int, int, str]]:
    [series] = Title.objects.filter(owner=holder)
    assert series.kind == TitleKind.SERIES and series.original_title == "Just You Wait"
    return [(e.season, e.number, e.original_title) for e in title_spec_of(series).episodes]


def test_episodes_and_volumes_are_stored_on_their_series_with_their_numbers(studio):
    rights_in_import_ema(actor=None, holder=studio, data=tv_workbook(), filename="tv.xlsx")
    rights_in_import_ema(actor=None, holder=studio, data=_volumes(), filename="v.xml")
    assert _assets(studio) == [
        ("Episode", 1, 1, None, None, None),
        ("Episode", 1, 2, None, None, None),
        ("Episode", 1, 3, None, None, None),
        ("Season", 2, None, None, None, None),
        ("Volume", 3, None, 1, 1, 4),
        ("Volume", 3, None, 2, 5, 4),
    ]
    episodes = _episodes(studio)
    assert episodes[:3] == [(1, 1, "Episode 1"), (1, 2, "Episode 2"), (1, 3, "Episode 3")]
    assert [(s, n) for s, n, _name in episodes[3:]] == [(3, n) for n in range(1, 9)]
    assert not Title.objects.filter(original_title__startswith="md:alid").exists()


@pytest.mark.parametrize("fmt", ["xml", "xlsx"])
def test_numbers_survive_export_and_re_import(studio, fmt):
    rights_in_import_ema(actor=None, holder=studio, data=tv_workbook(), filename="tv.xlsx")
    rights_in_import_ema(actor=None, holder=studio, data=_volumes(), filename="v.xml")
    exported = rights_in_export_ema(holder=studio, fmt=fmt)
    other = OrganisationFactory(name="Mekong Screen", slug="mekong")
    rights_in_import_ema(actor=None, holder=other, data=exported, filename=f"e.{fmt}")
    assert _assets(other) == _assets(studio)
    assert _episodes(other) == _episodes(studio)
    again = rights_in_import_ema(actor=None, holder=studio, data=exported, filename=f"e.{fmt}")
    assert again.created == again.updated == 0


def test_overlapping_volumes_are_refused_and_nothing_is_written(studio):
    data = _volumes().replace(
        b"<avails:VolumeFirstEpisodeNumber>5<", b"<avails:VolumeFirstEpisodeNumber>3<"
    )
    with pytest.raises(EmaInvalid, match="overlaps volume 1"):
        rights_in_import_ema(actor=None, holder=studio, data=data, filename="v.xml")
    assert not RightsIn.objects.exists() and not Title.objects.exists()
