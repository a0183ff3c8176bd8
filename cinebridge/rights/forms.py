"""Inputs of the rights pages: the avails search, and what the deal and rights-in forms share.

These only read input. The avails input becomes the raw dict of
``selectors.avails_query_from_raw``. The deal form (``forms_deals``) and the rights-in form
(``forms_rights_in``) read territories, media and periods as the same typed cells
(``001,-RU`` excludes Russia from the World; a start ``theatrical_release VN +90``; an end
``+730 days`` or ``open``), written back by ``period_cells``/``scope_cell`` for editing.
None of them holds a rule of the business: the validators in ``specs`` and ``spec_readers`` do.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from cinebridge.catalog.selectors import titles_visible
from cinebridge.rights.models import ReleaseEventKind

# -- avails search ----------------------------------------------------------------------------

AVAILS_TEXT_KEYS = (
    "territories", "exclude_territories", "media", "exclude_media", "start", "end",
    "languages", "match", "min_days",
)  # fmt: skip
PICKED = {"territories": "t", "media": "m"}  # checkbox names of the trees, beside the text fields
EVENT_KINDS = tuple(ReleaseEventKind.values)  # the events a relative period may hang on
_CODE_SEPARATORS = re.compile(r"[,;\s]+")


def codes_split(values: list[str]) -> list[str]:
    """Codes typed in several boxes (commas, semicolons or spaces between), each once."""
    out: list[str] = []
    for value in values:
        for code in _CODE_SEPARATORS.split(value.strip()):
            if code and code not in out:
                out.append(code)
    return out


@dataclass
class AvailsInput:
    """What the avails form sent: typed codes and codes ticked in the trees, kept apart so
    each control shows its own state again; ``raw`` unites them for the selector."""

    values: dict[str, str] = field(default_factory=dict)
    picked: dict[str, list[str]] = field(default_factory=dict)
    exclusive: bool = False

    @classmethod
    def from_query(cls, data: Mapping[str, Any]) -> AvailsInput:
        """Read a QueryDict (or a plain dict of strings)."""
        getlist = getattr(data, "getlist", lambda key: [data[key]] if key in data else [])
        values = {key: str(data.get(key) or "").strip() for key in AVAILS_TEXT_KEYS}
        picked = {key: codes_split(getlist(name)) for key, name in PICKED.items()}
        exclusive = str(data.get("exclusive") or "").lower() in {"1", "on", "true", "yes"}
        return cls(values, picked, exclusive)

    @property
    def submitted(self) -> bool:
        """True once anything was asked (an empty first visit shows the form only)."""
        return any(self.values.values()) or any(self.picked.values()) or self.exclusive

    def codes(self, key: str) -> list[str]:
        """Typed and ticked codes of one axis, typed first, each once."""
        return codes_split([self.values.get(key, ""), *self.picked.get(key, [])])

    @property
    def raw(self) -> dict[str, Any]:
        """The raw query of ``avails_query_from_raw`` (and of the avails report endpoint)."""
        raw: dict[str, Any] = {key: value for key, value in self.values.items() if value}
        for key in PICKED:
            joined = ",".join(self.codes(key))
            if joined:
                raw[key] = joined
            else:
                raw.pop(key, None)
        if self.exclusive:
            raw["exclusive"] = "true"
        return raw

    def query_string(self, **extra: str) -> str:
        """The normalised query, one value per key, for links that repeat this search."""
        return urlencode({**self.raw, **{k: v for k, v in extra.items() if v}})


# -- scopes and periods typed as cells (deal lines, the rights-in form) -----------------------

# Where the validator reports a period's problems -> the cell (form field) that was typed.
PERIOD_CELLS = {
    "start": "start", "start_event": "start", "start_event_territory": "start",
    "start_offset_days": "start", "end": "end", "end_event": "end",
    "end_event_territory": "end", "end_offset_days": "end", "duration_days": "end",
}  # fmt: skip

_EVENT = re.compile(
    r"^(?P<event>[a-z][a-z _]*?)\s+(?P<territory>[a-z]{2}|\d{3})"
    r"(?:\s*(?P<sign>[+-])\s*(?P<days>\d+)\s*(?:d|days?)?)?$",
    re.IGNORECASE,
)
_DURATION = re.compile(r"^\+\s*(?P<days>\d+)\s*(?:d|days?)?$|^(?P<bare>\d+)\s*(?:d|days?)$", re.I)
_OPEN = {"", "open", "open-ended", "-", "—"}


def scope_cell_read(cell: str, key: str) -> dict[str, list[str]]:
    """ "001 -RU -BY" -> include 001, exclude RU and BY."""
    codes = codes_split([cell])
    return {
        key: [c for c in codes if not c.startswith("-")],
        f"exclude_{key}": [c[1:] for c in codes if c.startswith("-") and len(c) > 1],
    }


def period_cell_read(cell: str, side: str) -> dict[str, Any]:
    """A period's start or end: a date, an event with an offset, (end only) +N days or open."""
    text = cell.strip()
    if side == "end":
        if text.lower() in _OPEN:
            return {}
        duration = _DURATION.match(text)
        if duration:
            return {"duration_days": duration["days"] or duration["bare"]}
    event = _EVENT.match(text)
    if event and not text[:1].isdigit():
        days = int(event["days"] or 0) * (-1 if event["sign"] == "-" else 1)
        return {
            f"{side}_event": event["event"].strip().lower().replace(" ", "_"),
            f"{side}_event_territory": event["territory"].upper(),
            f"{side}_offset_days": days,
        }
    return {side: text}


def title_lookup(user: Any, owner_id: int) -> Callable[[Any], int | None]:
    """Resolve a title written in a form: the owner's (the licensor's, the holder's) catalog
    reference, another visible title's unique reference, or a title id; only titles the
    user may see."""
    visible = titles_visible(user)

    def lookup(value: Any) -> int | None:
        text = str(value).strip().lstrip("#")
        own = visible.filter(owner_id=owner_id, reference=text).values_list("pk", flat=True)
        found = own.first()
        if found is None:
            others = list(visible.filter(reference=text).values_list("pk", flat=True)[:2])
            found = others[0] if len(others) == 1 else None
        if found is None and text.isdigit():
            found = visible.filter(pk=int(text)).values_list("pk", flat=True).first()
        return found

    return lookup


def period_cells(obj: Any) -> tuple[str, str]:
    """A stored period back as its START and END cells."""

    def event(kind: str, territory: str, offset: int) -> str:
        return f"{kind} {territory}" + (f" {offset:+d}" if offset else "")

    start = (
        event(obj.start_event, obj.start_event_territory, obj.start_offset_days)
        if obj.start_event
        else (obj.start_given or obj.start).isoformat()
    )
    if obj.end_given:
        end = obj.end_given.isoformat()
    elif obj.end_event:
        end = event(obj.end_event, obj.end_event_territory, obj.end_offset_days)
    elif obj.duration_days:
        end = f"+{obj.duration_days} days"
    else:
        end = "open" if obj.end is None or obj.provisional else obj.end.isoformat()
    return start, end


def scope_cell(scopes: Any, axis: str, *, pinned: bool = False) -> str:
    """Stored scope rows back as a cell: ``001,-RU``. A group is written as its name (typed
    again, it means today's version) or, ``pinned``, with the version it holds (``CIS@2``)."""

    def code(key: str) -> str:
        return key if pinned else key.split("@")[0]

    keys = [code(s.key) for s in scopes if s.axis == axis and not s.excluded]
    keys += ["-" + code(s.key) for s in scopes if s.axis == axis and s.excluded]
    return ",".join(keys)
