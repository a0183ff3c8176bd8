"""One work per film in search: listings that share a standard identifier are one work.

A studio and its sales agent may both list the same film. Ranked title hits that share an
EIDR, ISAN or IMDb id (directly or through a chain) collapse into one hit, the listing that
represents the work, at the place of the group's best-ranked listing. The representative is
the owner's listing: the first, in rank order, whose holder is not an agency; when every
holder is an agency, the best ranked. The other listings stay reachable as ``also``.
Only hits the user may see are grouped, so a listing the user may not see is never revealed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from django.db.models import QuerySet

from cinebridge.catalog.identifiers import IDENTIFIER_FIELDS
from cinebridge.catalog.models import Title
from cinebridge.engines.text import Hit
from cinebridge.organisations.models import OrganisationKind

Rows = dict[int, tuple[str, list[str]]]  # title id -> (owner kind, identifier values)


def _identified(titles: QuerySet[Title]) -> Rows:
    """``titles`` that carry a standard identifier: id -> (owner kind, identifiers)."""
    return {
        pk: (kind, ids)
        for pk, kind, *ids in titles.exclude(eidr="", isan="", imdb="").values_list(
            "pk", "owner__kind", *IDENTIFIER_FIELDS
        )
    }


def _groups(rows: Rows) -> list[list[int]]:
    """The listings of ``rows`` that share an identifier (directly or through a chain): one
    list per work of two or more listings."""
    parent = {pk: pk for pk in rows}

    def root(pk: int) -> int:
        while parent[pk] != pk:
            parent[pk] = parent[parent[pk]]
            pk = parent[pk]
        return pk

    first_with: dict[tuple[int, str], int] = {}
    for pk, (_, ids) in rows.items():
        for scheme, value in enumerate(ids):
            if value:
                other = first_with.setdefault((scheme, value), pk)
                parent[root(pk)] = root(other)
    groups: dict[int, list[int]] = {}
    for pk in rows:
        groups.setdefault(root(pk), []).append(pk)
    return [members for members in groups.values() if len(members) > 1]


@dataclass(frozen=True)
class Works:
    """How ranked hits collapse into works: which hit stands in for which, which are hidden."""

    stand_in: dict[int, Hit]  # best-ranked listing of a work -> the representative's hit
    hidden: frozenset[int]  # the work's other listings
    also: dict[int, list[int]]  # representative -> the other listings, in rank order

    def apply(self, hits: Iterable[Hit]) -> list[Hit]:
        """``hits`` (in rank order, a prefix of all of them) with one hit per work."""
        return [
            self.stand_in.get(hit.key, hit)
            for hit in hits
            if hit.key in self.stand_in or hit.key not in self.hidden
        ]


def works_of(rows: Rows, in_rank_order: Callable[[list[list[int]]], list[list[Hit]]]) -> Works:
    """The works of the listings ``rows``; ``in_rank_order(groups)`` gives, for each group of
    listings of one work (works of several only), their hits best first."""
    stand_in: dict[int, Hit] = {}
    hidden: set[int] = set()
    also: dict[int, list[int]] = {}
    groups = _groups(rows)
    for members in in_rank_order(groups) if groups else []:
        if len(members) < 2:
            continue
        owners = [hit for hit in members if rows[hit.key][0] != OrganisationKind.AGENCY]
        chosen = (owners or members)[0]
        also[chosen.key] = [hit.key for hit in members if hit is not chosen]
        stand_in[members[0].key] = chosen
        hidden.update(hit.key for hit in members[1:])
    return Works(stand_in, frozenset(hidden), also)


def works_grouped(hits: Sequence[Hit]) -> tuple[list[Hit], dict[int, list[int]]]:
    """(one hit per work in rank order, representative title id -> the other listings' ids
    in rank order). ``hits`` must hold only titles the user may see."""
    rows = works_identified([h.key for h in hits])
    if len(rows) < 2:
        return list(hits), {}
    position = {h.key: i for i, h in enumerate(hits)}
    by_key = {h.key: h for h in hits}
    works = works_of(
        rows,
        lambda groups: [
            [by_key[k] for k in sorted(group, key=position.__getitem__)] for group in groups
        ],
    )
    return works.apply(hits), works.also


# SQLite allows 32,766 parameters in one statement.
CHUNK = 10_000


def works_identified(keys: Sequence[int]) -> Rows:
    """The titles among ``keys`` that carry a standard identifier (see ``works_of``)."""
    rows: Rows = {}
    for start in range(0, len(keys), CHUNK):
        rows.update(_identified(Title.objects.filter(pk__in=keys[start : start + CHUNK])))
    return rows


def work_listings(also: dict[int, list[int]], shown: Sequence[Title]) -> dict[int, list[Title]]:
    """For each shown title that represents a work of several listings: every listing (its
    own first, then the others in rank order) with its owner, to name the holders."""
    ids = [pk for title in shown for pk in also.get(title.pk, ())]
    if not ids:
        return {}
    others = Title.objects.select_related("owner").in_bulk(ids)
    return {
        title.pk: [title, *(others[pk] for pk in also[title.pk] if pk in others)]
        for title in shown
        if title.pk in also
    }
