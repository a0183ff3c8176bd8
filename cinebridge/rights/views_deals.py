"""Deal pages: the list, a deal's terms with its conflict check and history, the actions
(offer, sign, terminate), the deal form.

Only members of the two parties see a deal (``selectors.deal_get`` answers 404 to the rest).
Only the licensor's editors change it: a licensee's member gets 403 (they know the deal
exists), everyone else 404. Every write goes through ``services`` and is audited there.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST

from cinebridge.catalog.specs import SpecInvalid
from cinebridge.core.htmx import pick_template
from cinebridge.core.permissions import (
    CATALOG_EDITOR_ROLES,
    is_member,
    member_org_ids,
    require_editor,
)
from cinebridge.engines.avails import GrantConflict
from cinebridge.rights import selectors, services
from cinebridge.rights.forms import EVENT_KINDS
from cinebridge.rights.forms_deals import (
    GRANT_SYNTAX,
    HOLDBACK_SYNTAX,
    DealForm,
    TerminateForm,
    deal_form_initial,
)
from cinebridge.rights.models import Deal, DealStatus
from cinebridge.rights.views import (
    PAGE_SIZE,
    Labels,
    acting_context,
    acting_organisation,
    cell_links,
    period_text,
    query_without,
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
        {
            "grant": g,
            "territories": labels.scope(g.scopes.all(), "t"),
            "media": labels.scope(g.scopes.all(), "m"),
            "period": period_text(g, deal.terminated_on),
        }
        for g in deal.grants.all()
    ]
    holdbacks = [
        {
            "holdback": h,
            "territories": labels.scope(h.scopes.all(), "t"),
            "media": labels.scope(h.scopes.all(), "m"),
            "period": period_text(h, deal.terminated_on),
        }
        for h in deal.holdbacks.all()
    ]
    return {"grants": grants, "holdbacks": holdbacks}


def _conflicts(
    request: HttpRequest, deal: Deal, conflicts: list[GrantConflict]
) -> list[dict[str, Any]]:
    """Each conflicting grant with its blocked cells and warnings in words for the viewer."""
    viewer = member_org_ids(request.user)
    titles = {g.pk: g.title for g in deal.grants.all()}
    return [
        {
            "title": titles.get(c.grant.id),
            "grant_id": c.grant.id,
            "blocked": cell_links(selectors.cell_views(c.blocked, viewer)),
            "warnings": cell_links(selectors.cell_views(c.warnings, viewer)),
        }
        for c in conflicts
    ]


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
        "history": selectors.deal_history(request.user, deal)[:30],
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
        messages.success(
            request, gettext("The deal was offered to %(name)s.") % {"name": deal.licensee.name}
        )
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
            request,
            deal,
            conflicts=_conflicts(request, deal, refused.conflicts),
            checked=True,
            refused=str(refused),
        )
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
            messages.success(
                request, gettext("The draft deal %(ref)s was created.") % {"ref": deal.reference}
            )
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
        messages.error(
            request,
            gettext("A %(status)s deal cannot be changed.") % {"status": deal.get_status_display()},
        )
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
        except SpecInvalid as invalid:  # the reference is another deal's of the same licensor
            form.problems_show(invalid.problems)
        else:
            messages.success(request, gettext("Your changes were saved."))
        if not form.errors:
            return redirect("rights:deal-detail", pk=deal.pk)
    context = {**acting_context(request, deal.owner), **_form_context(form, deal)}
    return render(request, "rights/deal_form.html", context, status=400 if form.errors else 200)
