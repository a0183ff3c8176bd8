"""Rights API shapes. Reads are plain serializers over models and ``selectors.CellView``;
writes are validated by ``rights.specs`` (the serializers named ``...Write`` only document
the input for the OpenAPI schema), so the API refuses exactly what the importers refuse."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cinebridge.engines.avails import Match, Status
from cinebridge.rights.models import DealStatus, FeeKind, ReleaseEventKind
from cinebridge.rights.selectors import scope_text


def _enum_field(name: str, values: list[str]) -> type[serializers.CharField]:
    """A string field whose values are one named schema component (the catalog also has a
    ``status`` with other values, so the enums cannot be named after the field)."""
    field_class = type(name, (serializers.CharField,), {"__doc__": ", ".join(values)})
    schema = {"type": "string", "enum": values}
    return extend_schema_field(schema, component_name=name)(field_class)  # type: ignore[no-any-return]


MATCH_CHOICES = [m.value for m in Match]
STATUS_CHOICES = [s.value for s in Status]
AvailsStatusField = _enum_field("AvailsStatusEnum", STATUS_CHOICES)
STATUS_HELP = (
    "available: one window (the whole period for match=entire, at least min_days for "
    "match=overlap) in which every territory x medium asked is free at once; partial: not "
    "available, but some territory x medium is free for at least min_days (one day when 0); "
    "unavailable: neither, or a wanted language version is missing"
)
DealStatusField = _enum_field("DealStatusEnum", list(DealStatus.values))
ReleaseEventField = _enum_field("ReleaseEventEnum", list(ReleaseEventKind.values))


# -- errors ---------------------------------------------------------------------------------


class ProblemSerializer(serializers.Serializer):
    field = serializers.CharField(help_text='e.g. "grants[1].territories"')
    code = serializers.CharField(help_text="a RightsError code, e.g. unknown_territory")
    message = serializers.CharField()


class ProblemsSerializer(serializers.Serializer):
    """Every problem with the input at once (400)."""

    problems = ProblemSerializer(many=True)


class StateErrorSerializer(serializers.Serializer):
    """The deal's status does not allow the action (409)."""

    code = serializers.CharField(help_text="not_editable or bad_transition")
    message = serializers.CharField()
    status = DealStatusField()


# -- avails ---------------------------------------------------------------------------------


class ReasonSerializer(serializers.Serializer):
    """Why a cell is blocked; the deal is named only to its parties."""

    code = serializers.CharField(help_text="not_held, exclusive_licence, holdback...")
    text = serializers.CharField()
    deal_id = serializers.IntegerField(allow_null=True)
    deal_reference = serializers.CharField(allow_blank=True)
    until = serializers.DateField(
        allow_null=True, help_text="the blocking record's end (null: open)"
    )
    provisional = serializers.BooleanField()
    languages = serializers.ListField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text="the blocking record's languages as [[tag, usage], ...]; [] when it blocks "
        "every language",
    )


class CellSerializer(serializers.Serializer):
    """Territories x media x [start, end) with one answer (end null: open)."""

    territories = serializers.CharField()
    media = serializers.CharField()
    start = serializers.DateField()
    end = serializers.DateField(allow_null=True)
    languages = serializers.ListField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text="[[tag, usage], ...] when language-limited licences split the languages "
        'asked (["*", "*"]: every language none of them names); [] otherwise',
    )
    reasons = ReasonSerializer(many=True)


class TitleRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    reference = serializers.CharField(allow_blank=True)
    original_title = serializers.CharField()


class AvailsTitleRowSerializer(TitleRefSerializer):
    status = AvailsStatusField(help_text=STATUS_HELP)


class AvailsCountsSerializer(serializers.Serializer):
    available = serializers.IntegerField()
    partial = serializers.IntegerField()
    unavailable = serializers.IntegerField()


class AvailsListSerializer(serializers.Serializer):
    organisation = serializers.CharField(help_text="slug of the rights holder asked about")
    counts = AvailsCountsSerializer(help_text="over every title of the answer you may see")
    count = serializers.IntegerField(help_text="titles listed (after the status filter)")
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = AvailsTitleRowSerializer(many=True)


class LanguageMetSerializer(serializers.Serializer):
    """Which language version met a wanted one."""

    wanted = serializers.CharField(
        help_text="the language asked, resolved for the territories asked (zh for CN: zh-Hans)"
    )
    usage = serializers.CharField(help_text="audio, subtitles or voice_over")
    version = serializers.CharField(help_text="the title's version that met it, e.g. zh-CN")


class AvailsTitleSerializer(serializers.Serializer):
    organisation = serializers.CharField()
    title = TitleRefSerializer()
    status = AvailsStatusField(help_text=STATUS_HELP)
    free = CellSerializer(many=True)
    blocked = CellSerializer(many=True)
    warnings = CellSerializer(many=True, help_text="free cells under a soft holdback")
    languages = LanguageMetSerializer(
        many=True,
        help_text="for each language asked that a version meets (by language, script and "
        "region), the version; one missing makes the title unavailable (no_language_version)",
    )


