"""Export titles to CSV or XLSX in the import format (docs/formats.md), so a file round-trips.

Each title shows what its reader may see (``visibility.title_view``, the rule of the title
page and the API): credits, versions and screeners for trade readers, the private columns
for the owner's members.

Only the columns some exported title uses are written (and always the required ones).
Columns that feed one list (``title_en``, ``romanisation_ru-Latn``, ``alternative_titles``...)
are laid out in the order the titles hold their items, so importing the file rebuilds
every title as it was.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from django.db.models import QuerySet

from cinebridge.catalog.columns import (
    ALTERNATIVE_TITLES,
    ASSET_COLUMNS,
    ASSET_KIND_COLUMNS,
    CHARACTER_COLUMNS,
    CREDIT_COLUMNS,
    LIST_COLUMNS,
    LOCALISED_PREFIXES,
    PERSON_NAMES,
    PRIVATE_COLUMNS,
    REQUIRED_COLUMNS,
    ROLE_COLUMNS,
    SCALAR_COLUMNS,
    SYNOPSIS_PREFIX,
    VERSION_COLUMNS,
    VERSION_KIND_COLUMNS,
    FileFormat,
    format_of,
    join_character,
    join_list,
)
from cinebridge.catalog.models import LocalisedTitleKind, Title, TitleStatus
from cinebridge.catalog.selectors import title_spec
from cinebridge.catalog.specs import TitleSpec
from cinebridge.catalog.visibility import TitleView
from cinebridge.core.spreadsheets import csv_writer, xlsx_cell
from cinebridge.organisations.models import Organisation

# Column groups in the order they appear in a file; within a group, the titles' own order.
GROUPS = ("localised_titles", "synopses", "credits", "versions", "assets")
_SHEET_TITLE = "titles"


def titles_to_export(*, owner: Organisation | None = None) -> QuerySet[Title]:
    """The owner's titles (drafts too), or every published title when no owner is given."""
    if owner is not None:
        titles = Title.objects.filter(owner=owner)
    else:
        titles = Title.objects.filter(status=TitleStatus.PUBLISHED)
    return titles.order_by("reference", "original_title", "id")


def titles_export(
    *,
    titles: Iterable[Title],
    path_or_file: Any,
    file_format: str | None = None,
    view_for: Callable[[Title], TitleView],
) -> int:
    """Write ``titles`` to a CSV (UTF-8 with BOM) or XLSX file; returns the number of rows.

    ``view_for(title)`` says what the reader may see of each title (``visibility``); the
    caller passes the reader's, as the title page and the API do.
    """
    fmt = format_of(path_or_file, file_format)
    rows = [title_cells(title_spec(t), view=view_for(t)) for t in titles]
    header = _header(rows)
    table = [[cells.get(column, "") for column in header] for cells, _ in rows]
    if fmt == FileFormat.XLSX:
        _write_xlsx(header, table, path_or_file)
    else:
        _write_csv(header, table, path_or_file)
    return len(table)


Cells = dict[str, Any]
GroupOrder = dict[str, list[str]]  # group -> the title's columns in the order of its items


def title_cells(spec: TitleSpec, *, view: TitleView) -> tuple[Cells, GroupOrder]:
    """One title's non-empty cells by column name, and its column order within each group;
    the sections ``view`` hides are left out."""
    cells: Cells = {}
    order: GroupOrder = {group: [] for group in GROUPS}

    def put(group: str, column: str, value: Any) -> None:
        if column not in order[group]:
            order[group].append(column)
        cells.setdefault(column, []).append(value)

    for name in SCALAR_COLUMNS:
        value = getattr(spec, name)
        if value not in (None, ""):
            cells[name] = value
    for name in LIST_COLUMNS:
        if getattr(spec, name):
            cells[name] = join_list(list(getattr(spec, name)))

    for lt in spec.localised_titles:
        if lt.kind == LocalisedTitleKind.ALTERNATIVE:
            put("localised_titles", ALTERNATIVE_TITLES, f"{lt.language}:{lt.text}")
        else:
            prefix = "title_" if lt.kind == LocalisedTitleKind.OFFICIAL else "romanisation_"
            column = prefix + lt.language
            if column in cells:
                # One cell holds one title; a second one in that language is kept as alternative.
                put("localised_titles", ALTERNATIVE_TITLES, f"{lt.language}:{lt.text}")
            else:
                put("localised_titles", column, lt.text)
    for language, text in spec.synopses:
        put("synopses", SYNOPSIS_PREFIX + language, text)

    people: dict[str, tuple[tuple[str, str], ...]] = {}
    for credit in spec.credits if view.credits else ():
        column = ROLE_COLUMNS[credit.role]
        if column in CHARACTER_COLUMNS:
            put("credits", column, join_character(credit.name, credit.character))
        else:
            put("credits", column, credit.name)
        if credit.names:
            people.setdefault(credit.name, credit.names)
    for name, names in people.items():
        for language, text in names:
            put("credits", PERSON_NAMES, f"{name} = {language}:{text}")
    for version in spec.versions if view.versions else ():
        put("versions", VERSION_KIND_COLUMNS[version.kind], version.language)
    for asset in spec.assets:
        if view.shows_asset(asset.kind):
            put("assets", ASSET_KIND_COLUMNS[asset.kind], asset.url)

    for group, columns in order.items():
        for column in columns:
            single = group == "synopses" or (
                group == "localised_titles" and column != ALTERNATIVE_TITLES
            )
            cells[column] = cells[column][0] if single else join_list(cells[column])

    if view.private:
        for name in PRIVATE_COLUMNS:
            value = getattr(spec, name)
            if value not in (None, ""):
                cells[name] = value
    return cells, order


