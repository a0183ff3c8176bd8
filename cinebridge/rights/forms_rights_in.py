"""The rights-in form and the release-event form.

The rights-in form reads territories, media and the period as the deal form's cells do
(``001,-RU``, ``theatrical_release VN +90``, ``+730 days``), builds the raw dict of
``spec_readers.rights_in_spec_from_raw`` and shows each of the validator's problems beside its
field. The release-event form only reads an event, a territory and a date.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cinebridge.catalog.specs import SpecInvalid
from cinebridge.organisations.models import Organisation
from cinebridge.rights.errors import RightsError, message
from cinebridge.rights.forms import (
    PERIOD_CELLS,
    period_cell_read,
    period_cells,
    scope_cell,
    scope_cell_read,
    title_lookup,
)
from cinebridge.rights.models import ReleaseEventKind, RightsIn
from cinebridge.rights.spec_readers import rights_in_spec_from_raw
from cinebridge.rights.specs import RightsInSpec
from cinebridge.rights.taxonomy import taxonomies

TEXT_FIELDS = ("source_contract", "licensor_name", "notes")


def rights_in_form_initial(rights: RightsIn) -> dict[str, Any]:
    """The form's fields for a stored record (scopes prefetched by ``rights_in_get``); groups
    keep the version the record holds (``CIS@2``)."""
    start, end = period_cells(rights)
    scopes = rights.scopes.all()
    return {
        "title": rights.title.reference or str(rights.title_id),
        "territories": scope_cell(scopes, "t", pinned=True),
        "media": scope_cell(scopes, "m"),
        "start": start,
        "end": "" if end == "open" else end,
        "exclusive": rights.exclusive,
        **{name: getattr(rights, name) for name in TEXT_FIELDS},
    }


class RightsInForm(forms.Form):
    """What a holder owns or represents of one title; ``spec()`` is the ``RightsInSpec``."""

    title = forms.CharField(
        label=_("Title"),
        required=False,
        help_text=_("Your catalog reference (SMF-0001) or the title's number."),
    )
    territories = forms.CharField(
        label=_("Territories"),
        required=False,
        help_text=_(
            "ISO country codes (VN, TH), UN M49 regions (035, 001 World) or groups (CIS, "
            "GREATER_CHINA, ASEAN); a leading minus excludes: 001,-RU,-BY"
        ),
    )
    media = forms.CharField(
        label=_("Media"),
        required=False,
        help_text=_("SVOD, VOD, TV, THEATRICAL, ALL…; a leading minus excludes: ALL,-THEATRICAL"),
    )
    start = forms.CharField(
        label=_("Start"),
        required=False,
        help_text=_(
            "A date (2027-03-01) or an event, its territory and days after it: "
            "theatrical_release VN +90"
        ),
    )
    end = forms.CharField(
        label=_("End"),
        required=False,
        help_text=_(
            "A date (not included), an event as for the start, +730 days after the "
            "start, or empty for open-ended"
        ),
    )
    exclusive = forms.BooleanField(label=_("Exclusive"), required=False)
    source_contract = forms.CharField(
        label=_("Source contract"),
        required=False,
        help_text=_("The contract these rights come from, e.g. “Original production”."),
    )
    licensor_name = forms.CharField(
        label=_("Granted by"), required=False, help_text=_("Who granted them, if anyone.")
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(
        self,
        *args: Any,
        user: Any,
        holder: Organisation,
        rights: RightsIn | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.user, self.holder, self.rights = user, holder, rights

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        raw: dict[str, Any] = {
            "title": data.get("title", ""),
            **scope_cell_read(data.get("territories", ""), "territories"),
            **scope_cell_read(data.get("media", ""), "media"),
            **period_cell_read(data.get("start", ""), "start"),
            **period_cell_read(data.get("end", ""), "end"),
            "exclusive": bool(data.get("exclusive")),
            # not on the form: an EMA import's id stays with the record it matches
            "external_id": self.rights.external_id if self.rights else "",
            **{name: data.get(name, "") for name in TEXT_FIELDS},
        }
        try:
            data["spec"] = rights_in_spec_from_raw(
                raw, titles=title_lookup(self.user, self.holder.pk), on=timezone.localdate()
            )
        except SpecInvalid as invalid:
            for problem in invalid.problems:
                name = PERIOD_CELLS.get(problem.field, problem.field)
                self.add_error(name if name in self.fields else None, problem.message)
        return data

    def spec(self) -> RightsInSpec:
        """The valid rights in (call after ``is_valid()``)."""
        return self.cleaned_data["spec"]  # type: ignore[no-any-return]


class ReleaseEventForm(forms.Form):
    """The day a title's event happened (or will) in a territory."""

    kind = forms.ChoiceField(label=_("Event"), choices=ReleaseEventKind.choices)
    territory = forms.CharField(
        label=_("Territory"),
        max_length=8,
        help_text=_("The code the periods name: a country (VN) or a region (035)."),
    )
    date = forms.CharField(
        label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}), max_length=10
    )

    def clean_territory(self) -> str:
        code = str(self.cleaned_data["territory"]).strip().upper()
        territories, _media = taxonomies()
        if code not in territories.nodes:
            raise ValidationError(message(RightsError.UNKNOWN_TERRITORY, value=code))
        return code

    def clean_date(self) -> dt.date:
        text = str(self.cleaned_data["date"]).strip()
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            raise ValidationError(message(RightsError.BAD_DATE, value=text)) from None
