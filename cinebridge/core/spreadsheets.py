"""Cells written to spreadsheet files (CSV, XLSX): what a spreadsheet program must not run.

CSV: a cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is a
formula to Excel, LibreOffice and Google Sheets, which run it when a buyer opens the file
(CSV injection). Following OWASP, such a cell is written with a leading single quote, which
those programs take as "this is text"; ``csv_cell_read`` removes that quote again, so our
importer reads back exactly what was exported. A text that already starts with quotes before
a formula character gets one more, so the round trip holds for every text.

Every CSV this project writes goes through ``csv_writer``; docs/formats.md describes it.

XLSX: the XML inside cannot hold the control characters ``core.text`` refuses, and openpyxl
raises on them. Inputs refuse them, but a database may hold some from before, so every XLSX
writer passes its values through ``xlsx_cell``, which drops them. Reading, a workbook whose
XML holds such a character is unreadable; ``xlsx_rows`` says which cell it is.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from typing import Any

from django.utils.translation import gettext

from cinebridge.core.text import without_refused

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
    return SafeCsvWriter(csv.writer(file, **options))


def xlsx_cell(value: Any) -> Any:
    """``value`` as an XLSX cell can hold it: text without the characters XML refuses."""
    return without_refused(value) if isinstance(value, str) else value


class XlsxUnreadable(ValueError):
    """An XLSX sheet's XML is broken: ``where`` (the cell when it can be found) and ``reason``."""

    def __init__(self, where: str, reason: str) -> None:
        super().__init__(f"{where}: {reason}")
        self.where, self.reason = where, reason


def xlsx_rows(sheet: Any) -> list[tuple[Any, ...]]:
    """Every row of an openpyxl (read-only) sheet as values; raises ``XlsxUnreadable``."""
    try:
        return list(sheet.iter_rows(values_only=True))
    except SyntaxError as exc:  # xml.etree's ParseError and lxml's XMLSyntaxError
        line, column = getattr(exc, "position", None) or (exc.lineno or 0, exc.offset or 0)
        cell = _cell_at(sheet, line, column)
        if cell is None:
            where = gettext("line {line}, column {column} of the sheet's XML")
            where = where.format(line=line, column=column)
        else:
            where = gettext("row {row}, column {column}").format(row=cell[1], column=cell[0])
        raise XlsxUnreadable(where, _unholdable()) from None


def xlsx_load_problem(data: bytes, exc: SyntaxError) -> XlsxUnreadable | None:
    """The cell whose XML ``exc`` refused while openpyxl opened the workbook, if any.

    Opening a workbook parses the shared strings (and, in read-only mode, a sheet's
    dimension), so a character XML cannot hold can fail the load before any row is read;
    this names the cell that holds it.
    """
    line, column = getattr(exc, "position", None) or (exc.lineno or 0, exc.offset or 0)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            sheets = sorted(n for n in names if n.startswith("xl/worksheets/sheet"))
            texts = {n: archive.read(n).decode("utf-8", "replace") for n in sheets}
            if "xl/sharedStrings.xml" in names:
                texts["xl/sharedStrings.xml"] = archive.read("xl/sharedStrings.xml").decode(
                    "utf-8", "replace"
                )
    except (KeyError, zipfile.BadZipFile):
        return None
    for name, xml in texts.items():
        lines = xml.split("\n")
        if not 1 <= line <= len(lines):
            continue
        before = "\n".join([*lines[: line - 1], lines[line - 1][:column]])
        if not _REFUSED_NEAR.search(xml[max(0, len(before) - 12) : len(before) + 12]):
            continue
        if name == "xl/sharedStrings.xml":
            index = str(len(re.findall(r"<(?:\w+:)?si\b", before)) - 1)
            for sheet in sheets:
                for letters, row, kind, value in _SHARED_CELL.findall(texts[sheet]):
                    if kind == "s" and value == index:
                        return _unreadable_at(row, letters)
            return None
        cells = _CELL.findall(before)
        return _unreadable_at(cells[-1][1], cells[-1][0]) if cells else None
    return None


_REFUSED_NEAR = re.compile(r"&#x?[0-9a-fA-F]+;|[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _unreadable_at(row: str, letters: str) -> XlsxUnreadable:
    where = gettext("row {row}, column {column}").format(row=row, column=letters)
    return XlsxUnreadable(where, _unholdable())


def _unholdable() -> str:
    return gettext(
        "holds a character an XLSX file cannot hold (a control character such as U+0001, "
        "or half of a surrogate pair)"
    )


_SHARED_CELL = re.compile(
    r'<(?:\w+:)?c\b[^>]*?\br="([A-Z]+)([0-9]+)"[^>]*?\bt="(\w+)"[^>]*>\s*<(?:\w+:)?v>(\d+)<'
)

_CELL = re.compile(r'<(?:\w+:)?c\b[^>]*\br="([A-Z]+)([0-9]+)"')


def _cell_at(sheet: Any, line: int, column: int) -> tuple[str, str] | None:
    """(column letters, row number) of the cell whose XML holds ``line``:``column``."""
    try:  # the sheet's own XML (openpyxl's read-only sheets keep where it is)
        xml = sheet.parent._archive.read(sheet._worksheet_path).decode("utf-8", "replace")
    except (AttributeError, KeyError, ValueError):
        return None
    lines = xml.split("\n")
    if not 1 <= line <= len(lines):
        return None
    cells = _CELL.findall("\n".join([*lines[: line - 1], lines[line - 1][:column]]))
    return cells[-1] if cells else None
