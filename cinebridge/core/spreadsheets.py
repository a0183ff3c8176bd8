"""Cells written to spreadsheet files (CSV, XLSX): what a spreadsheet program must not run.

CSV: a cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is a
formula to Excel, LibreOffice and Google Sheets, which run it when a buyer opens the file
(CSV injection). Following OWASP, such a cell is written with a leading single quote, which
those programs take as "this is text"; ``csv_cell_read`` removes that quote again, so our
importer reads back exactly what was exported. A text that already starts with quotes before
a formula character gets one more, so the round trip holds for every text.

Every CSV this project writes goes through ``csv_writer``; docs/formats.md describes it.
"""

from __future__ import annotations

from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_QUOTE = "'"


def _runs_as_formula(text: str) -> bool:
    """True for text a spreadsheet would run, also behind leading quotes (which we add)."""
    return text.lstrip(_QUOTE).startswith(FORMULA_STARTS)


def csv_cell(value: Any) -> Any:
    """``value`` as a CSV cell that no spreadsheet runs (non-text values are left as they are)."""
    if isinstance(value, str) and _runs_as_formula(value):
        return _QUOTE + value
    return value


def csv_cell_read(text: str) -> str:
    """The text a cell written by ``csv_cell`` stood for (any other cell as it is)."""
    if text.startswith(_QUOTE) and _runs_as_formula(text[1:]):
        return text[1:]
    return text


class SafeCsvWriter:
    """``csv.writer`` whose every cell goes through ``csv_cell``."""

    def __init__(self, writer: Any) -> None:
        self._writer = writer

    def writerow(self, row: Any) -> Any:
        return self._writer.writerow([csv_cell(value) for value in row])

    def writerows(self, rows: Any) -> None:
        for row in rows:
            self.writerow(row)


def csv_writer(file: Any, **options: Any) -> SafeCsvWriter:
    """A CSV writer (``csv.writer(file, **options)``) that neutralises formulas."""
    import csv

    return SafeCsvWriter(csv.writer(file, **options))
