"""The API's sign-in: ``POST /api/token/`` issues a token, ``POST /api/token/revoke/`` drops it.

Sign-in goes through Django's ``authenticate``, so django-axes counts wrong passwords here as
on the sign-in page; DRF's Request hides the lockout flag from axes' middleware, so this view
answers the lockout itself, from the same ``lockout_response``.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, status
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle
from rest_framework.views import APIView

from cinebridge.core.lockout import lockout_response
from cinebridge.core.tokens import ExpiringTokenAuthentication, token_issue


class TokenRateThrottle(SimpleRateThrottle):
    """Sign-in attempts per client address, at ``DEFAULT_THROTTLE_RATES["token"]``."""

    scope = "token"

    def get_rate(self) -> str | None:
        # read at each request, not at import, so the rate follows the settings
        rate: str | None = api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)
        return rate

    def get_cache_key(self, request: Request, view: Any) -> str:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class TokenObtainView(ObtainAuthToken):
    """Username and password in, ``{"token": key}`` out (a new key once the old one expired)."""

    throttle_classes = (TokenRateThrottle,)

    def post(self, request: Request, *args: Any, **kwargs: Any) -> Any:
        serializer = self.get_serializer(data=request.data)
        try:
            serializer.is_valid(raise_exception=True)
        except exceptions.ValidationError:
            if getattr(request, "axes_locked_out", False):
                return lockout_response(request._request)
            raise
        token = token_issue(user=serializer.validated_data["user"])
        return Response({"token": token.key})


class TokenRevokeView(APIView):
    """Revoke the token this request was made with; the next request with it gets 401."""

    authentication_classes = (ExpiringTokenAuthentication,)
    permission_classes = (IsAuthenticated,)

    @extend_schema(request=None, responses={204: None})
    def post(self, request: Request) -> Response:
        request.auth.delete()
        return Response(status=status.HTTP_204_NO_CONTENT)
