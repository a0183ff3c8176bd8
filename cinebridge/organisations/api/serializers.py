from rest_framework import serializers

from cinebridge.organisations.models import Organisation


class OrganisationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organisation
        fields = ["id", "slug", "name", "name_local", "kind", "country", "website", "description"]
        read_only_fields = ["id"]
