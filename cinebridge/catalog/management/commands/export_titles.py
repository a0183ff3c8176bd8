"""``cinebridge export titles FILE [--owner SLUG] [--format csv|xlsx]``.

With ``--owner`` it exports that organisation's titles, drafts and private fields included
(the command runs as the system, on the operator's behalf); without it, every published title
as a signed-in trade user sees it (credits, versions, screeners; no private fields). The file is in the import format (docs/formats.md).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from cinebridge.catalog.exports import titles_export, titles_to_export
from cinebridge.catalog.management.files import (
    add_format_argument,
    file_format,
    organisation_by_slug,
)
from cinebridge.catalog.visibility import ACCESS_OWNER, ACCESS_TRADE, title_view


class Command(BaseCommand):
    help = "Export titles to a CSV or XLSX file in the import format (docs/formats.md)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="a .csv or .xlsx file to write")
        parser.add_argument(
            "--owner", help="slug of the organisation (default: all published titles)"
        )
        add_format_argument(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        chosen_format = file_format(path, options["format"])
        if not path.parent.is_dir():
            raise CommandError(f"folder not found: {path.parent}")
        owner = organisation_by_slug(options["owner"]) if options["owner"] else None
        view = title_view(ACCESS_OWNER if owner else ACCESS_TRADE)
        count = titles_export(
            titles=titles_to_export(owner=owner),
            path_or_file=path,
            file_format=chosen_format,
            view_for=lambda title: view,
        )
        whose = f"{owner.name}'s titles" if owner else "published titles"
        self.stdout.write(f"exported {count} {whose} to {path}")
