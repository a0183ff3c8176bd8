"""Demo rights: every title's original rights, Roskino's representation of Russian studios
abroad, and 1,000+ signed licences to broadcasters, VOD services, distributors and festivals.

Deals are generated from a fixed seed and each is checked with the avails engine against
everything generated before it, so the demo never holds a state the rules forbid (two
exclusive licences over the same rights). They are written in bulk (one audit entry per
deal) so that ``make run`` stays quick. Who licenses what to whom is illustrative only.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction

from cinebridge.catalog.models import Title
from cinebridge.core.models import AuditEntry
from cinebridge.engines.avails import Grant as GrantRecord
from cinebridge.engines.avails import Period, Row, RowKind, deal_conflicts
from cinebridge.organisations.models import Organisation
from cinebridge.rights import engine_adapters
from cinebridge.rights.engine_adapters import ScopeMasks
from cinebridge.rights.models import (
    AvailsChangeKind,
    Deal,
    DealStatus,
    Grant,
    GrantScope,
    Holdback,
    HoldbackScope,
    ReleaseEvent,
    RightsIn,
    RightsInScope,
)
from cinebridge.rights.taxonomy import taxonomies

SEED = 20261124
DEAL_TARGET = 1_800
TODAY = dt.date(2026, 11, 24)
REFERENCE_PREFIX = "DEMO-"
REPRESENTED_STUDIOS = ("soyuzmultfilm", "central-partnership", "mosfilm", "animaccord",
                       "riki-group", "mechtalet", "vodorod", "volga-documentary")  # fmt: skip
OUTSIDE_CIS = (["001"], ["RU", "CIS@4"])

# Licensee -> (territory choices, media choices, subtitle language)
LICENSEES: dict[str, tuple[list[str], list[str], str]] = {
    "vtv": (["VN"], ["FREE_TV", "PAY_TV", "TV"], "vi"),
    "mekong-screen": (["VN", "ASEAN@2"], ["SVOD", "AVOD", "TVOD", "VOD"], "vi"),
    "vietnam-film-promotion": (["VN"], ["THEATRICAL", "HOME_VIDEO"], "vi"),
    "telefilm-vietnam": (["VN"], ["FESTIVAL"], "vi"),
    "china-media-group": (["CN", "GREATER_CHINA@1"], ["FREE_TV", "PAY_TV", "TV"], "zh-Hans"),
    "lotus-screen": (["CN", "GREATER_CHINA@1"], ["SVOD", "AVOD", "VOD"], "zh-Hans"),
    "china-film-group": (["CN"], ["THEATRICAL", "HOME_VIDEO"], "zh-Hans"),
    "harbin-winter-forum": (["CN"], ["FESTIVAL"], "zh-Hans"),
    "kosmos-tv": (["RU", "CIS@4"], ["FREE_TV", "PAY_TV", "TV"], "ru"),
    "okko": (["RU", "CIS@4"], ["SVOD", "TVOD", "EST", "VOD"], "ru"),
    "baikal-film-distribution": (["RU"], ["THEATRICAL", "HOME_VIDEO"], "ru"),
    "baikal-crossroads": (["RU"], ["FESTIVAL"], "ru"),
    "ganga-screen": (["IN", "034"], ["THEATRICAL", "SVOD", "PAY_TV"], "hi"),
    "siam-monsoon-festival": (["TH"], ["FESTIVAL", "EDUCATIONAL"], "th"),
}
FEE_CURRENCY = {"VN": "USD", "CN": "CNY", "RU": "RUB", "IN": "USD", "TH": "USD", "KZ": "USD"}


@dataclass
class _Plan:
    """Everything to write, built and checked in memory first."""

    rights: list[tuple[Title, Organisation, list[tuple[str, str, bool]], dt.date, str, Deal | None]]
    deals: list[tuple[Deal, list[dict[str, Any]], list[dict[str, Any]]]]
    events: list[tuple[Title, Organisation, str, dt.date]]


def _scopes(
    territories: list[str], exclude: list[str], media: list[str]
) -> list[tuple[str, str, bool]]:
    return (
        [("t", k, False) for k in territories]
        + [("t", k, True) for k in exclude]
        + [("m", k, False) for k in media]
    )


def demo_rights_load(organisations: dict[str, Organisation]) -> tuple[int, int]:
    """Write the demo rights and deals unless they are there; returns (rights in, deals) added."""
    if Deal.objects.filter(reference__startswith=REFERENCE_PREFIX).exists():
        return 0, 0
    titles = list(
        Title.objects.filter(owner__in=organisations.values())
        .select_related("owner")
        .order_by("pk")
    )
    plan = _plan(titles, organisations)
    with transaction.atomic():
        _write(plan)
        engine_adapters.changes_log(AvailsChangeKind.ALL, [None])
    return len(plan.rights), len(plan.deals)


REPRESENTATION_START = dt.date(2024, 1, 1)


def _rights_start(title: Title) -> dt.date:
    """When a title's original rights begin: January of its year (1990 at the earliest)."""
    return dt.date(max(title.year or 2000, 1990), 1, 1)


