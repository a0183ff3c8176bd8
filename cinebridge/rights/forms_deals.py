"""The deal form: parties and fee, and the grants and holdbacks one per line; the
termination form.

The form turns its one-line-per-grant text into the raw dict of ``spec_readers.deal_spec_from_raw``
and shows each of the validator's problems at its field and line. The cells of a line
(titles, territories, media, start, end) are read as ``forms`` reads them for every rights
form. It holds no rule of the business.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cinebridge.catalog.specs import Problem, SpecInvalid
from cinebridge.organisations.models import Organisation
from cinebridge.rights.forms import (
    codes_split,
    period_cell_read,
    period_cells,
    scope_cell,
    scope_cell_read,
    title_lookup,
)
from cinebridge.rights.models import Deal, FeeKind
from cinebridge.rights.spec_readers import deal_spec_from_raw
from cinebridge.rights.specs import DealSpec

GRANT_SYNTAX = "TITLES | TERRITORIES | MEDIA | START | END | exclusive | LANGUAGES"
HOLDBACK_SYNTAX = "TITLES or * | TERRITORIES | MEDIA | START | END | hard or soft | NOTE"
LINE_ERROR = _("Line %(line)s: %(message)s")
LINE_FIELD_ERROR = _("Line %(line)s, %(field)s: %(message)s")
TOO_FEW_COLUMNS = _("needs at least %(count)s parts separated by | (%(syntax)s)")
TOO_MANY_COLUMNS = _("has more than %(count)s parts separated by | (%(syntax)s)")
BAD_EXCLUSIVITY = _("write “exclusive” or “non-exclusive”, not %(value)s")
BAD_HARDNESS = _("write “hard” or “soft”, not %(value)s")
FIELD_LABELS = {
    "titles": _("titles"),
    "territories": _("territories"),
    "media": _("media"),
    "start": _("start"),
    "start_event": _("start"),
    "start_event_territory": _("start"),
    "start_offset_days": _("start"),
    "end": _("end"),
    "end_event": _("end"),
    "end_event_territory": _("end"),
    "end_offset_days": _("end"),
    "duration_days": _("end"),
    "languages": _("languages"),
    "note": _("note"),
}
_YES = {"exclusive", "excl", "excl.", "x", "yes"}
_NO = {"", "non-exclusive", "nonexclusive", "non-excl", "non-excl.", "no"}


@dataclass
class _Lines:
    """Items read from a textarea, the textarea line of each, and the lines' own problems."""

    items: list[dict[str, Any]] = field(default_factory=list)
    line_of: list[int] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)  # (line, message)


Cells = list[str]
Built = tuple[dict[str, Any], dict[str, str] | None]  # the raw item, and a problem in a part


def _lines_parse(text: str, syntax: str, build: Callable[[Cells], Built]) -> _Lines:
    """Every line that is not blank or a # comment, split at | into 4 to 7 parts and built.

    A line with a problem of its own is still built, so the validator reports the rest too.
    """
    found = _Lines()
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = [part.strip() for part in line.split("|")]
        if not 4 <= len(cells) <= 7:
            count, problem = (4, TOO_FEW_COLUMNS) if len(cells) < 4 else (7, TOO_MANY_COLUMNS)
            text = str(problem) % {"count": count, "syntax": syntax}
            found.errors.append((number, str(LINE_ERROR) % {"line": number, "message": text}))
            continue
        item, problem_in_part = build(cells + [""] * (7 - len(cells)))
        if problem_in_part:
            text = str(LINE_FIELD_ERROR) % {"line": number, **problem_in_part}
            found.errors.append((number, text))
        found.items.append(item)
        found.line_of.append(number)
    return found


def _grant(cells: Cells) -> Built:
    exclusivity = cells[5].lower()
    problem = None
    if exclusivity not in _YES | _NO:
        problem = {
            "field": gettext("exclusivity"),
            "message": str(BAD_EXCLUSIVITY) % {"value": cells[5]},
        }
    item = {
        "titles": codes_split([cells[0]]),
        **scope_cell_read(cells[1], "territories"),
        **scope_cell_read(cells[2], "media"),
        **period_cell_read(cells[3], "start"),
        **period_cell_read(cells[4], "end"),
        "exclusive": exclusivity in _YES,
        "languages": cells[6],
    }
    return item, problem


