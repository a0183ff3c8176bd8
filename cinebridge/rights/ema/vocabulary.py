"""Values an EMA file may only take from a list kept elsewhere: language tags (the IANA
language subtag registry, through the maintained ``language-tags`` package), content
ratings (``data/rating-systems.json``) and the spec's Status words.

Every check returns problems as ``(code, params)`` pairs, or ``[]``; the readers add the
location (an XML line, a spreadsheet row and column).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from language_tags import tags

from .errors import EmaError

_RATINGS_FILE = Path(__file__).with_name("data") / "rating-systems.json"

#: Status words of Series, Season and Volume metadata (MovieLabs' avails vocabulary v2.5).
STATUS_VALUES: dict[str, tuple[str, ...]] = {
    "SeriesStatus": ("Concluded", "Continuing", "Pending"),
    "SeasonStatus": ("Partial",),
    "Status": ("Partial",),
}

Found = list[tuple[EmaError, dict[str, Any]]]


@cache
def _tag_is_registered(lowered: str) -> bool:
    tag = tags.tag(lowered)
    # A deprecated tag (i-klingon) is still in the registry: accepted, as MovieLabs does.
    return all(error.code == tag.ERR_DEPRECATED for error in tag.errors)


def language_problems(element: str, tag: str | None) -> Found:
    """[UNKNOWN_LANGUAGE] unless ``tag`` is valid by the IANA subtag registry.

    The registry decides, without regard to case: ``EN`` and ``zh-hant`` pass, ``XYZ``,
    ``fr-xx`` and ``ENg`` (there is no subtag "eng": English is "en") do not.
    """
    if tag is None or _tag_is_registered(tag.strip().lower()):
        return []
    return [(EmaError.UNKNOWN_LANGUAGE, {"element": element, "value": tag})]


@cache
def rating_systems() -> dict[str, dict[str, Any]]:
    """Rating systems by upper-cased name and alias -> {"name", "values", "reasons"}."""
    data = json.loads(_RATINGS_FILE.read_text(encoding="utf-8"))
    out: dict[str, dict[str, Any]] = {}
    for name, system in data["systems"].items():
        entry = {"name": name, "values": system["values"], "reasons": system["reasons"]}
        for key in (name, *system["aliases"]):
            out[key.upper()] = entry
    return out


def rating_problems(system: str | None, value: str | None, reasons: Iterable[str]) -> Found:
    """What is wrong with a rating: an unknown system (a warning), value or reason."""
    if not system:
        return []
    known = rating_systems().get(system.strip().upper())
    if known is None:
        return [(EmaError.UNKNOWN_RATING_SYSTEM, {"system": system, "value": value})]
    found: Found = []
    name = known["name"]
    if not value:
        found.append((EmaError.RATING_WITHOUT_VALUE, {"system": name}))
    elif value.strip().upper() not in {v.upper() for v in known["values"]}:
        allowed = ", ".join(known["values"])
        found.append(
            (EmaError.UNKNOWN_RATING_VALUE, {"system": name, "value": value, "allowed": allowed})
        )
    if known["reasons"] is not None:
        allowed = ", ".join(known["reasons"])
        for reason in reasons:
            if reason.strip().upper() not in {r.upper() for r in known["reasons"]}:
                params = {"system": name, "value": reason, "allowed": allowed}
                found.append((EmaError.UNKNOWN_RATING_REASON, params))
    return found


def status_problems(element: str, value: str | None) -> Found:
    """[UNKNOWN_STATUS] unless ``value`` is one of the spec's words for ``element``."""
    allowed = STATUS_VALUES[element]
    if value is None or value in allowed:
        return []
    params = {"element": f"avails:{element}", "value": value, "allowed": ", ".join(allowed)}
    return [(EmaError.UNKNOWN_STATUS, params)]
