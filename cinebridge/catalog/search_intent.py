"""What a search may mean besides its words (docs/search.md, "Queries people really type").

When nothing matches as typed, ``catalog_search`` asks ``meant_otherwise``: a year typed
with the title (``Мимино 1977``) narrows the titles to that year, or is left out when no
title of the year matches, so it never empties a result; then the text typed on the other
keyboard layout (``ghbdtn`` for ``привет``). Whatever matched, a query that names a person
(every word a whole word of their name, and few people so named) adds that person's titles
after the titles it matched (``works_of_people_named``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any, overload

from cinebridge.catalog.models import Credit, SearchEntry, SearchKind
from cinebridge.engines.text import Hit, Query, parse_query, query_matches
from cinebridge.engines.text.cyrillic import layout_swapped
from cinebridge.engines.text.query import year_split
from cinebridge.engines.text.ranking import (
    TIER_EXACT,
    TIER_EXACT_ROMANISED,
    TIER_SKELETON_EXACT,
    TIER_SKELETON_WHOLE_WORDS,
    TIER_WHOLE_WORDS,
)

if TYPE_CHECKING:
    from cinebridge.catalog.selectors import SearchFilters, SearchResult

# A person hit in one of these tiers is named by the query: every word is a whole word (or
# the whole name) of theirs, in any script or romanisation.
NAMING_TIERS = frozenset(
    (
        TIER_EXACT,
        TIER_EXACT_ROMANISED,
        TIER_WHOLE_WORDS,
        TIER_SKELETON_EXACT,
        TIER_SKELETON_WHOLE_WORDS,
    )
)
# More people named than this and the query names nobody in particular ("Ivan").
MAX_PEOPLE_NAMED = 3
# Titles reached through a person rank after every title the query matched.
TIER_PERSON_WORK = 10


def meant_otherwise(
    query: Query, filters: SearchFilters, search: Callable[..., SearchResult]
) -> SearchResult | None:
    """A result for what ``query`` (which matched nothing) may mean: the year typed with the
    title, then the other keyboard layout (and a year typed with that); None when neither
    finds anything. ``search(query, filters=filters)`` matches a query as it is."""
    return _with_year(query, filters, search) or _with_layout(query, filters, search)


def _with_year(
    query: Query, filters: SearchFilters, search: Callable[..., SearchResult]
) -> SearchResult | None:
    split = year_split(query)
    if split is None or filters.year_from is not None or filters.year_to is not None:
        return None
    year, rest = split
    rest_query = parse_query(rest)
    narrowed = search(rest_query, replace(filters, year_from=year, year_to=year))
    if narrowed.title_hits:
        narrowed.year = year
        return narrowed
    wider = search(rest_query)
    if wider.found:
        wider.year_ignored = year
        return wider
    return None


def _with_layout(
    query: Query, filters: SearchFilters, search: Callable[..., SearchResult]
) -> SearchResult | None:
    swapped = layout_swapped(query.text)
    if not swapped:
        return None
    swapped_query = parse_query(swapped)
    meant = search(swapped_query)
    if not meant.found:
        meant = _with_year(swapped_query, filters, search) or meant
    if not meant.found:
        return None
    meant.layout_text = swapped
    return meant


def works_of_people_named(
    result: SearchResult,
    *,
    user: Any,
    filters: SearchFilters,
    people_matching: Callable[[Query], Sequence[Hit]],
) -> None:
    """Append to ``result.title_hits`` the visible titles (within ``filters``) of the people
    the query names, that it did not match itself: most popular first, tier
    ``TIER_PERSON_WORK``, found via the person's name. ``people_matching(query)``: the
    people a query matches, for when filters kept them out of ``result``."""
    from cinebridge.catalog.selectors import filters_q, visible_titles_q

    searched = result.searched
    if searched is None:
        return
    people = result.person_hits
    if filters.narrows_titles:  # people were not matched with titles: ask for them alone
        people = people_matching(searched)
    named = [h for h in people[: MAX_PEOPLE_NAMED + 1] if h.tier in NAMING_TIERS]
    if not named or len(named) > MAX_PEOPLE_NAMED:
        return
    names = {h.key: h.matched_name for h in named}
    credits = (
        Credit.objects.filter(visible_titles_q(user, "title__"), filters_q(filters, "title__"))
        .filter(person_id__in=names)
        .order_by("-title__popularity", "title_id", "position")
        .values_list("title_id", "person_id")
    )
    works: dict[int, str] = {}
    for title_id, person_id in credits:
        works.setdefault(title_id, names[person_id])
    texts = SearchEntry.objects.filter(kind=SearchKind.TITLE, title_id__in=works)
    for title_id, text in texts.values_list("title_id", "text"):
        if query_matches(searched, text):  # matched already, in its own rank
            works.pop(title_id, None)
    if not works:
        return
    result.people_named = list(dict.fromkeys(names[h.key] for h in named))
    extra = [Hit(key, TIER_PERSON_WORK, 0, name) for key, name in works.items()]
    result.title_hits = FollowedBy(result.title_hits, extra)


class FollowedBy(Sequence[Hit]):
    """Hits, then more hits: read as far as needed (the first part stays lazy)."""

    def __init__(self, first: Sequence[Hit], then: list[Hit]) -> None:
        self._first = first
        self._then = then

    def __len__(self) -> int:
        return len(self._first) + len(self._then)

    @overload
    def __getitem__(self, index: int) -> Hit: ...

    @overload
    def __getitem__(self, index: slice) -> list[Hit]: ...

    def __getitem__(self, index: int | slice) -> Hit | list[Hit]:
        if isinstance(index, slice):
            start, stop, step = index.indices(len(self))
            if step != 1:
                return list(self)[index]
            size = len(self._first)
            head = list(self._first[start:stop]) if start < size else []
            return head + self._then[max(start - size, 0) : max(stop - size, 0)]
        position = index + len(self) if index < 0 else index
        if not 0 <= position < len(self):
            raise IndexError(index)
        size = len(self._first)
        return self._first[position] if position < size else self._then[position - size]

    def __iter__(self) -> Iterator[Hit]:
        yield from self._first
        yield from self._then

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence):
            return list(self) == list(other)
        return NotImplemented
