"""Django admin for staff. Edits made here bypass the services, so the search entry is
refreshed on save; everyday editing goes through the API and the importer."""

from django.contrib import admin

from cinebridge.catalog import search_index
from cinebridge.catalog.models import (
    Credit,
    Genre,
    LocalisedTitle,
    MediaAsset,
    Person,
    PersonName,
    Synopsis,
    Title,
    Version,
)


class LocalisedTitleInline(admin.TabularInline):
    model = LocalisedTitle
    extra = 0


class SynopsisInline(admin.StackedInline):
    model = Synopsis
    extra = 0


class CreditInline(admin.TabularInline):
    model = Credit
    extra = 0
    raw_id_fields = ["person"]


class VersionInline(admin.TabularInline):
    model = Version
    extra = 0


class AssetInline(admin.TabularInline):
    model = MediaAsset
    extra = 0


@admin.register(Title)
class TitleAdmin(admin.ModelAdmin):
    list_display = ["original_title", "kind", "year", "owner", "status", "reference"]
    list_filter = ["kind", "status", "owner"]
    search_fields = ["original_title", "reference", "localised_titles__text"]
    inlines = [LocalisedTitleInline, SynopsisInline, CreditInline, VersionInline, AssetInline]
    filter_horizontal = ["genres"]

    def save_related(self, request, form, formsets, change):  # type: ignore[no-untyped-def]
        super().save_related(request, form, formsets, change)
        search_index.entry_refresh_title(form.instance)


class PersonNameInline(admin.TabularInline):
    model = PersonName
    extra = 0


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "country", "owner", "is_public"]
    search_fields = ["name", "names__text"]
    inlines = [PersonNameInline]

    def save_related(self, request, form, formsets, change):  # type: ignore[no-untyped-def]
        super().save_related(request, form, formsets, change)
        search_index.entry_refresh_person(form.instance)


@admin.register(Genre)
class GenreAdmin(admin.ModelAdmin):
    list_display = ["slug", "name"]
