"""Catalog writes. Each service runs in a transaction, records an audit entry and refreshes the
search entry of what it changed, so search never lags behind the catalog."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from django.db import transaction

from cinebridge.catalog import search_index
from cinebridge.catalog.genres import GENRES
from cinebridge.catalog.models import (
    Credit,
    Episode,
    Genre,
    LocalisedTitle,
    MediaAsset,
    Person,
    PersonName,
    ProductionCountry,
    Season,
    Synopsis,
    Title,
    TitleStatus,
    Version,
)
from cinebridge.catalog.specs import CreditSpec, SpecInvalid, TitleSpec
from cinebridge.core.audit import audit_record, counter_bump
from cinebridge.organisations.models import Organisation

SCALAR_FIELDS = (
    "reference", "kind", "status", "original_title", "original_language", "year",
    "runtime_minutes", "internal_notes", "asking_price", "asking_currency", "popularity",
    "eidr", "isan", "imdb",
)  # fmt: skip
NESTED_FIELDS = (
    "countries", "genres", "localised_titles", "synopses", "credits", "versions", "assets",
    "episodes",
)  # fmt: skip


def genres_ensure() -> dict[str, Genre]:
    """Make sure the platform's genre list exists with its translations; slug -> Genre."""
    existing = {g.slug: g for g in Genre.objects.all()}
    if len(existing) < len(GENRES) or any(
        g.names != GENRES[s] for s, g in existing.items() if s in GENRES
    ):
        for slug, names in GENRES.items():
            Genre.objects.update_or_create(
                slug=slug, defaults={"name": names["en"], "names": names}
            )
        existing = {g.slug: g for g in Genre.objects.all()}
    return existing


def person_create(
    *,
    actor: Any,
    owner: Organisation,
    name: str,
    names: Iterable[tuple[str, str]] = (),
    birth_year: int | None = None,
    country: str = "",
    is_public: bool = True,
) -> Person:
    """Create a person with their names in other scripts."""
    with transaction.atomic():
        person = Person.objects.create(
            owner=owner, name=name, birth_year=birth_year, country=country, is_public=is_public
        )
        _person_names_set(person, names)
        search_index.entry_refresh_person(person)
        audit_record(actor=actor, action="person.create", obj=person, changes={"name": name})
    return person


def _person_names_set(person: Person, names: Iterable[tuple[str, str]]) -> None:
    seen = {(n.language, n.text) for n in person.names.all()}
    new = []
    for language, text in names:
        if (language, text) not in seen and text != person.name:
            seen.add((language, text))
            new.append(PersonName(person=person, language=language, text=text))
    PersonName.objects.bulk_create(new)


def _person_for_credit(*, actor: Any, owner: Organisation, credit: CreditSpec) -> Person:
    """The owner's person of that name (reused across titles), created when new."""
    person = Person.objects.filter(owner=owner, name=credit.name).order_by("id").first()
    if person is None:
        return person_create(actor=actor, owner=owner, name=credit.name, names=credit.names)
    if credit.names:
        before = person.names.count()
        _person_names_set(person, credit.names)
        if person.names.count() != before:
            search_index.entry_refresh_person(person)
    return person


TITLES_COUNTER = "catalog.titles"
"""Moves on every title write: other apps' caches of title facts (language versions) key on it."""


def _nested_write(*, actor: Any, title: Title, spec: TitleSpec) -> None:
    counter_bump(TITLES_COUNTER)
    genres = genres_ensure()
    title.genres.set([genres[s] for s in spec.genres])
    ProductionCountry.objects.filter(title=title).delete()
    ProductionCountry.objects.bulk_create(
        ProductionCountry(title=title, country=code, position=i)
        for i, code in enumerate(spec.countries)
    )
    LocalisedTitle.objects.filter(title=title).delete()
    LocalisedTitle.objects.bulk_create(
        LocalisedTitle(title=title, language=lt.language, text=lt.text, kind=lt.kind)
        for lt in spec.localised_titles
    )
    Synopsis.objects.filter(title=title).delete()
    Synopsis.objects.bulk_create(
        Synopsis(title=title, language=language, text=text) for language, text in spec.synopses
    )
    Version.objects.filter(title=title).delete()
    Version.objects.bulk_create(
        Version(title=title, language=v.language, kind=v.kind) for v in spec.versions
    )
    MediaAsset.objects.filter(title=title).delete()
    MediaAsset.objects.bulk_create(
        MediaAsset(title=title, kind=a.kind, url=a.url, language=a.language, label=a.label)
        for a in spec.assets
    )
    Credit.objects.filter(title=title).delete()
    credits, seen = [], set()
    for position, credit in enumerate(spec.credits):
        person = _person_for_credit(actor=actor, owner=title.owner, credit=credit)
        key = (person.pk, credit.role, credit.character)
        if key not in seen:
            seen.add(key)
            credits.append(
                Credit(
                    title=title,
                    person=person,
                    role=credit.role,
                    character=credit.character,
                    position=position,
                )
            )
    Credit.objects.bulk_create(credits)
    Season.objects.filter(title=title).delete()
    seasons: dict[int, Season] = {}
    for episode in spec.episodes:
        if episode.season not in seasons:
            seasons[episode.season] = Season.objects.create(title=title, number=episode.season)
    Episode.objects.bulk_create(
        Episode(
            season=seasons[e.season],
            number=e.number,
            original_title=e.original_title,
            english_title=e.english_title,
            runtime_minutes=e.runtime_minutes,
        )
        for e in spec.episodes
    )


