"""Rights in, deals, grants and holdbacks as plain data, and the checks of their fields.

The API, the web forms, the EMA importer and the demo build specs (through the readers in
``spec_readers``) and hand them to ``services``; a rule (a known territory, a period that
ends after it starts, no two grants of a deal over the same rights) is checked in one place
and reported with every problem at once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from cinebridge.catalog.specs import Problem, SpecInvalid
from cinebridge.core.reference import normalise_language_tag
from cinebridge.core.text import text_problem
from cinebridge.engines.avails import Taxonomy
from cinebridge.rights.errors import RightsError, message
from cinebridge.rights.models import FeeKind, ReleaseEventKind
from cinebridge.rights.taxonomy import group_key, taxonomies

USAGES = ("audio", "subtitles", "voice_over")
EventDates = Mapping[tuple[int, str, str], dt.date]  # (title id, event kind, territory) -> date
DATE_RANGE = (dt.date(1870, 1, 1), dt.date(2199, 12, 31))
"""Dates a person may give: any date of cinema, far enough from the calendar's ends that
offsets and durations of up to ``MAX_DAYS`` still land on a real date."""
MAX_DAYS = 36_600  # a hundred years, as an offset or a duration
INT_MAX = 2**31 - 1  # what every database's integer column holds


@dataclass(frozen=True)
class ScopeSpec:
    """Selection keys included and excluded (groups already pinned to a version)."""

    include: tuple[str, ...]
    exclude: tuple[str, ...] = ()


@dataclass(frozen=True)
class PeriodSpec:
    """start: a date or event + offset; end: a date, event + offset, start + duration, or open."""

    start: dt.date | None = None
    start_event: str = ""
    start_event_territory: str = ""
    start_offset_days: int = 0
    end: dt.date | None = None
    end_event: str = ""
    end_event_territory: str = ""
    end_offset_days: int = 0
    duration_days: int | None = None


@dataclass(frozen=True)
class GrantSpec:
    title_ids: tuple[int, ...]
    territories: ScopeSpec
    media: ScopeSpec
    period: PeriodSpec
    exclusive: bool = False
    languages: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class HoldbackSpec:
    title_ids: tuple[int, ...]  # empty: every title of the deal
    territories: ScopeSpec
    media: ScopeSpec
    period: PeriodSpec
    hard: bool = True
    note: str = ""


@dataclass(frozen=True)
class DealSpec:
    licensee_id: int
    reference: str = ""
    fee_kind: str = FeeKind.LICENCE_FEE
    fee_amount: Decimal | None = None
    fee_currency: str = ""
    internal_notes: str = ""  # the licensor's members only
    shared_notes: str = ""  # both parties
    grants: tuple[GrantSpec, ...] = ()
    holdbacks: tuple[HoldbackSpec, ...] = ()


@dataclass(frozen=True)
class RightsInSpec:
    title_id: int
    territories: ScopeSpec
    media: ScopeSpec
    period: PeriodSpec
    exclusive: bool = True
    source_contract: str = ""
    licensor_name: str = ""
    external_id: str = ""
    notes: str = ""
    ema_terms: tuple[dict[str, str | None], ...] = ()
    ema_asset: dict[str, str | int | None] = field(default_factory=dict)


@dataclass(frozen=True)
class ResolvedPeriod:
    start: dt.date
    end: dt.date | None
    provisional: bool


def resolve_period(
    period: PeriodSpec, title_id: int, events: EventDates, today: dt.date
) -> ResolvedPeriod:
    """Dates for a period; unknown event dates stand in conservatively (start today, open end)."""
    provisional = False
    if period.start is not None:
        start = period.start
    else:
        known = events.get((title_id, period.start_event, period.start_event_territory))
        if known is None:
            start, provisional = today, True
        else:
            start = known + dt.timedelta(days=period.start_offset_days)
    end: dt.date | None = None
    if period.end is not None:
        end = period.end
    elif period.end_event:
        known = events.get((title_id, period.end_event, period.end_event_territory))
        if known is None:
            provisional = True
        else:
            end = known + dt.timedelta(days=period.end_offset_days)
    elif period.duration_days is not None and not provisional:
        end = start + dt.timedelta(days=period.duration_days)
    if end is not None and end <= start and provisional:
        end = None
    return ResolvedPeriod(start, end, provisional)


@dataclass
class InputChecker:
    """Collects every problem of one input while reading its fields (used by every spec here)."""

    problems: list[Problem] = field(default_factory=list)

    def add(self, field_name: str, code: RightsError, **params: Any) -> None:
        self.problems.append(Problem(field_name, code, message(code, **params)))  # type: ignore[arg-type]

    def raise_if_any(self) -> None:
        if self.problems:
            raise SpecInvalid(self.problems)

    def scalar(self, name: str, value: Any) -> bool:
        """Whether ``value`` is one plain value (text, number, boolean, date); a problem if not."""
        if isinstance(value, str) and (problem := text_problem(value, multiline=True)):
            # core.text's rule: PostgreSQL stores neither NUL nor a lone surrogate, and a
            # lookup with them is a 500 there; text() applies the single-line rule on top.
            self.problems.append(Problem(name, problem.code, problem.message))
            return False
        if value is None or isinstance(value, str | int | float | Decimal | dt.date):
            return True
        self.add(name, RightsError.NOT_TEXT)
        return False

    def text(
        self,
        name: str,
        value: Any,
        *,
        required: bool = False,
        limit: int = 200,
        multiline: bool = False,
    ) -> str:
        if not self.scalar(name, value):
            return ""
        text = "" if value is None else str(value).strip()
        if required and not text:
            self.add(name, RightsError.REQUIRED)
        elif len(text) > limit:
            self.add(name, RightsError.TOO_LONG, limit=limit)
        elif problem := text_problem(text, multiline=multiline):  # the rule of core.text
            self.problems.append(Problem(name, problem.code, problem.message))
        return text

    def date(self, name: str, value: Any) -> dt.date | None:
        """A date from ISO text, within ``DATE_RANGE`` (so periods and offsets stay real dates)."""
        if value in (None, "") or not self.scalar(name, value):
            return None
        if isinstance(value, dt.datetime):
            value = value.date()
        if not isinstance(value, dt.date):
            try:
                value = dt.date.fromisoformat(str(value).strip())
            except ValueError:
                self.add(name, RightsError.BAD_DATE, value=str(value))
                return None
        low, high = DATE_RANGE
        if not low <= value <= high:
            self.add(name, RightsError.OUT_OF_RANGE, value=value, low=low, high=high)
            return None
        return value

    def integer(
        self,
        name: str,
        value: Any,
        default: int | None = 0,
        *,
        low: int = -INT_MAX,
        high: int = INT_MAX,
    ) -> int | None:
        """A whole number within [low, high]; the default when absent or wrong (with a problem)."""
        if value in (None, "") or not self.scalar(name, value):
            return default
        try:
            number = int(str(value).strip())
        except ValueError:
            self.add(name, RightsError.BAD_NUMBER, value=str(value))
            return default
        if not low <= number <= high:
            self.add(name, RightsError.OUT_OF_RANGE, value=number, low=low, high=high)
            return default
        return number

    def boolean(self, value: Any, default: bool) -> bool:
        if value in (None, ""):
            return default
        if isinstance(value, bool):
            return value
        return str(value).strip().lower() in {"1", "true", "yes", "y", "exclusive", "hard"}

    def codes(self, name: str, value: Any) -> list[str]:
        """Codes from a list or from text separated by commas, semicolons or spaces."""
        if value in (None, ""):
            return []
        if isinstance(value, str):
            value = value.replace(";", ",").replace(" ", ",").split(",")
        elif not isinstance(value, list | tuple):
            self.add(name, RightsError.NOT_A_LIST)
            return []
        if not all(self.scalar(name, v) for v in value):
            return []
        return [str(v).strip() for v in value if str(v).strip()]

    def items(self, name: str, value: Any) -> list[tuple[int, Mapping[str, Any]]]:
        """(position from 1, object) of a list of objects (grants, holdbacks); any other item
        is a problem named by its position."""
        if value in (None, ""):
            return []
        if not isinstance(value, list | tuple):
            self.add(name, RightsError.NOT_A_LIST)
            return []
        out = []
        for i, item in enumerate(value, start=1):
            if isinstance(item, Mapping):
                out.append((i, item))
            else:
                self.add(f"{name}[{i}]", RightsError.NOT_AN_OBJECT)
        return out

    def scope(self, name: str, include: Any, exclude: Any, *, axis: str, on: dt.date) -> ScopeSpec:
        territories, media = taxonomies()
        taxonomy = territories if axis == "t" else media
        keys: dict[str, list[str]] = {"include": [], "exclude": []}
        for part, raw in (("include", include), ("exclude", exclude)):
            for code in self.codes(name, raw):
                key = _key(taxonomy, code, axis, on)
                if key is None:
                    if axis == "t":
                        self.add(name, RightsError.UNKNOWN_TERRITORY, value=code)
                    else:
                        allowed = ", ".join(media.nodes)
                        self.add(name, RightsError.UNKNOWN_MEDIUM, value=code, allowed=allowed)
                elif key not in keys[part]:
                    keys[part].append(key)
        if not keys["include"] and not any(p.field == name for p in self.problems):
            self.add(name, RightsError.REQUIRED)
        elif keys["include"] and not taxonomy.selection(keys["include"], keys["exclude"]):
            self.add(name, RightsError.EMPTY_SCOPE)
        return ScopeSpec(tuple(keys["include"]), tuple(keys["exclude"]))

    def period(self, name: str, raw: Mapping[str, Any]) -> PeriodSpec:
        events = [c.value for c in ReleaseEventKind]
        spec: dict[str, Any] = {}
        for side in ("start", "end"):
            spec[side] = self.date(f"{name}{side}", raw.get(side))
            event = self.text(f"{name}{side}_event", raw.get(f"{side}_event")).lower()
            if event and event not in events:
                self.add(
                    f"{name}{side}_event",
                    RightsError.UNKNOWN_EVENT,
                    value=event,
                    allowed=", ".join(events),
                )
                event = ""
            spec[f"{side}_event"] = event
            field = f"{name}{side}_event_territory"
            place = self.text(field, raw.get(f"{side}_event_territory")).upper()
            if event and place not in taxonomies()[0].nodes:
                # A release "in XX" never happens: its periods would stay provisional forever.
                if place:
                    self.add(field, RightsError.UNKNOWN_TERRITORY, value=place)
                else:
                    self.add(field, RightsError.REQUIRED)
            spec[f"{side}_event_territory"] = place
            offset = f"{name}{side}_offset_days"
            spec[f"{side}_offset_days"] = self.integer(
                offset, raw.get(f"{side}_offset_days"), low=-MAX_DAYS, high=MAX_DAYS
            )
        spec["duration_days"] = self.integer(
            f"{name}duration_days", raw.get("duration_days"), None, low=1, high=MAX_DAYS
        )
        start_given = spec["start"] is not None or spec["start_event"]
        if not start_given and not any(p.field == f"{name}start" for p in self.problems):
            self.add(f"{name}start", RightsError.REQUIRED)
        start, end = spec["start"], spec["end"]
        if start and end and end <= start:
            self.add(f"{name}end", RightsError.PERIOD_ENDS_BEFORE_START, start=start, end=end)
        same_event = spec["start_event"] and spec["start_event"] == spec["end_event"]
        if same_event and spec["end_offset_days"] <= spec["start_offset_days"]:
            self.add(
                f"{name}end",
                RightsError.PERIOD_ENDS_BEFORE_START,
                start=f"+{spec['start_offset_days']}",
                end=f"+{spec['end_offset_days']}",
            )
        return PeriodSpec(**spec)

    def languages(self, name: str, raw: Any) -> tuple[tuple[str, str], ...]:
        """(tag, usage) pairs from "vi:subtitles, ru:audio" or [["vi", "subtitles"], "ru"]."""
        out: list[tuple[str, str]] = []
        items = raw or []
        if isinstance(items, str):
            items = items.replace(";", ",").split(",")
        elif not isinstance(items, list | tuple):
            self.add(name, RightsError.NOT_A_LIST)
            return ()
        for item in items:
            parts = item.split(":") if isinstance(item, str) else item
            if (
                not isinstance(parts, list | tuple)
                or not 1 <= len(parts) <= 2
                or not all(isinstance(part, str) for part in parts)
            ):
                self.add(name, RightsError.UNKNOWN_LANGUAGE, value=str(item)[:50])
                continue
            tag, usage = (parts[0], parts[1]) if len(parts) > 1 else (parts[0], "subtitles")
            if not tag.strip():
                continue
            normal = normalise_language_tag(tag.strip()[:50])
            if not normal:
                self.add(name, RightsError.UNKNOWN_LANGUAGE, value=tag[:50])
                continue
            usage = usage.strip().lower().replace("-", "_").replace("dub", "audio")
            if usage not in USAGES:
                self.add(
                    name, RightsError.UNKNOWN_USAGE, value=usage[:50], allowed=", ".join(USAGES)
                )
                continue
            if (normal, usage) not in out:
                out.append((normal, usage))
        return tuple(out)

    def titles(self, name: str, raw: Any, lookup: Callable[[Any], int | None]) -> tuple[int, ...]:
        out: list[int] = []
        if isinstance(raw, list | tuple):  # kept as given: a lookup may take ints or objects
            values = list(raw) if all(self.scalar(name, v) for v in raw) else []
        else:
            values = self.codes(name, raw)
        for value in values:
            found = lookup(value)
            if found is None:
                self.add(name, RightsError.UNKNOWN_TITLE, value=str(value))
            elif found not in out:
                out.append(found)
        return tuple(out)


def _key(taxonomy: Taxonomy, code: str, axis: str, on: dt.date) -> str | None:
    """The stored selection key for a code typed by a person (upper-cased; groups pinned)."""
    code = code.strip()
    upper = code.upper()
    if axis == "m":
        return upper if upper in taxonomy.nodes else None
    if upper in taxonomy.nodes:
        return upper
    if code in taxonomy.nodes:  # M49 numeric codes
        return code
    if code.isdigit() and code.zfill(3) in taxonomy.nodes:
        return code.zfill(3)
    if "@" in upper:
        return upper if upper in taxonomy.groups else None
    return group_key(upper, on) or group_key(upper)
