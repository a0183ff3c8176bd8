"""Deal pages: the list, a deal's terms with its conflict check and history, the actions
(offer, sign, terminate), the deal form; and a title's rights timeline, which draws the
licences and holdbacks of signed deals beside the rights in.

Only members of the two parties see a deal (``selectors.deal_get`` answers 404 to the rest).
Only the licensor's editors change it: a licensee's member gets 403 (they know the deal
exists), everyone else 404. Every write goes through ``services`` and is audited there.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import IntegrityError
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST

from cinebridge.catalog.specs import SpecInvalid
from cinebridge.core.audit import audit_history
from cinebridge.core.htmx import pick_template
from cinebridge.core.permissions import (
    CATALOG_EDITOR_ROLES,
    is_member,
    member_org_ids,
    require_editor,
)
from cinebridge.engines.avails import GrantConflict
from cinebridge.organisations.models import Organisation
from cinebridge.rights import selectors, services
from cinebridge.rights.engine_adapters import BLOCKING_STATUSES
from cinebridge.rights.errors import RightsError, message
from cinebridge.rights.forms import (
    EVENT_KINDS,
    GRANT_SYNTAX,
    HOLDBACK_SYNTAX,
    DealForm,
    TerminateForm,
    deal_form_initial,
)
from cinebridge.rights.models import Deal, DealStatus, Grant, Holdback, RightsIn
from cinebridge.rights.views import (
    PAGE_SIZE,
    Labels,
    PeriodText,
    acting_context,
    acting_organisation,
    cell_links,
    period_text,
    query_without,
    visible_title,
)

ROLES = {"licensor": _("Licensor"), "licensee": _("Licensee")}


def _licensor_editor(user: Any, deal: Deal) -> None:
    """Let only the licensor's editors change a deal: 403 for the licensee's members."""
    if not is_member(user, deal.owner_id):
        raise PermissionDenied("only the licensor's editors can change this deal")
    require_editor(user, deal.owner_id)


@login_required
def deal_list(request: HttpRequest) -> HttpResponse:
    """Deals the acting organisation is party to, filtered by status and its role."""
    acting = acting_organisation(request)
    deals = selectors.deals_visible(request.user).filter(Q(owner=acting) | Q(licensee=acting))
    status, role = request.GET.get("status", ""), request.GET.get("role", "")
    if status in DealStatus.values:
        deals = deals.filter(status=status)
    if role == "licensor":
        deals = deals.filter(owner=acting)
    elif role == "licensee":
        deals = deals.filter(licensee=acting)
    deals = deals.annotate(title_count=Count("grants__title", distinct=True)).order_by(
        "-created_at", "-id"
    )
    paginator = Paginator(deals, PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    context = {
        **acting_context(request, acting),
        "deals": page.object_list,
        "page": page,
        "paginator": paginator,
        "statuses": DealStatus.choices,
        "roles": list(ROLES.items()),
        "status_filter": status,
        "role_filter": role,
        "can_create": is_member(request.user, acting.pk, CATALOG_EDITOR_ROLES),
        "pager_query": query_without(request, "page"),
    }
    return render(request, "rights/deal_list.html", context)


def _terms(deal: Deal) -> dict[str, Any]:
    """The grants and holdbacks of a deal in words (prefetched by ``deal_get``)."""
    labels = Labels()
    grants = [
        {"grant": g, "territories": labels.scope(g.scopes.all(), "t"),
         "media": labels.scope(g.scopes.all(), "m"), "period": period_text(g, deal.terminated_on)}
        for g in deal.grants.all()
    ]  # fmt: skip
    holdbacks = [
        {"holdback": h, "territories": labels.scope(h.scopes.all(), "t"),
         "media": labels.scope(h.scopes.all(), "m"), "period": period_text(h, deal.terminated_on)}
        for h in deal.holdbacks.all()
    ]  # fmt: skip
    return {"grants": grants, "holdbacks": holdbacks}


def _conflicts(
    request: HttpRequest, deal: Deal, conflicts: list[GrantConflict]
) -> list[dict[str, Any]]:
    """Each conflicting grant with its blocked cells and warnings in words for the viewer."""
    viewer = member_org_ids(request.user)
    titles = {g.pk: g.title for g in deal.grants.all()}
    return [
        {"title": titles.get(c.grant.id), "grant_id": c.grant.id,
         "blocked": cell_links(selectors.cell_views(c.blocked, viewer)),
         "warnings": cell_links(selectors.cell_views(c.warnings, viewer))}
        for c in conflicts
    ]  # fmt: skip


def _detail_context(request: HttpRequest, deal: Deal, **extra: Any) -> dict[str, Any]:
    editor = is_member(request.user, deal.owner_id, CATALOG_EDITOR_ROLES)
    editable = deal.status in services.EDITABLE
    return {
        "deal": deal,
        **_terms(deal),
        "is_licensor": is_member(request.user, deal.owner_id),
        "can_offer": editor and deal.status == DealStatus.DRAFT,
        "can_sign": editor and editable,
        "can_edit": editor and editable,
        "can_terminate": editor and deal.status == DealStatus.SIGNED,
        "can_check": editable,
        "terminate_form": TerminateForm(initial={"on": timezone.localdate()}),
        "history": audit_history(deal)[:30],
        "checked": False,
        **extra,
    }


@login_required
def deal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A deal's terms, its actions and its history."""
    deal = selectors.deal_get(request.user, pk)
    return render(request, "rights/deal_detail.html", _detail_context(request, deal))


