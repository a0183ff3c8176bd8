"""Forms of the catalog's management pages: the title form and the title file upload.

The title form only reads input: its scalar fields and the one-item-per-line lists
(``catalog/lines.py``) become the raw dict that ``specs.title_spec_from_raw`` validates, and
each problem of the validator is shown at its field (and line). ``cleaned_data["spec"]`` is
the ``TitleSpec`` to hand to ``services.title_create`` / ``title_update``.
"""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from cinebridge.catalog import lines, selectors
from cinebridge.catalog.columns import FileFormat, UnsupportedFormat, format_of
from cinebridge.catalog.genres import GENRES
from cinebridge.catalog.imports import stage_problems
from cinebridge.catalog.models import TitleKind, TitleStatus
from cinebridge.catalog.specs import Problem, SpecInvalid, TitleSpec, title_spec_from_raw

MAX_UPLOAD_MB = 10
MAX_UPLOAD_BYTES = MAX_UPLOAD_MB * 1024 * 1024


class TitleImportForm(forms.Form):
    """A CSV or XLSX title file of at most ``MAX_UPLOAD_MB`` megabytes."""

    file = forms.FileField(label=_("CSV or XLSX file"))

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _(
                    "The file is larger than %(limit)s MB. Split it into several files and "
                    "import them one after another."
                ),
                params={"limit": MAX_UPLOAD_MB},
            )
        try:
            format_of(upload)
        except UnsupportedFormat:
            raise forms.ValidationError(
                _("Only .csv and .xlsx files can be imported; save the sheet as CSV UTF-8 or XLSX.")
            ) from None
        return upload

    def file_format(self) -> FileFormat:
        """The format of the valid upload (call after ``is_valid()``)."""
        return format_of(self.cleaned_data["file"])


def _textarea(rows: int, placeholder: str = "") -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows, "placeholder": placeholder, "spellcheck": "false"})


# Nested fields in the order the form shows them, with how each is parsed.
LINE_FIELDS = {
    "localised_titles": lines.localised_titles_parse,
    "synopses": lines.synopses_parse,
    "credits": lines.credits_parse,
    "person_names": lines.person_names_parse,
    "versions": lines.versions_parse,
    "assets": lines.assets_parse,
}
_COUNTRY_SEPARATORS = re.compile(r"[;,\s]+")


