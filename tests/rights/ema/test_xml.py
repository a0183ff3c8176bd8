"""EMA Avails XML: golden files in, rejection of bad files, round trips through the writer."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date
from decimal import Decimal

import pytest

from cinebridge.rights.ema import (
    EmaInvalid,
    avails_from_xml,
    avails_to_xml,
    get_schema,
)
from cinebridge.rights.ema.schema import AVAILS_NS, MD_NS

VALID_FILES = ["Avails_noErrors_v2.3.xml"]


def _transaction_count(data: bytes) -> int:
    return len(ET.fromstring(data).findall(".//{*}Avail/{*}Transaction"))


@pytest.mark.parametrize("name", VALID_FILES)
def test_every_transaction_becomes_one_record(golden, name):
    data = (golden / name).read_bytes()
    records = avails_from_xml(data)
    assert len(records) == _transaction_count(data)
    assert len({r.source for r in records}) == len(records)


def test_no_errors_file_fields(golden):
    records = avails_from_xml((golden / "Avails_noErrors_v2.3.xml").read_bytes())
    assert len(records) == 24
    first = records[0]
    assert first.alid == "md:pseudoalid:wprid.fox.com:001143"
    assert first.licensor == "20th Century Fox"
    assert first.license_type == "EST"
    assert first.medium == "EST"
    assert first.territories == ("US",)
    assert first.start == date(1917, 9, 24)
    assert first.end is None and first.end_condition is None
    assert first.avail_type == "single" and first.work_type == "Movie"
    assert first.title == "THE BRAVADOS"
    assert first.title_internal_alias == "Bravados, The"
    assert first.content_id == "md:cid:eidr-s:8FF3-1C20-84F5-F247-8BCD-E"
    assert first.edit_eidr == "urn:eidr:10.5240:77C5-ED35-8FC2-7D9D-9531-1"
    assert first.release_year == 1958
    assert first.allowed_languages == ("ar", "cmn", "cs", "da", "de", "el")
    assert first.asset_language == "EN"
    assert first.format_profile == "HD"
    assert first.transaction_id == "1431081"
    assert (first.price_type, first.price_value, first.price_currency) == (
        "SRP",
        Decimal("1000.00"),
        "XTS",
    )
    assert first.rights_description == "Library"
    assert first.source == "AvailList/Avail[1]/Transaction[1]"

    vod = records[3]
    assert (vod.license_type, vod.medium, vod.start) == ("VOD", "TVOD", date(2007, 5, 1))
    assert (vod.price_type, vod.price_value, vod.price_text) == ("Category", None, "NR")

    bounded = records[4]
    assert (bounded.start, bounded.end) == (date(2017, 5, 5), date(2017, 12, 11))
    assert bounded.contract_id == "16623"

    collection = records[6]
    assert (collection.avail_type, collection.work_type) == ("collection", "Collection")
    assert collection.title == "Star Wars: The Digital Movie Collection (5)"

    episode = next(r for r in records if r.alid == "md:alid:disney.com:jake-s01e02")
    assert (episode.avail_type, episode.work_type) == ("episode", "Episode")
    assert episode.series_title == "Jake and the Neverland Pirates"
    assert (episode.season_number, episode.episode_number) == (1, 2)
    assert episode.episode_title == "Hats Off to Hook! / Escape From Belch"
    assert episode.season_content_id == "md:cid:disney.com:jake-s01"
    assert episode.series_content_id == "md:cid:disney.com:jake"
    assert episode.license_type == "SVOD"

    season = records[-1]
    assert (season.work_type, season.season_number, season.episode_number) == ("Season", 1, None)
    assert season.title == "Jake and the Neverland Pirates"


def test_errors_file_is_rejected_naming_metadata_and_refalid(golden):
    data = (golden / "Avails_Structure_Tests_v2.3_errors.xml").read_bytes()
    with pytest.raises(EmaInvalid) as caught:
        avails_from_xml(data)
    message = str(caught.value)
    assert "avails:Metadata" in message
    assert "RefALID" in message
    assert "line 73: avails:Asset with WorkType Movie needs avails:Metadata" in message
    elements = {p.element for p in caught.value.problems}
    assert {"avails:Metadata", "avails:RefALID"} <= elements
    # the structure rules alone reject it too, without help from the XSD
    with pytest.raises(EmaInvalid) as structural:
        avails_from_xml(data, check_schema=False)
    assert [p.element for p in structural.value.problems] == ["avails:Metadata", "avails:RefALID"]


def test_structure_sample_passes_structure_rules_but_not_the_xsd(golden):
    """MovieLabs use this file for structure rules only: its 2nd Asset lacks metadata."""
    data = (golden / "Avails_Structure_Tests_v2.3.xml").read_bytes()
    with pytest.raises(EmaInvalid) as caught:
        avails_from_xml(data)
    [problem] = caught.value.problems
    assert (problem.location, problem.element) == ("line 73", "avails:Asset")
    assert "avails:Metadata" in problem.message

    records = avails_from_xml(data, check_schema=False)
    assert len(records) == _transaction_count(data) == 3
    assert {r.avail_type for r in records} == {"supplement"}
    assert records[0].ref_alids == ("md:alid:eidr-x:0344-992B-DF0A-21A5-8BF9-R",)
    assert records[0].territories == ("NL",)
    assert records[0].end == date(2025, 3, 31)
    assert records[1].allowed_languages == ("de", "en-GB", "en", "nl")


BAD_TEMPLATE = """<?xml version="1.0" encoding="UTF-8"?>
<avails:AvailList xmlns:avails="http://www.movielabs.com/schema/avails/v2.3/avails"
    xmlns:md="http://www.movielabs.com/schema/md/v2.6/md">
  <avails:Avail>
    <avails:ALID>md:alid:org:example:1</avails:ALID>
    <avails:Disposition><avails:EntryType>Full Extract</avails:EntryType></avails:Disposition>
    <avails:Licensor><md:DisplayName>Example Films</md:DisplayName></avails:Licensor>
    <avails:AvailType>single</avails:AvailType>
    <avails:ShortDescription>hand-made test</avails:ShortDescription>
    <avails:Asset contentID="md:cid:org:example:1">
      <avails:WorkType>Movie</avails:WorkType>
      <avails:Metadata><avails:TitleInternalAlias>Example</avails:TitleInternalAlias></avails:Metadata>
    </avails:Asset>
    <avails:Transaction>
      <avails:LicenseType>SVOD</avails:LicenseType>
      <avails:Territory><md:country>{territory}</md:country></avails:Territory>
      <avails:Start>2020-01-01T00:00:00</avails:Start>
      <avails:End>{end}T00:00:00</avails:End>
      {format_profile}
    </avails:Transaction>
  </avails:Avail>