def _plan(titles: list[Title], organisations: dict[str, Organisation]) -> _Plan:
    rng = random.Random(SEED)
    slug_of = {o.pk: slug for slug, o in organisations.items()}
    rows: dict[int, list[Row]] = defaultdict(list)
    plan = _Plan([], [], [])
    next_id = iter(range(1, 10**9))
    masks = ScopeMasks(*taxonomies())
    roskino = organisations["roskino"]
    represented: set[int] = set()
    for title in titles:
        start = _rights_start(title)
        scopes = _scopes(["001"], [], ["ALL"])
        plan.rights.append((title, title.owner, scopes, start, "Original production", None))
        t, m = masks.of(scopes)
        rows[title.pk].append(
            Row(
                RowKind.RIGHTS,
                next(next_id),
                title.owner_id,
                t,
                m,
                start.toordinal(),
                Period(start).stop_day,
            )
        )
        if slug_of.get(title.owner_id) in REPRESENTED_STUDIOS:
            represented.add(title.pk)
    # Roskino represents the Russian studios' titles outside Russia and the CIS.
    by_owner: dict[int, list[Title]] = defaultdict(list)
    for title in titles:
        if title.pk in represented:
            by_owner[title.owner_id].append(title)
    for owner_id, owned in by_owner.items():
        owner = next(o for o in organisations.values() if o.pk == owner_id)
        deal = _deal(
            owner,
            roskino,
            f"{REFERENCE_PREFIX}REP-{slug_of[owner_id]}",
            Decimal("0"),
            "RUB",
            DealStatus.SIGNED,
            "Representation agreement: Roskino sells these titles abroad.",
        )
        # From 2024, or from a newer title's own rights: nobody represents what is not held yet.
        grants = [
            {
                "territories": OUTSIDE_CIS[0],
                "exclude": OUTSIDE_CIS[1],
                "media": ["ALL"],
                "start": max(REPRESENTATION_START, _rights_start(title)),
                "end": dt.date(2031, 1, 1),
                "exclusive": True,
                "title": title,
            }
            for title in owned
        ]
        plan.deals.append((deal, grants, []))
        for terms in grants:
            title, start = terms["title"], terms["start"]
            _grant_rows(rows, title.pk, deal, terms, next_id, masks)
            scopes = _scopes(OUTSIDE_CIS[0], OUTSIDE_CIS[1], ["ALL"])
            plan.rights.append(
                (title, roskino, scopes, start, f"Representation agreement {deal.reference}", deal)
            )
            t, m = masks.of(scopes)
            rows[title.pk].append(
                Row(
                    RowKind.RIGHTS,
                    next(next_id),
                    roskino.pk,
                    t,
                    m,
                    start.toordinal(),
                    dt.date(2031, 1, 1).toordinal(),
                )
            )
    licensees = [(organisations[s], *terms) for s, terms in LICENSEES.items() if s in organisations]
    attempts = 0
    number = 0
    while len(plan.deals) < DEAL_TARGET and attempts < DEAL_TARGET * 6:
        attempts += 1
        licensee, territory_choices, media_choices, language = rng.choice(licensees)
        candidates = [t for t in titles if t.owner_id != licensee.pk]
        chosen = rng.sample(candidates, k=min(len(candidates), rng.choice((1, 1, 1, 2, 3))))
        territory = rng.choice(territory_choices)
        medium = rng.choice(media_choices)
        festival = medium in ("FESTIVAL", "EDUCATIONAL")
        start = dt.date(rng.randint(2020, 2030), rng.choice((1, 3, 4, 6, 9, 10)), 1)
        years = rng.choice((1, 2, 2, 3, 3, 5))
        end = (
            start + dt.timedelta(days=60)
            if festival
            else dt.date(start.year + years, start.month, 1)
        )
        exclusive = not festival and rng.random() < 0.5
        terms = {
            "territories": [territory],
            "exclude": [],
            "media": [medium],
            "start": start,
            "end": end,
            "exclusive": exclusive,
            "languages": [[language, "subtitles"]],
        }
        licensor_of = {}
        for title in chosen:
            outside = title.pk in represented and territory not in ("RU", "CIS@4")
            licensor_of[title.pk] = roskino if outside else title.owner
        licensors = set(licensor_of.values())
        if len(licensors) != 1 or licensee in licensors:
            continue
        licensor = licensors.pop()
        t, m = masks.of(_scopes([territory], [], [medium]))
        drafts = [
            GrantRecord(
                -i, 0, "", title.pk, licensor.pk, licensee.pk, t, m, Period(start, end), exclusive
            )
            for i, title in enumerate(chosen, start=1)
        ]
        if any(c.blocked for c in deal_conflicts(drafts, rows)):
            continue
        number += 1
        status = DealStatus.SIGNED
        roll = rng.random()
        if roll < 0.03:
            status = DealStatus.DRAFT
        elif roll < 0.05:
            status = DealStatus.OFFERED
        elif end <= TODAY:
            status = DealStatus.EXPIRED
        currency = FEE_CURRENCY.get(licensee.country, "USD")
        amount = Decimal(rng.randrange(2_000, 120_000, 500)) * (
            80 if currency == "RUB" else 7 if currency == "CNY" else 1
        )
        deal = _deal(
            licensor, licensee, f"{REFERENCE_PREFIX}{number:04d}", amount, currency, status, ""
        )
        holdbacks = []
        if medium == "THEATRICAL" and rng.random() < 0.6:
            # No SVOD in the territory until six months after the theatrical release.
            holdbacks.append(
                {
                    "territories": [territory],
                    "media": ["SVOD"],
                    "start": start,
                    "end_event": "theatrical_release",
                    "end_event_territory": territory,
                    "end_offset_days": 180,
                    "hard": rng.random() < 0.8,
                }
            )
            if rng.random() < 0.7:
                for title in chosen:
                    plan.events.append((title, licensee, territory, start + dt.timedelta(days=30)))
        plan.deals.append((deal, [dict(terms, title=t) for t in chosen], holdbacks))
        if status in (DealStatus.SIGNED, DealStatus.EXPIRED):
            for title in chosen:
                _grant_rows(rows, title.pk, deal, terms, next_id, masks)
            for hb in holdbacks:
                known: dict[tuple[int, str], dt.date] = {}
                for event in plan.events:
                    known.setdefault((event[0].pk, event[2]), event[3])
                for title in chosen:
                    release = known.get((title.pk, territory))
                    stop = (release + dt.timedelta(days=180)) if release else None
                    if stop is not None and stop <= start:
                        continue  # an earlier release: this holdback has nothing left to hold
                    t2, m2 = masks.of(_scopes(hb["territories"], [], hb["media"]))
                    rows[title.pk].append(
                        Row(
                            RowKind.HOLDBACK,
                            next(next_id),
                            licensee.pk,
                            t2,
                            m2,
                            start.toordinal(),
                            Period(start, stop).stop_day,
                            hard=hb["hard"],
                            deal_id=0,
                        )
                    )
    return plan


