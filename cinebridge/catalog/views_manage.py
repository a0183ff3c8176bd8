"""Catalog pages for an organisation's editors (admin, sales, producer): import and export
title files, create, edit, publish and delete titles.

Thin views: forms read the input, ``services`` and ``imports`` write (audited), ``selectors``
decide what a user may see. ``require_editor`` refuses the rest: 404 to outsiders, 403 to
members whose role cannot edit.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from functools import partial
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST

from cinebridge.catalog import exports, imports, selectors, services
from cinebridge.catalog.columns import (
    ALTERNATIVE_TITLES,
    ASSET_COLUMNS,
    CREDIT_COLUMNS,
    PERSON_NAMES,
    PRIVATE_COLUMNS,
    REQUIRED_COLUMNS,
    VERSION_COLUMNS,
    FileFormat,
)
from cinebridge.catalog.filters import CatalogFilterForm
from cinebridge.catalog.forms import MAX_UPLOAD_MB, TitleForm, TitleImportForm, title_form_initial
from cinebridge.catalog.models import Title, TitleStatus
from cinebridge.catalog.visibility import (
    ACCESS_TRADE,
    TitleView,
    narrowest,
    title_access,
    title_view,
    title_view_for,
)
from cinebridge.core.permissions import (
    CATALOG_EDITOR_ROLES,
    member_roles,
    require_editor,
)
from cinebridge.organisations.models import Organisation

# The import page's short column list (docs/formats.md has the whole story).
COLUMN_GROUPS = (
    (_("Required"), REQUIRED_COLUMNS),
    (_("Details"), ("reference", "status", "year", "runtime_minutes", "countries", "genres")),
    (_("Names"), ("title_<lang>", "romanisation_<lang>", ALTERNATIVE_TITLES, "synopsis_<lang>")),
    (_("People"), (*CREDIT_COLUMNS, PERSON_NAMES)),
    (_("Language versions"), tuple(VERSION_COLUMNS)),
    (_("Links"), tuple(ASSET_COLUMNS)),
    (_("Private"), PRIVATE_COLUMNS),
)
CONTENT_TYPES = {
    FileFormat.CSV: "text/csv; charset=utf-8",
    FileFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _editor_organisation(request: HttpRequest, slug: str | None) -> Organisation:
    """The organisation whose catalog the user may edit (else 404 or 403)."""
    organisation = get_object_or_404(Organisation, slug=slug or "")
    require_editor(request.user, organisation.pk)
    return organisation


def _editable_title(request: HttpRequest, pk: int) -> Title:
    """The title if the user may edit it (an editor of its owner), else 404 or 403."""
    title = selectors.title_get(user=request.user, pk=pk)
    require_editor(request.user, title.owner_id)
    return title


@require_http_methods(["GET", "POST"])
def title_import(request: HttpRequest, slug: str) -> HttpResponse:
    """Upload a CSV or XLSX file: check it (dry run) or import it, all rows or none."""
    organisation = _editor_organisation(request, slug)
    report, dry_run = None, True
    if request.method == "POST":
        form = TitleImportForm(request.POST, request.FILES)
        dry_run = request.POST.get("action") != "import"
        if form.is_valid():
            report = imports.titles_import(
                actor=request.user,
                owner=organisation,
                path_or_file=form.cleaned_data["file"],
                file_format=form.file_format(),
                dry_run=dry_run,
            )
    else:
        form = TitleImportForm()
    context = {
        "organisation": organisation,
        "form": form,
        "report": report,
        "dry_run": dry_run,
        "column_groups": COLUMN_GROUPS,
        "max_upload_mb": MAX_UPLOAD_MB,
    }
    return render(request, "catalog/manage/import.html", context)


def _file_response(
    titles: Any, fmt: str, name: str, *, view_for: Callable[[Title], TitleView]
) -> HttpResponse:
    file_format = FileFormat(fmt)
    buffer = io.BytesIO()
    exports.titles_export(
        titles=titles, path_or_file=buffer, file_format=file_format, view_for=view_for
    )
    response = HttpResponse(buffer.getvalue(), content_type=CONTENT_TYPES[file_format])
    response["Content-Disposition"] = f'attachment; filename="{name}.{file_format}"'
    return response


def organisation_export(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    """The organisation's titles as a file, each as its page shows it to the visitor: for its
    members all of them with the private columns, for everyone else the published ones."""
    organisation = get_object_or_404(Organisation, slug=slug)
    titles = (
        selectors.titles_visible(request.user)
        .filter(owner=organisation)
        .order_by("reference", "original_title", "id")
    )
    return _file_response(
        titles, fmt, f"{slug}-titles", view_for=lambda title: title_view_for(request.user, title)
    )


def catalog_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The catalog list's titles for its search and filters, each as its page shows it to the
    visitor but never with private columns (a list meant to be passed on)."""
    form = CatalogFilterForm(request.GET)
    valid = form.is_valid()
    filters = form.filters() if valid else selectors.SearchFilters()
    text = form.cleaned_data.get("q", "").strip() if valid else ""
    if text:
        result = selectors.catalog_search(user=request.user, text=text, filters=filters)
        # Every listing of each work found: an export lists titles, not works.
        ids = [pk for h in result.title_hits for pk in (h.key, *result.also.get(h.key, ()))]
        titles: Any = selectors.titles_in_order(ids)
    else:
        titles = selectors.titles_filtered(selectors.titles_visible(request.user), filters)
        titles = titles.order_by("-popularity", "original_title", "id")
    return _file_response(
        titles, fmt, "cinebridge-titles", view_for=partial(_shared_view, request.user)
    )


