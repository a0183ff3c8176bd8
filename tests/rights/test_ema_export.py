"""The EMA export of rights in: territories as the holder wrote them (UN M49 regions, countries,
exclusions) instead of one element per country, a fixed number of queries whatever the
catalog's size, and a streamed XML answer over the API."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cinebridge.rights.ema import avails_from_xlsx
from cinebridge.rights.ema.schema import AVAILS_NS, MD_NS, parse_xml, schema_problems
from cinebridge.rights.ema.structure import structure_problems
from cinebridge.rights.ema_exchange import rights_in_import_ema
from cinebridge.rights.ema_export import (
    EmaNothingToExport,
    rights_in_export_ema,
    rights_in_export_ema_stream,
)
from cinebridge.rights.models import RightsIn
from cinebridge.rights.taxonomy import taxonomies
from tests.factories import OrganisationFactory, make_title
from tests.rights.factories import make_rights_in

A, M = f"{{{AVAILS_NS}}}", f"{{{MD_NS}}}"
VOD = ("EST", "TVOD", "SVOD", "AVOD", "FAST")


def _catalog(holder, start=0, count=4):
    """Rights in as sales teams write them: World but Russia and the CIS, a UN M49 sub-region,
    two countries, a group; all media, VOD only, one medium, VOD but FAST."""
    scopes = [
        ({"territories": ["001"], "exclude_territories": ["RU", "CIS"]}, ["ALL"], []),
        ({"territories": ["035"]}, ["VOD"], []),
        ({"territories": ["VN", "TH"]}, ["SVOD", "THEATRICAL"], []),
        ({"territories": ["GREATER_CHINA"]}, ["VOD"], ["FAST"]),
    ]
    for number in range(start, start + count):
        title = make_title(holder, original_title=f"Фильм {number}", reference=f"F-{number}")
        territories, media, exclude_media = scopes[number % len(scopes)]
        make_rights_in(
            holder,
            title,
            media=media,
            exclude_media=exclude_media,
            start="2027-01-01",
            end="2030-01-01",
            **territories,
        )


def _cells(holder) -> set[tuple]:
    """(title, territory mask, VOD medium, start, end, exclusive) for every VOD cell held."""
    territories, media = taxonomies()
    out = set()
    for r in (
        RightsIn.objects.filter(owner=holder).select_related("title").prefetch_related("scopes")
    ):
        scopes = list(r.scopes.all())
        selected = {
            axis: (
                [s.key for s in scopes if s.axis == axis and not s.excluded],
                [s.key for s in scopes if s.axis == axis and s.excluded],
            )
            for axis in "tm"
        }
        t = territories.selection(*selected["t"])
        for leaf in media.leaf_codes(media.selection(*selected["m"])):
            if leaf in VOD:
                out.add((r.title.original_title, t, leaf, r.start, r.end, r.exclusive))
    return out


@pytest.mark.django_db
def test_world_and_regional_rights_export_compactly_valid_and_re_import_the_same(studio):
    _catalog(studio)
    xml = b"".join(rights_in_export_ema_stream(holder=studio))
    root = parse_xml(xml)
    assert schema_problems(root) == [] and structure_problems(root) == []
    transactions = list(root.iter(A + "Transaction"))
    assert len(transactions) == 5 + 5 + 1 + 4  # one per EMA licence type; theatrical has none
    for transaction in transactions:
        regions = transaction.findall(A + "Territory") + transaction.findall(
            A + "TerritoryExcluded"
        )
        assert 1 <= len(regions) <= 12  # not one element per country (249 for World)
    world = transactions[0]
    # World as the UN M49 region 001, plus Taiwan, which M49 leaves out and our tree does not
    assert [(e.tag, e.text) for t in world.findall(A + "Territory") for e in t] == [
        (M + "countryRegion", "001"),
        (M + "country", "TW"),
    ]
    assert "RU" in [e.text for t in world.findall(A + "TerritoryExcluded") for e in t]
    assert len(xml) < 20_000

    for fmt, data in (("xml", xml), ("xlsx", rights_in_export_ema(holder=studio, fmt="xlsx"))):
        other = OrganisationFactory(name=f"Buyer {fmt}", slug=f"buyer-{fmt}")
        rights_in_import_ema(actor=None, holder=other, data=data, filename=f"export.{fmt}")
        assert _cells(other) == _cells(studio), fmt


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["xml", "xlsx"])
def test_the_export_reads_the_database_the_same_number_of_times_for_n_and_2n_records(studio, fmt):
    def export_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            if fmt == "xml":
                assert b"".join(rights_in_export_ema_stream(holder=studio))
            else:
                assert rights_in_export_ema(holder=studio, fmt="xlsx")
        return len(queries)

    _catalog(studio, 0, 4)
    taxonomies()
    at_n = export_queries()
    _catalog(studio, 4, 4)
    assert export_queries() == at_n


@pytest.mark.django_db
def test_nothing_to_export_is_said_before_anything_is_written(studio, nu_pogodi):
    make_rights_in(studio, nu_pogodi, media=["THEATRICAL"])  # no EMA licence type
    with pytest.raises(EmaNothingToExport, match="Soyuzmultfilm holds no rights in"):
        rights_in_export_ema_stream(holder=studio)
    assert avails_from_xlsx(rights_in_export_ema(holder=studio, fmt="xlsx")) == []
