"""Read EMA Avails XML (v2.x) as :class:`EmaAvail` records (writing: ``xml_write``).

Reading maps one ``avails:Transaction`` to one record and copies the Avail/Asset facts
onto each.  When an Avail holds several Assets (bundles), the first Asset describes the
records.  ``md:countryRegion`` may name a UN M49 region (001 World); subdivisions of a
country are rejected (see ``structure``).
"""

from __future__ import annotations

import re
from xml.etree.ElementTree import Element

from .errors import EmaInvalid, EmaProblem
from .records import PRICE_TERMS, EmaAvail, EmaReading
from .schema import AVAILS_NS, MD_NS, location_of, parse_xml, schema_problems
from .structure import (
    date_of,
    parse_boolean,
    parse_decimal,
    structure_problems,
    text_of,
)
from .terms import term_from_element

A = f"{{{AVAILS_NS}}}"
M = f"{{{MD_NS}}}"


def read_xml(data: bytes, *, check_schema: bool = True) -> EmaReading:
    """Records for every Transaction of an EMA Avails XML document, in document order,
    with every problem found, ordered by line.

    The document is checked against the avails v2.5 XSD (unless ``check_schema`` is
    False: for partner files known to break only the XSD) and the structure rules.  Records
    are read even when there are problems, so that a caller can add its own checks and
    report everything at once; a document that is not well-formed raises
    :class:`EmaInvalid`.
    """
    root = parse_xml(data)
    found = (schema_problems(root) if check_schema else []) + structure_problems(root)
    reading = EmaReading(
        problems=sorted((p for p in found if not p.warning), key=_line),
        warnings=sorted((p for p in found if p.warning), key=_line),
    )
    for i, avail in enumerate(root.findall(A + "Avail"), start=1):
        base = _avail_fields(avail)
        for j, transaction in enumerate(avail.findall(A + "Transaction"), start=1):
            values = {**base, **_transaction_fields(transaction)}
            source = f"AvailList/Avail[{i}]/Transaction[{j}]"
            reading.records.append(EmaAvail(**values, source=source))
            reading.locations.append(location_of(transaction))
    return reading


def avails_from_xml(data: bytes, *, check_schema: bool = True) -> list[EmaAvail]:
    """Records for every Transaction of an EMA Avails XML document, in document order.

    Any problem (see :func:`read_xml`) raises :class:`EmaInvalid` listing all of them,
    ordered by line; warnings do not.
    """
    reading = read_xml(data, check_schema=check_schema)
    if reading.problems:
        raise EmaInvalid(reading.problems)
    return reading.records


def _line(problem: EmaProblem) -> int:
    found = re.match(r"line (\d+)", problem.location)
    return int(found[1]) if found else 0


def _find_text(elem: Element | None, path: str) -> str | None:
    return None if elem is None else text_of(elem.find(path))


def _number(elem: Element | None) -> int | None:
    text = _find_text(elem, M + "Number")
    return int(text) if text and text.isascii() and text.isdigit() else None  # else: XSD


def _year(elem: Element | None) -> int | None:
    found = re.match(r"\d{4,}", text_of(elem) or "")
    return int(found[0]) if found else None


def _avail_fields(avail: Element) -> dict[str, object]:
    values: dict[str, object] = {
        "alid": _find_text(avail, A + "ALID") or "",
        "licensor": _find_text(avail, f"{A}Licensor/{M}DisplayName"),
        "service_provider": _find_text(avail, f"{A}ServiceProvider/{M}DisplayName"),
        "avail_type": _find_text(avail, A + "AvailType"),
    }
    asset = avail.find(A + "Asset")
    if asset is None:
        return values
    values["work_type"] = _find_text(asset, A + "WorkType")
    values["content_id"] = (asset.get("contentID") or "").strip() or None
    readers = (
        ("Metadata", _unit_fields),
        ("EpisodeMetadata", _episode_fields),
        ("SeasonMetadata", _season_fields),
        ("SeriesMetadata", _series_fields),
        ("VolumeMetadata", _volume_fields),
    )
    for tag, reader in readers:
        metadata = asset.find(A + tag)
        if metadata is not None:
            values.update(reader(metadata))
            break
    return values


def _unit_fields(meta: Element) -> dict[str, object]:
    alias = _find_text(meta, A + "TitleInternalAlias")
    return {
        "title": _find_text(meta, A + "TitleDisplayUnlimited") or alias,
        "title_internal_alias": alias,
        "edit_eidr": _find_text(meta, A + "EditEIDR-URN"),
        "title_eidr": _find_text(meta, A + "TitleEIDR-URN"),
        "alt_id": _find_text(meta, f"{A}AltIdentifier/{M}Identifier"),
        "release_year": _year(meta.find(A + "ReleaseDate")),
    }


def _series_ref(series: Element | None) -> dict[str, object]:
    if series is None:
        return {}
    title = _find_text(series, A + "SeriesTitleDisplayUnlimited")
    title = title or _find_text(series, A + "SeriesTitleInternalAlias")
    return {"series_content_id": _find_text(series, A + "SeriesContentID"), "series_title": title}


