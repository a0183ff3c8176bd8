"""``cinebridge import titles FILE --owner SLUG [--dry-run] [--format csv|xlsx]``.

Runs as the system (no user); the audit log records the import with no actor. A file with
any bad row is rejected whole: every error is printed, one per line, and the exit status is 1.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from cinebridge.catalog.imports import titles_import
from cinebridge.catalog.management.files import (
    add_format_argument,
    file_format,
    organisation_by_slug,
)


class Command(BaseCommand):
    help = (
        "Import titles from a CSV or XLSX file (columns: docs/formats.md) into an "
        "organisation's catalog; a file with any bad row is rejected whole."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="a .csv or .xlsx file")
        parser.add_argument("--owner", required=True, help="slug of the organisation")
        parser.add_argument(
            "--dry-run", action="store_true", help="validate and count; write nothing"
        )
        add_format_argument(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        chosen_format = file_format(path, options["format"])
        if not path.is_file():
            raise CommandError(f"file not found: {path}")
        owner = organisation_by_slug(options["owner"])
        report = titles_import(
            actor=None,
            owner=owner,
            path_or_file=path,
            file_format=chosen_format,
            dry_run=options["dry_run"],
        )
        if report.errors:
            for error in report.errors:
                self.stderr.write(str(error))
            raise CommandError(f"{path.name} {report.summary()}")
        self.stdout.write(f"{path.name} for {owner.name}: {report.summary()}")
