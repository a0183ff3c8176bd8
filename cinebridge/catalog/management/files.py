"""What the file commands share: arguments, the file format and the owner, as command errors."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import CommandError, CommandParser

from cinebridge.catalog.columns import FileFormat, UnsupportedFormat, format_of
from cinebridge.organisations.models import Organisation


def add_format_argument(parser: CommandParser) -> None:
    """``--format csv|xlsx``; by default the format follows the file's extension."""
    parser.add_argument(
        "--format", choices=[f.value for f in FileFormat], help="default: from the extension"
    )


def file_format(path: Path, explicit: str | None) -> FileFormat:
    """The file's format, or a command error saying which extensions are understood."""
    try:
        return format_of(path, explicit)
    except UnsupportedFormat as exc:
        raise CommandError(str(exc)) from None


def organisation_by_slug(slug: str) -> Organisation:
    """The organisation with ``slug``, or a command error naming it."""
    owner = Organisation.objects.filter(slug=slug).first()
    if owner is None:
        raise CommandError(f"no organisation with slug {slug!r}")
    return owner
