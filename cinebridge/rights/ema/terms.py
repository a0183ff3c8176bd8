"""Terms of a Transaction beyond its price and exclusivity (``EmaAvail.terms``): how XML
and spreadsheets carry them, and what makes one invalid.

XML carries every Term as ``avails:Term termName=...`` with one value element.  The
v1.9 spreadsheets have a column for some terms (``TERM_COLUMNS``); every other term
travels in the ``OtherTerms`` cell as ``name=Kind:value [currency]`` items separated by
``; `` (our convention, so that an XML file survives a trip through a spreadsheet).  An
``OtherTerms`` cell that does not follow it is kept as one Text term named OtherTerms.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any
from xml.etree.ElementTree import Element, SubElement

from .records import EmaTerm
from .schema import AVAILS_NS

A = f"{{{AVAILS_NS}}}"

#: Spreadsheet column -> (termName, kind) of the terms that have a column of their own.
TERM_COLUMNS: dict[str, tuple[str, str]] = {
    "SRP": ("SRP", "Money"),
    "SuppressionLiftDate": ("SuppressionLiftDate", "Event"),
    "AnnounceDate": ("AnnounceDate", "Event"),
    "SpecialPreOrderFulfillDate": ("PreorderFulfillDate", "Event"),
    "Download": ("Download", "Text"),
    "TitleStatus": ("TitleStatus", "Text"),
}
_COLUMN_OF = {name: column for column, (name, _kind) in TERM_COLUMNS.items()}
_ITEM = re.compile(r"(?P<name>[^=;]+)=(?P<kind>[A-Za-z]+):(?P<value>[^;]*?)(?: (?P<cur>[A-Z]{3}))?")


def term_from_element(term: Element) -> EmaTerm:
    """The EmaTerm of an ``avails:Term`` element (its first child carries the value)."""
    child = term[0] if len(term) else None
    kind = child.tag.rsplit("}", 1)[-1] if child is not None else "Text"
    value = " ".join((child.text or "").split()) if child is not None else ""
    currency = (child.get("currency") or "").strip() or None if child is not None else None
    return EmaTerm(term.get("termName", ""), kind, value, currency)


def append_term_elements(txn: Element, terms: Iterable[EmaTerm]) -> None:
    """Write each term as an ``avails:Term`` child of the Transaction element ``txn``."""
    for term in terms:
        elem = SubElement(SubElement(txn, A + "Term", termName=term.name), A + term.kind)
        elem.text = term.value
        if term.currency:
            elem.set("currency", term.currency)


def _cell_text(value: Any) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        return (
            value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
        )
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split())


def terms_from_cells(cell: Any, currency: str | None) -> tuple[EmaTerm, ...]:
    """The terms of a spreadsheet row; ``cell(column)`` gives a raw cell value and
    ``currency`` is the row's PriceCurrency (the currency of its SRP)."""
    terms = []
    for column, (name, kind) in TERM_COLUMNS.items():
        if (value := _cell_text(cell(column))) is not None:
            terms.append(EmaTerm(name, kind, value, currency if kind == "Money" else None))
    other = _cell_text(cell("OtherTerms"))
    if other is not None:
        items = [_ITEM.fullmatch(part) for part in other.split("; ")]
        if all(items):
            terms += [EmaTerm(m["name"], m["kind"], m["value"], m["cur"]) for m in items if m]
        else:
            terms.append(EmaTerm("OtherTerms", "Text", other))
    return tuple(terms)


def term_cells(terms: Iterable[EmaTerm], price_currency: str | None) -> dict[str, Any]:
    """Spreadsheet cells for ``terms`` (the inverse of :func:`terms_from_cells`)."""
    cells: dict[str, Any] = {}
    other = []
    for term in terms:
        column = _COLUMN_OF.get(term.name)
        fits = column is not None and column not in cells
        if fits and term.kind == "Money" and term.currency != price_currency:
            fits = False
        if fits and column is not None and TERM_COLUMNS[column][1] == term.kind:
            cells[column] = term.value
        elif term.name == "OtherTerms" and term.kind == "Text" and not other:
            other.append(term.value)
        else:
            currency = f" {term.currency}" if term.currency else ""
            other.append(f"{term.name}={term.kind}:{term.value}{currency}")
    if other:
        cells["OtherTerms"] = "; ".join(other)
    return cells
