"""Terms beyond price and exclusivity (TPR prices, SuppressionLiftDate, SRP...) are read,
validated and written back by both formats."""

from __future__ import annotations

import pytest

from cinebridge.rights.ema import (
    EmaInvalid,
    avails_from_xlsx,
    avails_from_xml,
    avails_to_xlsx,
    avails_to_xml,
)
from cinebridge.rights.ema.errors import EmaError
from cinebridge.rights.ema.records import EmaTerm
from tests.rights.ema.files.workbooks import MOVIE_ROWS, movies_workbook


def test_xml_terms_are_kept_beside_the_price(synthetic):
    first = avails_from_xml((synthetic / "valid_v2.5.xml").read_bytes())[0]
    assert (first.price_type, first.exclusive) == ("WSP", True)
    assert first.terms == (
        EmaTerm("SuppressionLiftDate", "Event", "2027-02-15T00:00:00"),
        EmaTerm("TPR-WSP", "Money", "2.49", "USD"),
    )


def test_spreadsheet_term_columns_become_terms():
    first = avails_from_xlsx(movies_workbook())[0]
    assert first.terms == (
        EmaTerm("SRP", "Money", "6.99", "USD"),
        EmaTerm("SuppressionLiftDate", "Event", "2027-02-15"),
    )


def test_terms_survive_both_writers(synthetic):
    records = avails_from_xml((synthetic / "valid_v2.5.xml").read_bytes())
    assert avails_from_xml(avails_to_xml(records))[0].terms == records[0].terms
    assert avails_from_xlsx(avails_to_xlsx(records)) == records
    rows = avails_from_xlsx(movies_workbook())
    assert avails_from_xml(avails_to_xml(rows)) == rows


def test_bad_money_terms_are_reported(synthetic):
    data = (synthetic / "valid_v2.5.xml").read_text(encoding="utf-8")
    data = data.replace('currency="USD">2.49<', 'currency="QQQ">2.49<')
    with pytest.raises(EmaInvalid) as refused:
        avails_from_xml(data.encode())
    [problem] = refused.value.problems
    assert (problem.location, problem.code) == ("line 50", EmaError.UNKNOWN_CURRENCY)
    rows = [dict(MOVIE_ROWS[0], SRP="lots")]
    with pytest.raises(EmaInvalid) as refused:
        avails_from_xlsx(movies_workbook(rows))
    [problem] = refused.value.problems
    assert (problem.location, problem.code) == ("row 4, column SRP", EmaError.BAD_TERM)
