"""Organisations (the tenants) and their members."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    AGENCY = "agency", _("Film promotion agency")
    STUDIO = "studio", _("Studio / producer")
    DISTRIBUTOR = "distributor", _("Distributor")
    BROADCASTER = "broadcaster", _("Broadcaster")
    VOD = "vod", _("VOD service")
    FESTIVAL = "festival", _("Festival / market")
    NEWS_AGENCY = "news_agency", _("News agency")
    AUTHORITY = "authority", _("State authority")


class Role(models.TextChoices):
    ADMIN = "admin", _("Administrator")
    SALES = "sales", _("Sales")
    ACQUISITIONS = "acquisitions", _("Acquisitions")
    PRODUCER = "producer", _("Producer")
    PROGRAMMER = "programmer", _("Programmer")
    ANALYST = "analyst", _("Analyst")
    VIEWER = "viewer", _("Viewer")


class Organisation(models.Model):
    """A company or institution using the platform; owns titles, people and (later) deals.

    Its profile (name, kind, country, description) is public, like a market directory entry;
    its members and everything it owns privately are visible only to its members.
    """

    name = models.CharField(_("name"), max_length=200, unique=True)
    name_local = models.CharField(
        _("name in local script"), max_length=200, blank=True, help_text=_("e.g. Роскино, 中影集团")
    )
    slug = models.SlugField(max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)
    country = models.CharField(_("country"), max_length=2, help_text=_("ISO 3166-1 alpha-2 code"))
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """A user's role in an organisation; a user may belong to several organisations."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"], name="membership_unique_role"
            )
        ]
        ordering = ["organisation__name", "role"]

    def __str__(self) -> str:
        return f"{self.user} @ {self.organisation} ({self.role})"
