"""The XML writer: UN M49 regions as md:countryRegion, and a document written piece by piece."""

from __future__ import annotations

from datetime import date

import pytest

from cinebridge.rights.ema import EmaAvail, EmaInvalid, avails_from_xml, avails_to_xml
from cinebridge.rights.ema.schema import MD_NS, parse_xml, schema_problems
from cinebridge.rights.ema.xml_write import avails_xml_chunks


def _movie(number: int, **fields) -> EmaAvail:
    values = {
        "alid": f"md:alid:org:test:{number}",
        "licensor": "Soyuzmultfilm",
        "avail_type": "single",
        "work_type": "Movie",
        "title": f"Фильм {number}",
        "title_internal_alias": f"Фильм {number}",
        "content_id": f"md:cid:org:test:{number}",
        "license_type": "SVOD",
        "territories": ("001", "TW"),
        "territory_exclusions": ("RU", "143"),
        "start": date(2027, 1, 1),
        "format_profile": "HD",
        "exclusive": True,
    }
    return EmaAvail(**(values | fields))


def test_world_with_exclusions_is_written_as_regions_and_read_back():
    record = _movie(1)
    data = avails_to_xml([record])
    root = parse_xml(data)
    assert schema_problems(root) == []
    assert [e.text for e in root.iter(f"{{{MD_NS}}}countryRegion")] == ["001", "143"]
    assert [e.text for e in root.iter(f"{{{MD_NS}}}country")] == ["TW", "RU"]
    assert avails_from_xml(data) == [record]


def test_subdivisions_stay_refused():
    data = avails_to_xml([_movie(1)]).replace(b">143<", b">US-CA<")
    with pytest.raises(EmaInvalid, match="subdivisions of a country are not supported"):
        avails_from_xml(data)


def test_the_document_comes_in_pieces_that_make_the_same_document(monkeypatch):
    from cinebridge.rights.ema import xml_write

    monkeypatch.setattr(xml_write, "CHUNK_BYTES", 500)
    records = [_movie(n, license_type=t) for n in range(20) for t in ("SVOD", "AVOD")]
    pieces = list(avails_xml_chunks(records))
    assert len(pieces) > 10
    assert b"".join(pieces) == avails_to_xml(records)
    assert avails_from_xml(b"".join(pieces)) == records


def test_no_records_is_refused_before_anything_is_written():
    with pytest.raises(EmaInvalid, match="at least one record is needed"):
        next(avails_xml_chunks([]))
