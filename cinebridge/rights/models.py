"""Rights and deals: taxonomies, rights in, deals with grants and holdbacks, release events.

Territories and media are trees stored as data (loaded from ``rights/data``), with
cross-cutting territory groups that keep every membership version. A record's scope is a
list of selection keys (a node code such as ``VN``, ``035`` or ``VOD``, or a group version
such as ``CIS@2``), each included or excluded. ``TerritoryLeaf``/``MediumLeaf`` expand a
key to its leaves for SQL. Periods are half-open [start, end); a null end is open.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cinebridge.core.models import OwnedModel


class TerritoryKind(models.TextChoices):
    WORLD = "world", _("World")
    REGION = "region", _("Region")
    SUBREGION = "subregion", _("Sub-region")
    INTERMEDIATE = "intermediate", _("Intermediate region")
    COUNTRY = "country", _("Country")


class Territory(models.Model):
    """A node of the territory tree: World, a UN M49 region or sub-region, or a country."""

    code = models.CharField(max_length=8, primary_key=True, help_text="ISO 3166-1 alpha-2 or M49")
    name = models.CharField(max_length=120)
    kind = models.CharField(max_length=16, choices=TerritoryKind.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position"]
        verbose_name_plural = _("territories")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class TerritoryGroup(models.Model):
    """A named set of countries across the tree (CIS, Greater China), with versions."""

    code = models.CharField(max_length=32, primary_key=True)
    name = models.CharField(max_length=120)
    description = models.TextField(blank=True)

    def __str__(self) -> str:
        return self.name


class TerritoryGroupVersion(models.Model):
    """One membership of a group, valid from a date; selections keep the version they used."""

    group = models.ForeignKey(TerritoryGroup, on_delete=models.CASCADE, related_name="versions")
    version = models.PositiveIntegerField()
    valid_from = models.DateField()
    members = models.JSONField(help_text="country codes")
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["group", "version"]
        constraints = [
            models.UniqueConstraint(fields=["group", "version"], name="group_version_unique")
        ]

    def __str__(self) -> str:
        return self.key

    @property
    def key(self) -> str:
        return f"{self.group_id}@{self.version}"


class Medium(models.Model):
    """A node of the media tree: All media > TV > Pay TV > Premium..."""

    code = models.CharField(max_length=24, primary_key=True)
    name = models.CharField(max_length=120)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position"]
        verbose_name_plural = _("media")

    def __str__(self) -> str:
        return self.name


class TerritoryLeaf(models.Model):
    """Closure row: selection key (node or group version) -> one country under it."""

    key = models.CharField(max_length=40)
    leaf = models.CharField(max_length=8)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["key", "leaf"], name="territory_leaf_unique")
        ]
        indexes = [models.Index(fields=["leaf", "key"])]

    def __str__(self) -> str:
        return f"{self.key} > {self.leaf}"


class MediumLeaf(models.Model):
    """Closure row: medium node -> one leaf medium under it."""

    key = models.CharField(max_length=24)
    leaf = models.CharField(max_length=24)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["key", "leaf"], name="medium_leaf_unique")]
        indexes = [models.Index(fields=["leaf", "key"])]

    def __str__(self) -> str:
        return f"{self.key} > {self.leaf}"


class Axis(models.TextChoices):
    TERRITORY = "t", _("territory")
    MEDIUM = "m", _("medium")


class ScopeRow(models.Model):
    """One selection key of a record's scope: a territory or medium, included or excluded."""

    axis = models.CharField(max_length=1, choices=Axis.choices)
    key = models.CharField(max_length=40)
    excluded = models.BooleanField(default=False)

    class Meta:
        abstract = True
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{'-' if self.excluded else ''}{self.key}"


class ReleaseEventKind(models.TextChoices):
    THEATRICAL_RELEASE = "theatrical_release", _("Theatrical release")
    TV_PREMIERE = "tv_premiere", _("TV premiere")
    VOD_RELEASE = "vod_release", _("VOD release")
    FESTIVAL_PREMIERE = "festival_premiere", _("Festival premiere")


class ReleaseEvent(OwnedModel):
    """A dated event of a title in a territory that relative periods hang on."""

    title = models.ForeignKey(
        "catalog.Title", on_delete=models.CASCADE, related_name="release_events"
    )
    kind = models.CharField(max_length=24, choices=ReleaseEventKind.choices)
    territory = models.CharField(max_length=8)
    date = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["title", "kind", "territory"], name="release_event_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.territory} {self.date}"


class PeriodFields(models.Model):
    """A period given by dates or relative to a release event, and its resolved dates.

    start: a date, or event + offset days. end: a date, event + offset days, start +
    duration days, or open. ``start``/``end`` hold the resolved dates the engine and SQL
    use; while an event date is unknown they hold conservative stand-ins and
    ``provisional`` is set.
    """

    start = models.DateField()
    end = models.DateField(null=True, blank=True)
    provisional = models.BooleanField(default=False)
    start_event = models.CharField(max_length=24, blank=True, choices=ReleaseEventKind.choices)
    start_event_territory = models.CharField(max_length=8, blank=True)
    start_offset_days = models.IntegerField(default=0)
    end_event = models.CharField(max_length=24, blank=True, choices=ReleaseEventKind.choices)
    end_event_territory = models.CharField(max_length=8, blank=True)
    end_offset_days = models.IntegerField(default=0)
    duration_days = models.PositiveIntegerField(null=True, blank=True)
    start_given = models.DateField(null=True, blank=True)
    end_given = models.DateField(null=True, blank=True)

    class Meta:
        abstract = True


