"""The title file format shared by the importer and the exporter (see docs/formats.md).

One row per title; every column maps onto one field of ``specs.TitleSpec``. List cells hold
items separated by ``;`` (``\\;`` is a literal semicolon inside an item, ``\\\\`` a backslash).
Here: the column names, how a row's cells become the validator's raw input (``row_values``)
and how a file's rows are read (``read_rows``); validation and errors live in ``imports``.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from cinebridge.catalog.models import AssetKind, CreditRole, LocalisedTitleKind, VersionKind
from cinebridge.core.spreadsheets import XlsxUnreadable, csv_cell_read, xlsx_rows


class FileFormat(StrEnum):
    CSV = "csv"
    XLSX = "xlsx"


class UnsupportedFormat(ValueError):
    """The file is neither CSV nor XLSX (by the given format or by its extension)."""


REQUIRED_COLUMNS = ("kind", "original_title", "original_language")
# Columns holding one value that is a TitleSpec field of the same name.
SCALAR_COLUMNS = (
    "reference", "kind", "status", "original_title", "original_language", "year",
    "runtime_minutes", "eidr", "isan", "imdb",
)  # fmt: skip
LIST_COLUMNS = ("countries", "genres")
PRIVATE_COLUMNS = ("internal_notes", "asking_price", "asking_currency")

# Localised titles: ``title_<lang>`` (official), ``romanisation_<lang>``, ``alternative_titles``.
LOCALISED_PREFIXES = {
    "title_": LocalisedTitleKind.OFFICIAL,
    "romanisation_": LocalisedTitleKind.ROMANISATION,
}
ALTERNATIVE_TITLES = "alternative_titles"
SYNOPSIS_PREFIX = "synopsis_"

CREDIT_COLUMNS = {
    "directors": CreditRole.DIRECTOR,
    "writers": CreditRole.WRITER,
    "producers": CreditRole.PRODUCER,
    "cast": CreditRole.CAST,
    "voices": CreditRole.VOICE,
    "animators": CreditRole.ANIMATOR,
    "composers": CreditRole.COMPOSER,
    "cinematographers": CreditRole.CINEMATOGRAPHER,
    "editors": CreditRole.EDITOR,
}
CHARACTER_COLUMNS = frozenset({"cast", "voices"})  # items may be "Name (Character)"
PERSON_NAMES = "person_names"  # items "Name = lang:name in another script"

VERSION_COLUMNS = {
    "original_audio": VersionKind.ORIGINAL,
    "dubs": VersionKind.DUB,
    "subtitles": VersionKind.SUBTITLES,
    "voice_overs": VersionKind.VOICE_OVER,
}
ASSET_COLUMNS = {
    "trailer_url": AssetKind.TRAILER,
    "poster_url": AssetKind.POSTER,
    "still_url": AssetKind.STILL,
    "screener_url": AssetKind.SCREENER,
    "press_kit_url": AssetKind.PRESS_KIT,
}

ROLE_COLUMNS = {role: column for column, role in CREDIT_COLUMNS.items()}
VERSION_KIND_COLUMNS = {kind: column for column, kind in VERSION_COLUMNS.items()}
ASSET_KIND_COLUMNS = {kind: column for column, kind in ASSET_COLUMNS.items()}


@dataclass(frozen=True)
class Column:
    """A recognised header: ``field`` is the TitleSpec field it feeds, ``param`` its detail
    (the language of ``title_ru``, the role of ``directors``, the kind of ``dubs``...)."""

    name: str
    field: str
    param: str = ""


def column_for(header: str) -> Column | None:
    """The column a header names, or None when the header is not part of the format."""
    if header in SCALAR_COLUMNS or header in LIST_COLUMNS or header in PRIVATE_COLUMNS:
        return Column(header, header)
    for prefix, kind in LOCALISED_PREFIXES.items():
        if header.startswith(prefix) and len(header) > len(prefix):
            return Column(header, "localised_titles", kind)
    if header == ALTERNATIVE_TITLES:
        return Column(header, "localised_titles", LocalisedTitleKind.ALTERNATIVE)
    if header.startswith(SYNOPSIS_PREFIX) and len(header) > len(SYNOPSIS_PREFIX):
        return Column(header, "synopses", header.removeprefix(SYNOPSIS_PREFIX))
    if header in CREDIT_COLUMNS:
        return Column(header, "credits", CREDIT_COLUMNS[header])
    if header == PERSON_NAMES:
        return Column(header, "credits", PERSON_NAMES)
    if header in VERSION_COLUMNS:
        return Column(header, "versions", VERSION_COLUMNS[header])
    if header in ASSET_COLUMNS:
        return Column(header, "assets", ASSET_COLUMNS[header])
    return None


def header_language(header: str) -> str:
    """The language tag of a ``title_<lang>``, ``romanisation_<lang>`` or ``synopsis_<lang>``."""
    for prefix in (*LOCALISED_PREFIXES, SYNOPSIS_PREFIX):
        if header.startswith(prefix):
            return header.removeprefix(prefix)
    return ""


LIST_SEPARATOR = ";"


def split_list(cell: str) -> list[str]:
    """The stripped, non-empty items of a list cell (``\\;`` keeps a semicolon in an item)."""
    items, current, chars = [], [], iter(cell)
    for char in chars:
        if char == "\\":
            following = next(chars, "")
            if following in (LIST_SEPARATOR, "\\"):
                current.append(following)
            else:
                current.append(char + following)
        elif char == LIST_SEPARATOR:
            items.append("".join(current))
            current = []
        else:
            current.append(char)
    items.append("".join(current))
    return [item.strip() for item in items if item.strip()]


def join_list(items: list[str]) -> str:
    """The list cell for ``items``; the inverse of ``split_list``."""
    return "; ".join(i.replace("\\", "\\\\").replace(LIST_SEPARATOR, "\\;") for i in items)


_CHARACTER = re.compile(r"^(?P<name>.*?)\s*\((?P<character>.*)\)$", re.DOTALL)


def split_character(item: str) -> tuple[str, str]:
    """``"Анатолий Папанов (Волк)"`` -> ``("Анатолий Папанов", "Волк")``; no brackets, no character."""
    match = _CHARACTER.match(item)
    if match is None:
        return item, ""
    return match["name"].strip(), match["character"].strip()


def join_character(name: str, character: str) -> str:
    return f"{name} ({character})" if character else name


def split_pair(item: str, separator: str) -> tuple[str, str] | None:
    """``"en:Well, Just You Wait!"`` -> ``("en", "Well, Just You Wait!")``; None if malformed."""
    left, found, right = item.partition(separator)
    if not found or not left.strip() or not right.strip():
        return None
    return left.strip(), right.strip()


NESTED_FIELDS = ("localised_titles", "synopses", "credits", "versions", "assets")
ALTERNATIVE_FORM = "language:title, e.g. en:Just You Wait!"
PERSON_NAME_FORM = "name = language:name, e.g. Юрий Норштейн = en:Yuri Norstein"
Stages = dict[str, list[tuple[str, list[Any]]]]


@dataclass(frozen=True)
class PlacedColumn:
    """A recognised column where it stands in a file; ``label`` is how errors name it."""

    index: int
    column: Column
    label: str


@dataclass
class RowValues:
    """One row as the raw dict ``specs.title_spec_from_raw`` takes, and what did not fit.

    ``stages`` holds, per nested field, its value after each column that feeds it, so a
    problem the validator finds can be traced to its column. ``malformed`` lists items not
    in their column's form as (label, item, expected form); ``uncredited`` the names in
    ``person_names`` that no credit column of the row holds, as (label, name).
    """

    raw: dict[str, Any] = field(default_factory=dict)
    stages: Stages = field(default_factory=dict)
    malformed: list[tuple[str, str, str]] = field(default_factory=list)
    uncredited: list[tuple[str, str]] = field(default_factory=list)


def row_values(placed: list[PlacedColumn], cells: list[str]) -> RowValues:
    """Turn one row's cells into the validator's raw input (empty cells mean "none")."""
    values = RowValues()
    raw = values.raw
    parts: Stages = {}
    names: dict[str, list[tuple[str, str]]] = {}
    names_label = ""
    for place in placed:
        cell = cells[place.index] if place.index < len(cells) else ""
        column, label = place.column, place.label
        if not cell:
            continue
        if column.field not in NESTED_FIELDS:
            raw[column.field] = split_list(cell) if column.field in LIST_COLUMNS else cell
            continue
        items: list[Any] = []
        if column.field == "localised_titles" and column.param == LocalisedTitleKind.ALTERNATIVE:
            for item in split_list(cell):
                pair = split_pair(item, ":")
                if pair is None:
                    values.malformed.append((label, item, ALTERNATIVE_FORM))
                else:
                    items.append({"language": pair[0], "text": pair[1], "kind": column.param})
        elif column.field == "localised_titles":
            language = header_language(column.name)
            items.append({"language": language, "text": cell, "kind": column.param})
        elif column.field == "synopses":
            items.append({"language": column.param, "text": cell})
        elif column.param == PERSON_NAMES:
            names_label = label
            for item in split_list(cell):
                person = split_pair(item, "=")
                pair = split_pair(person[1], ":") if person else None
                if person is None or pair is None:
                    values.malformed.append((label, item, PERSON_NAME_FORM))
                else:
                    names.setdefault(person[0], []).append(pair)
            continue
        elif column.field == "credits":
            for item in split_list(cell):
                name, character = (
                    split_character(item) if column.name in CHARACTER_COLUMNS else (item, "")
                )
                items.append({"role": column.param, "name": name, "character": character})
        elif column.field == "versions":
            items = [{"language": tag, "kind": column.param} for tag in split_list(cell)]
        else:
            items = [{"kind": column.param, "url": url} for url in split_list(cell)]
        parts.setdefault(column.field, []).append((label, items))

    for field_name, columns in parts.items():
        value: list[Any] = []
        values.stages[field_name] = []
        for label, items in columns:
            value = value + items
            values.stages[field_name].append((label, value))
        raw[field_name] = value
    if names:
        credited = {c["name"] for c in raw.get("credits", ())}
        values.uncredited = [(names_label, name) for name in names if name not in credited]
        raw["credits"] = [
            {**c, "names": names[c["name"]]} if c["name"] in names else c
            for c in raw.get("credits", ())
        ]
        values.stages.setdefault("credits", []).append((names_label, raw["credits"]))
    return values


class FileUnreadable(Exception):
    """The file is not UTF-8 CSV or not an XLSX workbook; the message says why."""


def read_rows(path_or_file: Any, fmt: FileFormat) -> list[list[str]]:
    """Every row of the file (CSV, or the first sheet of an XLSX) as stripped strings."""
    if fmt == FileFormat.XLSX:
        return _read_xlsx(path_or_file)
    if isinstance(path_or_file, str | Path):
        data: bytes | str = Path(path_or_file).read_bytes()
    else:
        data = path_or_file.read()
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise FileUnreadable(f"it is not UTF-8 text (byte {exc.start})") from None
    text = data.removeprefix("\ufeff")
    try:
        rows = csv.reader(io.StringIO(text, newline=""))
        # csv_cell_read: a cell our export quoted against formulas reads as what it stood for
        return [[csv_cell_read(cell.strip()).strip() for cell in row] for row in rows]
    except csv.Error as exc:
        raise FileUnreadable(str(exc)) from None


def _read_xlsx(path_or_file: Any) -> list[list[str]]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(path_or_file, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, SyntaxError) as exc:
        raise FileUnreadable(f"it is not an XLSX workbook ({exc})") from None
    try:
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()  # some programs record a wrong used range; read every cell
        return [[cell_text(value) for value in row] for row in xlsx_rows(sheet)]
    except XlsxUnreadable as exc:
        raise FileUnreadable(str(exc)) from None
    finally:
        workbook.close()


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def format_of(path_or_file: Any, file_format: str | None = None) -> FileFormat:
    """The format asked for, else the one the file's extension names."""
    if file_format:
        try:
            return FileFormat(file_format.lower().lstrip("."))
        except ValueError:
            raise UnsupportedFormat(
                f"unsupported format {file_format!r}; use csv or xlsx"
            ) from None
    name = (
        path_or_file if isinstance(path_or_file, str | Path) else getattr(path_or_file, "name", "")
    )
    suffix = Path(str(name or "")).suffix.lower().lstrip(".")
    try:
        return FileFormat(suffix)
    except ValueError:
        shown = f"'.{suffix}'" if suffix else "no extension"
        raise UnsupportedFormat(
            f"cannot tell the format of {str(name) or 'the file'!r} ({shown}); "
            "name it .csv or .xlsx, or pass the format (csv or xlsx)"
        ) from None


def column_letter(index: int) -> str:
    """The spreadsheet letter of the 0-based column ``index`` (0 -> A, 26 -> AA)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters
