"""``cinebridge export avails OUT.xml|OUT.xlsx --org SLUG``: the organisation's rights in
(VOD media) as an EMA avails file.

An organisation without rights in for VOD media gets the spreadsheet template's header rows
(a valid, empty EMA spreadsheet); XML needs at least one avails:Avail, so the command says so
and exits with status 1, writing nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from cinebridge.catalog.management.files import organisation_by_slug
from cinebridge.rights.ema import avails_to_xlsx
from cinebridge.rights.ema_export import (
    EmaNothingToExport,
    ema_records,
    rights_in_export_ema_stream,
)


class Command(BaseCommand):
    help = "Export an organisation's rights in as an EMA avails file (.xml v2.5 or .xlsx v1.9)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument("--org", required=True, help="slug of the holder")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        holder = organisation_by_slug(options["org"])
        if path.suffix.lower() == ".xlsx":
            records = list(ema_records(holder))
            path.write_bytes(avails_to_xlsx(records))
            self.stdout.write(f"wrote {path} (xlsx) for {holder.name}: {len(records)} transactions")
            return
        try:
            chunks = rights_in_export_ema_stream(holder=holder)
        except EmaNothingToExport as nothing:
            raise CommandError(str(nothing)) from None
        count = 0
        with path.open("wb") as out:
            for chunk in chunks:
                count += chunk.count(b"<avails:Transaction")
                out.write(chunk)
        self.stdout.write(f"wrote {path} (xml) for {holder.name}: {count} transactions")
