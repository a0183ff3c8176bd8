"""The catalog filter form, shared by the web UI, the API and the CLI."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from cinebridge.catalog.models import Genre, TitleKind, VersionKind
from cinebridge.catalog.selectors import SearchFilters
from cinebridge.core.reference import country_codes, country_name, normalise_language_tag


class CatalogFilterForm(forms.Form):
    """Query text plus filters; ``filters()`` gives the selectors' ``SearchFilters``."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    country = forms.ChoiceField(label=_("Country"), required=False)
    genre = forms.ChoiceField(label=_("Genre"), required=False)
    year_from = forms.IntegerField(
        label=_("From year"), required=False, min_value=1880, max_value=2100
    )
    year_to = forms.IntegerField(label=_("To year"), required=False, min_value=1880, max_value=2100)
    version_language = forms.CharField(label=_("Language version"), required=False, max_length=35)
    version_kind = forms.ChoiceField(label=_("Version kind"), required=False)
    owner = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        language = get_language() or "en"
        anything = [("", _("Any"))]
        self.fields["kind"].choices = anything + list(TitleKind.choices)
        self.fields["version_kind"].choices = anything + list(VersionKind.choices)
        self.fields["country"].choices = anything + sorted(
            ((code, country_name(code, language)) for code in country_codes()),
            key=lambda pair: pair[1],
        )
        self.fields["genre"].choices = anything + [
            (g.slug, g.localised_name(language)) for g in Genre.objects.all()
        ]

    def clean_version_language(self) -> str:
        value = self.cleaned_data.get("version_language", "").strip()
        if value and normalise_language_tag(value) is None:
            raise forms.ValidationError(
                _("Unknown language tag %(tag)s; use e.g. vi, zh-Hans, en."), params={"tag": value}
            )
        return normalise_language_tag(value) or "" if value else ""

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        low, high = data.get("year_from"), data.get("year_to")
        if low and high and low > high:
            raise forms.ValidationError(_("The first year must not be after the last."))
        return data

    def filters(self) -> SearchFilters:
        """The valid filters (call after ``is_valid()``)."""
        data = self.cleaned_data
        return SearchFilters(
            kind=data.get("kind") or "",
            country=data.get("country") or "",
            genre=data.get("genre") or "",
            year_from=data.get("year_from"),
            year_to=data.get("year_to"),
            version_language=data.get("version_language") or "",
            version_kind=data.get("version_kind") or "",
            owner=data.get("owner"),
        )