class TitleForm(forms.Form):
    """A whole title: its details, and its lists as text with one item per line."""

    original_title = forms.CharField(label=_("Original title"), required=False, max_length=300)
    original_language = forms.CharField(
        label=_("Original language"),
        required=False,
        max_length=35,
        help_text=_("BCP 47 tag, e.g. ru, vi, zh-Hans, en"),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=[("", "—"), *TitleKind.choices])
    status = forms.ChoiceField(
        label=_("Status"), choices=TitleStatus.choices, initial=TitleStatus.DRAFT
    )
    reference = forms.CharField(
        label=_("Catalog reference"),
        required=False,
        max_length=64,
        help_text=_("Your own code for the title, e.g. SMF-0042; unique in your catalog."),
    )
    year = forms.CharField(label=_("Year"), required=False, max_length=8)
    eidr = forms.CharField(
        label=_("EIDR"),
        required=False,
        max_length=64,
        help_text=_(
            "e.g. 10.5240/7791-8534-2C23-9030-8610-5; the same work listed by "
            "another holder shares it"
        ),
    )
    isan = forms.CharField(label=_("ISAN"), required=False, max_length=64)
    imdb = forms.CharField(
        label=_("IMDb id"), required=False, max_length=16, help_text=_("e.g. tt0076759")
    )
    runtime_minutes = forms.CharField(label=_("Runtime (minutes)"), required=False, max_length=8)
    countries = forms.CharField(
        label=_("Production countries"),
        required=False,
        max_length=200,
        help_text=_("ISO codes separated by ;, e.g. RU; CN"),
    )
    genres = forms.MultipleChoiceField(
        label=_("Genres"), required=False, widget=forms.CheckboxSelectMultiple
    )
    localised_titles = forms.CharField(
        label=_("Titles in other languages"),
        required=False,
        widget=_textarea(4, "en: Well, Just You Wait!\nru-Latn (romanisation): Nu, pogodi!"),
        help_text=_(
            "One per line: language: title. Mark a romanisation or a working title with "
            "(romanisation) or (alternative) after the language."
        ),
    )
    synopses = forms.CharField(
        label=_("Synopses"),
        required=False,
        widget=_textarea(5, "en: A wolf chases a hare through the city."),
        help_text=_(
            "Start each synopsis with its language and a colon; it runs on until the next "
            "line that starts with a language."
        ),
    )
    credits = forms.CharField(
        label=_("Credits"),
        required=False,
        widget=_textarea(5, "director: Вячеслав Котёночкин\nvoice: Анатолий Папанов (Волк)"),
        help_text=_(
            "One per line: role: name. Roles: director, writer, producer, cast, voice, animator, "
            "composer, cinematographer, editor. For cast and voice: name (character)."
        ),
    )
    person_names = forms.CharField(
        label=_("Names in other scripts"),
        required=False,
        widget=_textarea(3, "Анатолий Папанов = en: Anatoli Papanov"),
        help_text=_("One per line: name as credited = language: name."),
    )
    versions = forms.CharField(
        label=_("Language versions"),
        required=False,
        widget=_textarea(3, "ru: original\nvi: subtitles\nzh-Hans: dub"),
        help_text=_("One per line: language: original, dub, subtitles or voice_over."),
    )
    assets = forms.CharField(
        label=_("Links"),
        required=False,
        widget=_textarea(3, "trailer: https://example.org/trailer.mp4"),
        help_text=_(
            "One per line: kind: URL, then an optional label. Kinds: trailer, poster, still, "
            "screener, press_kit; a language may follow the kind: trailer (en): URL."
        ),
    )
    internal_notes = forms.CharField(label=_("Internal notes"), required=False, widget=_textarea(3))
    asking_price = forms.CharField(
        label=_("Asking price"),
        required=False,
        max_length=20,
        help_text=_("An amount such as 15000 or 15000.50"),
    )
    asking_currency = forms.CharField(
        label=_("Currency"), required=False, max_length=3, help_text=_("e.g. USD, RUB, CNY")
    )

    DETAILS = ("original_title", "original_language", "kind", "status", "reference", "year",
               "runtime_minutes", "countries", "eidr", "isan", "imdb")  # fmt: skip
    PRIVATE = ("asking_price", "asking_currency", "internal_notes")

    def __init__(
        self,
        *args: Any,
        owner_id: int,
        title_pk: int | None = None,
        base: TitleSpec | None = None,
        **kwargs: Any,
    ) -> None:
        """``base`` is the title as stored: what the form does not show (episodes, search
        popularity) is kept from it."""
        super().__init__(*args, **kwargs)
        self.owner_id, self.title_pk, self.base = owner_id, title_pk, base
        language = (get_language() or "en").lower()
        self.fields["genres"].choices = sorted(
            ((slug, names.get(language) or names["en"]) for slug, names in GENRES.items()),
            key=lambda pair: pair[1],
        )
        for name in ("original_title", "original_language"):
            self.fields[name].widget.attrs["required"] = True
        self.fields["original_language"].widget.attrs.update(autocapitalize="none")
        for name in (*LINE_FIELDS, "internal_notes"):  # tall enough to show every line
            rows = [len(line) // 64 + 1 for line in str(self[name].value() or "").splitlines()]
            widget = self.fields[name].widget
            widget.attrs["rows"] = min(max(widget.attrs.get("rows", 3), sum(rows) + 1), 18)

    @property
    def detail_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.DETAILS]

    @property
    def list_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in LINE_FIELDS]

    @property
    def private_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.PRIVATE]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        raw: dict[str, Any] = {
            name: data.get(name, "")
            for name in (
                "original_title",
                "original_language",
                "kind",
                "status",
                "reference",
                "year",
                "runtime_minutes",
                "asking_price",
                "asking_currency",
                "eidr",
                "isan",
                "imdb",
            )
        }
        raw["internal_notes"] = _newlines(data.get("internal_notes", ""))
        raw["countries"] = [c for c in _COUNTRY_SEPARATORS.split(data.get("countries", "")) if c]
        raw["genres"] = data.get("genres") or []
        if self.base is not None:
            raw["episodes"], raw["popularity"] = self.base.episodes, self.base.popularity

        parsed = {name: parse(data.get(name, "")) for name, parse in LINE_FIELDS.items()}
        for name, result in parsed.items():
            for line, text, form in result.malformed:
                message = gettext("“%(text)s” is not in the form %(form)s")
                self._line_error(name, line, message % {"text": text, "form": form})
        credited = {c["name"] for c in parsed["credits"].items}
        names = parsed["person_names"]
        for line, (person, _pair) in zip(names.lines, names.items, strict=True):
            if person not in credited:
                message = gettext("%(name)s is not in the credits") % {"name": person}
                self._line_error("person_names", line, message)
        stages: dict[str, list[tuple[tuple[str, int], list[Any]]]] = {}
        for name in ("localised_titles", "synopses", "versions", "assets", "credits"):
            result = parsed[name]
            raw[name] = result.items
            stages[name] = [
                ((name, line), result.items[: i + 1]) for i, line in enumerate(result.lines)
            ]
        for j, line in enumerate(names.lines):
            value = lines.credits_with_names(parsed["credits"].items, names.items[: j + 1])
            stages["credits"].append((("person_names", line), value))
            raw["credits"] = value

        if selectors.title_reference_taken(
            owner_id=self.owner_id, reference=raw["reference"].strip(), exclude_pk=self.title_pk
        ):
            self.add_error(
                "reference", gettext("Another title in your catalog has this reference.")
            )
        try:
            spec = title_spec_from_raw(raw)
        except SpecInvalid as exc:
            self._problems(exc.problems, stages)
            if not self.errors:  # every problem has a place above; this is a safety net
                self.add_error(None, str(exc))
            return data
        taken = selectors.title_identifiers_taken(
            owner_id=self.owner_id, spec=spec, exclude_pk=self.title_pk
        )
        for problem in taken:
            self.add_error(problem.field, problem.message)
        if not self.errors:
            data["spec"] = spec
        return data

    def _line_error(self, name: str, line: int, message: str) -> None:
        line_message = gettext("Line %(line)s: %(message)s")
        self.add_error(name, line_message % {"line": line, "message": message})

    def _problems(self, problems: list[Problem], stages: dict[str, Any]) -> None:
        """Each problem at its field, and for the lists at the line that caused it."""
        for problem in problems:
            if problem.field in stages:
                continue
            if problem.field in self.errors:
                continue  # the form's own check said it already ("This field is required.")
            if problem.field in self.fields:
                self.add_error(problem.field, problem.message)
            else:
                self.add_error(None, f"{problem.field}: {problem.message}")
        for name in dict.fromkeys(p.field for p in problems if p.field in stages):
            for (field_name, line), problem in stage_problems(name, stages[name]):
                self._line_error(field_name, line, problem.message)


def _newlines(text: str) -> str:
    return (text or "").replace("\r\n", "\n").replace("\r", "\n")


def title_form_initial(spec: TitleSpec) -> dict[str, Any]:
    """The title form's values for a title as stored."""
    return {
        "original_title": spec.original_title,
        "original_language": spec.original_language,
        "kind": spec.kind,
        "status": spec.status,
        "reference": spec.reference,
        "year": spec.year or "",
        "runtime_minutes": spec.runtime_minutes or "",
        "countries": "; ".join(spec.countries),
        "genres": list(spec.genres),
        "localised_titles": lines.localised_titles_text(spec.localised_titles),
        "synopses": lines.synopses_text(spec.synopses),
        "credits": lines.credits_text(spec.credits),
        "person_names": lines.person_names_text(spec.credits),
        "versions": lines.versions_text(spec.versions),
        "assets": lines.assets_text(spec.assets),
        "internal_notes": spec.internal_notes,
        "asking_price": "" if spec.asking_price is None else str(spec.asking_price),
        "asking_currency": spec.asking_currency,
        "eidr": spec.eidr,
        "isan": spec.isan,
        "imdb": spec.imdb,
    }