def _deal(
    licensor: Organisation,
    licensee: Organisation,
    reference: str,
    amount: Decimal,
    currency: str,
    status: str,
    notes: str,
) -> Deal:
    signed = status in (DealStatus.SIGNED, DealStatus.EXPIRED)
    return Deal(
        owner=licensor,
        licensee=licensee,
        reference=reference,
        status=status,
        fee_amount=amount or None,
        fee_currency=currency if amount else "",
        internal_notes=notes,
        signed_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC) if signed else None,
    )


def _grant_rows(
    rows: dict[int, list[Row]],
    title_id: int,
    deal: Deal,
    terms: dict[str, Any],
    ids: Any,
    masks: ScopeMasks,
) -> None:
    t, m = masks.of(_scopes(terms["territories"], terms["exclude"], terms["media"]))
    period = Period(terms["start"], terms["end"])
    rows[title_id].append(
        Row(
            RowKind.GRANT,
            next(ids),
            deal.licensee.pk,
            t,
            m,
            period.first_day,
            period.stop_day,
            exclusive=terms["exclusive"],
            deal_ref=deal.reference,
        )
    )


def _write(plan: _Plan) -> None:
    events: dict[tuple[int, str], ReleaseEvent] = {}
    for title, owner, territory, date in plan.events:
        if (title.pk, territory) in events:
            continue
        events[(title.pk, territory)] = ReleaseEvent(
            owner=owner, title=title, kind="theatrical_release", territory=territory, date=date
        )
    ReleaseEvent.objects.bulk_create(events.values(), ignore_conflicts=True)
    known = {(e.title_id, e.territory): e.date for e in events.values()}
    deals = [d for d, _, _ in plan.deals]
    Deal.objects.bulk_create(deals)
    deals = {
        d.reference: d for d in Deal.objects.filter(reference__in=[d.reference for d in deals])
    }
    grant_objs, grant_scopes, hb_objs, hb_scopes = [], [], [], []
    for deal_obj, grants, holdbacks in plan.deals:
        deal = deals[deal_obj.reference]
        for position, g in enumerate(grants):
            grant_objs.append(
                Grant(
                    deal=deal,
                    title=g["title"],
                    exclusive=g["exclusive"],
                    start=g["start"],
                    end=g["end"],
                    start_given=g["start"],
                    end_given=g["end"],
                    languages=g.get("languages", []),
                    position=position,
                )
            )
            grant_scopes.append(_scopes(g["territories"], g["exclude"], g["media"]))
        for hb in holdbacks:
            for g in grants:
                release = known.get((g["title"].pk, hb["end_event_territory"]))
                end = release + dt.timedelta(days=hb["end_offset_days"]) if release else None
                if end is not None and end <= hb["start"]:
                    continue
                hb_objs.append(
                    Holdback(
                        deal=deal,
                        title=g["title"],
                        hard=hb["hard"],
                        start=hb["start"],
                        start_given=hb["start"],
                        end=end,
                        provisional=release is None,
                        end_event=hb["end_event"],
                        end_event_territory=hb["end_event_territory"],
                        end_offset_days=hb["end_offset_days"],
                        note="No SVOD until six months after the theatrical release",
                    )
                )
                hb_scopes.append(_scopes(hb["territories"], [], hb["media"]))
    Grant.objects.bulk_create(grant_objs, batch_size=500)
    GrantScope.objects.bulk_create(
        (
            GrantScope(grant=g, axis=a, key=k, excluded=x)
            for g, s in zip(grant_objs, grant_scopes, strict=True)
            for a, k, x in s
        ),
        batch_size=1000,
    )
    Holdback.objects.bulk_create(hb_objs, batch_size=500)
    HoldbackScope.objects.bulk_create(
        (
            HoldbackScope(holdback=h, axis=a, key=k, excluded=x)
            for h, s in zip(hb_objs, hb_scopes, strict=True)
            for a, k, x in s
        ),
        batch_size=1000,
    )
    rights_objs, rights_scopes = [], []
    for title, holder, scopes, start, source, deal in plan.rights:
        end = dt.date(2031, 1, 1) if deal is not None else None
        rights_objs.append(
            RightsIn(
                owner=holder,
                title=title,
                start=start,
                end=end,
                start_given=start,
                end_given=end,
                exclusive=True,
                source_contract=source,
                source_deal=deals.get(deal.reference) if deal else None,
            )
        )
        rights_scopes.append(scopes)
    RightsIn.objects.bulk_create(rights_objs, batch_size=500)
    RightsInScope.objects.bulk_create(
        (
            RightsInScope(rights=r, axis=a, key=k, excluded=x)
            for r, s in zip(rights_objs, rights_scopes, strict=True)
            for a, k, x in s
        ),
        batch_size=1000,
    )
    AuditEntry.objects.bulk_create(
        AuditEntry(
            organisation=d.owner,
            action=f"deal.{d.status}",
            object_type="rights.deal",
            object_id=str(d.pk),
            object_repr=d.reference,
            changes={"source": "demo data set", "status": d.status},
        )
        for d in deals.values()
    )
