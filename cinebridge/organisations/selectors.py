"""Organisation reads."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from cinebridge.core.permissions import member_org_ids
from cinebridge.organisations.models import Membership, Organisation


def organisations_list(*, kind: str = "", country: str = "") -> QuerySet[Organisation]:
    """Every organisation (profiles are public), optionally of one kind or country."""
    qs = Organisation.objects.all()
    if kind:
        qs = qs.filter(kind=kind)
    if country:
        qs = qs.filter(country=country.upper())
    return qs


def organisation_members(*, user: Any, organisation: Organisation) -> QuerySet[Membership] | None:
    """The organisation's memberships if ``user`` is a member, else None (private)."""
    if organisation.pk not in member_org_ids(user):
        return None
    return organisation.memberships.select_related("user").order_by("user__username", "role")


def user_organisations(user: Any) -> QuerySet[Organisation]:
    """The organisations the user belongs to."""
    return Organisation.objects.filter(pk__in=member_org_ids(user))
