"""Middleware of our own: the query string obeys the text rule of every input (core.text).

A NUL in a query parameter (``?organisation=%00``) reached PostgreSQL in a lookup and was a
500 on many pages and endpoints; request bodies are checked by the forms, the spec
validators and the API parsers, the query string here, once, for every URL.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.utils.translation import gettext

from cinebridge.core.parsers import problems_detail
from cinebridge.core.text import payload_problems


class QueryTextMiddleware:
    """Answer 400 to a query string holding a control character (JSON for the API)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        params = {key: request.GET.getlist(key) for key in request.GET}
        problems = [(path.split("[")[0], problem) for path, problem in payload_problems(params)]
        if not problems:
            return self.get_response(request)
        if request.path.startswith("/api/"):
            return JsonResponse(problems_detail(problems), status=400)
        lines = [
            gettext("parameter {name}: {problem}").format(name=name, problem=problem.message)
            for name, problem in problems
        ]
        return HttpResponseBadRequest("\n".join(lines), content_type="text/plain; charset=utf-8")