</avails:AvailList>
"""


def _hand_made(territory="FR", end="2021-01-01", format_profile=True) -> bytes:
    profile = "<avails:FormatProfile>HD</avails:FormatProfile>" if format_profile else ""
    text = BAD_TEMPLATE.format(territory=territory, end=end, format_profile=profile)
    return text.encode()


def test_hand_made_file_is_valid_without_the_faults():
    [record] = avails_from_xml(_hand_made())
    assert (record.territories, record.end, record.format_profile) == (
        ("FR",),
        date(2021, 1, 1),
        "HD",
    )


def test_hand_made_bad_file_reports_each_problem():
    with pytest.raises(EmaInvalid) as caught:
        avails_from_xml(_hand_made(territory="XX", end="2019-01-01", format_profile=False))
    problems = caught.value.problems
    by_element = {p.element: p for p in problems}
    assert len(problems) == 3
    assert "XX" in by_element["md:country"].message
    assert by_element["md:country"].location == "line 16"
    assert "before avails:Start" in by_element["avails:End"].message
    assert by_element["avails:End"].location == "line 18"
    assert "avails:FormatProfile" in by_element["avails:Transaction"].message
    text = str(caught.value)
    assert "XX" in text and "avails:End" in text and "avails:FormatProfile" in text


def test_not_well_formed_and_doctype_are_rejected():
    with pytest.raises(EmaInvalid, match="line 2: not well-formed"):
        avails_from_xml(b"<a>\n<b></a>")
    with pytest.raises(EmaInvalid, match="DTD"):
        avails_from_xml(b'<?xml version="1.0"?>\n<!DOCTYPE a [<!ENTITY x "y">]><a/>')


def test_xml_round_trip_of_golden_file(golden):
    records = avails_from_xml((golden / "Avails_noErrors_v2.3.xml").read_bytes())
    written = avails_to_xml(records)
    assert avails_from_xml(written) == records
    root = ET.fromstring(written)
    assert root.tag == f"{{{AVAILS_NS}}}AvailList"
    assert root.find(f".//{{{MD_NS}}}DisplayName") is not None
    # 12 Avails in, 12 out: records are grouped back by ALID and asset
    assert len(root.findall(f"{{{AVAILS_NS}}}Avail")) == 12


def test_structure_sample_round_trips_after_lenient_read(golden):
    data = (golden / "Avails_Structure_Tests_v2.3.xml").read_bytes()
    records = avails_from_xml(data, check_schema=False)
    # the asset without metadata has no title, which the XSD needs for avails:Metadata
    with pytest.raises(EmaInvalid, match="title_internal_alias"):
        avails_to_xml(records)
    writable = [r for r in records if r.title_internal_alias]
    assert avails_from_xml(avails_to_xml(writable)) == writable


def test_schema_is_built_once():
    assert get_schema() is get_schema()
    assert "{http://www.w3.org/2000/09/xmldsig#}Signature" in get_schema().maps.elements


RICH = """<?xml version="1.0" encoding="UTF-8"?>
<a:AvailList xmlns:a="http://www.movielabs.com/schema/avails/v2.4/avails"
    xmlns:md="http://www.movielabs.com/schema/md/v2.7/md">
  <a:Avail>
    <a:ALID>md:alid:org:example:7</a:ALID>
    <a:Disposition><a:EntryType>Full Extract</a:EntryType></a:Disposition>
    <a:Licensor><md:DisplayName>Example   Films</md:DisplayName></a:Licensor>
    <a:ServiceProvider><md:DisplayName>Old Name</md:DisplayName></a:ServiceProvider>
    <a:AvailType>single</a:AvailType>
    <a:ShortDescription>several transactions</a:ShortDescription>
    <a:Asset contentID="md:cid:org:example:7">
      <a:WorkType>Short</a:WorkType>
      <a:Metadata><a:TitleInternalAlias>Short, The</a:TitleInternalAlias></a:Metadata>
    </a:Asset>
    <a:Transaction TransactionID="t-1">
      <a:Licensee><md:DisplayName>Streamer</md:DisplayName></a:Licensee>
      <a:LicenseType>FVOD</a:LicenseType>
      <a:Territory><md:country>DE</md:country></a:Territory>
      <a:Territory><md:country>AT</md:country></a:Territory>
      <a:TerritoryExcluded><md:country>CH</md:country></a:TerritoryExcluded>
      <a:StartCondition>Immediate</a:StartCondition>
      <a:EndCondition>ESTStart</a:EndCondition>
      <a:FormatProfile>UHD</a:FormatProfile>
      <a:Term termName="Exclusive"><a:Boolean>true</a:Boolean></a:Term>
      <a:Term termName="LicenseFee"><a:Text>1500.50</a:Text></a:Term>
    </a:Transaction>
    <a:Transaction>
      <a:LicenseType>EST</a:LicenseType>
      <a:Territory><md:country>FR</md:country></a:Territory>
      <a:Start>2024-03-01T10:30:00Z</a:Start>
      <a:End>2026-02-28</a:End>
      <a:FormatProfile>HD</a:FormatProfile>
      <a:Term termName="DMRP"><a:Money currency="EUR">9.99</a:Money></a:Term>
      <a:Term termName="Exclusive"><a:Boolean>0</a:Boolean></a:Term>
    </a:Transaction>
  </a:Avail>
