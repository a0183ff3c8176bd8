"""Read and write EMA Avails spreadsheets (templates v1.9, Movies and TV) as records.

A template sheet has three header rows -- column groups, column names, comments
("//REQ", "//Opt"; cell A of the comment row holds the template version) -- and one
transaction per data row.  The reader finds the header row by its column names (not by
its number), tells Movies from TV by the names, skips empty rows and reads every sheet
that carries such a header.  The writer produces the same three header rows; Movies and
TV records go to a Movies and a TV sheet respectively (a mixed list gives two sheets,
Movies first).

Spreadsheets carry no AvailType: it is derived from WorkType on reading and not written.
"""

from __future__ import annotations

import json
import re
import zipfile
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal
from io import BytesIO
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.cell import WriteOnlyCell
from openpyxl.utils.exceptions import InvalidFileException

from cinebridge.core.spreadsheets import (
    XlsxUnreadable,
    xlsx_cell,
    xlsx_load_problem,
    xlsx_rows,
)
from cinebridge.core.text import text_problem

from . import vocabulary
from .errors import EmaError, EmaInvalid, EmaProblem, problem
from .records import KNOWN_LICENSE_TYPES, WORK_TYPE_TO_AVAIL_TYPE, EmaAvail, EmaReading
from .structure import (
    CONDITION,
    parse_boolean,
    parse_decimal,
    record_problems,
    term_problems,
    territory_problem,
)
from .terms import term_cells, terms_from_cells
from .volumes import volume_cells

_TEMPLATE_FILE = Path(__file__).with_name("data") / "xlsx-templates-v1.9.json"
TEMPLATES: dict[str, Any] = json.loads(_TEMPLATE_FILE.read_text(encoding="utf-8"))["templates"]
TEMPLATE_VERSION = 1.9

#: Column names that identify the header row of any avails template.
HEADER_MARKERS = frozenset({"ALID", "WorkType", "LicenseType", "Territory"})
#: Columns a template must have: those its comment row marks "//REQ".
REQUIRED_COLUMNS = {
    kind: tuple(name for _group, name, comment in template["columns"] if comment == "//REQ")
    for kind, template in TEMPLATES.items()
}
#: Cells every data row must fill (plus the content ID of the row's level).
REQUIRED_CELLS = ("ALID", "WorkType", "LicenseType", "Territory", "Start", "End", "FormatProfile")
WORK_TYPES = {
    "movies": ("Movie", "Short", "Supplemental", "Promotion", "Collection"),
    "tv": ("Episode", "Season", "Series", "Volume"),
}
#: Asset level (None: Movies template) -> (content ID, title EIDR, edit EIDR, alt ID) columns.
#: The level also prefixes the title columns ("EpisodeTitleInternalAlias", ...).
ID_COLUMNS = {
    None: ("ContentID", "TitleID", "EditID", "AltID"),
    "Episode": ("EpisodeContentID", "EpisodeTitleID", "EpisodeID", "EpisodeAltID"),
    "Season": ("SeasonContentID", "SeasonID", None, "SeasonAltID"),
    "Series": ("SeriesContentID", "SeriesID", None, "SeriesAltID"),
    "Volume": ("VolumeContentID", "VolumeID", None, "VolumeAltID"),
}
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?Z?")


