"""Avails reports: one row per title and cell, as CSV or XLSX, or printed by the CLI.

A row says what one block of territories x media x period is for one title: free, blocked
(with every reason) or free with a warning (a soft holdback). Deals are named only to
their parties (``selectors.cell_views`` decides), so a report can be handed to anyone in
the viewer's organisations.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from cinebridge.catalog.models import Title
from cinebridge.core.spreadsheets import csv_writer, xlsx_cell
from cinebridge.engines.avails import AvailsResult, Status
from cinebridge.rights.selectors import CellView, cell_views

FORMATS = ("csv", "xlsx")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
FREE, BLOCKED, WARNING = "free", "blocked", "warning"
_WIDTHS = (16, 36, 12, 36, 24, 12, 12, 10, 80, 24)


def report_header() -> list[str]:
    """The column names, in the UI language."""
    return [
        _("Reference"),
        _("Original title"),
        _("Status"),
        _("Territories"),
        _("Media"),
        _("From"),
        _("To"),
        _("Free/blocked"),
        _("Reasons"),
        _("Languages"),
    ]


@dataclass(frozen=True)
class AvailsRow:
    """One title's cell: its title, the title's overall status, the cell and its state."""

    title_id: int
    reference: str
    original_title: str
    status: Status
    state: str  # FREE, BLOCKED or WARNING
    cell: CellView

    @property
    def reasons(self) -> str:
        """Every reason in words, joined by "; "."""
        return "; ".join(r.text for r in self.cell.reasons)

    def values(self) -> tuple[Any, ...]:
        """The row's cells in header order (dates as dates, an open end as None)."""
        return (
            self.reference,
            self.original_title,
            self.status.value,
            self.cell.territories,
            self.cell.media,
            self.cell.start,
            self.cell.end,
            self.state,
            self.reasons,
            self.cell.languages_text,
        )


def avails_rows(
    *, result: AvailsResult, titles: Mapping[int, Title], viewer_org_ids: set[int]
) -> Iterator[AvailsRow]:
    """Rows of every title of ``result`` that is in ``titles``, in title id order.

    Within a title: cells by start date, free before blocked before warnings.
    """
    for title_id, status in result.items():
        title = titles.get(title_id)
        if title is None:
            continue
        answer = result.explain(title_id)
        groups = ((FREE, answer.free), (BLOCKED, answer.blocked), (WARNING, answer.warnings))
        order = {FREE: 0, BLOCKED: 1, WARNING: 2}
        found: list[tuple[str, CellView]] = []
        for state, cells in groups:
            found.extend((state, view) for view in cell_views(cells, viewer_org_ids))
        found.sort(key=lambda item: (item[1].start, order[item[0]]))
        for state, view in found:
            yield AvailsRow(title_id, title.reference, title.original_title, status, state, view)


def avails_report(
    *, result: AvailsResult, titles: Mapping[int, Title], viewer_org_ids: set[int], fmt: str
) -> tuple[bytes, str, str]:
    """(content, content type, file name) of the report in ``fmt`` ("csv" or "xlsx")."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown report format {fmt!r}; use csv or xlsx")
    rows = avails_rows(result=result, titles=titles, viewer_org_ids=viewer_org_ids)
    content = _csv(rows) if fmt == "csv" else _xlsx(rows)
    period = result.query.period
    name = f"avails-{period.start.isoformat()}-{period.end.isoformat() if period.end else 'open'}"
    return content, CONTENT_TYPES[fmt], f"{name}.{fmt}"


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def _csv(rows: Iterator[AvailsRow]) -> bytes:
    buffer = io.StringIO()
    writer = csv_writer(buffer)  # formulas neutralised
    writer.writerow(report_header())
    for row in rows:
        writer.writerow(["" if v is None else _iso(v) for v in row.values()])
    # UTF-8 with a byte order mark, as the catalog export: Excel then reads Cyrillic and Han.
    return buffer.getvalue().encode("utf-8-sig")


def _xlsx(rows: Iterator[AvailsRow]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = "avails"
    sheet.append(report_header())
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([xlsx_cell(value) for value in row.values()])
        for column in (6, 7):
            sheet.cell(row=sheet.max_row, column=column).number_format = "yyyy-mm-dd"
    for i, width in enumerate(_WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(_WIDTHS))}{sheet.max_row}"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


__all__ = ["AvailsRow", "avails_report", "avails_rows", "report_header"]
