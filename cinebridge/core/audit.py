"""The one way to record a change in the shared audit log."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import models
from django.db.models import F

from cinebridge.core.models import AuditEntry, ChangeCounter


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
    updated = ChangeCounter.objects.filter(name=name).update(value=F("value") + 1)
    if not updated:
        counter, _ = ChangeCounter.objects.get_or_create(name=name)
        ChangeCounter.objects.filter(pk=counter.pk).update(value=F("value") + 1)


def counter_value(name: str) -> int:
    """The current value of the change counter ``name`` (0 if never bumped)."""
    return ChangeCounter.objects.filter(name=name).values_list("value", flat=True).first() or 0
