"""EMA import from the synthetic files kept in the repository: runs in every clone (the
golden-file tests in test_ema_exchange.py are an extra that needs ../shared)."""

from __future__ import annotations

import pytest

from cinebridge.rights.ema import EmaInvalid
from cinebridge.rights.ema_exchange import rights_in_export_ema, rights_in_import_ema
from cinebridge.rights.models import RightsIn
from tests.factories import OrganisationFactory
from tests.rights.ema.conftest import SYNTHETIC_DIR
from tests.rights.ema.files.workbooks import movies_workbook, tv_workbook
from tests.rights.test_ema_exchange import _records

pytestmark = pytest.mark.django_db

FILES = {
    "valid_v2.5.xml": lambda: (SYNTHETIC_DIR / "valid_v2.5.xml").read_bytes(),
    "movies_v1.9.xlsx": movies_workbook,
    "tv_v1.9.xlsx": tv_workbook,
}


@pytest.mark.parametrize(
    ("name", "rows"), [("valid_v2.5.xml", 5), ("movies_v1.9.xlsx", 3), ("tv_v1.9.xlsx", 4)]
)
def test_synthetic_files_import_with_every_row_accounted_for(studio, name, rows):
    data = FILES[name]()
    report = rights_in_import_ema(actor=None, holder=studio, data=data, filename=name)
    assert report.records == rows == len(report.rows) == report.created
    assert RightsIn.objects.filter(owner=studio).count() == rows
    again = rights_in_import_ema(actor=None, holder=studio, data=data, filename=name)
    assert again.unchanged == rows and again.titles_created == 0


def test_the_synthetic_error_file_is_refused_and_nothing_is_written(studio):
    data = (SYNTHETIC_DIR / "errors_v2.5.xml").read_bytes()
    with pytest.raises(EmaInvalid):
        rights_in_import_ema(actor=None, holder=studio, data=data, filename="errors.xml")
    assert not RightsIn.objects.exists()


@pytest.mark.parametrize("name", list(FILES))
def test_a_synthetic_import_exports_and_re_imports_to_the_same_records(studio, name):
    rights_in_import_ema(actor=None, holder=studio, data=FILES[name](), filename=name)
    other = OrganisationFactory(name="Mekong Screen", slug="mekong")
    for fmt in ("xml", "xlsx"):
        exported = rights_in_export_ema(holder=studio, fmt=fmt)
        rights_in_import_ema(actor=None, holder=other, data=exported, filename=f"export.{fmt}")
        assert _records(other) == _records(studio)


def _valid_xml() -> str:
    return (SYNTHETIC_DIR / "valid_v2.5.xml").read_text(encoding="utf-8")


def test_codec_problems_and_our_own_rules_are_reported_together(studio):
    bad = _valid_xml().replace("<avails:AllowedLanguage>vi<", "<avails:AllowedLanguage>XYZ<", 1)
    bad = bad.replace(
        "<avails:Start>2027-06-01T00:00:00</avails:Start>",
        "<avails:StartCondition>Immediate</avails:StartCondition>",
    )
    with pytest.raises(EmaInvalid) as refused:
        rights_in_import_ema(actor=None, holder=studio, data=bad.encode(), filename="bad.xml")
    found = [(p.location, p.code) for p in refused.value.problems]
    assert found == [("line 44", "unknown_language"), ("line 54", "start_condition")]
    assert not RightsIn.objects.exists()


def test_warnings_are_reported_beside_an_import_that_succeeds(studio):
    data = _valid_xml().replace("<md:System>FSK</md:System>", "<md:System>NOPE</md:System>")
    report = rights_in_import_ema(actor=None, holder=studio, data=data.encode(), filename="a.xml")
    assert report.created == 5
    [warning] = report.warnings
    assert (warning.location, warning.code) == ("line 26", "unknown_rating_system")
    assert "NOPE" in warning.message