# -- deals ----------------------------------------------------------------------------------


class PartySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    slug = serializers.CharField()
    name = serializers.CharField()


class _ScopedSerializer(serializers.Serializer):
    """Fields every scoped, dated record shares (grants, holdbacks, rights in)."""

    id = serializers.IntegerField()
    title = TitleRefSerializer()
    territories = serializers.SerializerMethodField()
    exclude_territories = serializers.SerializerMethodField()
    media = serializers.SerializerMethodField()
    exclude_media = serializers.SerializerMethodField()
    territories_text = serializers.SerializerMethodField()
    media_text = serializers.SerializerMethodField()
    start = serializers.DateField(help_text="resolved start")
    end = serializers.DateField(allow_null=True, help_text="resolved end (null: open)")
    provisional = serializers.BooleanField(help_text="an event date it hangs on is not known yet")
    start_event = serializers.CharField(allow_blank=True)
    start_event_territory = serializers.CharField(allow_blank=True)
    start_offset_days = serializers.IntegerField()
    end_event = serializers.CharField(allow_blank=True)
    end_event_territory = serializers.CharField(allow_blank=True)
    end_offset_days = serializers.IntegerField()
    duration_days = serializers.IntegerField(allow_null=True)

    @staticmethod
    def _keys(obj: Any, axis: str, excluded: bool) -> list[str]:
        return [s.key for s in obj.scopes.all() if s.axis == axis and s.excluded == excluded]

    def get_territories(self, obj: Any) -> list[str]:
        return self._keys(obj, "t", False)

    def get_exclude_territories(self, obj: Any) -> list[str]:
        return self._keys(obj, "t", True)

    def get_media(self, obj: Any) -> list[str]:
        return self._keys(obj, "m", False)

    def get_exclude_media(self, obj: Any) -> list[str]:
        return self._keys(obj, "m", True)

    def get_territories_text(self, obj: Any) -> str:
        return scope_text(obj.scopes.all(), "t")

    def get_media_text(self, obj: Any) -> str:
        return scope_text(obj.scopes.all(), "m")


@extend_schema_field({"type": "array", "items": {"type": "array", "items": {"type": "string"}}})
class LanguagesField(serializers.JSONField):
    """[[BCP 47 tag, usage], ...] with usage audio, subtitles or voice_over."""


class GrantSerializer(_ScopedSerializer):
    exclusive = serializers.BooleanField()
    languages = LanguagesField()


class HoldbackSerializer(_ScopedSerializer):
    hard = serializers.BooleanField(help_text="false: a soft holdback only warns")
    note = serializers.CharField(allow_blank=True)


class DealSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    reference = serializers.CharField()
    status = DealStatusField()
    licensor = PartySerializer(source="owner")
    licensee = PartySerializer()
    fee_kind = serializers.ChoiceField(choices=FeeKind.choices)
    fee_amount = serializers.DecimalField(max_digits=16, decimal_places=2, allow_null=True)
    fee_currency = serializers.CharField(allow_blank=True)
    signed_at = serializers.DateTimeField(allow_null=True)
    terminated_on = serializers.DateField(allow_null=True)
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()


class DealSerializer(DealSummarySerializer):
    """A deal's terms, shown to members of its two parties only (the licensee's from the offer
    on). Give the viewer's organisation ids as context ``viewer_org_ids``: internal notes are
    null unless the viewer is a member of the licensor."""

    internal_notes = serializers.CharField(
        allow_blank=True, allow_null=True, help_text="the licensor's only (null for the licensee)"
    )
    shared_notes = serializers.CharField(allow_blank=True, help_text="both parties read these")
    grants = GrantSerializer(many=True, source="grants.all")
    holdbacks = HoldbackSerializer(many=True, source="holdbacks.all")

    def to_representation(self, instance: Any) -> dict[str, Any]:
        data: dict[str, Any] = super().to_representation(instance)
        if instance.owner_id not in self.context.get("viewer_org_ids", ()):
            data["internal_notes"] = None
        return data


class _PeriodWriteSerializer(serializers.Serializer):
    start = serializers.DateField(required=False, help_text="YYYY-MM-DD, or give start_event")
    start_event = ReleaseEventField(required=False)
    start_event_territory = serializers.CharField(required=False)
    start_offset_days = serializers.IntegerField(required=False)
    end = serializers.DateField(required=False, help_text="exclusive end; omit for open-ended")
    end_event = ReleaseEventField(required=False)
    end_event_territory = serializers.CharField(required=False)
    end_offset_days = serializers.IntegerField(required=False)
    duration_days = serializers.IntegerField(required=False)
    territories = serializers.ListField(
        child=serializers.CharField(), help_text="VN, 035 (M49), 001 (World), CIS, ASEAN..."
    )
    exclude_territories = serializers.ListField(child=serializers.CharField(), required=False)
    media = serializers.ListField(child=serializers.CharField(), help_text="ALL, TV, VOD, SVOD...")
    exclude_media = serializers.ListField(child=serializers.CharField(), required=False)