def _holdback(cells: Cells) -> Built:
    hardness = cells[5].lower()
    problem = None
    if hardness not in {"", "hard", "soft"}:
        problem = {"field": gettext("kind"), "message": str(BAD_HARDNESS) % {"value": cells[5]}}
    item = {
        "titles": [] if cells[0] in {"", "*"} else codes_split([cells[0]]),
        **scope_cell_read(cells[1], "territories"),
        **scope_cell_read(cells[2], "media"),
        **period_cell_read(cells[3], "start"),
        **period_cell_read(cells[4], "end"),
        "hard": hardness != "soft",
        "note": cells[6],
    }
    return item, problem


def grant_lines_parse(text: str) -> _Lines:
    """Grants, one per line: ``GRANT_SYNTAX``; blank lines and lines starting with # skipped."""
    return _lines_parse(text, GRANT_SYNTAX, _grant)


def holdback_lines_parse(text: str) -> _Lines:
    """Holdbacks, one per line: ``HOLDBACK_SYNTAX``; titles * (or empty): every title."""
    return _lines_parse(text, HOLDBACK_SYNTAX, _holdback)


def _title_cell(title: Any) -> str:
    return title.reference or str(title.pk)


def deal_form_initial(deal: Deal) -> dict[str, Any]:
    """The form's fields for a stored deal (grants and holdbacks prefetched by ``deal_get``)."""
    grants = []
    for grant in deal.grants.all():
        start, end = period_cells(grant)
        languages = ", ".join(f"{tag}:{usage}" for tag, usage in grant.languages)
        scopes = grant.scopes.all()
        cells = [
            _title_cell(grant.title),
            scope_cell(scopes, "t"),
            scope_cell(scopes, "m"),
            start,
            end,
            "exclusive" if grant.exclusive else "non-exclusive",
            languages,
        ]
        grants.append(" | ".join(cells).rstrip(" |"))
    holdbacks = []
    for holdback in deal.holdbacks.all():
        start, end = period_cells(holdback)
        scopes = holdback.scopes.all()
        cells = [
            _title_cell(holdback.title),
            scope_cell(scopes, "t"),
            scope_cell(scopes, "m"),
            start,
            end,
            "hard" if holdback.hard else "soft",
            holdback.note,
        ]
        holdbacks.append(" | ".join(cells).rstrip(" |"))
    return {
        "licensee": deal.licensee.slug,
        "reference": deal.reference,
        "fee_kind": deal.fee_kind,
        "fee_amount": "" if deal.fee_amount is None else str(deal.fee_amount),
        "fee_currency": deal.fee_currency,
        "internal_notes": deal.internal_notes,
        "shared_notes": deal.shared_notes,
        "grants": "\n".join(grants),
        "holdbacks": "\n".join(holdbacks),
    }


def _textarea(rows: int, placeholder: str) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows, "placeholder": placeholder, "spellcheck": "false"})


