"""Tenancy rules in one place: which organisations a user acts for, and what they may see.

Three levels of access, used by every view and endpoint:
- public: anyone, signed in or not (published titles' audience-facing side, organisation pages);
- trade: any signed-in user (screeners, versions, full credits of published titles);
- owner: members of the owning organisation (drafts, internal notes, asking prices).
Objects a user may not see are answered with 404, never 403, so their existence does not leak.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404

_CACHE_ATTR = "_cinebridge_org_roles"


def member_roles(user: Any) -> dict[int, set[str]]:
    """Organisation id -> roles the user holds there (empty for anonymous users)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return {}
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        from cinebridge.organisations.models import Membership

        cached = {}
        for org_id, role in Membership.objects.filter(user=user).values_list(
            "organisation_id", "role"
        ):
            cached.setdefault(org_id, set()).add(role)
        setattr(user, _CACHE_ATTR, cached)
    return cached


def forget_roles(user: Any) -> None:
    """Drop the per-request role cache (after memberships change)."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def member_org_ids(user: Any) -> set[int]:
    """Ids of the organisations the user is a member of."""
    return set(member_roles(user))


def is_member(user: Any, organisation_id: int | None, roles: Iterable[str] | None = None) -> bool:
    """True if the user belongs to the organisation (with one of ``roles`` when given)."""
    if organisation_id is None:
        return False
    held = member_roles(user).get(organisation_id)
    if not held:
        return False
    return roles is None or bool(held & set(roles))


def require_member(
    user: Any, organisation_id: int | None, roles: Iterable[str] | None = None
) -> None:
    """Raise 404 unless the user is a member of the organisation (with one of ``roles``)."""
    if not is_member(user, organisation_id, roles):
        raise Http404


# Roles that may change an organisation's catalog.
CATALOG_EDITOR_ROLES = ("admin", "sales", "producer")


def require_editor(
    user: Any, organisation_id: int | None, roles: Iterable[str] = CATALOG_EDITOR_ROLES
) -> None:
    """Allow a change to the organisation's data only to members holding one of ``roles``.

    Outsiders get 404 (they may not learn the object exists); members whose role may not
    change it get 403 (they can see it, so a 404 would be a lie). Used by pages and API alike.
    """
    require_member(user, organisation_id)
    if not is_member(user, organisation_id, roles):
        raise PermissionDenied("your role in this organisation cannot change its catalog")
