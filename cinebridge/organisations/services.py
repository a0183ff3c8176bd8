"""Organisation and membership writes (audited)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.text import slugify

from cinebridge.core.audit import audit_record
from cinebridge.core.permissions import forget_roles
from cinebridge.organisations.models import Membership, Organisation


def organisation_create(
    *,
    actor: Any,
    name: str,
    kind: str,
    country: str,
    name_local: str = "",
    slug: str = "",
    website: str = "",
    description: str = "",
) -> Organisation:
    """Create an organisation; the slug defaults to one made from the name."""
    with transaction.atomic():
        organisation = Organisation.objects.create(
            name=name,
            name_local=name_local,
            slug=slug or slugify(name)[:80],
            kind=kind,
            country=country.upper(),
            website=website,
            description=description,
        )
        audit_record(
            actor=actor,
            action="organisation.create",
            obj=organisation,
            changes={"name": name, "kind": kind, "country": country},
        )
    return organisation


def membership_add(*, actor: Any, organisation: Organisation, user: Any, role: str) -> Membership:
    """Give ``user`` the ``role`` in ``organisation`` (idempotent)."""
    with transaction.atomic():
        membership, created = Membership.objects.get_or_create(
            user=user, organisation=organisation, role=role
        )
        if created:
            audit_record(
                actor=actor,
                action="membership.add",
                obj=organisation,
                changes={"user": user.get_username(), "role": role},
            )
    forget_roles(user)
    return membership


def user_create(*, username: str, password: str, email: str = "", full_name: str = "") -> Any:
    """Create a platform user (not staff)."""
    first, _, last = full_name.partition(" ")
    return get_user_model().objects.create_user(
        username=username, password=password, email=email, first_name=first, last_name=last
    )