def read_xlsx(data: bytes) -> EmaReading:
    """Records for every non-empty data row of every template sheet, in sheet/row order,
    with every problem ("row N, column X") and warning found.

    Problems: missing required columns or cells, bad dates, unknown LicenseType or
    WorkType, bad territory codes, End before Start, language tags missing from the IANA
    registry, ratings their system does not have.  A file that is no workbook, or has no
    template sheet, raises :class:`EmaInvalid`.
    """
    try:
        workbook = openpyxl.load_workbook(BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, SyntaxError) as exc:
        if isinstance(exc, SyntaxError) and (cell := xlsx_load_problem(data, exc)):
            unreadable = EmaProblem(cell.where, "workbook", cell.reason)
            raise EmaInvalid([unreadable]) from None
        found = problem("workbook", "workbook", EmaError.NOT_A_WORKBOOK, error=exc)
        raise EmaInvalid([found]) from None
    try:
        sheets = []
        for ws in workbook.worksheets:
            sheets.append((ws.title, xlsx_rows(ws)))
    except XlsxUnreadable as exc:  # a character XML cannot hold, named by its cell
        unreadable = EmaProblem(f"sheet {ws.title}, {exc.where}", "workbook", exc.reason)
        raise EmaInvalid([unreadable]) from None
    finally:
        workbook.close()
    found = [
        (title, rows, index) for title, rows in sheets if (index := _header_index(rows)) is not None
    ]
    if not found:
        raise EmaInvalid([problem("workbook", "workbook", EmaError.NO_TEMPLATE_SHEET)])
    reading = EmaReading()
    for title, rows, index in found:
        prefix = f"sheet {title}, " if len(found) > 1 else ""
        _read_sheet(rows, index, prefix, reading)
    return reading


def avails_from_xlsx(data: bytes) -> list[EmaAvail]:
    """Records for every non-empty data row of every template sheet, in sheet/row order.

    Raises :class:`EmaInvalid` listing every problem (see :func:`read_xlsx`).
    """
    reading = read_xlsx(data)
    if reading.problems:
        raise EmaInvalid(reading.problems, "EMA avails spreadsheet")
    return reading.records


def _header_index(rows: list[tuple[Any, ...]]) -> int | None:
    for index, row in enumerate(rows[:20]):
        names = {value.strip() for value in row if isinstance(value, str)}
        if names >= HEADER_MARKERS:
            return index
    return None


def _read_sheet(
    rows: list[tuple[Any, ...]],
    header: int,
    prefix: str,
    reading: EmaReading,
) -> None:
    """Add the sheet's records and problems to ``reading`` (header row at ``header``)."""
    problems = reading.problems
    columns: dict[str, int] = {}
    for position, name in enumerate(rows[header]):
        if isinstance(name, str) and name.strip():
            columns.setdefault(name.strip(), position)
    kind = "tv" if {"EpisodeNumber", "SeriesTitleInternalAlias"} & set(columns) else "movies"
    missing = [name for name in REQUIRED_COLUMNS[kind] if name not in columns]
    for name in missing:
        where = f"{prefix}row {header + 1}, column {name}"
        problems.append(problem(where, name, EmaError.MISSING_COLUMN))
    if missing:
        return
    first = header + 1
    if first < len(rows) and any(
        isinstance(v, str) and v.lstrip().startswith("//") for v in rows[first]
    ):
        first += 1  # the comment row
    for number, row in enumerate(rows[first:], start=first + 1):
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in row):
            continue
        reader = _RowReader(row, columns, f"{prefix}row {number}")
        reading.records.append(reader.record(kind))
        reading.locations.append(reader.where)
        problems += [p for p in reader.problems if not p.warning]
        reading.warnings += [p for p in reader.problems if p.warning]


