"""Import titles from CSV or XLSX: parse, validate every row, write in one transaction, report.

The column format is in ``columns`` (documented in docs/formats.md). Every row is validated by
``specs.title_spec_from_raw``, the one validator of the catalog; its problems are reported at
the column they came from. A file with any bad row is rejected whole: nothing is written.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from cinebridge.catalog import search_index, services
from cinebridge.catalog.columns import (
    REQUIRED_COLUMNS,
    FileFormat,
    FileUnreadable,
    PlacedColumn,
    RowValues,
    Stages,
    column_for,
    column_letter,
    format_of,
    read_rows,
    row_values,
)
from cinebridge.catalog.errors import CatalogError
from cinebridge.catalog.models import Title
from cinebridge.catalog.specs import Problem, SpecInvalid, TitleSpec, title_spec_from_raw
from cinebridge.core.audit import audit_record
from cinebridge.organisations.models import Organisation

# From this many rows on, an import refreshes the query planner's statistics afterwards.
BULK_ROWS = 500


class ImportCode(StrEnum):
    """What can be wrong with a file beyond a bad value (those use ``CatalogError``)."""

    UNREADABLE_FILE = "unreadable_file"
    NO_HEADER = "no_header"
    SEMICOLON_SEPARATED = "semicolon_separated"
    UNKNOWN_COLUMN = "unknown_column"
    MISSING_COLUMN = "missing_column"
    DUPLICATE_COLUMN = "duplicate_column"
    UNNAMED_COLUMN = "unnamed_column"
    DUPLICATE_REFERENCE = "duplicate_reference"
    UNCREDITED_PERSON = "uncredited_person"


MESSAGES: dict[str, Any] = {  # lazily translated, filled in when shown
    ImportCode.UNREADABLE_FILE: _("cannot read the file as {format}: {detail}"),
    ImportCode.NO_HEADER: _("the file is empty; row 1 must hold the column names"),
    ImportCode.SEMICOLON_SEPARATED: _(
        "the columns are separated by semicolons; save the file as comma-separated CSV"
    ),
    ImportCode.UNKNOWN_COLUMN: _("unknown column {value!r}; docs/formats.md lists the columns"),
    ImportCode.MISSING_COLUMN: _("the required column is missing"),
    ImportCode.DUPLICATE_COLUMN: _("column {value!r} appears twice"),
    ImportCode.UNNAMED_COLUMN: _("a value in a column without a header"),
    ImportCode.DUPLICATE_REFERENCE: _("reference {value!r} is also used on row {other}"),
    ImportCode.UNCREDITED_PERSON: _("{value!r} is not credited in this row"),
    CatalogError.BAD_PAIR: _("{value!r} is not in the form {expected}"),
}


def import_message(code: str, **params: Any) -> str:
    """The human message for an import ``code`` with its parameters filled in."""
    return str(MESSAGES[code]).format(**params)


@dataclass(frozen=True)
class ImportProblem:
    """One problem in a file: the spreadsheet row (header = 1) and column where a person finds it.

    ``column`` is the header name, with the column letter for XLSX (``D (original_language)``);
    row 0 means the file as a whole.
    """

    row: int
    column: str
    code: str
    message: str

    def __str__(self) -> str:
        if self.row == 0:
            return f"file: {self.message}"
        return f"row {self.row}, column {self.column}: {self.message}"


@dataclass
class ParsedFile:
    """The validated titles of a file with their row numbers, or the errors that reject it."""

    titles: list[tuple[int, TitleSpec]] = field(default_factory=list)
    errors: list[ImportProblem] = field(default_factory=list)
    rows: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class ImportReport:
    """What an import did (or, for a dry run, would do); ``errors`` non-empty = nothing written."""

    rows: int = 0
    created: int = 0
    updated: int = 0
    dry_run: bool = False
    errors: list[ImportProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        if self.errors:
            rows = len({e.row for e in self.errors})
            return f"rejected: {len(self.errors)} errors in {rows} rows; nothing was written"
        if self.dry_run:
            return (
                f"dry run: would create {self.created}, update {self.updated}; nothing was written"
            )
        return f"created {self.created}, updated {self.updated}"


def titles_parse(*, path_or_file: Any, file_format: str | None = None) -> ParsedFile:
    """Read and validate every row of a CSV or XLSX title file; writes nothing.

    ``path_or_file`` is a path or an open file (binary, or text for CSV). Raises
    ``columns.UnsupportedFormat`` when the format is neither csv nor xlsx.
    """
    fmt = format_of(path_or_file, file_format)
    try:
        rows = read_rows(path_or_file, fmt)
    except FileUnreadable as exc:
        message = import_message(ImportCode.UNREADABLE_FILE, format=fmt.upper(), detail=exc)
        return ParsedFile(errors=[ImportProblem(0, "", ImportCode.UNREADABLE_FILE, message)])
    if not rows or not any(rows[0]):
        message = import_message(ImportCode.NO_HEADER)
        return ParsedFile(errors=[ImportProblem(0, "", ImportCode.NO_HEADER, message)])

    headers, errors = _headers(rows[0], fmt)
    order = {h.label: h.index for h in headers}
    parsed = ParsedFile(errors=errors)
    unusable = {ImportCode.MISSING_COLUMN, ImportCode.SEMICOLON_SEPARATED}
    header_unusable = any(e.code in unusable for e in errors)
    first_row_of: dict[str, int] = {}
    for number, cells in enumerate(rows[1:], start=2):
        if not any(cells):
            continue
        parsed.rows += 1
        if header_unusable:
            continue  # every row would repeat the header's problem
        row_errors = _unnamed_cells(rows[0], cells, number, fmt)
        values = row_values(headers, cells)
        raw = values.raw
        row_errors += _item_errors(values, number)
        reference = str(raw.get("reference") or "")
        if reference in first_row_of:
            message = import_message(
                ImportCode.DUPLICATE_REFERENCE, value=reference, other=first_row_of[reference]
            )
            label = next(h.label for h in headers if h.column.name == "reference")
            row_errors.append(ImportProblem(number, label, ImportCode.DUPLICATE_REFERENCE, message))
        elif reference:
            first_row_of[reference] = number
        try:
            spec = title_spec_from_raw(raw)
        except SpecInvalid as exc:
            row_errors += _spec_errors(exc.problems, headers, values.stages, number)
        else:
            if not row_errors:
                parsed.titles.append((number, spec))
        row_errors.sort(key=lambda e: order.get(e.column, len(order)))
        parsed.errors += row_errors
    return parsed


def titles_import(
    *,
    actor: Any,
    owner: Organisation,
    path_or_file: Any,
    file_format: str | None = None,
    dry_run: bool = False,
) -> ImportReport:
    """Import a CSV or XLSX title file into ``owner``'s catalog, all rows or none.

    A row whose ``reference`` the owner already has updates that title; other rows create
    titles. ``actor`` is the user (None for a system job); every title's audit entry and one
    ``titles.import`` entry on the owner record it. A dry run validates and counts only.
    """
    parsed = titles_parse(path_or_file=path_or_file, file_format=file_format)
    report = ImportReport(rows=parsed.rows, dry_run=dry_run, errors=parsed.errors)
    if not parsed.ok:
        return report
    if dry_run:
        references = [spec.reference for _, spec in parsed.titles if spec.reference]
        existing = set(
            Title.objects.filter(owner=owner, reference__in=references).values_list(
                "reference", flat=True
            )
        )
        report.updated = sum(1 for r in references if r in existing)
        report.created = len(parsed.titles) - report.updated
        return report
    with transaction.atomic():
        for number, spec in parsed.titles:
            try:
                _, created = services.title_upsert(actor=actor, owner=owner, spec=spec)
            except SpecInvalid as exc:  # an identifier another title of the owner has
                report.errors += [
                    ImportProblem(number, p.field, p.code, p.message) for p in exc.problems
                ]
                continue
            if created:
                report.created += 1
            else:
                report.updated += 1
        if report.errors:  # all rows or none
            transaction.set_rollback(True)
            report.created = report.updated = 0
            return report
        audit_record(
            actor=actor,
            action="titles.import",
            obj=owner,
            changes={
                "file": _file_name(path_or_file),
                "rows": report.rows,
                "created": report.created,
                "updated": report.updated,
            },
        )
    if len(parsed.titles) >= BULK_ROWS:
        search_index.statistics_refresh()
    return report


def _file_name(path_or_file: Any) -> str:
    if isinstance(path_or_file, str | Path):
        return Path(path_or_file).name
    return Path(str(getattr(path_or_file, "name", "") or "")).name


# Headers and rows -------------------------------------------------------------------------


def _label(fmt: FileFormat, index: int, name: str) -> str:
    return f"{column_letter(index)} ({name})" if fmt == FileFormat.XLSX else name


def _headers(cells: list[str], fmt: FileFormat) -> tuple[list[PlacedColumn], list[ImportProblem]]:
    named = [c for c in cells if c]
    if len(named) == 1 and ";" in named[0]:
        message = import_message(ImportCode.SEMICOLON_SEPARATED)
        return [], [ImportProblem(0, "", ImportCode.SEMICOLON_SEPARATED, message)]
    headers: list[PlacedColumn] = []
    errors: list[ImportProblem] = []
    seen: set[str] = set()
    for index, name in enumerate(cells):
        if not name:
            continue
        label = _label(fmt, index, name)
        column = column_for(name)
        if column is None:
            message = import_message(ImportCode.UNKNOWN_COLUMN, value=name)
            errors.append(ImportProblem(1, label, ImportCode.UNKNOWN_COLUMN, message))
        elif name in seen:
            message = import_message(ImportCode.DUPLICATE_COLUMN, value=name)
            errors.append(ImportProblem(1, label, ImportCode.DUPLICATE_COLUMN, message))
        else:
            seen.add(name)
            headers.append(PlacedColumn(index, column, label))
    for name in REQUIRED_COLUMNS:
        if name not in seen:
            message = import_message(ImportCode.MISSING_COLUMN)
            errors.append(ImportProblem(1, name, ImportCode.MISSING_COLUMN, message))
    return headers, errors


def _unnamed_cells(
    header_cells: list[str], cells: list[str], row: int, fmt: FileFormat
) -> list[ImportProblem]:
    """Values under an empty header (values under an unknown header were reported in row 1)."""
    errors = []
    for index, cell in enumerate(cells):
        if cell and (index >= len(header_cells) or not header_cells[index]):
            label = column_letter(index) if fmt == FileFormat.XLSX else str(index + 1)
            message = import_message(ImportCode.UNNAMED_COLUMN)
            errors.append(ImportProblem(row, label, ImportCode.UNNAMED_COLUMN, message))
    return errors


def _item_errors(values: RowValues, row: int) -> list[ImportProblem]:
    errors = []
    for label, item, expected in values.malformed:
        message = import_message(CatalogError.BAD_PAIR, value=item, expected=expected)
        errors.append(ImportProblem(row, label, CatalogError.BAD_PAIR, message))
    for label, name in values.uncredited:
        message = import_message(ImportCode.UNCREDITED_PERSON, value=name)
        errors.append(ImportProblem(row, label, ImportCode.UNCREDITED_PERSON, message))
    return errors


def _spec_errors(
    problems: list[Problem], headers: list[PlacedColumn], stages: Stages, row: int
) -> list[ImportProblem]:
    """The validator's problems, each at the column of the row it came from."""
    labels = {h.column.name: h.label for h in headers}
    errors = []
    nested = []
    for problem in problems:
        if problem.field in stages:
            if problem.field not in nested:
                nested.append(problem.field)
        else:
            label = labels.get(problem.field, problem.field)
            errors.append(ImportProblem(row, label, problem.code, problem.message))
    for field_name in nested:
        for label, problem in stage_problems(field_name, stages[field_name]):
            errors.append(ImportProblem(row, label, problem.code, problem.message))
    return errors


def stage_problems(
    field_name: str, stages: list[tuple[Any, list[Any]]]
) -> Iterator[tuple[Any, Problem]]:
    """Which stage added which problem of a nested field (``stages``: (label, value so far)).

    Validating the field's value after each contributing column (or form line), a problem
    that appears at a stage belongs to what was added at that stage (so a bad tag in
    ``title_xx`` is reported at ``title_xx`` and a title given twice at the second column that
    gives it). The web form uses it to report a problem at its line.
    """
    before: Counter[Problem] = Counter()
    for label, value in stages:
        problems = _field_problems(field_name, value)
        new = Counter(problems) - before
        for problem in problems:
            if new[problem] > 0:
                new[problem] -= 1
                yield label, problem
        before = Counter(problems)


def _field_problems(field_name: str, value: list[Any]) -> list[Problem]:
    try:
        title_spec_from_raw({field_name: value})
    except SpecInvalid as exc:
        return [p for p in exc.problems if p.field == field_name]
    return []
