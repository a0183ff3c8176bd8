"""The OpenAPI schema's error answers, declared in one place for every operation.

An operation's own ``extend_schema(responses=...)`` says what it answers with success and
with errors particular to it (409 for a deal's status). The errors every endpoint shares
come from how the API is built, so they are added here from the same facts:

- 400: the operation takes a body or query parameters (they are checked, and refused
  with the problems named);
- 401: anonymous callers are refused (token authentication answers 401, not 403);
- 403: a write, which needs an editing role in the organisation acting;
- 404: the path names an object, or an ``organisation`` parameter names one, which
  non-members get as 404 like unknown ones.
"""

from __future__ import annotations

from typing import Any

import uritemplate
from drf_spectacular.openapi import AutoSchema
from rest_framework.permissions import SAFE_METHODS, AllowAny, IsAuthenticatedOrReadOnly

DETAIL = {"type": "object", "properties": {"detail": {"type": "string"}}}
ERRORS = {
    "400": "the input has problems (each named with its field)",
    "401": "sign in first: no valid token or session",
    "403": "your role in the organisation does not allow this",
    "404": "no such object, or none you may see",
}


class ErrorsDeclaredSchema(AutoSchema):
    """drf-spectacular's AutoSchema plus the 400/401/403/404 answers the API gives."""

    def _get_response_bodies(self, direction: str = "response") -> dict[str, Any]:
        responses: dict[str, Any] = super()._get_response_bodies(direction)
        for code in self._error_codes():
            responses.setdefault(
                code,
                {
                    "description": ERRORS[code],
                    "content": {"application/json": {"schema": DETAIL}},
                },
            )
        return responses

    def _error_codes(self) -> list[str]:
        safe = self.method.upper() in SAFE_METHODS
        permissions = self.view.get_permissions()
        public = all(
            isinstance(p, AllowAny) or (safe and isinstance(p, IsAuthenticatedOrReadOnly))
            for p in permissions
        )
        parameters = self._get_parameters()
        in_query = {p["name"] for p in parameters if p["in"] == "query"}
        codes = []
        if (not safe and self.get_request_serializer() is not None) or in_query - {"page"}:
            codes.append("400")
        if not public:
            codes += ["401"] if safe else ["401", "403"]
        if uritemplate.variables(self.path) or "organisation" in in_query:
            codes.append("404")
        return codes
