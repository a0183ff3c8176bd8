"""The one way to record a change in the shared audit log."""

from __future__ import annotations

import datetime as dt
from contextvars import ContextVar
from decimal import Decimal
from typing import Any

from django.db import connection, models
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from cinebridge.core.models import AuditEntry, ChangeCounter

ACTION_LABELS = {
    "organisation.create": _("Organisation created"),
    "membership.add": _("Member added"),
    "title.create": _("Title created"),
    "title.update": _("Title changed"),
    "title.delete": _("Title deleted"),
    "titles.import": _("Titles imported"),
    "person.create": _("Person added"),
    "person.update": _("Person changed"),
    "rights_in.create": _("Rights in recorded"),
    "rights_in.update": _("Rights in changed"),
    "rights_in.delete": _("Rights in deleted"),
    "release_event.record": _("Release date recorded"),
    "deal.create": _("Deal created"),
    "deal.update": _("Deal changed"),
    "deal.draft": _("Deal created"),
    "deal.offered": _("Offered"),
    "deal.signed": _("Signed"),
    "deal.terminated": _("Terminated"),
    "deal.expired": _("Expired"),
}
"""How the history tables name each action the services record; others show their code."""


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, list | tuple | set):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def audit_record(
    *,
    actor: Any,
    action: str,
    obj: models.Model,
    changes: dict[str, Any] | None = None,
    organisation: Any = None,
) -> AuditEntry:
    """Append one entry: ``actor`` (a user or None for system jobs) did ``action`` to ``obj``."""
    owner = organisation if organisation is not None else getattr(obj, "owner", None)
    if owner is None and obj._meta.label_lower == "organisations.organisation":
        owner = obj
    user = actor if getattr(actor, "is_authenticated", False) else None
    return AuditEntry.objects.create(
        actor=user,
        organisation=owner,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=str(obj)[:300],
        changes=_plain(changes or {}),
    )


def audit_history(obj: models.Model) -> models.QuerySet[AuditEntry]:
    """The entries recorded for ``obj``, newest first."""
    return AuditEntry.objects.filter(
        object_type=obj._meta.label_lower, object_id=str(obj.pk)
    ).select_related("actor")


def counter_bump(name: str) -> None:
    """Increase the change counter ``name`` (inside the caller's transaction)."""
    memo = _request_counters.get()
    if memo is not None:
        memo.pop(name, None)
    updated = ChangeCounter.objects.filter(name=name).update(value=F("value") + 1)
    if not updated:
        counter, _ = ChangeCounter.objects.get_or_create(name=name)
        ChangeCounter.objects.filter(pk=counter.pk).update(value=F("value") + 1)


def counter_value(name: str) -> int:
    """The current value of the change counter ``name`` (0 if never bumped)."""
    return ChangeCounter.objects.filter(name=name).values_list("value", flat=True).first() or 0


def counter_stamp(name: str) -> tuple[str, int]:
    """(generation, value) of the change counter ``name`` (("", 0) if never bumped). A
    counter deleted (a test database flushed) and bumped again starts a new generation, so a
    cache keyed on the stamp never mistakes the new values for the old ones."""
    # Plain SQL: asked before every search, the ORM's query building cost more than the query.
    table = connection.ops.quote_name(ChangeCounter._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT generation, value FROM {table} WHERE name = %s", [name])
        found = cursor.fetchone()
    return (str(found[0]), int(found[1])) if found else ("", 0)


def counter_values(*names: str) -> tuple[int, ...]:
    """``counter_value`` of each name, read in one query."""
    found = dict(ChangeCounter.objects.filter(name__in=names).values_list("name", "value"))
    return tuple(found.get(name, 0) for name in names)


# A request sees one value of each counter it asks for: read on first use, kept until the
# request ends, so a page that builds twenty specs asks the database once. Another process's
# write is seen on the next request; a bump in this request is seen at once.
_request_counters: ContextVar[dict[str, int] | None] = ContextVar("request_counters", default=None)


def counter_memo_start(**_signal: Any) -> None:
    """``request_started`` receiver: counters read from now on are kept for the request."""
    _request_counters.set({})


def counter_memo_end(**_signal: Any) -> None:
    """``request_finished`` receiver: forget the request's counters."""
    _request_counters.set(None)


def counter_value_for_request(name: str) -> int:
    """``counter_value(name)``, read once per request (outside a request: on every call)."""
    memo = _request_counters.get()
    if memo is None:
        return counter_value(name)
    if name not in memo:
        memo[name] = counter_value(name)
    return memo[name]
