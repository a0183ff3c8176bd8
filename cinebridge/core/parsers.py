"""DRF parsers that refuse text no input may hold (``core.text``) in every API request body.

Set as ``DEFAULT_PARSER_CLASSES``, so every endpoint gets the check without code of its own:
a NUL, another C0 control character or a lone surrogate anywhere in a JSON, form or
multipart body is a 400 naming its field, before a serializer or the database sees it.
"""

from __future__ import annotations

from typing import Any

from rest_framework import parsers
from rest_framework.exceptions import ValidationError

from cinebridge.core.text import TextProblem, payload_problems


def problems_detail(problems: list[tuple[str, TextProblem]]) -> dict[str, Any]:
    """The 400 body: the messages by field, as DRF gives them, and ``problems`` with codes."""
    detail: dict[str, Any] = {}
    for path, problem in problems:
        detail.setdefault(path or "body", []).append(problem.message)
    detail["problems"] = [
        {"field": path or "body", "code": problem.code.value, "message": problem.message}
        for path, problem in problems
    ]
    return detail


def checked(data: Any) -> Any:
    """``data`` unchanged, or a ValidationError (400) naming every bad string's field."""
    problems = list(payload_problems(data))
    if problems:
        raise ValidationError(problems_detail(problems))
    return data


def _plain(data: Any) -> Any:
    """A QueryDict as a dict of lists (every value of a repeated key is checked)."""
    return {key: data.getlist(key) for key in data} if hasattr(data, "getlist") else data


class JSONParser(parsers.JSONParser):
    def parse(self, stream: Any, media_type: Any = None, parser_context: Any = None) -> Any:
        return checked(super().parse(stream, media_type, parser_context))


class FormParser(parsers.FormParser):
    def parse(self, stream: Any, media_type: Any = None, parser_context: Any = None) -> Any:
        data = super().parse(stream, media_type, parser_context)
        checked(_plain(data))
        return data


class MultiPartParser(parsers.MultiPartParser):
    """Checks the form fields; uploaded files are the importers' to check, cell by cell."""

    def parse(self, stream: Any, media_type: Any = None, parser_context: Any = None) -> Any:
        parsed = super().parse(stream, media_type, parser_context)
        checked(_plain(parsed.data))
        return parsed
