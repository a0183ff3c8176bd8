"""Volumes: an Avail of WorkType Volume offers a run of episodes of one season
(``VolumeFirstEpisodeNumber`` and ``VolumeNumberOfEpisodes``).  An episode belongs to one
volume, so two volumes of the same season whose runs overlap are refused, naming both.
"""

from __future__ import annotations

from xml.etree.ElementTree import Element, SubElement

from .errors import EmaError, EmaProblem, problem
from .records import EmaAvail
from .schema import AVAILS_NS, MD_NS, location_of

A = f"{{{AVAILS_NS}}}"
M = f"{{{MD_NS}}}"


def _text(elem: Element | None) -> str | None:
    return None if elem is None or elem.text is None else " ".join(elem.text.split()) or None


def _whole(elem: Element | None) -> int | None:
    text = _text(elem)
    return int(text) if text and text.isascii() and text.isdigit() else None


def volume_problems(root: Element) -> list[EmaProblem]:
    """Volumes without an episode run, and volumes of one season whose runs overlap."""
    problems: list[EmaProblem] = []
    runs: dict[tuple[str | None, str | None], list[tuple[int, int, int | None, Element]]] = {}
    for meta in root.iterfind(f"{A}Avail/{A}Asset/{A}VolumeMetadata"):
        first = _whole(meta.find(A + "VolumeFirstEpisodeNumber"))
        count = _whole(meta.find(A + "VolumeNumberOfEpisodes"))
        if first is None or not count:
            at = location_of(meta)
            problems.append(problem(at, "avails:VolumeMetadata", EmaError.VOLUME_WITHOUT_EPISODES))
            continue
        season = meta.find(A + "SeasonMetadata")
        series = (
            meta.find(f"{A}SeriesMetadata") if season is None else season.find(A + "SeriesMetadata")
        )
        series_id = _text(series.find(A + "SeriesContentID")) if series is not None else None
        season_key = None
        if season is not None:
            season_key = _text(season.find(f"{A}SeasonNumber/{M}Number")) or _text(
                season.find(A + "SeasonContentID")
            )
        number = _whole(meta.find(f"{A}VolumeNumber/{M}Number"))
        runs.setdefault((series_id, season_key), []).append(
            (first, first + count - 1, number, meta)
        )
    for volumes in runs.values():
        volumes.sort(key=lambda run: (run[0], run[1]))
        reach = volumes[0]  # the volume reaching furthest so far
        for first, end, number, meta in volumes[1:]:
            if first <= reach[1]:
                params = {"volume": number, "first": first, "last": end, "other": reach[2]}
                line = location_of(reach[3]).removeprefix("line ")
                code = EmaError.OVERLAPPING_VOLUMES
                at = location_of(meta)
                problems.append(problem(at, "avails:VolumeMetadata", code, **params, line=line))
            if end > reach[1]:
                reach = (first, end, number, meta)
    return problems


def _add(parent: Element, tag: str, text: str | None = None) -> Element:
    elem = SubElement(parent, tag)
    elem.text = text
    return elem


def volume_metadata(asset: Element, r: EmaAvail) -> None:
    """Write ``avails:VolumeMetadata`` for the volume record ``r`` into ``asset``."""
    meta = _add(asset, A + "VolumeMetadata")
    _add(meta, A + "VolumeContentID", r.content_id)
    if r.title_eidr:
        _add(meta, A + "VolumeEIDR-URN", r.title_eidr)
    if r.title:
        _add(meta, A + "VolumeTitleDisplayUnlimited", r.title)
    if r.title_internal_alias:
        _add(meta, A + "VolumeTitleInternalAlias", r.title_internal_alias)
    _add(_add(meta, A + "VolumeNumber"), M + "Number", str(r.volume_number))
    if r.release_year is not None:
        _add(meta, A + "ReleaseDate", f"{r.release_year:04d}")
    if r.alt_id:
        alt = _add(meta, A + "VolumeAltIdentifier")
        _add(alt, M + "Namespace", "org:mddf")
        _add(alt, M + "Identifier", r.alt_id)
    _add(meta, A + "VolumeFirstEpisodeNumber", str(r.volume_first_episode))
    _add(meta, A + "VolumeNumberOfEpisodes", str(r.volume_episode_count))
    parent = meta
    if r.season_content_id is not None:
        parent = _add(meta, A + "SeasonMetadata")
        _add(parent, A + "SeasonContentID", r.season_content_id)
        number = None if r.season_number is None else str(r.season_number)
        season_number = _add(parent, A + "SeasonNumber")
        if number is not None:
            _add(season_number, M + "Number", number)
    series = _add(parent, A + "SeriesMetadata")
    _add(series, A + "SeriesContentID", r.series_content_id)
    _add(series, A + "SeriesTitleDisplayUnlimited", r.series_title)
    _add(series, A + "SeriesTitleInternalAlias", r.series_title)


def volume_cells(r: EmaAvail) -> dict[str, object]:
    """The TV spreadsheet cells of a volume beyond the common ones (the first episode goes
    in EpisodeNumber, the number of episodes in EpisodeCount)."""
    return {
        "VolumeNumber": r.volume_number,
        "EpisodeNumber": r.volume_first_episode,
        "EpisodeCount": r.volume_episode_count,
        "SeasonContentID": r.season_content_id,
    }
