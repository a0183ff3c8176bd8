"""Checks against signed deals, read from the database inside the writer's transaction.

- ``deal_check``: would a deal's grants promise rights already licensed, or not held?
- ``signed_grants_kept_covered``: around a change to a holder's rights in, refuse it if a
  signed grant of the holder's would no longer be covered (the rights were already sold).

Both lock nothing themselves: the services call them after locking the titles' rows, the
one lock every signer of those titles takes.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from cinebridge.catalog.models import Title
from cinebridge.engines.avails import Grant as GrantRecord
from cinebridge.engines.avails import GrantConflict, LanguageVersion, Reason, deal_conflicts
from cinebridge.rights import engine_adapters
from cinebridge.rights.errors import RightsError, message
from cinebridge.rights.models import Deal, DealStatus

HOLDING = frozenset({Reason.NOT_HELD, Reason.HELD_NON_EXCLUSIVE})
"""The reasons that say the licensor's rights in no longer cover a grant."""


class RightsInStillNeeded(Exception):
    """A change to rights in was refused: signed grants would no longer be covered."""

    def __init__(self, conflicts: list[GrantConflict]):
        deals = ", ".join(sorted({c.grant.deal_ref for c in conflicts}))
        super().__init__(message(RightsError.STILL_NEEDED, deals=deals))
        self.conflicts = conflicts


def titles_lock(title_ids: Iterable[int]) -> None:
    """Lock the titles' rows in id order: signing and changing rights in serialise on them."""
    list(
        Title.objects.select_for_update()
        .filter(pk__in=set(title_ids))
        .order_by("pk")
        .values_list("pk")
    )


def draft_grant_records(deal: Deal) -> list[GrantRecord]:
    """The deal's grants as engine records (for the conflict check), read from the database."""
    return list(engine_adapters.grant_records(deal_ids=[deal.pk], statuses=None))


def _conflicts(
    grants: dict[int, list[GrantRecord]], licensee_of: dict[int, int], title_ids: Iterable[int]
) -> list[GrantConflict]:
    """The conflicts of each deal's grants against the titles' rows read once, leaving out
    the deal's own rows and its licensee's own licences (they draw on the deal)."""
    rows = engine_adapters.rows_for_titles(sorted(set(title_ids)))
    licensees = set(licensee_of.values())
    sublicences: dict[int, set[int]] = {licensee: set() for licensee in licensees}
    for pk, owner in Deal.objects.filter(owner_id__in=licensees).values_list("pk", "owner_id"):
        sublicences[owner].add(pk)
    out: list[GrantConflict] = []
    for deal_id, deal_grants in sorted(grants.items()):
        skip = sublicences[licensee_of[deal_id]] | {deal_id}
        # A grant asks for its own languages (a French-language licence is not blocked by an
        # English-language one). Whether the title has those versions yet is no concern of a
        # licence, so each title counts as having every version its grants name.
        languages = {g.id: g.languages for g in deal_grants}
        named: dict[int, set[LanguageVersion]] = {}
        for grant in deal_grants:
            named.setdefault(grant.title_id, set()).update(grant.languages)
        out.extend(deal_conflicts(deal_grants, rows, languages, named, sublicences=skip))
    return out


def deal_check(deal: Deal) -> list[GrantConflict]:
    """The conflicts of a deal's grants against everything signed, from the database."""
    grants = draft_grant_records(deal)
    return _conflicts({deal.pk: grants}, {deal.pk: deal.licensee_id}, (g.title_id for g in grants))


def _uncovered(holder_id: int, title_ids: set[int]) -> dict[int, GrantConflict]:
    """The holder's signed grants of these titles that its rights in do not cover, by id."""
    licensee_of = dict(
        Deal.objects.filter(
            owner_id=holder_id, status=DealStatus.SIGNED, grants__title_id__in=title_ids
        )
        .distinct()
        .values_list("pk", "licensee_id")
    )
    if not licensee_of:
        return {}
    grants: dict[int, list[GrantRecord]] = {}
    for grant in engine_adapters.grant_records(sorted(title_ids), deal_ids=sorted(licensee_of)):
        grants.setdefault(grant.deal_id, []).append(grant)
    out: dict[int, GrantConflict] = {}
    for conflict in _conflicts(grants, licensee_of, title_ids):
        cells = tuple(c for c in conflict.blocked if any(b.reason in HOLDING for b in c.blocks))
        if cells:
            out[conflict.grant.id] = GrantConflict(conflict.grant, cells, ())
    return out


@contextmanager
def signed_grants_kept_covered(holder_id: int, title_ids: Iterable[int]) -> Iterator[None]:
    """Run a change to the holder's rights in these titles; raise RightsInStillNeeded (so the
    transaction rolls back) if a signed grant that was covered before is not covered after."""
    titles = set(title_ids)
    titles_lock(titles)
    before = _uncovered(holder_id, titles)
    yield
    after = _uncovered(holder_id, titles)
    lost = [conflict for grant_id, conflict in after.items() if grant_id not in before]
    if lost:
        raise RightsInStillNeeded(lost)