def _header(rows: list[tuple[Cells, GroupOrder]]) -> list[str]:
    used = {column for cells, _ in rows for column in cells}
    header = [c for c in (*SCALAR_COLUMNS, *LIST_COLUMNS) if c in used or c in REQUIRED_COLUMNS]
    for group in GROUPS:
        header += _merged_order([order[group] for _, order in rows])
    header += [c for c in PRIVATE_COLUMNS if c in used]
    return header


def _merged_order(sequences: list[list[str]]) -> list[str]:
    """One column order that keeps every title's order where the titles agree.

    A column comes after every column that precedes it in some title; among the columns free
    to go next (and in conflicts, which no order can satisfy) the format's usual order decides:
    ``title_*`` before ``romanisation_*`` before ``alternative_titles``, directors before
    writers..., then the column seen first.
    """
    first_seen: dict[str, int] = {}
    before: dict[str, set[str]] = {}
    for sequence in sequences:
        for column in sequence:
            first_seen.setdefault(column, len(first_seen))
            before.setdefault(column, set())
        for earlier, later in zip(sequence, sequence[1:], strict=False):
            before[later].add(earlier)
    remaining = sorted(first_seen, key=lambda c: (_usual_rank(c), first_seen[c]))
    placed: set[str] = set()
    merged = []
    while remaining:
        column = next((c for c in remaining if before[c] <= placed), remaining[0])
        merged.append(column)
        placed.add(column)
        remaining.remove(column)
    return merged


_USUAL_ORDER = (
    *LOCALISED_PREFIXES,
    ALTERNATIVE_TITLES,
    *CREDIT_COLUMNS,
    PERSON_NAMES,
    *VERSION_COLUMNS,
    *ASSET_COLUMNS,
)


def _usual_rank(column: str) -> int:
    for rank, usual in enumerate(_USUAL_ORDER):
        if column == usual or usual.endswith("_") and column.startswith(usual):
            return rank
    return 0


def _write_csv(header: list[str], table: list[list[Any]], path_or_file: Any) -> None:
    buffer = io.StringIO(newline="")
    writer = csv_writer(buffer, lineterminator="\r\n")  # formulas neutralised
    writer.writerow(header)
    writer.writerows([["" if v is None else v for v in row] for row in table])
    text = buffer.getvalue()
    if isinstance(path_or_file, str | Path):
        # The BOM makes spreadsheet programs read the file as UTF-8 (Cyrillic, Vietnamese, Han).
        Path(path_or_file).write_text(text, encoding="utf-8-sig", newline="")
    elif isinstance(path_or_file, io.TextIOBase):
        path_or_file.write(text)
    else:
        path_or_file.write(text.encode("utf-8-sig"))


def _write_xlsx(header: list[str], table: list[list[Any]], path_or_file: Any) -> None:
    from openpyxl import Workbook
    from openpyxl.cell.cell import TYPE_STRING

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _SHEET_TITLE
    sheet.append(header)
    for row in table:
        sheet.append([None if value == "" else xlsx_cell(value) for value in row])
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = TYPE_STRING  # text such as "=Equals" is not a formula
    sheet.freeze_panes = "A2"
    workbook.save(path_or_file)
