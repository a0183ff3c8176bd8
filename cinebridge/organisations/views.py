"""Organisation pages: a public directory entry, members for members only."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from cinebridge.catalog import selectors as catalog_selectors
from cinebridge.core.permissions import CATALOG_EDITOR_ROLES, is_member
from cinebridge.organisations import selectors
from cinebridge.organisations.models import Organisation, OrganisationKind


def organisation_list(request: HttpRequest) -> HttpResponse:
    """The directory of organisations, by kind and country."""
    kind = request.GET.get("kind", "")
    organisations = selectors.organisations_list(kind=kind, country=request.GET.get("country", ""))
    return render(
        request,
        "organisations/organisation_list.html",
        {"organisations": organisations, "kinds": OrganisationKind.choices, "kind": kind},
    )


def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """An organisation's profile with the titles the visitor may see."""
    organisation = get_object_or_404(Organisation, slug=slug)
    titles = (
        catalog_selectors.titles_visible(request.user)
        .filter(owner=organisation)
        .prefetch_related("localised_titles", "countries", "assets")
        .order_by("-popularity", "original_title")
    )
    members = selectors.organisation_members(user=request.user, organisation=organisation)
    return render(
        request,
        "organisations/organisation_detail.html",
        {
            "organisation": organisation,
            "titles": titles[:60],
            "title_count": titles.count(),
            "members": members,
            "can_edit_catalog": is_member(request.user, organisation.pk, CATALOG_EDITOR_ROLES),
        },
    )
