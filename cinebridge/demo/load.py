"""Load the demo data set through the services, idempotently, in one transaction.

Organisations are found by slug, users by username, memberships by (user, organisation,
role), titles by (owner, reference), so running the loader again creates nothing new.
Titles that already exist are left alone unless ``refresh`` is true, when those that differ
from the data set (someone edited them) are rewritten. The data set comes from a fixed seed,
so a plain second run has nothing to write and takes about a second; rewriting every title
instead would take ~15 s on SQLite.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any, Protocol

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import Q

from cinebridge.catalog import search_index
from cinebridge.catalog.models import Title
from cinebridge.catalog.selectors import title_spec
from cinebridge.catalog.services import title_create, title_update
from cinebridge.demo.data import (
    ADMIN_PASSWORD,
    ADMIN_USERNAME,
    DEMO_PASSWORD,
    MEMBERS,
    ORGANISATIONS,
)
from cinebridge.demo.generate import demo_catalog
from cinebridge.demo.rights import demo_rights_load
from cinebridge.organisations.models import Organisation, Role
from cinebridge.organisations.services import membership_add, organisation_create

# A fixed salt makes the demo users' hash computable once per load and comparable without
# hashing again per user (PBKDF2 costs ~0.3 s a call); the passwords are public anyway.
DEMO_SALT = "cinebridgedemo"
PROGRESS_EVERY = 50


class Writer(Protocol):
    def write(self, msg: str) -> Any: ...


@dataclass(frozen=True)
class DemoUser:
    """One row of the printed table: who can sign in, with what, where, as what."""

    username: str
    password: str
    organisation: str
    role: str


@dataclass(frozen=True)
class DemoReport:
    """What a load did; counts of titles and organisations are totals in the database."""

    organisations: int
    organisations_created: int
    users_created: int
    titles: int
    titles_created: int
    titles_updated: int
    titles_unchanged: int
    users: tuple[DemoUser, ...]
    seconds: float


def _say(stdout: Writer | None, message: str) -> None:
    if stdout is not None:
        stdout.write(message)


def _organisations() -> tuple[dict[str, Organisation], int]:
    found: dict[str, Organisation] = {}
    created = 0
    for demo in ORGANISATIONS:
        organisation = Organisation.objects.filter(Q(slug=demo.slug) | Q(name=demo.name)).first()
        if organisation is None:
            organisation = organisation_create(
                actor=None,
                name=demo.name,
                kind=demo.kind,
                country=demo.country,
                name_local=demo.name_local,
                slug=demo.slug,
                website=demo.website,
                description=demo.description,
            )
            created += 1
        found[demo.slug] = organisation
    return found, created


def _user(username: str, password_hash: str, **fields: Any) -> tuple[Any, bool]:
    user_model = get_user_model()
    user = user_model.objects.filter(username=username).first()
    if user is None:
        # Not ``user_create``: it would hash the password again for every user.
        user = user_model.objects.create(username=username, password=password_hash, **fields)
        return user, True
    if user.password != password_hash:
        user.password = password_hash
        user.save(update_fields=["password"])
    return user, False


def _users(organisations: dict[str, Organisation]) -> tuple[list[DemoUser], int]:
    demo_hash = make_password(DEMO_PASSWORD, salt=DEMO_SALT)
    rows: list[DemoUser] = []
    created = 0
    users: dict[str, Any] = {}
    for member in MEMBERS:
        if member.username not in users:
            first, _, last = member.full_name.partition(" ")
            users[member.username], new = _user(
                member.username,
                demo_hash,
                email=f"{member.username}@example.org",
                first_name=first,
                last_name=last,
            )
            created += new
        organisation = organisations[member.organisation]
        membership_add(
            actor=None, organisation=organisation, user=users[member.username], role=member.role
        )
        rows.append(
            DemoUser(
                member.username, DEMO_PASSWORD, organisation.name, str(Role(member.role).label)
            )
        )
    admin_hash = make_password(ADMIN_PASSWORD, salt=DEMO_SALT)
    admin, new = _user(
        ADMIN_USERNAME, admin_hash, email="admin@example.org", is_staff=True, is_superuser=True
    )
    if not (admin.is_staff and admin.is_superuser):
        admin.is_staff = admin.is_superuser = True
        admin.save(update_fields=["is_staff", "is_superuser"])
    rows.append(DemoUser(ADMIN_USERNAME, ADMIN_PASSWORD, "(Django admin at /admin/)", "superuser"))
    return rows, created + new


def demo_load(*, stdout: Writer | None = None, refresh: bool = False) -> DemoReport:
    """Write the demo data set; with ``refresh``, also rewrite demo titles that were edited."""
    started = time.monotonic()
    catalog = demo_catalog()  # validated before anything is written
    with transaction.atomic():
        organisations, organisations_created = _organisations()
        _say(stdout, f"Organisations: {len(organisations)} ({organisations_created} new)")
        users, users_created = _users(organisations)
        _say(stdout, f"Demo users: {len({u.username for u in users})} ({users_created} new)")
        existing = {
            (title.owner_id, title.reference): title
            for title in Title.objects.filter(owner__in=organisations.values()).exclude(
                reference=""
            )
        }
        created = updated = unchanged = 0
        for number, (slug, spec) in enumerate(catalog, start=1):
            owner = organisations[slug]
            title = existing.get((owner.pk, spec.reference))
            if title is None:
                title_create(actor=None, owner=owner, spec=spec)
                created += 1
            elif refresh and title_spec(title) != spec:
                title_update(actor=None, title=title, spec=spec)
                updated += 1
            else:
                unchanged += 1
            if number % PROGRESS_EVERY == 0 or number == len(catalog):
                _say(stdout, f"Titles: {number}/{len(catalog)}")
        total_titles = Title.objects.filter(owner__in=organisations.values()).count()
        rights_added, deals_added = demo_rights_load(organisations)
        _say(stdout, f"Rights in: {rights_added} new; deals: {deals_added} new")
    search_index.statistics_refresh()
    return DemoReport(
        organisations=Organisation.objects.count(),
        organisations_created=organisations_created,
        users_created=users_created,
        titles=total_titles,
        titles_created=created,
        titles_updated=updated,
        titles_unchanged=unchanged,
        users=tuple(users),
        seconds=time.monotonic() - started,
    )
