"""``cinebridge import titles FILE --owner SLUG [--dry-run] [--format csv|xlsx]``.

Runs as the system (no user); the audit log records the import with no actor. A file with
any bad row is rejected whole: every error is printed, one per line, and the exit status is 1.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from cinebridge.catalog.columns import FileFormat, UnsupportedFormat, format_of
from cinebridge.catalog.imports import titles_import
from cinebridge.organisations.models import Organisation


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
        parser.add_argument(
            "--format", choices=[f.value for f in FileFormat], help="default: from the extension"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        try:
            file_format = format_of(path, options["format"])
        except UnsupportedFormat as exc:
            raise CommandError(str(exc)) from None
        if not path.is_file():
            raise CommandError(f"file not found: {path}")
        owner = organisation_by_slug(options["owner"])
        report = titles_import(
            actor=None,
            owner=owner,
            path_or_file=path,
            file_format=file_format,
            dry_run=options["dry_run"],
        )
        if report.errors:
            for error in report.errors:
                self.stderr.write(str(error))
            raise CommandError(f"{path.name} {report.summary()}")
        self.stdout.write(f"{path.name} for {owner.name}: {report.summary()}")


def organisation_by_slug(slug: str) -> Organisation:
    """The organisation with ``slug``, or a command error naming it."""
    owner = Organisation.objects.filter(slug=slug).first()
    if owner is None:
        raise CommandError(f"no organisation with slug {slug!r}")
    return owner
