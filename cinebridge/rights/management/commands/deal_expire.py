"""``cinebridge deal expire [--today YYYY-MM-DD] [--dry-run]``: mark signed deals whose
every grant has ended as expired, for cron.

Prints one line per deal (licensor, reference, licensee, the day its last grant ended) and
a count. ``--dry-run`` lists what would expire and writes nothing. A bad ``--today`` exits
with status 2. Each expiry is audited like any other status change (as the system).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from cinebridge.rights import selectors, services
from cinebridge.rights.errors import RightsError, message
from cinebridge.rights.management.commands.avails import problem
from cinebridge.rights.models import Deal


class Command(BaseCommand):
    help = "Mark signed deals whose every grant has ended as expired."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", help="the day to judge by, YYYY-MM-DD (default: today)")
        parser.add_argument(
            "--dry-run", action="store_true", help="list the deals that would expire; write nothing"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        today = timezone.localdate()
        if options["today"]:
            try:
                today = dt.date.fromisoformat(options["today"].strip())
            except ValueError:
                raise problem(
                    "today: " + message(RightsError.BAD_DATE, value=options["today"])
                ) from None
        ended = {deal.pk: deal for deal in selectors.deals_ended(today=today)}
        if options["dry_run"]:
            deals = list(ended.values())
            verb = "would expire"
            summary = f"{len(deals)} deal(s) would expire on {today} (dry run: nothing written)"
        else:
            # the listed deal carries the day its last grant ended; the service's is fresh
            deals = [ended.get(deal.pk, deal) for deal in services.deals_expire(today=today)]
            verb, summary = "expired", f"{len(deals)} deal(s) expired on {today}"
        for deal in deals:
            self.stdout.write(self._line(verb, deal))
        self.stdout.write(summary)

    def _line(self, verb: str, deal: Deal) -> str:
        last = getattr(deal, "last_end", None)
        ended = f", licensed until {last}" if last else ""
        return f"{verb} {deal.owner.slug} {deal.reference} (licensee: {deal.licensee.slug}{ended})"