class GrantWriteSerializer(_PeriodWriteSerializer):
    titles = serializers.ListField(child=serializers.CharField(), help_text="ids or references")
    exclusive = serializers.BooleanField(required=False)
    languages = LanguagesField(required=False)


class HoldbackWriteSerializer(_PeriodWriteSerializer):
    titles = serializers.ListField(
        child=serializers.CharField(), required=False, help_text="default: every title of the deal"
    )
    hard = serializers.BooleanField(required=False)
    note = serializers.CharField(required=False)


class DealWriteSerializer(serializers.Serializer):
    """A deal as input; checked as a whole by ``rights.spec_readers.deal_spec_from_raw``."""

    licensor = serializers.CharField(
        required=False,
        help_text="slug or id (create only; default: ?organisation or your only one)",
    )
    licensee = serializers.CharField(help_text="organisation slug or id")
    reference = serializers.CharField(required=False, help_text="default: D-<year>-<n>")
    fee_kind = serializers.ChoiceField(choices=FeeKind.choices, required=False)
    fee_amount = serializers.DecimalField(max_digits=16, decimal_places=2, required=False)
    fee_currency = serializers.CharField(required=False, help_text="ISO 4217")
    internal_notes = serializers.CharField(
        required=False, help_text="seen by your organisation's members only"
    )
    shared_notes = serializers.CharField(required=False, help_text="seen by both parties")
    grants = GrantWriteSerializer(many=True)
    holdbacks = HoldbackWriteSerializer(many=True, required=False)


class ConflictSerializer(serializers.Serializer):
    """What stands in one grant's way: blocked cells (hard) and warnings (soft holdbacks)."""

    grant_id = serializers.IntegerField()
    title = TitleRefSerializer()
    blocked = CellSerializer(many=True)
    warnings = CellSerializer(many=True)


class DealCheckSerializer(serializers.Serializer):
    may_sign = serializers.BooleanField()
    conflicts = ConflictSerializer(many=True)


class DealConflictSerializer(serializers.Serializer):
    """Signing was refused (409): nothing was written."""

    code = serializers.CharField(help_text="conflict")
    message = serializers.CharField()
    conflicts = ConflictSerializer(many=True)


class DealSignedSerializer(serializers.Serializer):
    deal = DealSerializer()
    warnings = ConflictSerializer(many=True)


class TerminateSerializer(serializers.Serializer):
    on = serializers.DateField(help_text="the day the deal's grants and holdbacks stop")


class HistoryEntrySerializer(serializers.Serializer):
    at = serializers.DateTimeField(source="created_at")
    actor = serializers.CharField(source="actor.username", allow_null=True, default=None)
    action = serializers.CharField()
    changes = serializers.JSONField()


# -- rights in ------------------------------------------------------------------------------


class RightsInSerializer(_ScopedSerializer):
    holder = PartySerializer(source="owner")
    exclusive = serializers.BooleanField()
    source_contract = serializers.CharField()
    licensor_name = serializers.CharField(allow_blank=True)
    external_id = serializers.CharField(allow_blank=True)
    notes = serializers.CharField(allow_blank=True)


class RightsInWriteSerializer(_PeriodWriteSerializer):
    holder = serializers.CharField(
        required=False, help_text="slug or id (default: ?organisation or your only one)"
    )
    title = serializers.CharField(help_text="title id or reference")
    exclusive = serializers.BooleanField(required=False, default=True)
    source_contract = serializers.CharField()
    licensor_name = serializers.CharField(required=False)
    external_id = serializers.CharField(required=False)
    notes = serializers.CharField(required=False)


# -- reference data -------------------------------------------------------------------------


class TerritorySerializer(serializers.Serializer):
    code = serializers.CharField(help_text="ISO 3166-1 alpha-2 or UN M49")
    name = serializers.CharField(help_text="in the request language")
    kind = serializers.CharField()
    parent = serializers.CharField(allow_null=True)


class TerritoryGroupVersionSerializer(serializers.Serializer):
    key = serializers.CharField(help_text='selection key, e.g. "CIS@2"')
    version = serializers.IntegerField()
    valid_from = serializers.DateField()
    members = serializers.ListField(child=serializers.CharField())
    note = serializers.CharField(allow_blank=True)


class TerritoryGroupSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    description = serializers.CharField(allow_blank=True)
    versions = TerritoryGroupVersionSerializer(many=True)


class TerritoriesSerializer(serializers.Serializer):
    territories = TerritorySerializer(many=True, help_text="World > region > ... > country")
    groups = TerritoryGroupSerializer(many=True)


class MediumSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField(help_text="in the request language")
    parent = serializers.CharField(allow_null=True)
