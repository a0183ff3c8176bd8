"""Volume avails: read with their season and run of episodes, checked (a Status from the
spec's vocabulary, no episode in two volumes) and written back by both writers."""

from __future__ import annotations

import pytest

from cinebridge.rights.ema import (
    EmaInvalid,
    avails_from_xlsx,
    avails_from_xml,
    avails_to_xlsx,
    avails_to_xml,
)
from cinebridge.rights.ema.errors import EmaError


def _volumes(synthetic) -> str:
    return (synthetic / "volumes_v2.5.xml").read_text(encoding="utf-8")


def _problems(text: str) -> list:
    with pytest.raises(EmaInvalid) as refused:
        avails_from_xml(text.encode())
    return [(p.location, p.code) for p in refused.value.problems]


def test_volumes_are_read_with_their_season_and_episodes(synthetic):
    first, second = avails_from_xml(_volumes(synthetic).encode())
    assert (first.work_type, first.avail_type, first.volume_number) == ("Volume", "volume", 1)
    assert (first.volume_first_episode, first.volume_episode_count) == (1, 4)
    assert (second.volume_first_episode, second.volume_episode_count) == (5, 4)
    assert (first.season_number, first.series_title) == (3, "Just You Wait")
    assert first.title == "Season three, volume 1"


def test_volumes_survive_both_writers(synthetic):
    records = avails_from_xml(_volumes(synthetic).encode())
    assert avails_from_xml(avails_to_xml(records)) == records
    assert avails_from_xlsx(avails_to_xlsx(records)) == records


def test_overlapping_volumes_are_refused_naming_both(synthetic):
    text = _volumes(synthetic).replace(
        "<avails:VolumeFirstEpisodeNumber>5<", "<avails:VolumeFirstEpisodeNumber>4<"
    )
    with pytest.raises(EmaInvalid) as refused:
        avails_from_xml(text.encode())
    [problem] = refused.value.problems
    assert (problem.location, problem.code) == ("line 48", EmaError.OVERLAPPING_VOLUMES)
    assert "line 14" in problem.message and "4-7" in problem.message


def test_a_status_outside_the_vocabulary_is_refused(synthetic):
    text = _volumes(synthetic).replace("<avails:Status>Partial<", "<avails:Status>Complete<")
    assert _problems(text) == [("line 54", EmaError.UNKNOWN_STATUS)]


def test_a_volume_needs_its_run_of_episodes(synthetic):
    text = _volumes(synthetic).replace(
        "        <avails:VolumeNumberOfEpisodes>4</avails:VolumeNumberOfEpisodes>\n", "", 1
    )
    assert _problems(text) == [("line 14", EmaError.VOLUME_WITHOUT_EPISODES)]
