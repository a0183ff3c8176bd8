"""A title's rights pages: the timeline, which draws the acting organisation's rights in
beside the licences and holdbacks of signed deals, and the release events that relative
periods hang on ("theatrical release in VN + 90 days"), where their dates are recorded.

Both are for members of any organisation who may see the title; each shows only what the
acting organisation may know (its rights in, the deals it is party to, others' blocking
licences without names). Release dates are recorded by the editors of the title's owner or
of a holder of rights in it; recording one re-resolves every period that waits for it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from cinebridge.core.permissions import CATALOG_EDITOR_ROLES, is_member, require_editor
from cinebridge.organisations.models import Organisation
from cinebridge.rights import selectors, services
from cinebridge.rights.engine_adapters import BLOCKING_STATUSES
from cinebridge.rights.forms_rights_in import ReleaseEventForm
from cinebridge.rights.models import Grant, Holdback, ReleaseEventKind, RightsIn
from cinebridge.rights.taxonomy import territory_label
from cinebridge.rights.views import (
    Labels,
    PeriodText,
    acting_context,
    acting_organisation,
    period_text,
    visible_title,
)

# -- a title's rights timeline --------------------------------------------------------------


@dataclass
class Bar:
    """One record on the timeline, in words and in per cent of the axis."""

    kind: str  # rights | licence | licence-other | holdback | holdback-other
    label: str
    media: str
    territories: str
    start: dt.date
    end: dt.date | None
    period: PeriodText
    exclusive: bool = False
    hard: bool = True
    deal: Any = None
    rights_id: int | None = None  # a rights-in record of the acting organisation, to edit
    detail: str = ""
    left: float = 0.0
    width: float = 0.0
    row: int = 0


def _timeline_bars(title: Any, acting: Organisation, labels: Labels) -> tuple[list[Bar], bool]:
    """The acting organisation's rights in, licences and holdbacks of a title; others'
    exclusive licences and holdbacks without names when it holds rights in the title."""
    bars: list[Bar] = []
    rights = RightsIn.objects.filter(owner=acting, title=title).prefetch_related("scopes")
    for r in rights.order_by("start"):
        scopes = r.scopes.all()
        label = gettext("Rights in") + (f" · {gettext('exclusive')}" if r.exclusive else "")
        bars.append(
            Bar(
                "rights",
                label,
                labels.scope(scopes, "m"),
                labels.scope(scopes, "t"),
                r.start,
                r.end,
                period_text(r),
                r.exclusive,
                rights_id=r.pk,
                detail=" · ".join(filter(None, [r.source_contract, r.licensor_name])),
            )
        )
    holds = bool(bars) or title.owner_id == acting.pk
    party = Q(deal__owner=acting) | Q(deal__licensee=acting)
    mine_or_blocking = party | Q(exclusive=True) if holds else party
    grants = (
        Grant.objects.filter(mine_or_blocking, title=title, deal__status__in=BLOCKING_STATUSES)
        .select_related("deal__owner", "deal__licensee")
        .prefetch_related("scopes")
        .order_by("start")
    )
    for g in grants:
        deal, scopes = g.deal, g.scopes.all()
        own = acting.pk in (deal.owner_id, deal.licensee_id)
        end = min(filter(None, [g.end, deal.terminated_on]), default=None)
        if own:
            other = deal.licensee if deal.owner_id == acting.pk else deal.owner
            label = f"{deal.reference} · {other.name}"
        else:
            label = gettext("Exclusive licence")
        bar = Bar(
            "licence" if own else "licence-other",
            label,
            labels.scope(scopes, "m"),
            labels.scope(scopes, "t"),
            g.start,
            end,
            period_text(g, deal.terminated_on),
            g.exclusive,
            deal=deal if own else None,
        )
        bar.detail = deal.get_status_display() if own else ""
        bars.append(bar)
    holdbacks = (
        Holdback.objects.filter(
            party if not holds else Q(), title=title, deal__status__in=BLOCKING_STATUSES
        )
        .select_related("deal")
        .prefetch_related("scopes")
        .order_by("start")
    )
    for h in holdbacks:
        deal, scopes = h.deal, h.scopes.all()
        own = acting.pk in (deal.owner_id, deal.licensee_id)
        end = min(filter(None, [h.end, deal.terminated_on]), default=None)
        kind = gettext("Holdback") if h.hard else gettext("Soft holdback")
        bars.append(
            Bar(
                "holdback" if own else "holdback-other",
                f"{kind} · {deal.reference}" if own else kind,
                labels.scope(scopes, "m"),
                labels.scope(scopes, "t"),
                h.start,
                end,
                period_text(h, deal.terminated_on),
                hard=h.hard,
                deal=deal if own else None,
                detail=h.note if own else "",
            )
        )
    return bars, holds


def _axis(bars: list[Bar], today: dt.date) -> tuple[dt.date, dt.date]:
    first = min([b.start for b in bars] + [today.replace(month=1, day=1)])
    last = max([b.end for b in bars if b.end] + [b.start for b in bars] + [today])
    return first.replace(month=1, day=1), dt.date(last.year + 3, 1, 1)


def _lanes(bars: list[Bar], start: dt.date, stop: dt.date) -> list[dict[str, Any]]:
    """Bars placed in per cent, grouped in lanes by (media, territories), stacked when they overlap."""
    span = (stop - start).days
    lanes: dict[tuple[str, str], list[Bar]] = {}
    for bar in bars:
        begin = max(bar.start, start)
        end = min(bar.end or stop, stop)
        bar.left = round((begin - start).days / span * 100, 3)
        bar.width = round(max((end - begin).days / span * 100, 0.4), 3)
        lanes.setdefault((bar.media, bar.territories), []).append(bar)
    out = []
    for (media, territories), members in sorted(lanes.items(), key=lambda item: item[0]):
        row_ends: list[float] = []
        for bar in sorted(members, key=lambda b: b.left):
            row = next((i for i, e in enumerate(row_ends) if e <= bar.left), len(row_ends))
            if row == len(row_ends):
                row_ends.append(0.0)
            row_ends[row] = bar.left + bar.width
            bar.row = row
        out.append(
            {"media": media, "territories": territories, "bars": members, "rows": len(row_ends)}
        )
    return out


def _ticks(start: dt.date, stop: dt.date) -> list[dict[str, Any]]:
    span = (stop - start).days
    years = stop.year - start.year
    step = 1 if years <= 12 else 2 if years <= 24 else 5 if years <= 60 else 10
    return [
        {"year": year, "left": round((dt.date(year, 1, 1) - start).days / span * 100, 3)}
        for year in range(start.year, stop.year)
        if (year - start.year) % step == 0
    ]


@login_required
def title_rights(request: HttpRequest, pk: int) -> HttpResponse:
    """A title's rights over time for the acting organisation: a chart and the same as a table."""
    acting = acting_organisation(request)
    title = visible_title(request, pk)
    labels = Labels()
    bars, holds = _timeline_bars(title, acting, labels)
    today = timezone.localdate()
    start, stop = _axis(bars, today)
    today_left = round((today - start).days / (stop - start).days * 100, 3)
    context = {
        **acting_context(request, acting),
        "title": title,
        "bars": sorted(bars, key=lambda b: (b.start, b.kind)),
        "lanes": _lanes(bars, start, stop),
        "ticks": _ticks(start, stop),
        "axis_start": start,
        "axis_stop": stop,
        "today": today,
        "today_left": today_left,
        "holds": holds,
        "can_edit": is_member(request.user, acting.pk, CATALOG_EDITOR_ROLES),
        "here": request.get_full_path(),
    }
    return render(request, "rights/title_rights.html", context)


