"""Template context shared by every page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from cinebridge.core.permissions import member_roles


def tenancy(request: HttpRequest) -> dict[str, Any]:
    """The organisations the signed-in user acts for, for the header."""
    user = getattr(request, "user", None)
    roles = member_roles(user)
    if not roles:
        return {"my_organisations": []}
    from cinebridge.organisations.models import Organisation

    orgs = list(Organisation.objects.filter(pk__in=roles).order_by("name"))
    for org in orgs:
        org.my_roles = sorted(roles[org.pk])
    return {"my_organisations": orgs}
