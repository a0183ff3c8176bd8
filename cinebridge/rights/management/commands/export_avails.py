"""``cinebridge export avails OUT.xml|OUT.xlsx --org SLUG``: the organisation's rights in
(VOD media) as an EMA avails file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from cinebridge.catalog.management.files import organisation_by_slug
from cinebridge.rights.ema_exchange import rights_in_export_ema


class Command(BaseCommand):
    help = "Export an organisation's rights in as an EMA avails file (.xml v2.5 or .xlsx v1.9)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument("--org", required=True, help="slug of the holder")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        holder = organisation_by_slug(options["org"])
        fmt = "xlsx" if path.suffix.lower() == ".xlsx" else "xml"
        path.write_bytes(rights_in_export_ema(holder=holder, fmt=fmt))
        self.stdout.write(f"wrote {path} ({fmt}) for {holder.name}")
