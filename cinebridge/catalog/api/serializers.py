"""Catalog API shapes. Reads are shaped by the caller's access level; writes go through
``specs.title_spec_from_raw`` so the API refuses exactly what the importer refuses."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from cinebridge.catalog.errors import CatalogError, message
from cinebridge.catalog.models import Person, Title
from cinebridge.catalog.visibility import ACCESS_PUBLIC, title_view
from cinebridge.core.reference import country_codes, normalise_language_tag


class LocalisedTitleSerializer(serializers.Serializer):
    language = serializers.CharField()
    text = serializers.CharField()
    kind = serializers.CharField(required=False)


class SynopsisSerializer(serializers.Serializer):
    language = serializers.CharField()
    text = serializers.CharField()


class CreditSerializer(serializers.Serializer):
    role = serializers.CharField()
    name = serializers.CharField()
    character = serializers.CharField(required=False, allow_blank=True)
    person_id = serializers.IntegerField(read_only=True)


class VersionSerializer(serializers.Serializer):
    language = serializers.CharField()
    kind = serializers.CharField()


class AssetSerializer(serializers.Serializer):
    kind = serializers.CharField()
    url = serializers.CharField()
    language = serializers.CharField(required=False, allow_blank=True)
    label = serializers.CharField(required=False, allow_blank=True)


class EpisodeSerializer(serializers.Serializer):
    season = serializers.IntegerField()
    number = serializers.IntegerField()
    original_title = serializers.CharField(required=False, allow_blank=True)
    english_title = serializers.CharField(required=False, allow_blank=True)
    runtime_minutes = serializers.IntegerField(required=False, allow_null=True)


class TitleSerializer(serializers.Serializer):
    """A title. ``credits``, ``versions``, screeners need a signed-in caller; ``internal_notes``
    and ``asking_price`` are returned to the owner's members only."""

    id = serializers.IntegerField(read_only=True)
    owner = serializers.CharField(source="owner.slug", read_only=True)
    reference = serializers.CharField(required=False, allow_blank=True)
    kind = serializers.CharField()
    status = serializers.CharField(required=False)
    original_title = serializers.CharField()
    original_language = serializers.CharField()
    year = serializers.IntegerField(required=False, allow_null=True)
    runtime_minutes = serializers.IntegerField(required=False, allow_null=True)
    countries = serializers.ListField(child=serializers.CharField(), required=False)
    genres = serializers.ListField(child=serializers.CharField(), required=False)
    localised_titles = LocalisedTitleSerializer(many=True, required=False)
    synopses = SynopsisSerializer(many=True, required=False)
    credits = CreditSerializer(many=True, required=False)
    versions = VersionSerializer(many=True, required=False)
    assets = AssetSerializer(many=True, required=False)
    episodes = EpisodeSerializer(many=True, required=False)
    internal_notes = serializers.CharField(required=False, allow_blank=True)
    asking_price = serializers.DecimalField(
        max_digits=14, decimal_places=2, required=False, allow_null=True
    )
    asking_currency = serializers.CharField(required=False, allow_blank=True)
    popularity = serializers.IntegerField(required=False)
    eidr = serializers.CharField(
        required=False, allow_blank=True, help_text="10.5240/XXXX-XXXX-XXXX-XXXX-XXXX-C"
    )
    isan = serializers.CharField(
        required=False, allow_blank=True, help_text="ISAN XXXX-XXXX-XXXX-XXXX-C[-XXXX-XXXX-C]"
    )
    imdb = serializers.CharField(required=False, allow_blank=True, help_text="tt and 7-9 digits")

    def to_representation(self, title: Title) -> dict[str, Any]:
        # The caller's view of the title (visibility.title_view: as the page and the exports).
        view = self.context.get("view_for", lambda t: title_view(ACCESS_PUBLIC))(title)
        data: dict[str, Any] = {
            "id": title.pk,
            "owner": title.owner.slug,
            "reference": title.reference,
            "kind": title.kind,
            "status": title.status,
            "original_title": title.original_title,
            "original_language": title.original_language,
            "year": title.year,
            "runtime_minutes": title.runtime_minutes,
            "eidr": title.eidr,
            "isan": title.isan,
            "imdb": title.imdb,
            "countries": [c.country for c in title.countries.all()],
            "genres": sorted(g.slug for g in title.genres.all()),
            "localised_titles": [
                {"language": lt.language, "text": lt.text, "kind": lt.kind}
                for lt in title.localised_titles.all()
            ],
            "synopses": [{"language": s.language, "text": s.text} for s in title.synopses.all()],
            "assets": [
                {"kind": a.kind, "url": a.url, "language": a.language, "label": a.label}
                for a in title.assets.all()
                if view.shows_asset(a.kind)
            ],
            "url": f"/titles/{title.pk}/",
        }
        if view.credits:
            data["credits"] = [
                {
                    "role": c.role,
                    "name": c.person.name,
                    "character": c.character,
                    "person_id": c.person_id,
                }
                for c in title.credits.all()
            ]
        if view.versions:
            data["versions"] = [
                {"language": v.language, "kind": v.kind} for v in title.versions.all()
            ]
        if view.episodes:
            data["episodes"] = [
                {
                    "season": s.number,
                    "number": e.number,
                    "original_title": e.original_title,
                    "english_title": e.english_title,
                    "runtime_minutes": e.runtime_minutes,
                }
                for s in title.seasons.all()
                for e in s.episodes.all()
            ]
        if view.private:
            data["internal_notes"] = title.internal_notes
            data["asking_price"] = None if title.asking_price is None else str(title.asking_price)
            data["asking_currency"] = title.asking_currency
            data["popularity"] = title.popularity
        return data


class PersonNameSerializer(serializers.Serializer):
    language = serializers.CharField(max_length=35)
    text = serializers.CharField(max_length=200)

    def validate_language(self, value: str) -> str:
        tag = normalise_language_tag(value)
        if tag is None:
            raise serializers.ValidationError(message(CatalogError.UNKNOWN_LANGUAGE, value=value))
        return tag


class PersonSerializer(serializers.ModelSerializer):
    """A person; ``names`` are their names in other languages and scripts."""

    names = PersonNameSerializer(many=True, required=False)
    owner = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Person
        fields = ["id", "owner", "name", "names", "birth_year", "country", "is_public"]
        read_only_fields = ["id", "owner"]

    def validate_country(self, value: str) -> str:
        if value and value.upper() not in country_codes():
            raise serializers.ValidationError(message(CatalogError.UNKNOWN_COUNTRY, value=value))
        return value.upper()

    def to_representation(self, person: Person) -> dict[str, Any]:
        data = super().to_representation(person)
        data["names"] = [{"language": n.language, "text": n.text} for n in person.names.all()]
        return data


class SearchHitSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    name = serializers.CharField()
    matched_name = serializers.CharField()
    tier = serializers.IntegerField()
    typos = serializers.IntegerField()
    url = serializers.CharField()
