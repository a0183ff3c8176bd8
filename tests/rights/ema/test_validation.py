"""Every problem of an EMA file at once, each with its line (XML) or row and column (XLSX)
and its code: language tags by the IANA registry, ratings by their systems' values."""

from __future__ import annotations

import pytest

from cinebridge.rights.ema import EmaInvalid, avails_from_xlsx, avails_from_xml
from cinebridge.rights.ema.errors import EmaError
from cinebridge.rights.ema.xml_io import read_xml
from tests.rights.ema.files.workbooks import MOVIE_ROWS, movies_workbook


def _refused(read, data) -> list:
    with pytest.raises(EmaInvalid) as refused:
        read(data)
    return refused.value.problems


def test_every_planted_error_of_the_error_file_is_reported_with_its_line(synthetic):
    data = (synthetic / "errors_v2.5.xml").read_bytes()
    problems = _refused(avails_from_xml, data)
    assert problems == read_xml(data).problems
    found = {(p.location, p.code) for p in problems}
    assert found == {
        ("line 20", EmaError.UNKNOWN_RATING_VALUE),
        ("line 26", EmaError.UNKNOWN_RATING_REASON),
        ("line 38", EmaError.BAD_TERRITORY),
        ("line 40", EmaError.END_BEFORE_START),
        ("line 41", EmaError.UNKNOWN_LANGUAGE),
        ("line 42", EmaError.UNKNOWN_LANGUAGE),
        ("line 43", EmaError.UNKNOWN_LANGUAGE),
    }
    [warning] = read_xml(data).warnings
    assert (warning.location, warning.code) == ("line 30", EmaError.UNKNOWN_RATING_SYSTEM)
    text = {p.location: p.message for p in problems}
    assert "'XYZ'" in text["line 41"] and "'fr-xx'" in text["line 42"]
    assert "'ENg'" in text["line 43"] and "IANA" in text["line 43"]
    assert "PG-15" in text["line 20"] and "PG-13" in text["line 20"]


@pytest.mark.parametrize("tag", ["en", "EN", "zh-hant", "es-419", "cmn", "sr-Latn-RS"])
def test_language_tags_in_the_registry_pass_whatever_their_case(synthetic, tag):
    data = (synthetic / "valid_v2.5.xml").read_text(encoding="utf-8")
    data = data.replace("<avails:AllowedLanguage>vi<", f"<avails:AllowedLanguage>{tag}<", 1)
    assert read_xml(data.encode()).problems == []


def test_a_rating_system_we_do_not_know_is_only_a_warning(synthetic):
    data = (synthetic / "valid_v2.5.xml").read_text(encoding="utf-8")
    data = data.replace("<md:System>FSK</md:System>", "<md:System>NOPE</md:System>")
    reading = read_xml(data.encode())
    assert reading.problems == []
    [warning] = reading.warnings
    assert warning.code == EmaError.UNKNOWN_RATING_SYSTEM and warning.location == "line 26"
    assert len(avails_from_xml(data.encode())) == 5


def test_every_bad_cell_of_a_workbook_is_reported_with_row_and_column():
    rows = [dict(row) for row in MOVIE_ROWS]
    rows[0].update(AllowedLanguages="vi,XYZ", AssetLanguage="ENg", RatingValue="21")
    rows[1].update(RatingSystem="MPAA", RatingValue="PG-15", Territory="XX")
    rows[2].update(RatingSystem="TVPG", RatingValue="TV-14", RatingReason="L,Q")
    problems = _refused(avails_from_xlsx, movies_workbook(rows))
    found = {(p.location, p.code) for p in problems}
    assert found == {
        ("row 4, column AllowedLanguages", EmaError.UNKNOWN_LANGUAGE),
        ("row 4, column AssetLanguage", EmaError.UNKNOWN_LANGUAGE),
        ("row 4, column RatingValue", EmaError.UNKNOWN_RATING_VALUE),
        ("row 5, column RatingValue", EmaError.UNKNOWN_RATING_VALUE),
        ("row 5, column Territory", EmaError.BAD_TERRITORY),
        ("row 6, column RatingReason", EmaError.UNKNOWN_RATING_REASON),
    }


def test_every_problem_of_the_readers_has_a_code(synthetic):
    data = (synthetic / "valid_v2.5.xml").read_text(encoding="utf-8")
    data = data.replace("<avails:LicenseType>AVOD<", "<avails:LicenseType>PPV<")
    data = data.replace("<avails:AvailType>season<", "<avails:AvailType>episode<")
    problems = _refused(avails_from_xml, data.encode())
    assert [p.code for p in problems] == [
        EmaError.UNKNOWN_LICENSE_TYPE,
        EmaError.WRONG_WORK_TYPE,
    ]
    rows = [dict(MOVIE_ROWS[0], Start="14/06/2013", Exclusive="maybe", ReleaseYear="1975.5")]
    rows[0].pop("ALID")
    problems = _refused(avails_from_xlsx, movies_workbook(rows))
    assert sorted(p.code for p in problems) == sorted(
        [EmaError.REQUIRED, EmaError.NOT_DATE, EmaError.NOT_BOOLEAN, EmaError.NOT_WHOLE_NUMBER]
    )
