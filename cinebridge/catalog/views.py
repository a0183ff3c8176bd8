"""Catalog pages: thin views over selectors; htmx gets just the results fragment."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from cinebridge.catalog import selectors
from cinebridge.catalog.filters import CatalogFilterForm
from cinebridge.catalog.visibility import title_view_for
from cinebridge.catalog.works import work_listings
from cinebridge.core.audit import audit_history
from cinebridge.core.htmx import pick_template
from cinebridge.core.permissions import CATALOG_EDITOR_ROLES, is_member

PAGE_SIZE = 24


def title_list(request: HttpRequest) -> HttpResponse:
    """The catalog: search box, filters, paginated results."""
    form = CatalogFilterForm(request.GET or None)
    text = ""
    result = None
    people = []
    if form.is_bound and form.is_valid():
        filters = form.filters()
        text = form.cleaned_data.get("q", "")
    else:
        filters = selectors.SearchFilters()
    if text.strip():
        result = selectors.catalog_search(user=request.user, text=text, filters=filters)
        paginator = Paginator(result.title_hits, PAGE_SIZE)
        page = paginator.get_page(request.GET.get("page"))
        titles = selectors.titles_for_hits(list(page.object_list))
        for title, listings in work_listings(result.also, titles).items():
            next(t for t in titles if t.pk == title).listings = listings
        hits = {h.key: h for h in page.object_list}
        people = selectors.people_for_hits(result.person_hits[:8])
    else:
        queryset = selectors.titles_filtered(selectors.titles_visible(request.user), filters)
        queryset = queryset.order_by("-popularity", "original_title", "id")
        paginator = Paginator(queryset.values_list("id", flat=True), PAGE_SIZE)
        page = paginator.get_page(request.GET.get("page"))
        titles = selectors.titles_in_order(list(page.object_list))
        hits = {}
    query_string = request.GET.copy()
    query_string.pop("page", None)
    context = {
        "form": form,
        "text": text,
        "result": result,
        "titles": titles,
        "hits": hits,
        "people": people,
        "page": page,
        "paginator": paginator,
        "query_string": query_string.urlencode(),
    }
    template = pick_template(request, "catalog/title_list.html", "catalog/htmx/results.html")
    return render(request, template, context)


def title_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A title's page; what it shows depends on the visitor's access level."""
    title = selectors.title_get(user=request.user, pk=pk)
    view = title_view_for(request.user, title)  # the same rule as the API and the exports
    context = {
        "title": title,
        "view": view,
        "can_edit": is_member(request.user, title.owner_id, CATALOG_EDITOR_ROLES),
        "history": audit_history(title)[:20] if view.private else [],
    }
    return render(request, "catalog/title_detail.html", context)


def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A person's page with their credits on titles the visitor may see."""
    person = selectors.person_get(user=request.user, pk=pk)
    credits = selectors.person_credits(user=request.user, person=person)
    return render(request, "catalog/person_detail.html", {"person": person, "credits": credits})