class _RowReader:
    """Converts the cells of one data row, collecting problems instead of stopping."""

    def __init__(self, row: tuple[Any, ...], columns: dict[str, int], where: str) -> None:
        self.row, self.columns, self.where = row, columns, where
        self.problems: list[EmaProblem] = []

    def coded(self, column: str, found: vocabulary.Found) -> None:
        where = f"{self.where}, column {column}"
        self.problems += [problem(where, column, code, **params) for code, params in found]

    def raw(self, column: str | None) -> Any:
        position = self.columns.get(column or "")
        value = self.row[position] if position is not None and position < len(self.row) else None
        if isinstance(value, str):
            if bad := text_problem(value, multiline=True):  # the one rule of core.text
                problem = EmaProblem(f"{self.where}, column {column}", str(column), bad.message)
                if problem not in self.problems:
                    self.problems.append(problem)
                return None
            value = " ".join(value.split()) or None
        return value

    def text(self, column: str | None) -> str | None:
        value = self.raw(column)
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, datetime | date):
            value = value.isoformat()
        return None if value is None else str(value)

    def integer(self, column: str) -> int | None:
        value = self.raw(column)
        if value is None or (isinstance(value, int) and not isinstance(value, bool)):
            return value
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if isinstance(value, str) and value.isascii() and value.isdigit():
            return int(value)
        self.coded(column, [(EmaError.NOT_WHOLE_NUMBER, {"value": value})])
        return None

    def boolean(self, column: str) -> bool | None:
        value = self.raw(column)
        if value is None or isinstance(value, bool):
            return value
        if (parsed := parse_boolean(str(value))) is not None:
            return parsed
        self.coded(column, [(EmaError.NOT_BOOLEAN, {"value": value})])
        return None

    def when(self, column: str) -> tuple[date | None, str | None]:
        """A date, or a condition word such as Open / ESTStart ("Open" End -> None, None)."""
        value = self.raw(column)
        if isinstance(value, datetime):
            return value.date(), None
        if isinstance(value, date) or value is None:
            return value, None
        if isinstance(value, str) and _DATE.fullmatch(value):
            try:
                return date.fromisoformat(value[:10]), None
            except ValueError:
                pass
        elif isinstance(value, str) and CONDITION.fullmatch(value):
            return None, None if (column == "End" and value == "Open") else value
        self.coded(column, [(EmaError.NOT_DATE, {"value": value})])
        return None, None

    def codes(self, column: str) -> tuple[str, ...]:
        codes = tuple(c.strip().upper() for c in (self.text(column) or "").split(",") if c.strip())
        for code in codes:
            if territory_problem(code):
                self.coded(column, [(EmaError.BAD_TERRITORY, {"value": code})])
        return codes

    def languages(self, column: str) -> tuple[str, ...]:
        tags = [t.split(":")[0].strip() for t in (self.text(column) or "").split(",")]
        for tag in tags:
            if tag:
                self.coded(column, vocabulary.language_problems(column, tag))
        return tuple(tag for tag in tags if tag)

    def rating(self) -> None:
        """Check the RatingSystem, RatingValue and RatingReason (a list) cells."""
        reasons = [r.strip() for r in (self.text("RatingReason") or "").split(",") if r.strip()]
        found = vocabulary.rating_problems(
            self.text("RatingSystem"), self.text("RatingValue"), reasons
        )
        for code, params in found:
            column = {
                EmaError.UNKNOWN_RATING_SYSTEM: "RatingSystem",
                EmaError.UNKNOWN_RATING_REASON: "RatingReason",
            }.get(code, "RatingValue")
            self.coded(column, [(code, params)])

    def price(self) -> dict[str, Any]:
        value = self.raw("PriceValue")
        number = None
        if isinstance(value, int | float) and not isinstance(value, bool):
            number = Decimal(str(value))
        elif isinstance(value, str):
            number = parse_decimal(value)
        return {
            "price_type": self.text("PriceType"),
            "price_value": number,
            "price_currency": self.text("PriceCurrency"),
            "price_text": None if value is None or number is not None else str(value),
        }

    def record(self, kind: str) -> EmaAvail:
        """The row as a record; check ``problems`` before trusting it."""
        work_type = self.text("WorkType")
        for column in REQUIRED_CELLS:
            if self.raw(column) is None:
                self.coded(column, [(EmaError.REQUIRED, {})])
        if work_type is not None and work_type not in WORK_TYPES[kind]:
            allowed = ", ".join(WORK_TYPES[kind])
            params = {"value": work_type, "allowed": allowed}
            self.coded("WorkType", [(EmaError.UNKNOWN_WORK_TYPE, params)])
        license_type = self.text("LicenseType")
        if license_type is not None and license_type not in KNOWN_LICENSE_TYPES:
            known = ", ".join(sorted(KNOWN_LICENSE_TYPES))
            params = {"value": license_type, "allowed": known}
            self.coded("LicenseType", [(EmaError.UNKNOWN_LICENSE_TYPE, params)])
        self.rating()
        terms = terms_from_cells(self.raw, self.text("PriceCurrency"))
        for term in terms:
            column = "SRP" if term.name == "SRP" and term.kind == "Money" else "OtherTerms"
            self.coded(column, term_problems(term))
        start, start_condition = self.when("Start")
        end, end_condition = self.when("End")
        if start and end and end < start:
            params = {"end": end, "start": start, "start_element": "Start"}
            self.coded("End", [(EmaError.END_BEFORE_START, params)])
        asset = self.asset(work_type if kind == "tv" else None)
        return EmaAvail(
            alid=self.text("ALID") or "",
            licensor=self.text("DisplayName"),
            service_provider=self.text("Licensee") or self.text("ServiceProvider"),
            avail_type=WORK_TYPE_TO_AVAIL_TYPE.get(work_type or ""),
            work_type=work_type,
            release_year=self.integer("ReleaseYear"),
            license_type=license_type,
            territories=self.codes("Territory"),
            territory_exclusions=self.codes("TerritoryExclusion"),
            start=start,
            start_condition=start_condition,
            end=end,
            end_condition=end_condition,
            allowed_languages=self.languages("AllowedLanguages"),
            asset_language=(self.languages("AssetLanguage") or (None,))[0],
            format_profile=self.text("FormatProfile"),
            exclusive=self.boolean("Exclusive"),
            transaction_id=self.text("AvailID"),
            contract_id=self.text("ContractID"),
            rights_description=self.text("LicenseRightsDescription"),
            source=self.where,
            terms=terms,
            **self.price(),
            **asset,
        )

    def asset(self, level: str | None) -> dict[str, Any]:
        """Asset fields of a Movies row (level None) or of a TV episode/season/series row."""
        if level not in ID_COLUMNS:
            return {}
        content, title_id, edit_id, alt = ID_COLUMNS[level]
        if self.raw(content) is None:
            self.coded(content, [(EmaError.REQUIRED, {})])
        alias = self.text(f"{level or ''}TitleInternalAlias")
        title = self.text(f"{level or ''}TitleDisplayUnlimited") or alias
        values = {
            "content_id": self.text(content),
            "title_eidr": self.text(title_id),
            "edit_eidr": self.text(edit_id),
            "alt_id": self.text(alt),
            "title": title,
            "title_internal_alias": alias,
        }
        if level is None:
            return values
        series_title = self.text("SeriesTitleDisplayUnlimited")
        series_title = series_title or self.text("SeriesTitleInternalAlias")
        values.update(series_title=series_title, series_content_id=self.text("SeriesContentID"))
        if level != "Series":
            values["season_number"] = self.integer("SeasonNumber")
            values["season_content_id"] = self.text("SeasonContentID")
        if level == "Season":
            values["title"] = title or series_title
        if level == "Episode":
            values.update(episode_title=title, episode_number=self.integer("EpisodeNumber"))
        if level == "Volume":  # first episode in EpisodeNumber, how many in EpisodeCount
            values.update(
                title=title or series_title,
                volume_number=self.integer("VolumeNumber"),
                volume_first_episode=self.integer("EpisodeNumber"),
                volume_episode_count=self.integer("EpisodeCount"),
            )
        return values