def _episode_fields(meta: Element) -> dict[str, object]:
    values = _unit_fields(meta)
    values["episode_title"] = values["title"]
    values["episode_number"] = _number(meta.find(A + "EpisodeNumber"))
    season = meta.find(A + "SeasonMetadata")
    if season is None:
        values.update(_series_ref(meta.find(A + "SeriesMetadata")))
        return values
    values["season_content_id"] = _find_text(season, A + "SeasonContentID")
    values["season_number"] = _number(season.find(A + "SeasonNumber"))
    values.update(_series_ref(season.find(A + "SeriesMetadata")))
    return values


def _season_fields(meta: Element) -> dict[str, object]:
    values = _series_ref(meta.find(A + "SeriesMetadata"))
    alias = _find_text(meta, A + "SeasonTitleInternalAlias")
    title = _find_text(meta, A + "SeasonTitleDisplayUnlimited") or alias
    values.update(
        title=title or values.get("series_title"),
        title_internal_alias=alias,
        season_content_id=_find_text(meta, A + "SeasonContentID"),
        season_number=_number(meta.find(A + "SeasonNumber")),
        title_eidr=_find_text(meta, A + "SeasonEIDR-URN"),
        alt_id=_find_text(meta, f"{A}SeasonAltIdentifier/{M}Identifier"),
        release_year=_year(meta.find(A + "ReleaseDate")),
    )
    return values


def _series_fields(meta: Element) -> dict[str, object]:
    values = _series_ref(meta)
    values.update(
        title=values["series_title"],
        title_internal_alias=_find_text(meta, A + "SeriesTitleInternalAlias"),
        title_eidr=_find_text(meta, A + "SeriesEIDR-URN"),
        alt_id=_find_text(meta, f"{A}SeriesAltIdentifier/{M}Identifier"),
        release_year=_year(meta.find(A + "ReleaseDate")),
    )
    return values


def _plain_int(elem: Element | None) -> int | None:
    text = text_of(elem)
    return int(text) if text and text.isascii() and text.isdigit() else None  # else: XSD


def _volume_fields(meta: Element) -> dict[str, object]:
    season = meta.find(A + "SeasonMetadata")
    values = _series_ref(
        meta.find(A + "SeriesMetadata") if season is None else season.find(A + "SeriesMetadata")
    )
    alias = _find_text(meta, A + "VolumeTitleInternalAlias")
    title = _find_text(meta, A + "VolumeTitleDisplayUnlimited") or alias
    values.update(
        title=title or values.get("series_title"),
        title_internal_alias=alias,
        title_eidr=_find_text(meta, A + "VolumeEIDR-URN"),
        alt_id=_find_text(meta, f"{A}VolumeAltIdentifier/{M}Identifier"),
        release_year=_year(meta.find(A + "ReleaseDate")),
        volume_number=_number(meta.find(A + "VolumeNumber")),
        volume_first_episode=_plain_int(meta.find(A + "VolumeFirstEpisodeNumber")),
        volume_episode_count=_plain_int(meta.find(A + "VolumeNumberOfEpisodes")),
    )
    if season is not None:
        values["season_content_id"] = _find_text(season, A + "SeasonContentID")
        values["season_number"] = _number(season.find(A + "SeasonNumber"))
    return values


def _countries(txn: Element, tag: str) -> tuple[str, ...]:
    return tuple(
        (text_of(child) or "").upper()
        for region in txn.findall(A + tag)
        for child in region
        if child.tag in (M + "country", M + "countryRegion")
    )


def _transaction_fields(txn: Element) -> dict[str, object]:
    end_condition = _find_text(txn, A + "EndCondition")
    values: dict[str, object] = {
        "license_type": _find_text(txn, A + "LicenseType"),
        "territories": _countries(txn, "Territory"),
        "territory_exclusions": _countries(txn, "TerritoryExcluded"),
        "start": date_of(txn.find(A + "Start")),
        "start_condition": _find_text(txn, A + "StartCondition"),
        "end": date_of(txn.find(A + "End")),
        "end_condition": None if end_condition == "Open" else end_condition,
        "allowed_languages": tuple(
            text for e in txn.findall(A + "AllowedLanguage") if (text := text_of(e))
        ),
        "asset_language": _find_text(txn, A + "AssetLanguage"),
        "format_profile": _find_text(txn, A + "FormatProfile"),
        "transaction_id": (txn.get("TransactionID") or "").strip() or None,
        "contract_id": _find_text(txn, A + "ContractID"),
        "rights_description": _find_text(txn, A + "LicenseRightsDescription"),
        "ref_alids": tuple(text for e in txn.findall(A + "RefALID") if (text := text_of(e))),
    }
    licensee = _find_text(txn, f"{A}Licensee/{M}DisplayName")
    if licensee:
        values["service_provider"] = licensee
    terms = []
    for term in txn.findall(A + "Term"):
        name = term.get("termName", "")
        value = text_of(term[0]) if len(term) else None
        if name == "Exclusive" and "exclusive" not in values:
            values["exclusive"] = parse_boolean(value)
        elif name in PRICE_TERMS and "price_type" not in values:
            values.update(_price(name, term, value))
        else:
            terms.append(term_from_element(term))
    values["terms"] = tuple(terms)
    return values


def _price(name: str, term: Element, value: str | None) -> dict[str, object]:
    number, money = parse_decimal(value), term.find(A + "Money")
    if money is not None:
        currency = (money.get("currency") or "").strip() or None
        return {"price_type": name, "price_value": number, "price_currency": currency}
    text = None if number is not None else value
    return {"price_type": name, "price_value": number, "price_text": text}
