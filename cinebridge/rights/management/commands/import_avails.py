"""``cinebridge import avails FILE --org SLUG [--dry-run] [--lenient]``: an EMA avails file
(XML v2.x or XLSX v1.9) becomes the organisation's rights in. A file with any problem is
refused whole: every problem is printed with its line or row, and the exit status is 1.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from cinebridge.catalog.management.files import organisation_by_slug
from cinebridge.rights.ema import EmaInvalid
from cinebridge.rights.ema_exchange import rights_in_import_ema


class Command(BaseCommand):
    help = "Import an EMA avails file (XML v2.x or XLSX v1.9) as an organisation's rights in."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument("--org", required=True, help="slug of the holder")
        parser.add_argument("--dry-run", action="store_true", help="check and count; write nothing")
        parser.add_argument(
            "--lenient", action="store_true", help="skip the XSD (structure rules still apply)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"file not found: {path}")
        holder = organisation_by_slug(options["org"])
        try:
            report = rights_in_import_ema(
                actor=None,
                holder=holder,
                data=path.read_bytes(),
                filename=path.name,
                dry_run=options["dry_run"],
                lenient=options["lenient"],
            )
        except EmaInvalid as error:
            for problem in error.problems:
                self.stderr.write(f"{problem.location}: {problem.element}: {problem.message}")
            raise CommandError(
                f"{path.name} refused: {len(error.problems)} problem(s), nothing imported"
            ) from error
        for row in report.rows:
            self.stdout.write(f"{row.source or row.alid}: {row.action} ({row.title})")
        for warning in report.warnings:
            self.stdout.write(f"{warning.location}: warning: {warning.element}: {warning.message}")
        verb = "would import" if report.dry_run else "imported"
        self.stdout.write(
            f"{path.name} for {holder.name}: {verb} {report.records} rows: {report.created} created, "
            f"{report.updated} updated, {report.unchanged} unchanged, {report.duplicate} duplicate; "
            f"{report.titles_created} new titles"
        )