# --------------------------------------------------------------------------- writing


def avails_to_xlsx(records: Iterable[EmaAvail]) -> bytes:
    """An .xlsx workbook in the EMA v1.9 template layout holding ``records``.

    Movie-like records go to a ``Template-Movies`` sheet, episodes/seasons/series to a
    ``Template-TV_v1.9`` sheet (both when the list is mixed; an empty list gives an empty
    Movies sheet).  Raises :class:`EmaInvalid` for records that break the EMA rules.
    """
    records = list(records)
    problems = record_problems(records, for_xml=False)
    if problems:
        raise EmaInvalid(problems, "records for an EMA spreadsheet")
    workbook = openpyxl.Workbook(write_only=True)  # rows go straight to the file: 3x faster
    movies = [r for r in records if not r.is_tv]
    tv = [r for r in records if r.is_tv]
    for kind, group in (("movies", movies), ("tv", tv)):
        if group or (kind == "movies" and not records):
            _write_sheet(workbook, kind, group)
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()


def _write_sheet(workbook: openpyxl.Workbook, kind: str, records: list[EmaAvail]) -> None:
    template = TEMPLATES[kind]
    sheet = workbook.create_sheet(template["sheet"])
    groups, names, comments = zip(*template["columns"], strict=True)
    sheet.append(list(groups))
    sheet.append(list(names))
    sheet.append([TEMPLATE_VERSION, *comments[1:]])
    for record in records:
        values = _row_values(record)
        sheet.append([_cell(sheet, xlsx_cell(values.get(name))) for name in names])


