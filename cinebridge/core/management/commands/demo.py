"""``cinebridge demo [--refresh] [--force]``: load the demo data set and print the demo users.

Idempotent: a second run finds everything by its key and adds nothing. Refuses to run on a
production installation (``settings.PRODUCTION``) unless ``--force``, because the demo users
share a published password.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from cinebridge.demo.load import DemoReport, demo_load

REFUSED_IN_PRODUCTION = (
    "This is a production installation: the demo users share a published password. "
    "Use --force if you really want the demo data here."
)
COLUMNS = ("username", "password", "organisation", "role")


class Command(BaseCommand):
    help = "Load the demo data set (idempotent) and print the demo users and their passwords."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--refresh",
            action="store_true",
            help="also rewrite demo titles that were edited since the last load",
        )
        parser.add_argument(
            "--force", action="store_true", help="run even when settings.PRODUCTION is true"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION and not options["force"]:
            raise CommandError(REFUSED_IN_PRODUCTION)
        report = demo_load(stdout=self.stdout, refresh=options["refresh"])
        self.stdout.write(self.summary(report))
        self.stdout.write("")
        self.stdout.write(users_table(report))
        self.stdout.write("")
        self.stdout.write(
            "Sign in at http://127.0.0.1:8000/login/ (after `cinebridge serve`) as any user "
            "above; each sees its own organisations' drafts and private fields."
        )

    @staticmethod
    def summary(report: DemoReport) -> str:
        return (
            f"Demo data loaded in {report.seconds:.1f} s: {report.organisations} organisations "
            f"({report.organisations_created} new), {report.titles} demo titles "
            f"({report.titles_created} new, {report.titles_updated} rewritten, "
            f"{report.titles_unchanged} already there), {report.users_created} new users."
        )


def users_table(report: DemoReport) -> str:
    """The demo users as an aligned plain-text table."""
    rows = [COLUMNS] + [(u.username, u.password, u.organisation, u.role) for u in report.users]
    widths = [max(len(row[i]) for row in rows) for i in range(len(COLUMNS))]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
        for row in rows
    ]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(line.rstrip() for line in lines)
