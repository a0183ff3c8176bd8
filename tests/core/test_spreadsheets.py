"""Cells written to spreadsheets: no formula runs from a CSV, and an escaped cell reads back."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from cinebridge.core.spreadsheets import FORMULA_STARTS, csv_cell, csv_cell_read, csv_writer


def test_cells_a_spreadsheet_would_run_get_a_leading_quote():
    for text in ("=1+2", "+1", "-Minus", "@SUM(A1)", "\tTab", "\rReturn", '=HYPERLINK("x")'):
        assert csv_cell(text) == "'" + text
    for text in ("Ну, погоди!", "1975", "'Allo 'Allo!", "", "A=B", "x-y"):
        assert csv_cell(text) == text


def test_numbers_and_dates_are_written_as_they_are():
    assert csv_cell(-5) == -5 and csv_cell(None) is None


def test_a_quote_before_a_formula_is_kept_through_a_round_trip():
    assert csv_cell("'=1+2") == "''=1+2"
    assert csv_cell_read("''=1+2") == "'=1+2"
    assert csv_cell_read("'=1+2") == "=1+2"
    assert csv_cell_read("'Allo 'Allo!") == "'Allo 'Allo!"  # a quote that escapes nothing stays


@given(st.text())
def test_reading_an_escaped_cell_gives_the_text_back(text):
    escaped = csv_cell(text)
    assert not escaped.startswith(FORMULA_STARTS)
    assert csv_cell_read(escaped) == text


def test_the_writer_escapes_every_row():
    buffer = io.StringIO(newline="")
    writer = csv_writer(buffer)
    writer.writerow(["=1+2", "plain"])
    writer.writerows([["-Minus", 3]])
    rows = list(csv.reader(io.StringIO(buffer.getvalue())))
    assert rows == [["'=1+2", "plain"], ["'-Minus", "3"]]


def test_every_csv_the_project_writes_goes_through_the_safe_writer():
    package = Path(__file__).parents[2] / "cinebridge"
    direct = re.compile(r"csv\.(writer|DictWriter)\(")
    writers = [
        path.relative_to(package).as_posix()
        for path in package.rglob("*.py")
        if direct.search(path.read_text(encoding="utf-8"))
    ]
    assert writers == ["core/spreadsheets.py"]