class RightsIn(OwnedModel, PeriodFields):
    """What the owner (holder) owns or represents of a title, from a source contract."""

    title = models.ForeignKey("catalog.Title", on_delete=models.CASCADE, related_name="rights_in")
    exclusive = models.BooleanField(default=True)
    source_contract = models.CharField(max_length=200)
    licensor_name = models.CharField(max_length=200, blank=True)
    source_deal = models.ForeignKey(
        "rights.Deal", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    external_id = models.CharField(
        max_length=200, blank=True, help_text="e.g. EMA ALID/TransactionID"
    )
    notes = models.TextField(blank=True)
    #: The EMA terms of the transaction this record came from (price first, then SRP, TPR
    #: prices, SuppressionLiftDate...), as {"name", "kind", "value", "currency"} objects
    #: with money as a decimal string; written back on export (``rights/ema_terms.py``).
    ema_terms = models.JSONField(default=list, blank=True)
    #: For an EMA episode, season or volume: what it is of the series this record's title
    #: is (work type, season and episode numbers, a volume's run of episodes, the asset's
    #: own title and content IDs), so an export says it again (``rights/ema_terms.py``).
    ema_asset = models.JSONField(default=dict, blank=True)

    class Meta:
        indexes = [models.Index(fields=["owner", "title"]), models.Index(fields=["external_id"])]
        verbose_name = _("rights in")
        verbose_name_plural = _("rights in")

    def __str__(self) -> str:
        return f"{self.title} ({self.source_contract})"


class RightsInScope(ScopeRow):
    rights = models.ForeignKey(RightsIn, on_delete=models.CASCADE, related_name="scopes")

    class Meta(ScopeRow.Meta):
        # Covering: the avails index reads every record of each distinct scope row from it.
        indexes = [models.Index(fields=["axis", "key", "excluded", "rights"])]


class DealStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OFFERED = "offered", _("Offered")
    SIGNED = "signed", _("Signed")
    EXPIRED = "expired", _("Expired")
    TERMINATED = "terminated", _("Terminated")


class FeeKind(models.TextChoices):
    LICENCE_FEE = "licence_fee", _("Licence fee")
    MINIMUM_GUARANTEE = "minimum_guarantee", _("Minimum guarantee")
    REVENUE_SHARE = "revenue_share", _("Revenue share only")


class Deal(OwnedModel):
    """A licence from the owner (licensor) to a licensee: financial terms, grants, holdbacks.

    Terms are visible only to members of the two parties, and to the licensee's only from
    the offer on (``selectors.deal_parties``); internal notes only to the licensor's.
    """

    reference = models.CharField(max_length=40)
    licensee = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(max_length=12, choices=DealStatus.choices, default=DealStatus.DRAFT)
    fee_kind = models.CharField(max_length=20, choices=FeeKind.choices, default=FeeKind.LICENCE_FEE)
    fee_amount = models.DecimalField(max_digits=16, decimal_places=2, null=True, blank=True)
    fee_currency = models.CharField(max_length=3, blank=True)
    signed_at = models.DateTimeField(null=True, blank=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    terminated_on = models.DateField(null=True, blank=True)
    internal_notes = models.TextField(blank=True, help_text="the licensor's members only")
    shared_notes = models.TextField(blank=True, help_text="both parties")

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "reference"], name="deal_reference_unique")
        ]
        indexes = [models.Index(fields=["status"]), models.Index(fields=["licensee", "status"])]

    def __str__(self) -> str:
        return self.reference


class Grant(PeriodFields):
    """One title of a deal: territories x media x period x languages x exclusivity."""

    deal = models.ForeignKey(Deal, on_delete=models.CASCADE, related_name="grants")
    title = models.ForeignKey("catalog.Title", on_delete=models.PROTECT, related_name="grants")
    exclusive = models.BooleanField(default=False)
    languages = models.JSONField(default=list, blank=True, help_text="[[tag, usage], ...]")
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        indexes = [models.Index(fields=["title", "start"])]

    def __str__(self) -> str:
        return f"{self.deal} / {self.title_id}"


class GrantScope(ScopeRow):
    grant = models.ForeignKey(Grant, on_delete=models.CASCADE, related_name="scopes")

    class Meta(ScopeRow.Meta):
        indexes = [models.Index(fields=["axis", "key", "excluded", "grant"])]


class Holdback(PeriodFields):
    """A period in which the licensor may not exploit a medium in some territories."""

    deal = models.ForeignKey(Deal, on_delete=models.CASCADE, related_name="holdbacks")
    title = models.ForeignKey("catalog.Title", on_delete=models.PROTECT, related_name="holdbacks")
    hard = models.BooleanField(default=True)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.deal} holdback {self.title_id}"


class HoldbackScope(ScopeRow):
    holdback = models.ForeignKey(Holdback, on_delete=models.CASCADE, related_name="scopes")

    class Meta(ScopeRow.Meta):
        indexes = [models.Index(fields=["axis", "key", "excluded", "holdback"])]


class AvailsChangeKind(models.TextChoices):
    DEAL = "deal", _("deal signed or changed")
    RIGHTS = "rights", _("rights in changed")
    TITLE = "title", _("title versions changed")
    ALL = "all", _("rebuild everything")


class AvailsChange(models.Model):
    """The change log that keeps every process's in-memory avails index true.

    Each write that changes what the engine sees appends a row in its transaction; a
    process compares the newest id with the one its index has seen and replays the rest.
    """

    kind = models.CharField(max_length=8, choices=AvailsChangeKind.choices)
    object_id = models.BigIntegerField(null=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.kind}:{self.object_id}"
