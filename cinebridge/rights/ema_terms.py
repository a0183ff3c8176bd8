"""What an EMA import keeps of a transaction beyond its scope, and an export writes back:
its terms (``RightsIn.ema_terms``) and, for an episode, season or volume, what it is of its
series (``RightsIn.ema_asset``).

Stored as a JSON list: the price first, as ``{"name", "kind": "Price", "value",
"currency", "text"}`` (``value`` a decimal string or None, ``text`` a non-numeric price
such as the Category "New Release"), then every other term as ``{"name", "kind",
"value", "currency"}``.  Money is a decimal string with its ISO 4217 currency, checked
by the EMA readers before it gets here.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from cinebridge.rights.ema import EmaAvail
from cinebridge.rights.ema.records import EmaTerm

Stored = dict[str, str | None]


def ema_terms_of(record: EmaAvail) -> tuple[Stored, ...]:
    """The terms of ``record`` as they are stored on its rights-in record."""
    out: list[Stored] = []
    if record.price_type:
        value = None if record.price_value is None else _amount(record.price_value)
        price = {"name": record.price_type, "kind": "Price", "value": value}
        out.append(price | {"currency": record.price_currency, "text": record.price_text})
    for term in record.terms:
        value = _amount(Decimal(term.value)) if term.kind == "Money" else term.value
        out.append(
            {"name": term.name, "kind": term.kind, "value": value, "currency": term.currency}
        )
    return tuple(out)


def _amount(value: Decimal) -> str:
    """A decimal string without trailing zeros (990.00 -> "990"): the same amount reads
    the same from XML and from a spreadsheet."""
    return format(value.normalize(), "f")


def ema_fields_of(stored: list[Stored] | None) -> dict[str, Any]:
    """``EmaAvail`` keyword arguments (price_* and terms) for stored terms."""
    fields: dict[str, Any] = {"terms": ()}
    terms = []
    for item in stored or []:
        if item.get("kind") == "Price" and "price_type" not in fields:
            value = item.get("value")
            fields.update(
                price_type=item["name"],
                price_value=None if value is None else Decimal(value),
                price_currency=item.get("currency"),
                price_text=item.get("text"),
            )
        else:
            name, kind = item.get("name") or "", item.get("kind") or "Text"
            terms.append(EmaTerm(name, kind, item.get("value") or "", item.get("currency")))
    fields["terms"] = tuple(terms)
    return fields


#: What an EMA episode, season or volume says about itself beyond its series (see
#: ``RightsIn.ema_asset``).
ASSET_FIELDS = (
    "work_type",
    "avail_type",
    "content_id",
    "title",
    "title_internal_alias",
    "episode_title",
    "season_number",
    "episode_number",
    "season_content_id",
    "series_content_id",
    "series_title",
    "volume_number",
    "volume_first_episode",
    "volume_episode_count",
)


def ema_asset_of(record: EmaAvail) -> dict[str, Any]:
    """What ``record`` is of its series ({} for a movie or a whole series)."""
    if not record.is_tv or record.work_type == "Series":
        return {}
    return {name: getattr(record, name) for name in ASSET_FIELDS}


def ema_asset_fields_of(stored: dict[str, Any] | None) -> dict[str, Any]:
    """``EmaAvail`` keyword arguments for a stored asset ({} when there is none)."""
    return {name: stored.get(name) for name in ASSET_FIELDS} if stored else {}