class DealForm(forms.Form):
    """A whole deal on one page; ``cleaned_data["spec"]`` is the ``DealSpec`` to save."""

    licensee = forms.ChoiceField(label=_("Licensee"), required=False)
    reference = forms.CharField(
        label=_("Reference"),
        required=False,
        max_length=40,
        help_text=_("Leave empty for the next free number, e.g. D-2026-0007."),
    )
    fee_kind = forms.ChoiceField(
        label=_("Fee"), choices=FeeKind.choices, initial=FeeKind.LICENCE_FEE
    )
    fee_amount = forms.CharField(label=_("Amount"), required=False, max_length=24)
    fee_currency = forms.CharField(
        label=_("Currency"), required=False, max_length=3, help_text=_("ISO 4217, e.g. USD, RUB")
    )
    grants = forms.CharField(
        label=_("Grants"),
        required=False,
        widget=_textarea(
            6, "SMF-0001 | VN,TH | SVOD,AVOD | 2027-03-01 | 2029-03-01 | exclusive | vi:subtitles"
        ),
    )
    holdbacks = forms.CharField(
        label=_("Holdbacks"),
        required=False,
        widget=_textarea(
            3, "* | VN | FREE_TV | theatrical_release VN | +180 days | hard | no free TV before"
        ),
    )
    shared_notes = forms.CharField(
        label=_("Notes shared with the licensee"), required=False, widget=_textarea(3, "")
    )
    internal_notes = forms.CharField(
        label=_("Internal notes"),
        required=False,
        widget=_textarea(3, ""),
        help_text=_("Only your organisation's members see these."),
    )

    def __init__(self, *args: Any, user: Any, licensor: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.licensor = licensor
        others = Organisation.objects.exclude(pk=licensor.pk).order_by("name")
        self.fields["licensee"].choices = [("", "—"), *others.values_list("slug", "name")]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        lines = {
            "grants": grant_lines_parse(data.get("grants", "")),
            "holdbacks": holdback_lines_parse(data.get("holdbacks", "")),
        }
        raw = {
            key: data.get(key, "")
            for key in (
                "licensee",
                "reference",
                "fee_kind",
                "fee_amount",
                "fee_currency",
                "internal_notes",
                "shared_notes",
            )
        }
        raw["grants"], raw["holdbacks"] = lines["grants"].items, lines["holdbacks"].items
        own = [(name, line, text) for name, found in lines.items() for line, text in found.errors]
        try:
            spec = deal_spec_from_raw(
                raw,
                licensor_id=self.licensor.pk,
                organisations=lambda slug: (
                    Organisation.objects.filter(slug=slug or "")
                    .values_list("pk", flat=True)
                    .first()
                ),
                titles=title_lookup(self.user, self.licensor.pk),
                on=dt.date.today(),
            )
        except SpecInvalid as invalid:
            # "a deal needs at least one grant" says nothing new when every line was unreadable
            unread = bool(lines["grants"].errors)
            problems = [p for p in invalid.problems if not (p.field == "grants" and unread)]
            self._errors_add(own + self._placed(problems, lines))
            return data
        self._errors_add(own)
        if not self.errors:
            data["spec"] = spec
        return data

    def _placed(
        self, problems: list[Problem], lines: dict[str, _Lines]
    ) -> list[tuple[str | None, int, str]]:
        """(form field, line, message) of each problem; a grant's or holdback's at its line."""
        out: list[tuple[str | None, int, str]] = []
        for problem in problems:
            found = re.match(r"^(grants|holdbacks)\[(\d+)\](?:\.(\w+))?$", problem.field)
            if found and found[1] in lines:
                name, index, part = found[1], int(found[2]), found[3]
                line = lines[name].line_of[index - 1]
                label = FIELD_LABELS.get(part or "", part)
                template = LINE_FIELD_ERROR if part else LINE_ERROR
                text = str(template) % {"line": line, "field": label, "message": problem.message}
                out.append((name, line, text))
            elif problem.field in self.fields:
                out.append((problem.field, 0, problem.message))
            else:
                out.append((None, 0, f"{problem.field}: {problem.message}"))
        return out

    def _errors_add(self, errors: list[tuple[str | None, int, str]]) -> None:
        for name, _line, text in sorted(errors, key=lambda error: error[1]):
            self.add_error(name, text)

    def problems_show(self, problems: list[Problem]) -> None:
        """Show problems found after the form was valid (a reference taken meanwhile)."""
        self._errors_add(self._placed(problems, {}))

    def spec(self) -> DealSpec:
        """The valid deal (call after ``is_valid()``)."""
        return self.cleaned_data["spec"]  # type: ignore[no-any-return]


class TerminateForm(forms.Form):
    """The day a signed deal ends early."""

    on = forms.DateField(label=_("Terminate on"), widget=forms.DateInput(attrs={"type": "date"}))