@login_required
def deal_check(request: HttpRequest, pk: int) -> HttpResponse:
    """The conflict check of an unsigned deal against everything signed (reads only)."""
    deal = selectors.deal_get(request.user, pk)
    conflicts = _conflicts(request, deal, services.deal_check(deal))
    context = _detail_context(request, deal, conflicts=conflicts, checked=True)
    template = pick_template(request, "rights/deal_detail.html", "rights/htmx/deal_conflicts.html")
    return render(request, template, context)


@require_POST
@login_required
def deal_offer(request: HttpRequest, pk: int) -> HttpResponse:
    """Offer a draft to the licensee."""
    deal = selectors.deal_get(request.user, pk)
    _licensor_editor(request.user, deal)
    try:
        services.deal_offer(actor=request.user, deal=deal)
    except services.DealStateError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, gettext("The deal was offered to %(name)s.") % {"name": deal.licensee.name})  # fmt: skip
    return redirect("rights:deal-detail", pk=deal.pk)


@require_POST
@login_required
def deal_sign(request: HttpRequest, pk: int) -> HttpResponse:
    """Sign the deal, or show what stands in its way and leave it unsigned (409)."""
    deal = selectors.deal_get(request.user, pk)
    _licensor_editor(request.user, deal)
    try:
        _, conflicts = services.deal_sign(actor=request.user, deal=deal)
    except services.DealConflict as refused:
        context = _detail_context(
            request, deal, conflicts=_conflicts(request, deal, refused.conflicts), checked=True,
            refused=str(refused),
        )  # fmt: skip
        return render(request, "rights/deal_detail.html", context, status=409)
    except services.DealStateError as error:
        messages.error(request, str(error))
        return redirect("rights:deal-detail", pk=deal.pk)
    messages.success(request, gettext("The deal is signed."))
    viewer = member_org_ids(request.user)
    for conflict in conflicts:
        for view in selectors.cell_views(conflict.warnings, viewer):
            for reason in view.reasons:
                messages.warning(request, f"{view.territories} · {view.media}: {reason.text}")
    return redirect("rights:deal-detail", pk=deal.pk)


