"""Catalog reads: what a user may see, and the multilingual search."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404

from cinebridge.catalog import search_index, search_intent, search_memory, search_ranking
from cinebridge.catalog.errors import CatalogError, message
from cinebridge.catalog.identifiers import IDENTIFIER_FIELDS, SCHEME_NAMES
from cinebridge.catalog.models import (
    Credit,
    Person,
    ProductionCountry,
    SearchEntry,
    SearchKind,
    Title,
    TitleStatus,
    Version,
)
from cinebridge.catalog.search_ranking import RankedHits
from cinebridge.catalog.specs import (
    AssetSpec,
    CreditSpec,
    EpisodeSpec,
    LocalisedTitleSpec,
    Problem,
    TitleSpec,
    VersionSpec,
)
from cinebridge.catalog.works import works_grouped
from cinebridge.core.languages import tags_meeting
from cinebridge.core.permissions import member_org_ids
from cinebridge.engines.text import Hit, Query, parse_query

# Fewer precise matches (titles and people) than this and the search also tries typo
# corrections. 1, as in
# Typesense's typo_tokens_threshold: typos are corrected when nothing matched as typed, which
# keeps precise searches fast and their results free of look-alikes.
TYPO_THRESHOLD = 1


def visible_titles_q(user: Any, prefix: str = "") -> Q:
    """The condition "the user may see this title", on a title reached through ``prefix``."""
    orgs = member_org_ids(user)
    condition = Q(**{f"{prefix}status": TitleStatus.PUBLISHED})
    if orgs:
        condition |= Q(**{f"{prefix}owner_id__in": orgs})
    return condition


def titles_visible(user: Any) -> QuerySet[Title]:
    """Titles the user may see at all: published ones, and every title of their organisations."""
    return Title.objects.filter(visible_titles_q(user))


def visible_people_q(user: Any, prefix: str = "") -> Q:
    """The condition "the user may see this person", on a person reached through ``prefix``."""
    orgs = member_org_ids(user)
    condition = Q(**{f"{prefix}is_public": True})
    if orgs:
        condition |= Q(**{f"{prefix}owner_id__in": orgs})
    return condition


def visible_entries_mask(user: Any, entries: search_memory.Entries) -> np.ndarray:
    """``visible_titles_q`` and ``visible_people_q`` on the in-memory search entries: public
    ones (a published title, a public person) and every one of the user's organisations."""
    orgs = np.fromiter(member_org_ids(user), dtype=np.int64)
    return entries.public | np.isin(entries.owner, orgs)


def years_entries_mask(filters: SearchFilters, entries: search_memory.Entries) -> np.ndarray:
    """The year filters of ``filters_q`` on the in-memory search entries (people pass)."""
    kept = np.ones(len(entries.ids), dtype=bool)
    if filters.year_from:
        kept &= ~entries.is_title | (entries.year >= filters.year_from)
    if filters.year_to:
        kept &= ~entries.is_title | ((entries.year > 0) & (entries.year <= filters.year_to))
    return kept


def people_visible(user: Any) -> QuerySet[Person]:
    """People the user may see: public ones, and every person of their organisations."""
    return Person.objects.filter(visible_people_q(user))


def title_get(*, user: Any, pk: int) -> Title:
    """The title if the user may see it, else 404 (drafts of other organisations do not exist)."""
    credits = Credit.objects.select_related("person").prefetch_related("person__names")
    title = (
        titles_visible(user)
        .select_related("owner")
        .prefetch_related(
            "localised_titles",
            "synopses",
            "genres",
            "countries",
            "versions",
            "assets",
            "seasons__episodes",
            Prefetch("credits", queryset=credits),
        )
        .filter(pk=pk)
        .first()
    )
    if title is None:
        raise Http404
    return title


def title_reference_taken(*, owner_id: int, reference: str, exclude_pk: int | None = None) -> bool:
    """True when another title of the owner already uses ``reference`` (unique per owner)."""
    if not reference:
        return False
    return (
        Title.objects.filter(owner_id=owner_id, reference=reference).exclude(pk=exclude_pk).exists()
    )


