"""Models every app shares: the audit log and the owned-by-organisation mixin."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    """One change made by a write service: who did what to which object, and when.

    Every app writes here through ``cinebridge.core.audit.audit_record``; histories (of a title,
    a deal, a decision, a figure) are read back from this one table.
    """

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The organisation that owns the changed object.",
    )
    action = models.CharField(max_length=64)
    object_type = models.CharField(max_length=64)
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField(max_length=300, blank=True)
    changes = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id", "-created_at"])]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.object_type}#{self.object_id}"


class OwnedModel(models.Model):
    """Mixin for tenant data: every row belongs to exactly one organisation."""

    owner = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("owner"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class ChangeCounter(models.Model):
    """A monotonically increasing counter per named collection (e.g. ``catalog.search``).

    A process that keeps an index in memory compares its copy's number with this row before
    answering and rebuilds when another process has written since.
    """

    name = models.CharField(max_length=64, primary_key=True)
    value = models.BigIntegerField(default=0)
    generation = models.UUIDField(
        default=uuid.uuid4,
        editable=False,
        help_text="New whenever the row is created: values counted since cannot be confused "
        "with those of a deleted counter (a flushed test database)",
    )

    def __str__(self) -> str:
        return f"{self.name}={self.value}"