def _identifiers_check(*, owner_id: int, spec: TitleSpec, exclude_pk: int | None) -> None:
    """Refuse (SpecInvalid) an identifier another title of the owner already has."""
    from cinebridge.catalog.selectors import title_identifiers_taken

    problems = title_identifiers_taken(owner_id=owner_id, spec=spec, exclude_pk=exclude_pk)
    if problems:
        raise SpecInvalid(problems)


def title_create(*, actor: Any, owner: Organisation, spec: TitleSpec) -> Title:
    """Create a title with everything in ``spec``; audited; searchable at once."""
    with transaction.atomic():
        _identifiers_check(owner_id=owner.pk, spec=spec, exclude_pk=None)
        title = Title.objects.create(
            owner=owner, **{name: getattr(spec, name) for name in SCALAR_FIELDS}
        )
        _nested_write(actor=actor, title=title, spec=spec)
        search_index.entry_refresh_title(title)
        audit_record(
            actor=actor,
            action="title.create",
            obj=title,
            changes={name: getattr(spec, name) for name in SCALAR_FIELDS if getattr(spec, name)},
        )
    return title


def title_spec_of(title: Title) -> TitleSpec:
    """The ``TitleSpec`` that describes ``title`` as it is stored (for diffs and exports)."""
    from cinebridge.catalog.selectors import title_spec

    return title_spec(title)


def title_update(*, actor: Any, title: Title, spec: TitleSpec) -> Title:
    """Replace the title's description with ``spec``; the audit entry lists what changed."""
    with transaction.atomic():
        locked = Title.objects.select_for_update().get(pk=title.pk)
        _identifiers_check(owner_id=locked.owner_id, spec=spec, exclude_pk=locked.pk)
        before = title_spec_of(locked)
        changes: dict[str, Any] = {}
        for name in SCALAR_FIELDS:
            old, new = getattr(before, name), getattr(spec, name)
            if old != new:
                changes[name] = [old, new]
                setattr(locked, name, new)
        locked.save()
        for name in NESTED_FIELDS:
            if getattr(before, name) != getattr(spec, name):
                changes[name] = "changed"
        _nested_write(actor=actor, title=locked, spec=spec)
        search_index.entry_refresh_title(locked)
        audit_record(actor=actor, action="title.update", obj=locked, changes=changes)
    return locked


def title_status_set(*, actor: Any, title: Title, status: TitleStatus) -> Title:
    """Publish a title or take it back to draft; audited as an update of its status."""
    return title_update(actor=actor, title=title, spec=replace(title_spec_of(title), status=status))


def title_upsert(*, actor: Any, owner: Organisation, spec: TitleSpec) -> tuple[Title, bool]:
    """Update the owner's title with ``spec.reference`` or create it; returns (title, created)."""
    if spec.reference:
        existing = Title.objects.filter(owner=owner, reference=spec.reference).first()
        if existing is not None:
            return title_update(actor=actor, title=existing, spec=spec), False
    return title_create(actor=actor, owner=owner, spec=spec), True


def title_delete(*, actor: Any, title: Title) -> None:
    """Delete a title and everything that hangs off it; the audit entry keeps its name."""
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="title.delete",
            obj=title,
            changes={"original_title": title.original_title, "reference": title.reference},
        )
        counter_bump(TITLES_COUNTER)
        title.delete()


def person_update(
    *,
    actor: Any,
    person: Person,
    name: str,
    names: Iterable[tuple[str, str]] = (),
    birth_year: int | None = None,
    country: str = "",
    is_public: bool = True,
) -> Person:
    """Replace the person's names and details; the audit entry lists what changed."""
    with transaction.atomic():
        locked = Person.objects.select_for_update().get(pk=person.pk)
        new = {"name": name, "birth_year": birth_year, "country": country, "is_public": is_public}
        changes = {k: [getattr(locked, k), v] for k, v in new.items() if getattr(locked, k) != v}
        for key, value in new.items():
            setattr(locked, key, value)
        locked.save()
        old_names = sorted((n.language, n.text) for n in locked.names.all())
        locked.names.all().delete()
        _person_names_set(locked, names)
        if sorted((n.language, n.text) for n in locked.names.all()) != old_names:
            changes["names"] = "changed"
        search_index.entry_refresh_person(locked)
        audit_record(actor=actor, action="person.update", obj=locked, changes=changes)
    return locked