def person_get(*, user: Any, pk: int) -> Person:
    """The person if visible to the user, else 404."""
    person = people_visible(user).prefetch_related("names").filter(pk=pk).first()
    if person is None:
        raise Http404
    return person


def person_credits(*, user: Any, person: Person) -> QuerySet[Credit]:
    """The person's credits on titles the user may see."""
    return (
        Credit.objects.filter(person=person, title__in=titles_visible(user))
        .select_related("title")
        .order_by("-title__year", "title__original_title")
    )


@dataclass(frozen=True)
class SearchFilters:
    """Catalog filters; every one is optional and they combine with AND."""

    kind: str = ""
    country: str = ""
    genre: str = ""
    year_from: int | None = None
    year_to: int | None = None
    version_language: str = ""
    version_kind: str = ""
    owner: int | None = None

    @property
    def narrows_beyond_years(self) -> bool:
        """True if a filter other than the years narrows the titles (the in-memory search
        entries know the years only)."""
        others = (self.kind, self.country, self.genre, self.version_language, self.version_kind)
        return any(others) or bool(self.owner)

    @property
    def narrows_titles(self) -> bool:
        return self.narrows_beyond_years or bool(self.year_from or self.year_to)


def filters_q(filters: SearchFilters, prefix: str = "") -> Q:
    """``filters`` as one condition on a title reached through ``prefix``.

    Multi-valued filters (country, genre, versions) are EXISTS subqueries, so the result needs
    no DISTINCT and a search can apply them to its few matched titles only.
    """
    condition = Q()
    title_ref = OuterRef(f"{prefix}pk")
    if filters.kind:
        condition &= Q(**{f"{prefix}kind": filters.kind})
    if filters.year_from:
        condition &= Q(**{f"{prefix}year__gte": filters.year_from})
    if filters.year_to:
        condition &= Q(**{f"{prefix}year__lte": filters.year_to})
    if filters.owner:
        condition &= Q(**{f"{prefix}owner_id": filters.owner})
    if filters.country:
        countries = ProductionCountry.objects.filter(
            title=title_ref, country=filters.country.upper()
        )
        condition &= Q(Exists(countries))
    if filters.genre:
        genres = Title.genres.through.objects.filter(title=title_ref, genre__slug=filters.genre)
        condition &= Q(Exists(genres))
    if filters.version_language or filters.version_kind:
        versions = Version.objects.filter(title=title_ref)
        if filters.version_language:
            # The avails' rule (core.languages): zh-Hant meets zh-TW, zh-Hans does not; with
            # no territory asked a bare zh meets every Chinese version.
            recorded = Version.objects.values_list("language", flat=True).distinct()
            meeting = tags_meeting(filters.version_language, recorded)
            versions = versions.filter(language__in=meeting)
        if filters.version_kind:
            versions = versions.filter(kind=filters.version_kind)
        condition &= Q(Exists(versions))
    return condition


def title_identifiers_taken(
    *, owner_id: int, spec: TitleSpec, exclude_pk: int | None
) -> list[Problem]:
    """A problem for each identifier of ``spec`` another title of the owner already has
    (identifiers are unique per owner; other holders of the same work share them)."""
    problems = []
    for scheme in IDENTIFIER_FIELDS:
        value = getattr(spec, scheme)
        others = Title.objects.filter(owner_id=owner_id, **{scheme: value}).exclude(pk=exclude_pk)
        if value and others.exists():
            text = message(CatalogError.IDENTIFIER_TAKEN, scheme=SCHEME_NAMES[scheme], value=value)
            problems.append(Problem(scheme, CatalogError.IDENTIFIER_TAKEN, text))
    return problems


def titles_filtered(titles: QuerySet[Title], filters: SearchFilters) -> QuerySet[Title]:
    """``titles`` narrowed by ``filters``."""
    return titles.filter(filters_q(filters))


