"""``cinebridge deal list --org SLUG [--status S] [--role licensor|licensee] [--json]``."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db.models import Count

from cinebridge.rights.management.commands.avails import organisation_named
from cinebridge.rights.models import Deal, DealStatus
from cinebridge.rights.selectors import deal_parties


class Command(BaseCommand):
    help = "List the deals an organisation is party to, newest first."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--org", help="slug or id (default: the only rights holder)")
        parser.add_argument("--status", choices=DealStatus.values)
        parser.add_argument("--role", choices=["licensor", "licensee"])
        parser.add_argument("--json", action="store_true", help="print JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        org = organisation_named(options["org"])
        deals = Deal.objects.filter(deal_parties([org.pk]))
        if options["role"]:
            deals = deals.filter(**{"owner" if options["role"] == "licensor" else "licensee": org})
        if options["status"]:
            deals = deals.filter(status=options["status"])
        deals = deals.select_related("owner", "licensee").annotate(grant_count=Count("grants"))
        rows = [
            {
                "reference": d.reference,
                "status": d.status,
                "role": "licensor" if d.owner_id == org.pk else "licensee",
                "counterparty": (d.licensee if d.owner_id == org.pk else d.owner).slug,
                "grants": d.grant_count,
                "signed": d.signed_at.date().isoformat() if d.signed_at else None,
            }
            for d in deals.order_by("-created_at", "-id")
        ]
        if options["json"]:
            self.stdout.write(json.dumps(rows, indent=2))
            return
        self.stdout.write(
            f"{'reference':<20} {'status':<10} {'role':<9} {'counterparty':<20} grants signed"
        )
        for r in rows:
            self.stdout.write(
                f"{r['reference']:<20} {r['status']:<10} {r['role']:<9} "
                f"{r['counterparty']:<20} {r['grants']:>6} {r['signed'] or '-'}"
            )
