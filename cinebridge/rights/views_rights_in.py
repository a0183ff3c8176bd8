"""Rights-in pages: the acting organisation's list, and recording, changing and removing a
record.

Rights in belong to their holder: only its members see them (``selectors.rights_in_get``
answers 404 to everyone else), and only those with an editing role change them (403 for
the rest, who can see them). Every write goes through ``services`` and is audited there.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from cinebridge.core.permissions import CATALOG_EDITOR_ROLES, is_member, require_editor
from cinebridge.rights import selectors, services
from cinebridge.rights.checks import RightsInStillNeeded
from cinebridge.rights.forms_rights_in import RightsInForm, rights_in_form_initial
from cinebridge.rights.models import RightsIn
from cinebridge.rights.views import (
    PAGE_SIZE,
    Labels,
    acting_context,
    acting_organisation,
    period_text,
    query_without,
    visible_title,
)


def _editable_rights(request: HttpRequest, pk: int) -> RightsIn:
    """The record if the user may change it: 404 outside its holder, 403 without the role."""
    rights = selectors.rights_in_get(request.user, pk)
    require_editor(request.user, rights.owner_id)
    return rights


def _next(request: HttpRequest, default: str) -> str:
    """Where to go after saving: the page the form was opened from, if it is one of ours."""
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(wanted, {request.get_host()}, request.is_secure())
    return wanted if wanted.startswith("/") and safe else default


def _list_url(holder: Any) -> str:
    return f"{reverse('rights:rights-in-list')}?organisation={holder.slug}"


@login_required
def rights_in_list(request: HttpRequest) -> HttpResponse:
    """The acting organisation's rights in: what it owns or represents, and from which contract."""
    acting = acting_organisation(request)
    labels = Labels()
    paginator = Paginator(selectors.rights_in_of([acting.pk]), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    rows = [
        {
            "rights": r,
            "territories": labels.scope(r.scopes.all(), "t"),
            "media": labels.scope(r.scopes.all(), "m"),
            "period": period_text(r),
        }
        for r in page.object_list
    ]
    context = {
        **acting_context(request, acting),
        "rows": rows,
        "page": page,
        "paginator": paginator,
        "query_string": query_without(request, "page"),
        "can_edit": is_member(request.user, acting.pk, CATALOG_EDITOR_ROLES),
        "here": request.get_full_path(),
    }
    return render(request, "rights/rights_in_list.html", context)


def _form_page(
    request: HttpRequest, form: RightsInForm, rights: RightsIn | None, back: str
) -> HttpResponse:
    context = {**acting_context(request, form.holder), "form": form, "rights": rights, "back": back}
    return render(
        request, "rights/rights_in_form.html", context, status=400 if form.errors else 200
    )


@require_http_methods(["GET", "POST"])
@login_required
def rights_in_create(request: HttpRequest) -> HttpResponse:
    """Record rights the acting organisation owns or represents (``?title=`` fills the title)."""
    acting = acting_organisation(request)
    require_editor(request.user, acting.pk)
    initial: dict[str, Any] = {"exclusive": True}
    title_id = request.GET.get("title", "")
    if title_id.isdigit():
        title = visible_title(request, int(title_id))
        initial["title"] = (
            title.reference if title.owner_id == acting.pk and title.reference else title.pk
        )
    form = RightsInForm(request.POST or None, initial=initial, user=request.user, holder=acting)
    back = _next(request, _list_url(acting))
    if request.method == "POST" and form.is_valid():
        rights = services.rights_in_create(actor=request.user, holder=acting, spec=form.spec())
        messages.success(
            request,
            gettext("Rights in “%(title)s” were recorded.")
            % {"title": rights.title.original_title},
        )
        return redirect(back)
    return _form_page(request, form, None, back)


@require_http_methods(["GET", "POST"])
@login_required
def rights_in_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a rights-in record's title, territories, media, period or contract."""
    rights = _editable_rights(request, pk)
    form = RightsInForm(
        request.POST or None,
        initial=rights_in_form_initial(rights),
        user=request.user,
        holder=rights.owner,
        rights=rights,
    )
    back = _next(request, _list_url(rights.owner))
    if request.method == "POST" and form.is_valid():
        try:
            services.rights_in_update(actor=request.user, rights=rights, spec=form.spec())
        except RightsInStillNeeded as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, gettext("Your changes were saved."))
            return redirect(back)
    return _form_page(request, form, rights, back)


@require_http_methods(["GET", "POST"])
@login_required
def rights_in_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask, then remove a rights-in record (the audit log keeps a note of it)."""
    rights = _editable_rights(request, pk)
    back = _next(request, _list_url(rights.owner))
    refused = ""
    if request.method == "POST":
        name = rights.title.original_title
        try:
            services.rights_in_delete(actor=request.user, rights=rights)
        except RightsInStillNeeded as error:
            refused = str(error)
        else:
            messages.success(
                request, gettext("Rights in “%(title)s” were removed.") % {"title": name}
            )
            return redirect(back)
    labels = Labels()
    scopes = rights.scopes.all()
    context = {
        **acting_context(request, rights.owner),
        "rights": rights,
        "territories": labels.scope(scopes, "t"),
        "media": labels.scope(scopes, "m"),
        "period": period_text(rights),
        "back": back,
        "refused": refused,
    }
    return render(request, "rights/rights_in_delete.html", context, status=409 if refused else 200)
