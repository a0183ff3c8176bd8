"""cinebridge token revoke USERNAME: delete every API token of a user (they sign in again)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from cinebridge.core.tokens import tokens_revoke


class Command(BaseCommand):
    help = "Revoke every API token of a user."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")

    def handle(self, *args: Any, username: str, **options: Any) -> None:
        user = get_user_model()._default_manager.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user named {username!r}.")
        count = tokens_revoke(user=user)
        self.stdout.write(f"Revoked {count} token(s) of {username}.")