def _cell(sheet: Any, value: Any) -> Any:
    """The value of a cell; text starting with "=" as a text cell, never a formula."""
    if not (isinstance(value, str) and value.startswith("=")):
        return value
    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"
    return cell


def _number(value: Decimal) -> int | float | str:
    """A cell value for a price: a number when Excel's doubles hold it exactly, else text."""
    if value == value.to_integral_value() and abs(value) < 10**15:
        return int(value)
    as_float = float(value)
    return as_float if Decimal(str(as_float)) == value else format(value, "f")


def _row_values(r: EmaAvail) -> dict[str, Any]:
    price = _number(r.price_value) if r.price_value is not None else r.price_text
    values: dict[str, Any] = {
        "DisplayName": r.licensor,
        "Licensee": r.service_provider,
        "AssetLanguage": r.asset_language,
        "Territory": ",".join(r.territories) or None,
        "TerritoryExclusion": ",".join(r.territory_exclusions) or None,
        "WorkType": r.work_type,
        "EntryType": "Full Extract",
        "LicenseType": r.license_type,
        "LicenseRightsDescription": r.rights_description,
        "FormatProfile": r.format_profile,
        "Start": r.start or r.start_condition,
        "End": r.end or r.end_condition or "Open",
        "PriceType": r.price_type,
        "PriceValue": price,
        "PriceCurrency": r.price_currency,
        "AvailID": r.transaction_id,
        "ALID": r.alid,
        "ReleaseYear": r.release_year,
        "ContractID": r.contract_id,
        "Exclusive": r.exclusive,
        "AllowedLanguages": ",".join(r.allowed_languages) or None,
    }
    values.update(term_cells(r.terms, r.price_currency))  # see terms.py
    level = r.work_type if r.is_tv else None
    content, title_id, edit_id, alt = ID_COLUMNS[level]
    title = r.title or r.episode_title
    alias = (
        r.title_internal_alias if level in ("Season", "Volume") else r.title_internal_alias or title
    )
    prefix = level or ""
    values.update({content: r.content_id, title_id: r.title_eidr, alt: r.alt_id})
    values.update({f"{prefix}TitleDisplayUnlimited": title, f"{prefix}TitleInternalAlias": alias})
    if edit_id:
        values[edit_id] = r.edit_eidr
    if level in (None, "Series"):
        return values
    values["SeriesContentID"] = r.series_content_id
    values["SeriesTitleDisplayUnlimited"] = r.series_title
    values["SeriesTitleInternalAlias"] = r.series_title
    values["SeasonContentID"] = r.season_content_id or r.content_id
    values["SeasonNumber"] = r.season_number
    if level == "Episode":
        values["EpisodeNumber"] = r.episode_number
        values["SeasonContentID"] = r.season_content_id
    if level == "Volume":
        values.update(volume_cells(r))  # see volumes.py
    return values
