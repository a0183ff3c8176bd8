"""Rights in, deals, grants and holdbacks as plain data, and the one validator for each.

The API, the web forms, the EMA importer and the demo build specs here and hand them to
``services``; a rule (a known territory, a period that ends after it starts, no two grants
of a deal over the same rights) is checked in this one place and reported with every
problem at once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from cinebridge.catalog.specs import Problem, SpecInvalid
from cinebridge.core.reference import currency_codes, normalise_language_tag
from cinebridge.engines.avails import OPEN_END, Taxonomy
from cinebridge.rights.errors import RightsError, message
from cinebridge.rights.models import DealStatus, FeeKind, ReleaseEventKind
from cinebridge.rights.taxonomy import group_key, taxonomies

USAGES = ("audio", "subtitles", "voice_over")
EventDates = Mapping[tuple[int, str, str], dt.date]  # (title id, event kind, territory) -> date


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
    notes: str = ""
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

    def text(self, name: str, value: Any, *, required: bool = False, limit: int = 200) -> str:
        text = "" if value is None else str(value).strip()
        if required and not text:
            self.add(name, RightsError.REQUIRED)
        elif len(text) > limit:
            self.add(name, RightsError.TOO_LONG, limit=limit)
        return text

    def date(self, name: str, value: Any) -> dt.date | None:
        if value in (None, ""):
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value).strip())
        except ValueError:
            self.add(name, RightsError.BAD_DATE, value=str(value))
            return None

    def integer(self, name: str, value: Any, default: int | None = 0) -> int | None:
        if value in (None, ""):
            return default
        try:
            return int(str(value).strip())
        except ValueError:
            self.add(name, RightsError.BAD_NUMBER, value=str(value))
            return default

    def boolean(self, value: Any, default: bool) -> bool:
        if value in (None, ""):
            return default
        if isinstance(value, bool):
            return value
        return str(value).strip().lower() in {"1", "true", "yes", "y", "exclusive", "hard"}

    def codes(self, value: Any) -> list[str]:
        if value in (None, ""):
            return []
        if isinstance(value, str):
            value = value.replace(";", ",").replace(" ", ",").split(",")
        return [str(v).strip() for v in value if str(v).strip()]

    def scope(self, name: str, include: Any, exclude: Any, *, axis: str, on: dt.date) -> ScopeSpec:
        territories, media = taxonomies()
        taxonomy = territories if axis == "t" else media
        keys: dict[str, list[str]] = {"include": [], "exclude": []}
        for part, raw in (("include", include), ("exclude", exclude)):
            for code in self.codes(raw):
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
            event = str(raw.get(f"{side}_event") or "").strip().lower()
            if event and event not in events:
                self.add(f"{name}{side}_event", RightsError.UNKNOWN_EVENT, value=event,
                         allowed=", ".join(events))  # fmt: skip
                event = ""
            spec[f"{side}_event"] = event
            place = str(raw.get(f"{side}_event_territory") or "").strip().upper()
            if event and place not in taxonomies()[0].nodes:
                # A release "in XX" never happens: its periods would stay provisional forever.
                field = f"{name}{side}_event_territory"
                if place:
                    self.add(field, RightsError.UNKNOWN_TERRITORY, value=place)
                else:
                    self.add(field, RightsError.REQUIRED)
            spec[f"{side}_event_territory"] = place
            spec[f"{side}_offset_days"] = self.integer(
                f"{name}{side}_offset_days", raw.get(f"{side}_offset_days")
            )
        spec["duration_days"] = self.integer(f"{name}duration_days", raw.get("duration_days"), None)
        start_given = spec["start"] is not None or spec["start_event"]
        if not start_given and not any(p.field == f"{name}start" for p in self.problems):
            self.add(f"{name}start", RightsError.REQUIRED)
        start, end = spec["start"], spec["end"]
        if start and end and end <= start:
            self.add(f"{name}end", RightsError.PERIOD_ENDS_BEFORE_START, start=start, end=end)
        if spec["duration_days"] is not None and spec["duration_days"] <= 0:
            self.add(f"{name}duration_days", RightsError.BAD_NUMBER, value=spec["duration_days"])
        same_event = spec["start_event"] and spec["start_event"] == spec["end_event"]
        if same_event and spec["end_offset_days"] <= spec["start_offset_days"]:
            self.add(f"{name}end", RightsError.PERIOD_ENDS_BEFORE_START,
                     start=f"+{spec['start_offset_days']}", end=f"+{spec['end_offset_days']}")  # fmt: skip
        return PeriodSpec(**spec)

    def languages(self, name: str, raw: Any) -> tuple[tuple[str, str], ...]:
        out = []
        items = raw or []
        if isinstance(items, str):
            items = [part.split(":") for part in items.replace(";", ",").split(",") if part.strip()]
        for item in items:
            tag, usage = (item[0], item[1]) if len(item) > 1 else (item[0], "subtitles")
            normal = normalise_language_tag(str(tag).strip())
            if not normal:
                self.add(name, RightsError.UNKNOWN_LANGUAGE, value=str(tag))
                continue
            usage = str(usage).strip().lower().replace("-", "_").replace("dub", "audio")
            if usage not in USAGES:
                self.add(name, RightsError.UNKNOWN_USAGE, value=usage, allowed=", ".join(USAGES))
                continue
            if (normal, usage) not in out:
                out.append((normal, usage))
        return tuple(out)

    def titles(self, name: str, raw: Any, lookup: Callable[[Any], int | None]) -> tuple[int, ...]:
        out: list[int] = []
        values = raw if isinstance(raw, list | tuple) else self.codes(raw)
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


def grant_spec_from_raw(
    raw: Mapping[str, Any], *, titles: Callable[[Any], int | None], on: dt.date, prefix: str = ""
) -> tuple[GrantSpec | None, list[Problem]]:
    """One grant from plain input; problems name fields with the prefix ("grants[1].")."""
    check = InputChecker()
    title_ids = check.titles(f"{prefix}titles", raw.get("titles"), titles)
    if not title_ids and not check.problems:
        check.add(f"{prefix}titles", RightsError.REQUIRED)
    spec = GrantSpec(
        title_ids=title_ids,
        territories=check.scope(f"{prefix}territories", raw.get("territories"),
                                raw.get("exclude_territories"), axis="t", on=on),
        media=check.scope(f"{prefix}media", raw.get("media"), raw.get("exclude_media"), axis="m", on=on),
        period=check.period(prefix, raw),
        exclusive=check.boolean(raw.get("exclusive"), False),
        languages=check.languages(f"{prefix}languages", raw.get("languages")),
    )  # fmt: skip
    return (None if check.problems else spec), check.problems


def holdback_spec_from_raw(
    raw: Mapping[str, Any], *, titles: Callable[[Any], int | None], on: dt.date, prefix: str = ""
) -> tuple[HoldbackSpec | None, list[Problem]]:
    """One holdback from plain input."""
    check = InputChecker()
    spec = HoldbackSpec(
        title_ids=check.titles(f"{prefix}titles", raw.get("titles") or [], titles),
        territories=check.scope(f"{prefix}territories", raw.get("territories"),
                                raw.get("exclude_territories"), axis="t", on=on),
        media=check.scope(f"{prefix}media", raw.get("media"), raw.get("exclude_media"), axis="m", on=on),
        period=check.period(prefix, raw),
        hard=check.boolean(raw.get("hard"), True),
        note=check.text(f"{prefix}note", raw.get("note"), limit=300),
    )  # fmt: skip
    return (None if check.problems else spec), check.problems


def deal_spec_from_raw(
    raw: Mapping[str, Any],
    *,
    licensor_id: int,
    organisations: Callable[[Any], int | None],
    titles: Callable[[Any], int | None],
    on: dt.date,
) -> DealSpec:
    """A whole deal from plain input (API, form, demo); raises SpecInvalid with every problem."""
    check = InputChecker()
    licensee = organisations(raw.get("licensee"))
    if licensee is None:
        if raw.get("licensee") in (None, ""):
            check.add("licensee", RightsError.REQUIRED)
        else:
            check.add("licensee", RightsError.UNKNOWN_ORGANISATION, value=str(raw.get("licensee")))
    elif licensee == licensor_id:
        check.add("licensee", RightsError.SAME_PARTY)
    fee_kind = str(raw.get("fee_kind") or FeeKind.LICENCE_FEE).strip().lower()
    if fee_kind not in FeeKind.values:
        fee_kind = FeeKind.LICENCE_FEE
    amount = None
    if raw.get("fee_amount") not in (None, ""):
        try:
            amount = Decimal(str(raw["fee_amount"]).replace(",", "").strip())
            if amount < 0 or amount != amount.quantize(Decimal("0.01")):
                raise InvalidOperation
        except InvalidOperation:
            check.add("fee_amount", RightsError.BAD_AMOUNT, value=str(raw["fee_amount"]))
            amount = None
    currency = str(raw.get("fee_currency") or "").strip().upper()
    if currency and currency not in currency_codes():
        check.add("fee_currency", RightsError.UNKNOWN_CURRENCY, value=currency)
    if amount is not None and not currency:
        check.add("fee_currency", RightsError.AMOUNT_WITHOUT_CURRENCY)
    grants: list[GrantSpec] = []
    raw_grants = list(raw.get("grants") or [])
    if not raw_grants:
        check.add("grants", RightsError.NO_GRANTS)
    for i, item in enumerate(raw_grants, start=1):
        spec, problems = grant_spec_from_raw(item, titles=titles, on=on, prefix=f"grants[{i}].")
        check.problems.extend(problems)
        if spec:
            grants.append(spec)
    holdbacks: list[HoldbackSpec] = []
    for i, item in enumerate(raw.get("holdbacks") or [], start=1):
        hb, problems = holdback_spec_from_raw(item, titles=titles, on=on, prefix=f"holdbacks[{i}].")
        check.problems.extend(problems)
        if hb:
            holdbacks.append(hb)
    if not check.problems:
        check.problems.extend(overlapping_grants(grants))
    check.raise_if_any()
    return DealSpec(
        licensee_id=licensee or 0,
        reference=check.text("reference", raw.get("reference"), limit=40),
        fee_kind=fee_kind,
        fee_amount=amount,
        fee_currency=currency,
        notes=check.text("notes", raw.get("notes"), limit=5000),
        grants=tuple(grants),
        holdbacks=tuple(holdbacks),
    )


def _days(period: PeriodSpec, title_id: int) -> tuple[int, int]:
    """A conservative day range for overlap checks before events are known."""
    resolved = resolve_period(period, title_id, {}, dt.date.min)
    first = period.start.toordinal() if period.start else dt.date.min.toordinal()
    stop = resolved.end.toordinal() if resolved.end and period.start else OPEN_END
    return first, stop


def overlapping_grants(grants: Sequence[GrantSpec]) -> list[Problem]:
    """Problems for every pair of grants in one deal over the same title, territory, medium and day."""
    territories, media = taxonomies()
    problems = []
    cells = []
    for i, grant in enumerate(grants, start=1):
        t = territories.selection(grant.territories.include, grant.territories.exclude)
        m = media.selection(grant.media.include, grant.media.exclude)
        cells.append((i, grant, t, m))
    for a in range(len(cells)):
        for b in range(a + 1, len(cells)):
            i, ga, ta, ma = cells[a]
            j, gb, tb, mb = cells[b]
            if not (ta & tb and ma & mb):
                continue
            for title_id in set(ga.title_ids) & set(gb.title_ids):
                fa, sa = _days(ga.period, title_id)
                fb, sb = _days(gb.period, title_id)
                if fa < sb and fb < sa:
                    problems.append(Problem(
                        f"grants[{j}]", RightsError.OVERLAPPING_GRANTS,  # type: ignore[arg-type]
                        message(RightsError.OVERLAPPING_GRANTS, first=i, second=j, title=title_id),
                    ))  # fmt: skip
                    break
    return problems


def rights_in_spec_from_raw(
    raw: Mapping[str, Any], *, titles: Callable[[Any], int | None], on: dt.date
) -> RightsInSpec:
    """Rights in from plain input; raises SpecInvalid with every problem."""
    check = InputChecker()
    title_ids = check.titles(
        "title", [raw.get("title")] if raw.get("title") not in (None, "") else [], titles
    )
    if not title_ids and not check.problems:
        check.add("title", RightsError.REQUIRED)
    spec = RightsInSpec(
        title_id=title_ids[0] if title_ids else 0,
        territories=check.scope("territories", raw.get("territories"), raw.get("exclude_territories"), axis="t", on=on),
        media=check.scope("media", raw.get("media"), raw.get("exclude_media"), axis="m", on=on),
        period=check.period("", raw),
        exclusive=check.boolean(raw.get("exclusive"), True),
        source_contract=check.text("source_contract", raw.get("source_contract"), required=True),
        licensor_name=check.text("licensor_name", raw.get("licensor_name")),
        external_id=check.text("external_id", raw.get("external_id")),
        notes=check.text("notes", raw.get("notes"), limit=5000),
    )  # fmt: skip
    check.raise_if_any()
    return spec


__all__ = [
    "DealSpec",
    "DealStatus",
    "GrantSpec",
    "HoldbackSpec",
    "PeriodSpec",
    "Problem",
    "ResolvedPeriod",
    "RightsInSpec",
    "ScopeSpec",
    "SpecInvalid",
    "deal_spec_from_raw",
    "grant_spec_from_raw",
    "holdback_spec_from_raw",
    "overlapping_grants",
    "resolve_period",
    "rights_in_spec_from_raw",
]