@dataclass
class SearchResult:
    """Ranked title hits (all of them, for paging, ranked as far as they are read) and person
    hits for one query."""

    query: str
    title_hits: Sequence[Hit] = field(default_factory=list)
    person_hits: Sequence[Hit] = field(default_factory=list)
    typo_corrected: bool = False
    # One hit per work (catalog/works.py): title id -> the other visible listings of it.
    also: dict[int, list[int]] = field(default_factory=dict)
    searched: Query | None = None  # the query the hits match (the typed one, or what it meant)
    year: int | None = None  # a year typed with the title narrowed the titles to it
    year_ignored: int | None = None  # ... or matched none of them, so it was left out
    layout_text: str = ""  # the text meant, typed on the other keyboard layout
    people_named: list[str] = field(default_factory=list)  # whose titles follow the matches

    @property
    def total(self) -> int:
        return len(self.title_hits)

    @property
    def found(self) -> bool:
        """True if at least ``TYPO_THRESHOLD`` titles and people matched."""
        return len(self.title_hits) + len(self.person_hits) >= TYPO_THRESHOLD


def _ranked_everything(
    query: Query, title_entries: Q | None, person_entries: Q | None
) -> tuple[list[Hit], list[Hit]]:
    """(title hits, person hits) with every match ranked in Python, titles not yet grouped
    into works: search as it was before ranking went page by page, the reference."""

    def ranked(entries: Q | None, key: str, boost: str | None = None) -> list[Hit]:
        if entries is None:
            return []
        matching = search_index.entries_matching(query, SearchEntry.objects.filter(entries))
        return search_ranking.ranked_fully(query, matching, key, boost)

    return (
        ranked(title_entries, "title_id", "title__popularity"),
        ranked(person_entries, "person_id"),
    )


def catalog_search(
    *,
    user: Any,
    text: str,
    filters: SearchFilters | None = None,
    people: bool = True,
    titles: bool = True,
    rank_everything: bool = False,
) -> SearchResult:
    """Search titles (and people) visible to ``user`` for ``text``, best match first.

    Terms are matched as substrings of the normalised names (any script, any common
    romanisation). When nothing matches as typed, the search tries, in this order, what the
    text may mean otherwise (``search_intent``): a year typed with the title, then the text
    typed on the other keyboard layout, then words of four or more letters with one or two
    typos. A query that names a person adds that person's titles after the titles it matches.
    Hits are ranked as far as they are read (a page); ``rank_everything`` ranks every match
    at once, as the reference the tests and the benchmark compare pages with.
    """
    filters = filters or SearchFilters()
    query = parse_query(text)
    if not query.terms:  # nothing to search for: browsing is titles_filtered's job
        return SearchResult(query=text)

    def search(searched: Query, narrowed: SearchFilters = filters) -> SearchResult:
        return _matched(user, searched, narrowed, people, titles, rank_everything)

    result = search(query)
    if not result.found:
        result = search_intent.meant_otherwise(query, filters, search) or result
    if not result.found and result.searched is query:
        wide = search_index.query_with_typos(query)
        if wide != query:
            corrected = search(wide)
            if len(corrected.title_hits) > len(result.title_hits):
                corrected.typo_corrected = True
                result = corrected
            else:
                result.person_hits = corrected.person_hits
    if titles:
        search_intent.works_of_people_named(
            result,
            user=user,
            filters=filters,
            people_matching=lambda searched: (
                _matched(user, searched, SearchFilters(), True, False, rank_everything).person_hits
            ),
        )
    if not people:
        result.person_hits = []
    result.query = text
    return result