@require_POST
@login_required
def deal_terminate(request: HttpRequest, pk: int) -> HttpResponse:
    """End a signed deal early on the given day."""
    deal = selectors.deal_get(request.user, pk)
    _licensor_editor(request.user, deal)
    form = TerminateForm(request.POST)
    if not form.is_valid():
        messages.error(request, gettext("Give the day the deal ends, as YYYY-MM-DD."))
        return redirect("rights:deal-detail", pk=deal.pk)
    try:
        services.deal_terminate(actor=request.user, deal=deal, on=form.cleaned_data["on"])
    except services.DealStateError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, gettext("The deal is terminated."))
    return redirect("rights:deal-detail", pk=deal.pk)


def _form_context(form: DealForm, deal: Deal | None) -> dict[str, Any]:
    return {
        "form": form,
        "deal": deal,
        "grant_syntax": GRANT_SYNTAX,
        "holdback_syntax": HOLDBACK_SYNTAX,
        "event_kinds": EVENT_KINDS,
    }


@require_http_methods(["GET", "POST"])
@login_required
def deal_create(request: HttpRequest) -> HttpResponse:
    """A new draft deal, licensed by the acting organisation."""
    acting = acting_organisation(request)
    require_editor(request.user, acting.pk)
    form = DealForm(request.POST or None, user=request.user, licensor=acting)
    if request.method == "POST" and form.is_valid():
        try:
            deal = services.deal_create(actor=request.user, licensor=acting, spec=form.spec())
        except SpecInvalid as invalid:
            form.problems_show(invalid.problems)
        else:
            messages.success(request, gettext("The draft deal %(ref)s was created.") % {"ref": deal.reference})  # fmt: skip
            return redirect("rights:deal-detail", pk=deal.pk)
    context = {**acting_context(request, acting), **_form_context(form, None)}
    return render(request, "rights/deal_form.html", context, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
@login_required
def deal_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a draft or offered deal's terms."""
    deal = selectors.deal_get(request.user, pk)
    _licensor_editor(request.user, deal)
    if deal.status not in services.EDITABLE:
        messages.error(request, gettext("A %(status)s deal cannot be changed.") % {"status": deal.get_status_display()})  # fmt: skip
        return redirect("rights:deal-detail", pk=deal.pk)
    form = DealForm(
        request.POST or None,
        initial=deal_form_initial(deal),
        user=request.user,
        licensor=deal.owner,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.deal_update(actor=request.user, deal=deal, spec=form.spec())
        except services.DealStateError as error:
            messages.error(request, str(error))
        except IntegrityError:  # the reference is another deal's of the same licensor
            reference = form.spec().reference
            form.add_error("reference", message(RightsError.DUPLICATE_REFERENCE, value=reference))
        else:
            messages.success(request, gettext("Your changes were saved."))
        if not form.errors:
            return redirect("rights:deal-detail", pk=deal.pk)
    context = {**acting_context(request, deal.owner), **_form_context(form, deal)}
    return render(request, "rights/deal_form.html", context, status=400 if form.errors else 200)


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
        bars.append(Bar("rights", label, labels.scope(scopes, "m"), labels.scope(scopes, "t"),
                        r.start, r.end, period_text(r), r.exclusive,
                        detail=" · ".join(filter(None, [r.source_contract, r.licensor_name]))))  # fmt: skip
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
        bar = Bar("licence" if own else "licence-other", label, labels.scope(scopes, "m"),
                  labels.scope(scopes, "t"), g.start, end, period_text(g, deal.terminated_on),
                  g.exclusive, deal=deal if own else None)  # fmt: skip
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
        bars.append(Bar("holdback" if own else "holdback-other",
                        f"{kind} · {deal.reference}" if own else kind, labels.scope(scopes, "m"),
                        labels.scope(scopes, "t"), h.start, end, period_text(h, deal.terminated_on),
                        hard=h.hard, deal=deal if own else None, detail=h.note if own else ""))  # fmt: skip
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
        out.append({"media": media, "territories": territories, "bars": members,
                    "rows": len(row_ends)})  # fmt: skip
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
    }
    return render(request, "rights/title_rights.html", context)
