"""One work per film in search: listings that share a standard identifier are one work.

A studio and its sales agent may both list the same film. Ranked title hits that share an
EIDR, ISAN or IMDb id (directly or through a chain) collapse into one hit, the listing that
represents the work, at the place of the group's best-ranked listing. The representative is
the owner's listing: the first, in rank order, whose holder is not an agency; when every
holder is an agency, the best ranked. The other listings stay reachable as ``also``.
Only hits the user may see are grouped, so a listing the user may not see is never revealed.
"""

from __future__ import annotations

from collections.abc import Sequence

from cinebridge.catalog.identifiers import IDENTIFIER_FIELDS
from cinebridge.catalog.models import Title
from cinebridge.engines.text import Hit
from cinebridge.organisations.models import OrganisationKind


def works_grouped(hits: Sequence[Hit]) -> tuple[list[Hit], dict[int, list[int]]]:
    """(one hit per work in rank order, representative title id -> the other listings' ids
    in rank order). ``hits`` must hold only titles the user may see."""
    keys = [h.key for h in hits]
    rows = {
        pk: (kind, ids)
        for pk, kind, *ids in Title.objects.filter(pk__in=keys)
        .exclude(eidr="", isan="", imdb="")
        .values_list("pk", "owner__kind", *IDENTIFIER_FIELDS)
    }
    if len(rows) < 2:
        return list(hits), {}
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
    order = {key: i for i, key in enumerate(keys)}
    groups: dict[int, list[int]] = {}
    for pk in sorted(rows, key=order.__getitem__):
        groups.setdefault(root(pk), []).append(pk)
    also: dict[int, list[int]] = {}
    stand_in: dict[int, int] = {}  # best-ranked listing of a group -> its representative
    hidden: set[int] = set()
    for members in groups.values():
        if len(members) < 2:
            continue
        owners = [pk for pk in members if rows[pk][0] != OrganisationKind.AGENCY]
        chosen = (owners or members)[0]
        also[chosen] = [pk for pk in members if pk != chosen]
        stand_in[members[0]] = chosen
        hidden.update(members[1:])
    by_key = {h.key: h for h in hits}
    out = []
    for hit in hits:
        if hit.key in stand_in:
            out.append(by_key[stand_in[hit.key]])
        elif hit.key not in hidden:
            out.append(hit)
    return out, also


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