# -- a title's release events ---------------------------------------------------------------


def _event_label(kind: str) -> str:
    try:
        return str(ReleaseEventKind(kind).label)
    except ValueError:
        return kind


def _hanging_views(row: selectors.ReleaseEventRow, labels: Labels) -> list[dict[str, Any]]:
    """The periods that hang on one event, in words: what each is, its scope and period."""
    out = []
    for record in row.periods:
        scopes = record.scopes.all()
        if isinstance(record, RightsIn):
            what, deal = gettext("Rights in") + f" · {record.source_contract}", None
        else:
            deal = record.deal
            kind = gettext("Grant") if isinstance(record, Grant) else gettext("Holdback")
            what = f"{kind} · {deal.reference} ({deal.get_status_display()})"
        out.append(
            {
                "what": what,
                "deal": deal,
                "rights": record if deal is None else None,
                "territories": labels.scope(scopes, "t"),
                "media": labels.scope(scopes, "m"),
                "period": period_text(record),
            }
        )
    return out


@require_http_methods(["GET", "POST"])
@login_required
def title_release_events(request: HttpRequest, pk: int) -> HttpResponse:
    """A title's release events by territory, the acting organisation's periods that hang on
    each (provisional until its date is known), and the form that records or corrects one."""
    acting = acting_organisation(request)
    title = visible_title(request, pk)
    may_record = is_member(request.user, acting.pk, CATALOG_EDITOR_ROLES) and (
        selectors.release_events_recordable(acting.pk, title)
    )
    wanted = {key: request.GET[key] for key in ("kind", "territory") if request.GET.get(key)}
    form = ReleaseEventForm(request.POST or None, initial=wanted)
    if request.method == "POST":
        require_editor(request.user, acting.pk)
        if not may_record:
            raise PermissionDenied("only the title's owner and its rights holders record its dates")
        if form.is_valid():
            data = form.cleaned_data
            services.release_event_record(
                actor=request.user,
                owner=acting,
                title=title,
                kind=data["kind"],
                territory=data["territory"],
                date=data["date"],
            )
            messages.success(
                request,
                gettext(
                    "%(event)s in %(territory)s recorded for %(date)s; the periods that hang on it "
                    "now follow that date."
                )
                % {
                    "event": _event_label(data["kind"]),
                    "territory": territory_label(data["territory"]),
                    "date": data["date"].isoformat(),
                },
            )
            url = reverse("rights:title-release-events", args=[title.pk])
            return redirect(f"{url}?organisation={acting.slug}")
    labels = Labels()
    rows = [
        {
            "row": row,
            "label": _event_label(row.kind),
            "territory_name": labels.name(row.territory, "t"),
            "periods": _hanging_views(row, labels),
        }
        for row in selectors.release_event_rows(title=title, organisation_id=acting.pk)
    ]
    context = {
        **acting_context(request, acting),
        "title": title,
        "rows": rows,
        "form": form,
        "may_record": may_record,
        "here": request.get_full_path(),
    }
    return render(
        request, "rights/title_release_events.html", context, status=400 if form.errors else 200
    )
