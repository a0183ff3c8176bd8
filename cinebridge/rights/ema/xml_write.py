"""Write EMA Avails XML (v2.5, md v2.8 namespaces) from :class:`EmaAvail` records.

Records sharing their Avail/Asset fields (``EmaAvail.avail_key``, ALID first) become one
``avails:Avail``.  ``avails_xml_chunks`` writes the document piece by piece, one Avail at a
time, so an export of any size never sits in memory whole; ``avails_to_xml`` groups any
list of records and returns the whole document, validated.

A territory is written as ``md:country`` (ISO 3166-1 alpha-2) or, for a UN M49 region code
(three digits: 001 World, 035 South-eastern Asia), as ``md:countryRegion``, which the md
schema allows; exclusions go to ``avails:TerritoryExcluded``.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from decimal import Decimal
from xml.etree.ElementTree import Element, SubElement

from .errors import EmaInvalid, EmaProblem
from .records import MONEY_PRICE_TERMS, WORK_TYPE_TO_AVAIL_TYPE, EmaAvail
from .schema import AVAILS_NS, MD_NS, parse_xml, schema_problems
from .structure import M49_REGION, record_problems, structure_problems
from .terms import append_term_elements
from .volumes import volume_metadata

A = f"{{{AVAILS_NS}}}"
M = f"{{{MD_NS}}}"
ET.register_namespace("avails", AVAILS_NS)
ET.register_namespace("md", MD_NS)

#: md:Namespace written for AltIdentifier (the MovieLabs converters' convention).
ALT_ID_NAMESPACE = "org:mddf"


#: About how many bytes ``avails_xml_chunks`` gathers before it yields them.
CHUNK_BYTES = 64 * 1024
_DOCUMENT_START = (
    "<?xml version='1.0' encoding='UTF-8'?>\n"
    f'<avails:AvailList xmlns:avails="{AVAILS_NS}" xmlns:md="{MD_NS}">\n'
).encode()
_DOCUMENT_END = b"</avails:AvailList>\n"
_DECLARATION = re.compile(r' xmlns:(?:avails|md)="[^"]*"')


def avails_to_xml(records: Iterable[EmaAvail], *, licensor_default: str | None = None) -> bytes:
    """EMA Avails XML (avails v2.5, md v2.8 namespaces, UTF-8) for ``records``.

    Records sharing their Avail/Asset fields become one ``avails:Avail``, wherever they are
    in the list.  A record without ``licensor`` gets ``licensor_default`` (an empty
    ``avails:Licensor`` if that is None too); a missing ``avail_type`` is derived from
    ``work_type``.  Raises :class:`EmaInvalid` for records that cannot be expressed (see
    ``structure.record_problems``).  The output is validated before it is returned; a
    failure there is a bug in this module and raises ``RuntimeError``.
    """
    records = list(records)
    if not records:
        raise EmaInvalid([_NO_RECORDS])
    problems = record_problems(records, for_xml=True)
    if problems:
        raise EmaInvalid(problems, "records for EMA XML")
    groups: dict[tuple[object, ...], list[EmaAvail]] = {}
    for record in records:
        groups.setdefault(record.avail_key(), []).append(record)
    ordered = (record for group in groups.values() for record in group)
    data = b"".join(avails_xml_chunks(ordered, licensor_default=licensor_default))
    written = parse_xml(data)
    problems = schema_problems(written) + structure_problems(written)
    if problems:
        raise RuntimeError(f"bug: avails_to_xml wrote invalid XML\n{EmaInvalid(problems)}")
    return data


_NO_RECORDS = EmaProblem(
    "records",
    "records",
    "at least one record is needed: an avails:AvailList holds one avails:Avail or more",
)


def avails_xml_chunks(
    records: Iterable[EmaAvail], *, licensor_default: str | None = None
) -> Iterator[bytes]:
    """The EMA Avails XML document for ``records`` in pieces of about CHUNK_BYTES.

    Adjacent records sharing their Avail/Asset fields become one ``avails:Avail`` (keep an
    Avail's records together, as ``avails_to_xml`` does).  Each Avail's records are checked
    (``structure.record_problems``) before it is written: :class:`EmaInvalid` is raised for
    records that cannot be expressed, after the pieces before them were yielded, and for no
    records at all before anything is yielded (the schema needs one ``avails:Avail``).
    """
    pieces, size, position, group = [_DOCUMENT_START], 0, 1, list[EmaAvail]()
    for record in records:
        if group and record.avail_key() != group[0].avail_key():
            pieces.append(_avail_bytes(group, position, licensor_default))
            size, position, group = size + len(pieces[-1]), position + len(group), []
            if size >= CHUNK_BYTES:
                yield b"".join(pieces)
                pieces, size = [], 0
        group.append(record)
    if not group and position == 1:
        raise EmaInvalid([_NO_RECORDS])
    if group:
        pieces.append(_avail_bytes(group, position, licensor_default))
    yield b"".join([*pieces, _DOCUMENT_END])


def _avail_bytes(group: list[EmaAvail], first: int, licensor_default: str | None) -> bytes:
    """One indented ``avails:Avail`` (its namespaces are declared on the AvailList)."""
    problems = record_problems(group, for_xml=True)
    if problems:
        renumbered = [
            EmaProblem(f"record {first + int(p.location.split()[1]) - 1}", p.element, p.message)
            for p in problems
        ]
        raise EmaInvalid(renumbered, "records for EMA XML")
    avail = _avail_element(group, licensor_default)
    ET.indent(avail, space="  ", level=1)
    text = ET.tostring(avail, encoding="unicode")
    head = text.index(">")
    return f"  {_DECLARATION.sub('', text[:head])}{text[head:]}\n".encode()


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
    elif r.work_type == "Volume":
        volume_metadata(asset, r)  # see volumes.py
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
            kind = "countryRegion" if M49_REGION.fullmatch(code) else "country"
            _add(_add(txn, A + tag), M + kind, code)
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
    append_term_elements(txn, r.terms)  # every other term, as read (see terms.py)
    if r.exclusive is not None:
        term = _add(txn, A + "Term", termName="Exclusive")
        _add(term, A + "Boolean", "true" if r.exclusive else "false")
    return txn
