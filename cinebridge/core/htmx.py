"""Tell an htmx partial request from a full page load."""

from __future__ import annotations

from django.http import HttpRequest


def is_partial(request: HttpRequest) -> bool:
    """True when htmx asked for a fragment (and not a boosted full page)."""
    htmx = getattr(request, "htmx", None)
    return bool(htmx) and not htmx.boosted and not htmx.history_restore_request


def pick_template(request: HttpRequest, full: str, partial: str) -> str:
    """``partial`` for htmx fragment requests, else ``full``."""
    return partial if is_partial(request) else full
