from rest_framework import serializers

from cinebridge.core.reference import country_codes
from cinebridge.organisations.models import Organisation


class OrganisationSerializer(serializers.ModelSerializer):
    """An organisation's public profile."""

    class Meta:
        model = Organisation
        fields = ["id", "slug", "name", "name_local", "kind", "country", "website", "description"]
        read_only_fields = ["id"]

    def validate_country(self, value: str) -> str:
        if value.upper() not in country_codes():
            raise serializers.ValidationError(
                f"unknown country code {value!r}; use ISO 3166-1 alpha-2 such as RU, VN, CN"
            )
        return value.upper()