def _shared_view(user: Any, title: Title) -> TitleView:
    """What ``user`` sees of ``title``, at most what any signed-in user sees."""
    return title_view(narrowest(title_access(user, title), ACCESS_TRADE))


def _only_editor_organisation(user: Any) -> str | None:
    """The slug of the one organisation the user edits the catalog of, if just one."""
    ids = [pk for pk, roles in member_roles(user).items() if roles & set(CATALOG_EDITOR_ROLES)]
    if len(ids) != 1:
        return None
    return Organisation.objects.filter(pk=ids[0]).values_list("slug", flat=True).first()


@require_http_methods(["GET", "POST"])
def title_create(request: HttpRequest) -> HttpResponse:
    """A new title in ``?owner=<slug>``'s catalog (default: the user's only one)."""
    slug = request.GET.get("owner") or _only_editor_organisation(request.user)
    organisation = _editor_organisation(request, slug)
    form = TitleForm(request.POST or None, owner_id=organisation.pk)
    if request.method == "POST" and form.is_valid():
        title = services.title_create(
            actor=request.user, owner=organisation, spec=form.cleaned_data["spec"]
        )
        messages.success(request, gettext("The title was created."))
        return redirect("catalog:title-detail", pk=title.pk)
    context = {"form": form, "organisation": organisation, "title": None}
    return render(request, "catalog/manage/title_form.html", context)


@require_http_methods(["GET", "POST"])
def title_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit every detail of a title on one page."""
    title = _editable_title(request, pk)
    stored = selectors.title_spec(title)
    form = TitleForm(
        request.POST or None,
        initial=title_form_initial(stored),
        owner_id=title.owner_id,
        title_pk=title.pk,
        base=stored,
    )
    if request.method == "POST" and form.is_valid():
        services.title_update(actor=request.user, title=title, spec=form.cleaned_data["spec"])
        messages.success(request, gettext("Your changes were saved."))
        return redirect("catalog:title-detail", pk=title.pk)
    context = {"form": form, "organisation": title.owner, "title": title}
    return render(request, "catalog/manage/title_form.html", context)


@require_POST
def title_status(request: HttpRequest, pk: int) -> HttpResponse:
    """Publish a title (``status=published``) or take it back to draft (``status=draft``)."""
    title = _editable_title(request, pk)
    status = request.POST.get("status", "")
    if status not in TitleStatus.values:
        return HttpResponseBadRequest("status must be published or draft")
    services.title_status_set(actor=request.user, title=title, status=TitleStatus(status))
    if status == TitleStatus.PUBLISHED:
        messages.success(request, gettext("The title is published: everyone can find it now."))
    else:
        messages.success(
            request, gettext("The title is a draft again: only your organisation sees it.")
        )
    return redirect("catalog:title-detail", pk=title.pk)


@require_http_methods(["GET", "POST"])
def title_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask, then delete a title for good (the audit log keeps its name)."""
    title = _editable_title(request, pk)
    if request.method == "POST":
        owner_slug, name = title.owner.slug, title.original_title
        services.title_delete(actor=request.user, title=title)
        messages.success(request, gettext("“%(title)s” was deleted.") % {"title": name})
        return redirect("organisations:organisation-detail", slug=owner_slug)
    return render(request, "catalog/manage/title_delete.html", {"title": title})
