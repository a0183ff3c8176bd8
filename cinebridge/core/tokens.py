"""API tokens: issued on sign-in, valid for ``API_TOKEN_LIFETIME``, revocable.

DRF's own ``Token`` model and ``Authorization: Token <key>`` header are kept, so clients and
tests do not change; a token older than the lifetime is refused with 401 and replaced by the
next sign-in on ``/api/token/``.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication
from rest_framework.authtoken.models import Token

TOKEN_EXPIRED = _("Token has expired.")


def token_is_expired(token: Token) -> bool:
    """Whether ``token`` was issued longer ago than the configured lifetime."""
    return bool(token.created + settings.API_TOKEN_LIFETIME <= timezone.now())


class ExpiringTokenAuthentication(TokenAuthentication):
    """DRF's token authentication, refusing tokens past their lifetime."""

    def authenticate_credentials(self, key: str) -> tuple[Any, Token]:
        user, token = super().authenticate_credentials(key)
        if token_is_expired(token):
            raise exceptions.AuthenticationFailed(TOKEN_EXPIRED)
        return user, token


@transaction.atomic
def token_issue(*, user: Any) -> Token:
    """The user's valid token: the current one, or a new one if it has expired."""
    token = Token.objects.select_for_update().filter(user=user).first()
    if token is not None and token_is_expired(token):
        token.delete()
        token = None
    return token or Token.objects.create(user=user)


def tokens_revoke(*, user: Any) -> int:
    """Delete every API token of ``user``; returns how many there were."""
    deleted, _ = Token.objects.filter(user=user).delete()
    return deleted
