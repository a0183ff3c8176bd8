"""Raw input (API bodies, form lines, EMA rows, demo data) read into checked specs.

Each reader gathers every problem of its input at once, names each by its field
("grants[2].territories") and raises ``SpecInvalid`` or returns them; the field rules
themselves live in ``specs.InputChecker``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from cinebridge.catalog.specs import Problem
from cinebridge.core.reference import currency_codes
from cinebridge.engines.avails import OPEN_END
from cinebridge.rights.errors import RightsError, message
from cinebridge.rights.models import FeeKind
from cinebridge.rights.specs import (
    DealSpec,
    GrantSpec,
    HoldbackSpec,
    InputChecker,
    PeriodSpec,
    RightsInSpec,
    resolve_period,
)
from cinebridge.rights.taxonomy import taxonomies

MAX_AMOUNT = Decimal(10) ** 14  # the fee column holds 16 digits, 2 after the point


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
        territories=check.scope(
            f"{prefix}territories",
            raw.get("territories"),
            raw.get("exclude_territories"),
            axis="t",
            on=on,
        ),
        media=check.scope(
            f"{prefix}media", raw.get("media"), raw.get("exclude_media"), axis="m", on=on
        ),
        period=check.period(prefix, raw),
        exclusive=check.boolean(raw.get("exclusive"), False),
        languages=check.languages(f"{prefix}languages", raw.get("languages")),
    )
    return (None if check.problems else spec), check.problems


def holdback_spec_from_raw(
    raw: Mapping[str, Any], *, titles: Callable[[Any], int | None], on: dt.date, prefix: str = ""
) -> tuple[HoldbackSpec | None, list[Problem]]:
    """One holdback from plain input."""
    check = InputChecker()
    spec = HoldbackSpec(
        title_ids=check.titles(f"{prefix}titles", raw.get("titles") or [], titles),
        territories=check.scope(
            f"{prefix}territories",
            raw.get("territories"),
            raw.get("exclude_territories"),
            axis="t",
            on=on,
        ),
        media=check.scope(
            f"{prefix}media", raw.get("media"), raw.get("exclude_media"), axis="m", on=on
        ),
        period=check.period(prefix, raw),
        hard=check.boolean(raw.get("hard"), True),
        note=check.text(f"{prefix}note", raw.get("note"), limit=300),
    )
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
    if not isinstance(raw, Mapping):
        check.add("", RightsError.NOT_AN_OBJECT)
        check.raise_if_any()
    reference = check.text("reference", raw.get("reference"), limit=40)
    internal_notes = check.text(
        "internal_notes", raw.get("internal_notes"), limit=5000, multiline=True
    )
    shared_notes = check.text("shared_notes", raw.get("shared_notes"), limit=5000, multiline=True)
    named, licensee = raw.get("licensee"), None
    if check.scalar("licensee", named):
        licensee = organisations(named)
        if named in (None, ""):
            check.add("licensee", RightsError.REQUIRED)
        elif licensee is None:
            check.add("licensee", RightsError.UNKNOWN_ORGANISATION, value=str(named)[:100])
        elif licensee == licensor_id:
            check.add("licensee", RightsError.SAME_PARTY)
    fee_kind = check.text("fee_kind", raw.get("fee_kind")).lower() or FeeKind.LICENCE_FEE
    if fee_kind not in FeeKind.values:
        fee_kind = FeeKind.LICENCE_FEE
    amount = None
    if raw.get("fee_amount") not in (None, "") and check.scalar("fee_amount", raw["fee_amount"]):
        try:
            amount = Decimal(str(raw["fee_amount"]).replace(",", "").strip())
            if not 0 <= amount < MAX_AMOUNT or amount != amount.quantize(Decimal("0.01")):
                raise InvalidOperation
        except InvalidOperation:
            check.add("fee_amount", RightsError.BAD_AMOUNT, value=str(raw["fee_amount"]))
            amount = None
    currency = check.text("fee_currency", raw.get("fee_currency")).upper()
    if currency and currency not in currency_codes():
        check.add("fee_currency", RightsError.UNKNOWN_CURRENCY, value=currency[:20])
    if amount is not None and not currency:
        check.add("fee_currency", RightsError.AMOUNT_WITHOUT_CURRENCY)
    grants: list[GrantSpec] = []
    raw_grants = check.items("grants", raw.get("grants"))
    if raw.get("grants") in (None, "", []):
        check.add("grants", RightsError.NO_GRANTS)
    for i, item in raw_grants:
        spec, problems = grant_spec_from_raw(item, titles=titles, on=on, prefix=f"grants[{i}].")
        check.problems.extend(problems)
        if spec:
            grants.append(spec)
    holdbacks: list[HoldbackSpec] = []
    for i, item in check.items("holdbacks", raw.get("holdbacks")):
        hb, problems = holdback_spec_from_raw(item, titles=titles, on=on, prefix=f"holdbacks[{i}].")
        check.problems.extend(problems)
        if hb:
            holdbacks.append(hb)
    if not check.problems:
        check.problems.extend(overlapping_grants(grants))
    check.raise_if_any()
    return DealSpec(
        licensee_id=licensee or 0,
        reference=reference,
        fee_kind=fee_kind,
        fee_amount=amount,
        fee_currency=currency,
        internal_notes=internal_notes,
        shared_notes=shared_notes,
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
                    problems.append(
                        Problem(
                            f"grants[{j}]",
                            RightsError.OVERLAPPING_GRANTS,  # type: ignore[arg-type]
                            message(
                                RightsError.OVERLAPPING_GRANTS, first=i, second=j, title=title_id
                            ),
                        )
                    )
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
        territories=check.scope(
            "territories", raw.get("territories"), raw.get("exclude_territories"), axis="t", on=on
        ),
        media=check.scope("media", raw.get("media"), raw.get("exclude_media"), axis="m", on=on),
        period=check.period("", raw),
        exclusive=check.boolean(raw.get("exclusive"), True),
        source_contract=check.text("source_contract", raw.get("source_contract"), required=True),
        licensor_name=check.text("licensor_name", raw.get("licensor_name")),
        external_id=check.text("external_id", raw.get("external_id")),
        notes=check.text("notes", raw.get("notes"), limit=5000, multiline=True),
    )
    check.raise_if_any()
    return spec
