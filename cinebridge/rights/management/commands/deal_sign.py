"""``cinebridge deal sign --org SLUG REFERENCE``: sign a draft or offered deal from the shell.

The conflict check is the one the API runs; a refusal prints every conflict with its reasons
(deals named as the licensor's members see them) and exits with status 1.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from cinebridge.catalog.models import Title
from cinebridge.engines.avails import GrantConflict
from cinebridge.rights import selectors, services
from cinebridge.rights.management.commands.avails import organisation_named, problem
from cinebridge.rights.models import Deal

REFUSED = 1


class Command(BaseCommand):
    help = "Sign a deal of the organisation (as licensor) if nothing blocks it."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("reference", help="the deal's reference, e.g. D-2026-0001")
        parser.add_argument("--org", required=True, help="the licensor's slug or id")

    def handle(self, *args: Any, **options: Any) -> None:
        licensor = organisation_named(options["org"])
        deal = Deal.objects.filter(owner=licensor, reference=options["reference"]).first()
        if deal is None:
            raise problem(f"deal: {licensor.slug} has no deal {options['reference']!r} as licensor")
        try:
            signed, conflicts = services.deal_sign(actor=None, deal=deal)
        except services.DealStateError as error:
            raise CommandError(str(error), returncode=REFUSED) from error
        except services.DealConflict as refused:
            self.stdout.write(f"refused {deal.reference}: {refused}")
            self._explain(refused.conflicts, {licensor.pk}, "blocked")
            raise CommandError("signing refused", returncode=REFUSED) from refused
        self.stdout.write(f"signed {signed.reference} (licensee: {signed.licensee.name})")
        self._explain([c for c in conflicts if c.warnings], {licensor.pk}, "warnings")

    def _explain(self, conflicts: list[GrantConflict], viewer: set[int], which: str) -> None:
        titles = Title.objects.in_bulk([c.grant.title_id for c in conflicts])
        for conflict in conflicts:
            title = titles.get(conflict.grant.title_id)
            name = f"{title.reference} {title.original_title}".strip() if title else "?"
            self.stdout.write(f"  grant {conflict.grant.id}: {name}")
            for view in selectors.cell_views(getattr(conflict, which), viewer):
                reasons = "; ".join(r.text for r in view.reasons)
                self.stdout.write(
                    f"    {view.start}..{view.end or 'open'} {view.territories}; "
                    f"{view.media}: {reasons}"
                )