</a:AvailList>
"""


def test_reads_territory_lists_conditions_and_terms():
    data = RICH.replace("<a:End>2026-02-28</a:End>", "<a:End>2026-02-28T00:00:00</a:End>")
    first, second = avails_from_xml(data.encode())
    assert first.licensor == "Example Films"
    assert first.service_provider == "Streamer"  # the Transaction's Licensee wins
    assert (first.title, first.title_internal_alias) == ("Short, The", "Short, The")
    assert first.territories == ("DE", "AT") and first.territory_exclusions == ("CH",)
    assert (first.start, first.start_condition) == (None, "Immediate")
    assert (first.end, first.end_condition) == (None, "ESTStart")
    assert (first.exclusive, first.license_type, first.medium) == (True, "FVOD", "AVOD")
    assert (first.price_type, first.price_value) == ("LicenseFee", Decimal("1500.50"))
    assert second.service_provider == "Old Name"
    assert (second.start, second.end) == (date(2024, 3, 1), date(2026, 2, 28))
    assert (second.price_type, second.price_value, second.price_currency) == (
        "DMRP",
        Decimal("9.99"),
        "EUR",
    )
    assert second.exclusive is False and second.transaction_id is None
    assert avails_from_xml(avails_to_xml([first, second])) == [first, second]


def test_dates_without_time_break_the_xsd():
    with pytest.raises(EmaInvalid) as caught:
        avails_from_xml(RICH.encode())
    [problem] = caught.value.problems
    assert problem.element == "avails:End" and problem.location == "line 31"