def _matched(
    user: Any,
    query: Query,
    filters: SearchFilters,
    people: bool,
    titles: bool,
    rank_everything: bool,
) -> SearchResult:
    """The titles (and people) matching ``query`` exactly as it is, ranked lazily."""
    result = SearchResult(query=query.text, searched=query)
    # Conditions on the joined title/person rather than "IN (every visible title)": the
    # database then checks only the rows the text index matched.
    title_entries = Q(
        visible_titles_q(user, "title__"), filters_q(filters, "title__"), kind=SearchKind.TITLE
    )
    person_entries = Q(visible_people_q(user, "person__"), kind=SearchKind.PERSON)
    # People are matched for titles too: a person named leads to their works.
    search_people = (people or titles) and not filters.narrows_titles
    if rank_everything:
        title_hits, result.person_hits = _ranked_everything(
            query,
            title_entries if titles else None,
            person_entries if search_people else None,
        )
        result.title_hits, result.also = works_grouped(title_hits)
        return result
    if not titles and not search_people:
        return result
    # The in-memory snapshot answers unless filters other than the years narrow the titles
    # (it holds no other filter fields) or a transaction is open (then it is None).
    snap = None if filters.narrows_beyond_years else search_memory.snapshot()
    if snap is not None:
        kinds = snap.entries.is_title if titles else ~snap.entries.is_title
        if titles and search_people:
            kinds = np.ones_like(kinds)
        wanted = kinds & visible_entries_mask(user, snap.entries)
        if filters.narrows_titles:
            wanted &= years_entries_mask(filters, snap.entries)
        matches = search_ranking.ranked_from_memory(query, snap, wanted)
    else:
        # One match for both kinds: the text index is asked once.
        entries = (title_entries if titles else Q(pk__in=[])) | (
            person_entries if search_people else Q(pk__in=[])
        )
        matches = search_ranking.ranked_lazily(
            query, search_index.entries_matching(query, SearchEntry.objects.filter(entries))
        )
    result.title_hits = RankedHits(matches.titles, matches.identified)
    result.person_hits = RankedHits(matches.people)
    result.also = result.title_hits.also
    return result


def titles_in_order(ids: list[int]) -> list[Title]:
    """The titles with ``ids``, in that order, with what a result card shows prefetched."""
    by_id = (
        Title.objects.select_related("owner")
        .prefetch_related("localised_titles", "countries", "genres", "versions", "assets")
        .in_bulk(ids)
    )
    return [by_id[i] for i in ids if i in by_id]


def titles_for_hits(hits: list[Hit]) -> list[Title]:
    """The titles of ``hits`` in hit order (see ``titles_in_order``)."""
    return titles_in_order([h.key for h in hits])


def people_for_hits(hits: list[Hit]) -> list[Person]:
    """The people of ``hits`` in hit order."""
    ids = [h.key for h in hits]
    by_id = {p.pk: p for p in Person.objects.filter(pk__in=ids).prefetch_related("names")}
    return [by_id[i] for i in ids if i in by_id]


def title_spec(title: Title) -> TitleSpec:
    """The ``TitleSpec`` describing ``title`` as stored (exports, diffs, round trips)."""
    return TitleSpec(
        kind=title.kind,
        original_title=title.original_title,
        original_language=title.original_language,
        reference=title.reference,
        status=title.status,
        year=title.year,
        runtime_minutes=title.runtime_minutes,
        countries=tuple(c.country for c in title.countries.all()),
        genres=tuple(g.slug for g in title.genres.order_by("slug")),
        localised_titles=tuple(
            LocalisedTitleSpec(lt.language, lt.text, lt.kind)
            for lt in title.localised_titles.order_by("id")
        ),
        synopses=tuple((s.language, s.text) for s in title.synopses.order_by("id")),
        credits=tuple(
            CreditSpec(
                c.role,
                c.person.name,
                c.character,
                tuple((n.language, n.text) for n in c.person.names.order_by("id")),
            )
            for c in title.credits.select_related("person").order_by("position", "id")
        ),
        versions=tuple(VersionSpec(v.language, v.kind) for v in title.versions.order_by("id")),
        assets=tuple(
            AssetSpec(a.kind, a.url, a.language, a.label) for a in title.assets.order_by("id")
        ),
        episodes=tuple(
            EpisodeSpec(s.number, e.number, e.original_title, e.english_title, e.runtime_minutes)
            for s in title.seasons.order_by("number")
            for e in s.episodes.order_by("number")
        ),
        internal_notes=title.internal_notes,
        asking_price=title.asking_price,
        asking_currency=title.asking_currency,
        popularity=title.popularity,
        eidr=title.eidr,
        isan=title.isan,
        imdb=title.imdb,
    )
