"""EMA Avails out: an organisation's rights in (VOD media) as an avails file for a retailer.

- **Media**: one transaction per EMA licence type the record's media cover (EST, TVOD, SVOD,
  AVOD, FAST), since a Transaction holds one LicenseType; theatrical, TV and the other
  media have none and are left out.
- **Territories as the holder wrote them**, not one element per country: countries as
  ``md:country``, UN M49 regions (001 World, 035 South-eastern Asia) as ``md:countryRegion``,
  exclusions in ``avails:TerritoryExcluded``; a group (``CIS@4``) as the fewest tree nodes
  holding its members. A region also names the countries our tree places in it and M49
  does not (Taiwan, under 030 Eastern Asia, see ``rights/data/README.md``), so that a reader
  with the M49 table counts the same countries. So "World excluding Russia and the CIS" is
  about ten elements, where it was 239.
- **Streamed**: the XML is written as the database is read, from two queries whatever the
  number of records (the rights in with their titles; their scopes, in the same order,
  merged), in pieces of about 64 KB. The XLSX workbook is built in memory (about 10 KB per
  hundred transactions).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from cinebridge.catalog.models import TitleKind
from cinebridge.core.text import without_refused
from cinebridge.organisations.models import Organisation
from cinebridge.rights.ema import MEDIUM_TO_LICENSE_TYPE, EmaAvail, avails_to_xlsx, avails_to_xml
from cinebridge.rights.ema.xml_write import avails_xml_chunks
from cinebridge.rights.ema_terms import ema_asset_fields_of, ema_fields_of
from cinebridge.rights.errors import RightsError, message
from cinebridge.rights.models import RightsIn, RightsInScope
from cinebridge.rights.taxonomy import UNPLACED, taxonomies

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_CHUNK_ROWS = 2_000
_RIGHTS_FIELDS = (
    "pk",
    "external_id",
    "licensor_name",
    "start",
    "end",
    "exclusive",
    "source_contract",
    "title_id",
    "title__kind",
    "title__original_title",
    "title__reference",
    "title__year",
    "title__original_language",
    "ema_terms",
    "ema_asset",
)


class EmaNothingToExport(Exception):
    """The holder has no rights in with an EMA licence type: an XML file would be invalid."""

    def __init__(self, holder: Organisation) -> None:
        self.holder = holder
        super().__init__(message(RightsError.NOTHING_TO_EXPORT, holder=holder.name))


def _scoped_rights(holder: Organisation) -> Iterator[tuple[Any, list[tuple[str, str, bool]]]]:
    """(rights-in row, its scope rows) for each of the holder's rights in, by title and ALID."""
    order = ("title_id", "external_id", "pk")
    rights = RightsIn.objects.filter(owner=holder).order_by(*order)
    rights = rights.values_list(*_RIGHTS_FIELDS, named=True)
    scopes = iter(
        RightsInScope.objects.filter(rights__owner=holder)
        .order_by(*(f"rights__{field}" for field in order[:2]), "rights_id")
        .values_list("rights_id", "axis", "key", "excluded")
        .iterator(chunk_size=_CHUNK_ROWS)
    )
    pending = next(scopes, None)
    for row in rights.iterator(chunk_size=_CHUNK_ROWS):
        mine = []
        while pending is not None and pending[0] == row[0]:
            mine.append(pending[1:])
            pending = next(scopes, None)
        yield row, mine


class _Territories:
    """Stored territory keys -> EMA codes: countries and M49 regions as they are, groups as
    their cover, each region followed by the countries we place in it and M49 does not."""

    def __init__(self) -> None:
        self.tree, _ = taxonomies()
        self.unplaced: dict[str, list[str]] = {}
        for country, region in UNPLACED.items():
            if region in self.tree.nodes:
                for node in (region, *self.tree.ancestors(region)):
                    self.unplaced.setdefault(node, []).append(country)

    def codes(self, keys: list[str]) -> tuple[str, ...]:
        out: dict[str, None] = {}
        for key in keys:
            nodes = self.tree.cover(self.tree.groups[key]) if key in self.tree.groups else (key,)
            for node in nodes:
                out.update(dict.fromkeys([node, *self.unplaced.get(node, ())]))
        return tuple(out)


def ema_records(holder: Organisation) -> Iterator[EmaAvail]:
    """The holder's rights in as EMA records, read as they are written (see the module)."""
    territories, media = _Territories(), taxonomies()[1]
    for row, scopes in _scoped_rights(holder):
        keys: dict[tuple[str, bool], list[str]] = {
            (axis, excluded): [] for axis in "tm" for excluded in (False, True)
        }
        for axis, key, excluded in scopes:
            keys[axis, excluded].append(key)
        leaves = media.leaf_codes(media.selection(keys["m", False], keys["m", True]))
        alid, _, transaction_id = row.external_id.partition("#")
        transaction_id = transaction_id or str(row.pk)
        series = row.title__kind == TitleKind.SERIES
        title, reference = row.title__original_title, row.title__reference
        include, exclude = territories.codes(keys["t", False]), territories.codes(keys["t", True])
        for leaf in leaves:
            license_type = MEDIUM_TO_LICENSE_TYPE.get(leaf)
            if license_type is None:
                continue
            record = EmaAvail(
                alid=alid or f"md:alid:org:cinebridge:{row.title_id}",
                licensor=row.licensor_name or holder.name,
                avail_type="series" if series else "single",
                work_type="Series" if series else "Movie",
                title=title,
                series_title=title if series else None,
                alt_id=reference or None,
                content_id=f"md:cid:org:cinebridge:{reference or row.title_id}",
                format_profile="HD",
                series_content_id=(reference or None) if series else None,
                release_year=row.title__year,
                license_type=license_type,
                territories=include,
                territory_exclusions=exclude,
                start=row.start,
                end=row.end,
                exclusive=row.exclusive,
                transaction_id=transaction_id if len(leaves) == 1 else f"{transaction_id}-{leaf}",
                contract_id=row.source_contract,
                asset_language=row.title__original_language,
                **ema_fields_of(row.ema_terms),  # the transaction's price and terms
            )
            # an episode, season or volume says so again (emain)
            yield _without_refused(replace(record, **ema_asset_fields_of(row.ema_asset)))


def rights_in_export_ema_stream(*, holder: Organisation) -> Iterator[bytes]:
    """The holder's rights in as EMA Avails XML v2.5, in pieces, for a streamed answer.

    Raises :class:`EmaNothingToExport` at once (the database read, nothing written) when no
    rights in has an EMA licence type.
    """
    records = ema_records(holder)
    first = next(records, None)
    if first is None:
        raise EmaNothingToExport(holder)
    return avails_xml_chunks(itertools.chain([first], records))


def rights_in_export_ema(*, holder: Organisation, fmt: str = "xml") -> bytes:
    """The holder's rights in as one EMA avails file: XML v2.5 (validated against the XSD;
    raises :class:`EmaNothingToExport` when there is nothing to write) or XLSX v1.9 (the
    template's header rows only when there is nothing to write)."""
    records = list(ema_records(holder))
    if fmt == "xlsx":
        return avails_to_xlsx(records)
    if not records:
        raise EmaNothingToExport(holder)
    return avails_to_xml(records)


def _without_refused(record: EmaAvail) -> EmaAvail:
    """The record without the characters XML cannot carry, which text stored before
    ``core.text`` refused them may hold (dropped, as the XLSX exports drop them)."""
    changed = {
        name: without_refused(value)
        for name, value in vars(record).items()
        if isinstance(value, str) and without_refused(value) != value
    }
    return replace(record, **changed) if changed else record
