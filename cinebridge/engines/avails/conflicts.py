"""The conflict check for a draft deal: would its grants promise rights already gone?

A deal is checked against everything signed, from rows the caller loaded inside the
transaction that will sign it (never from a cache). Each grant is asked as an avails
query for its licensor with the grant's own territories, media, period and exclusivity.

Rights chains: a licensee may sub-license what a grant gave it (a sales agent's
representation deal, then the agent's licences to broadcasters). Those sub-licences draw on
the grant, so they never count against it: re-checking a signed representation deal finds
no conflict with the agent's own sales.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass

from cinebridge.engines.avails.explain import Row, title_avails
from cinebridge.engines.avails.records import (
    AvailsQuery,
    BlockedCell,
    Grant,
    LanguageVersion,
    Status,
)


@dataclass(frozen=True, slots=True)
class GrantConflict:
    """What stands in a draft grant's way: blocked cells (hard) and warnings (soft)."""

    grant: Grant
    blocked: tuple[BlockedCell, ...]
    warnings: tuple[BlockedCell, ...]


def deal_conflicts(
    grants: Sequence[Grant],
    rows_by_title: Mapping[int, Iterable[Row]],
    languages_by_grant: Mapping[int, Iterable[LanguageVersion]] | None = None,
    versions_by_title: Mapping[int, Iterable[LanguageVersion]] | None = None,
    sublicences: Collection[int] = (),
) -> list[GrantConflict]:
    """Every draft grant that is blocked or warned about; an empty list means it may sign.

    Rows of the draft deal itself must not be among rows_by_title. sublicences: ids of the
    deals the grants' licensee made as licensor; their rows are left out of the check.
    """
    skip = frozenset(sublicences)
    out = []
    for grant in grants:
        query = AvailsQuery(
            holder_id=grant.licensor_id,
            territories=grant.territories,
            media=grant.media,
            period=grant.period,
            exclusive=grant.exclusive,
            languages=frozenset((languages_by_grant or {}).get(grant.id, ())),
        )
        rows = [r for r in rows_by_title.get(grant.title_id, ()) if r.deal_id not in skip]
        versions = (versions_by_title or {}).get(grant.title_id, ())
        answer = title_avails(grant.title_id, rows, query, versions)
        if answer.status is not Status.AVAILABLE or answer.warnings:
            out.append(GrantConflict(grant, answer.blocked, answer.warnings))
    return out
