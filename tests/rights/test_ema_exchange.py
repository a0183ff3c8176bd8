"""EMA avails in and out of rights in: golden files import with every row accounted for, the
error file is refused whole, an export re-imports to the same records."""

from __future__ import annotations

import pytest

from cinebridge.rights.ema import EmaInvalid
from cinebridge.rights.ema_exchange import rights_in_export_ema, rights_in_import_ema
from cinebridge.rights.models import RightsIn
from cinebridge.rights.taxonomy import taxonomies
from tests.factories import OrganisationFactory
from tests.rights.factories import make_rights_in
from tests.shared_data import shared_data

EMA = shared_data("ema")
pytestmark = pytest.mark.skipif(not EMA.is_dir(), reason=f"golden EMA files not found at {EMA}")


def _records(holder) -> list[tuple]:
    territories, media = taxonomies()
    out = []
    for r in (
        RightsIn.objects.filter(owner=holder).select_related("title").prefetch_related("scopes")
    ):
        scopes = list(r.scopes.all())
        t = territories.selection(
            [s.key for s in scopes if s.axis == "t" and not s.excluded],
            [s.key for s in scopes if s.axis == "t" and s.excluded],
        )
        m = media.selection([s.key for s in scopes if s.axis == "m"])
        out.append(
            (
                r.title.original_title,
                r.title.reference,
                t,
                m,
                r.start,
                r.end,
                r.exclusive,
                r.licensor_name,
                r.external_id.split("#")[0],
            )
        )
    return sorted(out, key=repr)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "rows"),
    [("Avails_noErrors_v2.3.xml", 24), ("Movies_v1.9.xlsx", 26), ("TV_v1.9.xlsx", 38)],
)
def test_golden_files_import_with_every_row_accounted_for(studio, name, rows):
    report = rights_in_import_ema(
        actor=None, holder=studio, data=(EMA / name).read_bytes(), filename=name
    )
    assert report.records == rows == len(report.rows)
    assert report.created + report.updated + report.unchanged + report.duplicate == rows
    assert RightsIn.objects.filter(owner=studio).count() == report.created
    again = rights_in_import_ema(
        actor=None, holder=studio, data=(EMA / name).read_bytes(), filename=name
    )
    assert again.unchanged == rows and again.titles_created == 0


@pytest.mark.django_db
def test_the_error_file_is_refused_naming_the_elements_and_nothing_is_written(studio):
    name = "Avails_Structure_Tests_v2.3_errors.xml"
    with pytest.raises(EmaInvalid) as refused:
        rights_in_import_ema(
            actor=None, holder=studio, data=(EMA / name).read_bytes(), filename=name
        )
    text = str(refused.value)
    assert "avails:Metadata" in text and "avails:RefALID" in text and "line 73" in text
    assert not RightsIn.objects.exists()


@pytest.mark.django_db
def test_a_file_breaking_only_the_schema_is_refused_unless_lenient(studio):
    name = "Avails_Structure_Tests_v2.3.xml"
    data = (EMA / name).read_bytes()
    with pytest.raises(EmaInvalid, match="line 73"):
        rights_in_import_ema(actor=None, holder=studio, data=data, filename=name)
    report = rights_in_import_ema(actor=None, holder=studio, data=data, filename=name, lenient=True)
    assert report.records == 3 == len(report.rows)
    # its second Avail repeats the first one's ALID and TransactionID: reported, not stored twice
    assert [row.action for row in report.rows] == ["created", "created", "duplicate"]


@pytest.mark.django_db
def test_bad_rows_are_refused_whole_with_their_row(studio):
    bad = (
        (EMA / "Avails_noErrors_v2.3.xml")
        .read_text()
        .replace("<md:country>US</md:country>", "<md:country>XX</md:country>", 1)
    )
    with pytest.raises(EmaInvalid) as refused:
        rights_in_import_ema(actor=None, holder=studio, data=bad.encode(), filename="bad.xml")
    assert "XX" in str(refused.value)
    assert not RightsIn.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("Avails_noErrors_v2.3.xml", "xml"),
        ("Movies_v1.9.xlsx", "xlsx"),
        ("Movies_v1.9.xlsx", "xml"),
    ],
)
def test_an_export_re_imports_to_the_same_records(studio, name, fmt):
    rights_in_import_ema(actor=None, holder=studio, data=(EMA / name).read_bytes(), filename=name)
    exported = rights_in_export_ema(holder=studio, fmt=fmt)
    other = OrganisationFactory(name="Mekong Screen", slug="mekong")
    rights_in_import_ema(actor=None, holder=other, data=exported, filename=f"export.{fmt}")
    assert _records(other) == _records(studio)
    # and into the same holder it changes nothing
    again = rights_in_import_ema(actor=None, holder=studio, data=exported, filename=f"export.{fmt}")
    assert again.created == 0


@pytest.mark.django_db
def test_rights_in_made_here_export_as_valid_ema(studio, nu_pogodi):
    make_rights_in(
        studio,
        nu_pogodi,
        territories=["VN", "TH"],
        media=["SVOD", "AVOD", "THEATRICAL"],
        start="2027-01-01",
        end="2029-01-01",
    )
    xml = rights_in_export_ema(holder=studio, fmt="xml")
    assert xml.count(b"<avails:Transaction") == 2  # SVOD and AVOD; theatrical has no EMA type
    other = OrganisationFactory(name="Okko", slug="okko")
    rights_in_import_ema(actor=None, holder=other, data=xml, filename="x.xml")
    [(title, *_rest)] = {r[0:1] for r in _records(other)}
    assert title == nu_pogodi.original_title
