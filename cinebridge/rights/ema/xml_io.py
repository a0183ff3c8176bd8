"""Read and write EMA Avails XML (v2.x in, v2.5 out) as :class:`EmaAvail` records.

Reading maps one ``avails:Transaction`` to one record and copies the Avail/Asset facts
onto each.  When an Avail holds several Assets (bundles), the first Asset describes the
records.  Territories listed as ``md:countryRegion`` are rejected (see ``structure``).

Writing groups records into ``avails:Avail`` elements by their Avail/Asset fields
(``EmaAvail.avail_key``, ALID first), keeping the order in which groups first appear,
and validates its own output.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from decimal import Decimal
from xml.etree.ElementTree import Element, SubElement

from .errors import EmaInvalid, EmaProblem
from .records import MONEY_PRICE_TERMS, PRICE_TERMS, WORK_TYPE_TO_AVAIL_TYPE, EmaAvail
from .schema import AVAILS_NS, MD_NS, parse_xml, schema_problems
from .structure import (
    date_of,
    parse_boolean,
    parse_decimal,
    record_problems,
    structure_problems,
    text_of,
)

A = f"{{{AVAILS_NS}}}"
M = f"{{{MD_NS}}}"
ET.register_namespace("avails", AVAILS_NS)
ET.register_namespace("md", MD_NS)

#: md:Namespace written for AltIdentifier (the MovieLabs converters' convention).
ALT_ID_NAMESPACE = "org:mddf"


def avails_from_xml(data: bytes, *, check_schema: bool = True) -> list[EmaAvail]:
    """Records for every Transaction of an EMA Avails XML document, in document order.

    The document is first checked against the avails v2.5 XSD (unless ``check_schema`` is
    False: for partner files known to break only the XSD) and the structure rules; any
    problem raises :class:`EmaInvalid` listing all of them, ordered by line.
    """
    root = parse_xml(data)
    problems = (schema_problems(root) if check_schema else []) + structure_problems(root)
    if problems:
        raise EmaInvalid(sorted(problems, key=_line))
    records = []
    for i, avail in enumerate(root.findall(A + "Avail"), start=1):
        base = _avail_fields(avail)
        for j, transaction in enumerate(avail.findall(A + "Transaction"), start=1):
            values = {**base, **_transaction_fields(transaction)}
            records.append(EmaAvail(**values, source=f"AvailList/Avail[{i}]/Transaction[{j}]"))
    return records


def _line(problem: EmaProblem) -> int:
    found = re.match(r"line (\d+)", problem.location)
    return int(found[1]) if found else 0


def _find_text(elem: Element | None, path: str) -> str | None:
    return None if elem is None else text_of(elem.find(path))


def _number(elem: Element | None) -> int | None:
    text = _find_text(elem, M + "Number")
    return int(text) if text else None


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


def _countries(txn: Element, tag: str) -> tuple[str, ...]:
    return tuple(
        (text_of(child) or "").upper()
        for region in txn.findall(A + tag)
        for child in region
        if child.tag == M + "country"
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
    for term in txn.findall(A + "Term"):
        name = term.get("termName", "")
        value = text_of(term[0]) if len(term) else None
        if name == "Exclusive" and "exclusive" not in values:
            values["exclusive"] = parse_boolean(value)
        elif name in PRICE_TERMS and "price_type" not in values:
            values.update(_price(name, term, value))
    return values


def _price(name: str, term: Element, value: str | None) -> dict[str, object]:
    number, money = parse_decimal(value), term.find(A + "Money")
    if money is not None:
        currency = (money.get("currency") or "").strip() or None
        return {"price_type": name, "price_value": number, "price_currency": currency}
    text = None if number is not None else value
    return {"price_type": name, "price_value": number, "price_text": text}


# --------------------------------------------------------------------------- writing


def avails_to_xml(records: Iterable[EmaAvail], *, licensor_default: str | None = None) -> bytes:
    """EMA Avails XML (avails v2.5, md v2.8 namespaces, UTF-8) for ``records``.

    Records sharing their Avail/Asset fields become one ``avails:Avail``.  A record
    without ``licensor`` gets ``licensor_default`` (an empty ``avails:Licensor`` if that is
    None too); a missing ``avail_type`` is derived from ``work_type``.  Raises
    :class:`EmaInvalid` for records that cannot be expressed (see
    ``structure.record_problems``).  The output is validated before it is returned; a
    failure there is a bug in this module and raises ``RuntimeError``.
    """
    records = list(records)
    if not records:
        raise EmaInvalid([EmaProblem("records", "records", "at least one record is needed")])
    problems = record_problems(records, for_xml=True)
    if problems:
        raise EmaInvalid(problems, "records for EMA XML")
    groups: dict[tuple[object, ...], list[EmaAvail]] = {}
    for record in records:
        groups.setdefault(record.avail_key(), []).append(record)
    root = Element(A + "AvailList")
    for group in groups.values():
        root.append(_avail_element(group, licensor_default))
    ET.indent(root, space="  ")
    data = ET.tostring(root, encoding="UTF-8", xml_declaration=True)
    written = parse_xml(data)
    problems = schema_problems(written) + structure_problems(written)
    if problems:
        raise RuntimeError(f"bug: avails_to_xml wrote invalid XML\n{EmaInvalid(problems)}")
    return data


def _add(parent: Element, tag: str, text: str | None = None, **attrib: str) -> Element:
    elem = SubElement(parent, tag, attrib)
    elem.text = text
    return elem


def _add_optional(parent: Element, tag: str, text: str | None) -> None:
    if text is not None:
        _add(parent, tag, text)


def _avail_element(group: list[EmaAvail], licensor_default: str | None) -> Element:
    r = group[0]
    avail = Element(A + "Avail")
    _add(avail, A + "ALID", r.alid)
    _add(_add(avail, A + "Disposition"), A + "EntryType", "Full Extract")
    licensor = _add(avail, A + "Licensor")
    _add_optional(licensor, M + "DisplayName", r.licensor or licensor_default)
    if r.service_provider:
        _add(_add(avail, A + "ServiceProvider"), M + "DisplayName", r.service_provider)
    _add(avail, A + "AvailType", r.avail_type or WORK_TYPE_TO_AVAIL_TYPE[r.work_type or ""])
    _add(avail, A + "ShortDescription", r.title or r.title_internal_alias or r.alid)
    asset = _add(avail, A + "Asset", contentID=r.content_id or "")
    _add(asset, A + "WorkType", r.work_type)
    if r.work_type == "Episode":
        _episode_metadata(asset, r)
    elif r.work_type == "Season":
        _season_metadata(asset, r)
    elif r.work_type == "Series":
        _series_metadata(asset, r)
    else:
        _unit_metadata(asset, A + "Metadata", r, r.title)
    for record in group:
        avail.append(_transaction_element(record))
    return avail


def _alt_id(parent: Element, tag: str, value: str | None) -> None:
    if value is not None:
        alt = _add(parent, tag)
        _add(alt, M + "Namespace", ALT_ID_NAMESPACE)
        _add(alt, M + "Identifier", value)


def _year_text(year: int | None) -> str | None:
    return None if year is None else f"{year:04d}"


def _sequence(parent: Element, tag: str, number: int | None) -> None:
    _add_optional(_add(parent, tag), M + "Number", None if number is None else str(number))


def _unit_metadata(parent: Element, tag: str, r: EmaAvail, title: str | None) -> Element:
    meta = _add(parent, tag)
    _add_optional(meta, A + "TitleDisplayUnlimited", title)
    _add(meta, A + "TitleInternalAlias", r.title_internal_alias or title)
    _add_optional(meta, A + "EditEIDR-URN", r.edit_eidr)
    _add_optional(meta, A + "TitleEIDR-URN", r.title_eidr)
    _alt_id(meta, A + "AltIdentifier", r.alt_id)
    _add_optional(meta, A + "ReleaseDate", _year_text(r.release_year))
    return meta


def _series_reference(parent: Element, r: EmaAvail) -> None:
    series = _add(parent, A + "SeriesMetadata")
    _add(series, A + "SeriesContentID", r.series_content_id)
    _add(series, A + "SeriesTitleDisplayUnlimited", r.series_title)
    _add(series, A + "SeriesTitleInternalAlias", r.series_title)


def _episode_metadata(asset: Element, r: EmaAvail) -> None:
    meta = _unit_metadata(asset, A + "EpisodeMetadata", r, r.title or r.episode_title)
    _sequence(meta, A + "EpisodeNumber", r.episode_number)
    if r.season_content_id is None:
        _series_reference(meta, r)
        return
    season = _add(meta, A + "SeasonMetadata")
    _add(season, A + "SeasonContentID", r.season_content_id)
    _sequence(season, A + "SeasonNumber", r.season_number)
    _series_reference(season, r)


def _season_metadata(asset: Element, r: EmaAvail) -> None:
    meta = _add(asset, A + "SeasonMetadata")
    _add(meta, A + "SeasonContentID", r.season_content_id or r.content_id)
    _add_optional(meta, A + "SeasonEIDR-URN", r.title_eidr)
    _add_optional(meta, A + "SeasonTitleDisplayUnlimited", r.title)
    _add_optional(meta, A + "SeasonTitleInternalAlias", r.title_internal_alias)
    _sequence(meta, A + "SeasonNumber", r.season_number)
    _add_optional(meta, A + "ReleaseDate", _year_text(r.release_year))
    _alt_id(meta, A + "SeasonAltIdentifier", r.alt_id)
    _series_reference(meta, r)


def _series_metadata(asset: Element, r: EmaAvail) -> None:
    meta = _add(asset, A + "SeriesMetadata")
    _add(meta, A + "SeriesContentID", r.series_content_id or r.content_id)
    _add_optional(meta, A + "SeriesEIDR-URN", r.title_eidr)
    _add_optional(meta, A + "SeriesTitleDisplayUnlimited", r.title)
    _add(meta, A + "SeriesTitleInternalAlias", r.title_internal_alias or r.title)
    _add_optional(meta, A + "ReleaseDate", _year_text(r.release_year))
    _alt_id(meta, A + "SeriesAltIdentifier", r.alt_id)


def _plain(value: Decimal) -> str:
    return format(value, "f")


def _transaction_element(r: EmaAvail) -> Element:
    txn = Element(A + "Transaction")
    if r.transaction_id:
        txn.set("TransactionID", r.transaction_id)
    _add(txn, A + "LicenseType", r.license_type)
    for tag, codes in (("Territory", r.territories), ("TerritoryExcluded", r.territory_exclusions)):
        for code in codes:
            _add(_add(txn, A + tag), M + "country", code)
    if r.start is not None:
        _add(txn, A + "Start", f"{r.start.isoformat()}T00:00:00")
    else:
        _add(txn, A + "StartCondition", r.start_condition)
    if r.end is not None:
        _add(txn, A + "End", f"{r.end.isoformat()}T00:00:00")
    else:
        _add(txn, A + "EndCondition", r.end_condition or "Open")
    for language in r.allowed_languages:
        _add(txn, A + "AllowedLanguage", language)
    _add_optional(txn, A + "AssetLanguage", r.asset_language)
    _add_optional(txn, A + "LicenseRightsDescription", r.rights_description)
    _add(txn, A + "FormatProfile", r.format_profile)
    _add_optional(txn, A + "ContractID", r.contract_id)
    for ref in r.ref_alids:
        _add(txn, A + "RefALID", ref)
    if r.price_type:
        term = _add(txn, A + "Term", termName=r.price_type)
        if r.price_value is not None and (r.price_type in MONEY_PRICE_TERMS or r.price_currency):
            money = _add(term, A + "Money", _plain(r.price_value))
            if r.price_currency:
                money.set("currency", r.price_currency)
        else:
            value = r.price_text if r.price_value is None else _plain(r.price_value)
            _add(term, A + "Text", value or "")
    if r.exclusive is not None:
        term = _add(txn, A + "Term", termName="Exclusive")
        _add(term, A + "Boolean", "true" if r.exclusive else "false")
    return txn
