"""Forms of the rights pages: the avails search input, the deal form, the termination form.

These only read input. The avails input becomes the raw dict of
``selectors.avails_query_from_raw``; the deal form turns its one-line-per-grant text into the
raw dict of ``specs.deal_spec_from_raw`` and shows each of the validator's problems at its
field and line. Neither holds a rule of the business.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cinebridge.catalog.selectors import titles_visible
from cinebridge.catalog.specs import Problem, SpecInvalid
from cinebridge.organisations.models import Organisation
from cinebridge.rights.models import Deal, FeeKind, ReleaseEventKind
from cinebridge.rights.specs import DealSpec, deal_spec_from_raw

# -- avails search ----------------------------------------------------------------------------

AVAILS_TEXT_KEYS = (
    "territories", "exclude_territories", "media", "exclude_media", "start", "end",
    "languages", "match", "min_days",
)  # fmt: skip
PICKED = {"territories": "t", "media": "m"}  # checkbox names of the trees, beside the text fields
EVENT_KINDS = tuple(ReleaseEventKind.values)  # the events a relative period may hang on
_CODE_SEPARATORS = re.compile(r"[,;\s]+")


def _codes(values: list[str]) -> list[str]:
    out: list[str] = []
    for value in values:
        for code in _CODE_SEPARATORS.split(value.strip()):
            if code and code not in out:
                out.append(code)
    return out


@dataclass
class AvailsInput:
    """What the avails form sent: typed codes and codes ticked in the trees, kept apart so
    each control shows its own state again; ``raw`` unites them for the selector."""

    values: dict[str, str] = field(default_factory=dict)
    picked: dict[str, list[str]] = field(default_factory=dict)
    exclusive: bool = False

    @classmethod
    def from_query(cls, data: Mapping[str, Any]) -> AvailsInput:
        """Read a QueryDict (or a plain dict of strings)."""
        getlist = getattr(data, "getlist", lambda key: [data[key]] if key in data else [])
        values = {key: str(data.get(key) or "").strip() for key in AVAILS_TEXT_KEYS}
        picked = {key: _codes(getlist(name)) for key, name in PICKED.items()}
        exclusive = str(data.get("exclusive") or "").lower() in {"1", "on", "true", "yes"}
        return cls(values, picked, exclusive)

    @property
    def submitted(self) -> bool:
        """True once anything was asked (an empty first visit shows the form only)."""
        return any(self.values.values()) or any(self.picked.values()) or self.exclusive

    def codes(self, key: str) -> list[str]:
        """Typed and ticked codes of one axis, typed first, each once."""
        return _codes([self.values.get(key, ""), *self.picked.get(key, [])])

    @property
    def raw(self) -> dict[str, Any]:
        """The raw query of ``avails_query_from_raw`` (and of the avails report endpoint)."""
        raw: dict[str, Any] = {key: value for key, value in self.values.items() if value}
        for key in PICKED:
            joined = ",".join(self.codes(key))
            if joined:
                raw[key] = joined
            else:
                raw.pop(key, None)
        if self.exclusive:
            raw["exclusive"] = "true"
        return raw

    def query_string(self, **extra: str) -> str:
        """The normalised query, one value per key, for links that repeat this search."""
        return urlencode({**self.raw, **{k: v for k, v in extra.items() if v}})


# -- deals ------------------------------------------------------------------------------------

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
    "start_offset_days": _("start"),
    "end": _("end"),
    "end_event": _("end"),
    "end_offset_days": _("end"),
    "duration_days": _("end"),
    "languages": _("languages"),
    "note": _("note"),
}
_EVENT = re.compile(
    r"^(?P<event>[a-z][a-z _]*?)\s+(?P<territory>[a-z]{2}|\d{3})"
    r"(?:\s*(?P<sign>[+-])\s*(?P<days>\d+)\s*(?:d|days?)?)?$",
    re.IGNORECASE,
)
_DURATION = re.compile(r"^\+\s*(?P<days>\d+)\s*(?:d|days?)?$|^(?P<bare>\d+)\s*(?:d|days?)$", re.I)
_OPEN = {"", "open", "open-ended", "-", "—"}
_YES = {"exclusive", "excl", "excl.", "x", "yes"}
_NO = {"", "non-exclusive", "nonexclusive", "non-excl", "non-excl.", "no"}


def _scope(cell: str, key: str) -> dict[str, list[str]]:
    """ "001 -RU -BY" -> include 001, exclude RU and BY."""
    codes = _codes([cell])
    return {
        key: [c for c in codes if not c.startswith("-")],
        f"exclude_{key}": [c[1:] for c in codes if c.startswith("-") and len(c) > 1],
    }


def _side(cell: str, side: str) -> dict[str, Any]:
    """A period's start or end: a date, an event with an offset, (end only) +N days or open."""
    text = cell.strip()
    if side == "end":
        if text.lower() in _OPEN:
            return {}
        duration = _DURATION.match(text)
        if duration:
            return {"duration_days": duration["days"] or duration["bare"]}
    event = _EVENT.match(text)
    if event and not text[:1].isdigit():
        days = int(event["days"] or 0) * (-1 if event["sign"] == "-" else 1)
        return {
            f"{side}_event": event["event"].strip().lower().replace(" ", "_"),
            f"{side}_event_territory": event["territory"].upper(),
            f"{side}_offset_days": days,
        }
    return {side: text}


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
        problem = {"field": gettext("exclusivity"),
                   "message": str(BAD_EXCLUSIVITY) % {"value": cells[5]}}  # fmt: skip
    item = {
        "titles": _codes([cells[0]]), **_scope(cells[1], "territories"),
        **_scope(cells[2], "media"), **_side(cells[3], "start"), **_side(cells[4], "end"),
        "exclusive": exclusivity in _YES, "languages": cells[6],
    }  # fmt: skip
    return item, problem


def _holdback(cells: Cells) -> Built:
    hardness = cells[5].lower()
    problem = None
    if hardness not in {"", "hard", "soft"}:
        problem = {"field": gettext("kind"), "message": str(BAD_HARDNESS) % {"value": cells[5]}}
    item = {
        "titles": [] if cells[0] in {"", "*"} else _codes([cells[0]]),
        **_scope(cells[1], "territories"), **_scope(cells[2], "media"),
        **_side(cells[3], "start"), **_side(cells[4], "end"),
        "hard": hardness != "soft", "note": cells[6],
    }  # fmt: skip
    return item, problem


def grant_lines_parse(text: str) -> _Lines:
    """Grants, one per line: ``GRANT_SYNTAX``; blank lines and lines starting with # skipped."""
    return _lines_parse(text, GRANT_SYNTAX, _grant)


def holdback_lines_parse(text: str) -> _Lines:
    """Holdbacks, one per line: ``HOLDBACK_SYNTAX``; titles * (or empty): every title."""
    return _lines_parse(text, HOLDBACK_SYNTAX, _holdback)


def title_lookup(user: Any, licensor_id: int) -> Callable[[Any], int | None]:
    """Resolve a title written in a grant line: the licensor's catalog reference, another
    visible title's unique reference, or a title id; only titles the user may see."""
    visible = titles_visible(user)

    def lookup(value: Any) -> int | None:
        text = str(value).strip().lstrip("#")
        own = visible.filter(owner_id=licensor_id, reference=text).values_list("pk", flat=True)
        found = own.first()
        if found is None:
            others = list(visible.filter(reference=text).values_list("pk", flat=True)[:2])
            found = others[0] if len(others) == 1 else None
        if found is None and text.isdigit():
            found = visible.filter(pk=int(text)).values_list("pk", flat=True).first()
        return found

    return lookup


def _period_cells(obj: Any) -> tuple[str, str]:
    """A stored period back as the START and END cells of a line."""

    def event(kind: str, territory: str, offset: int) -> str:
        return f"{kind} {territory}" + (f" {offset:+d}" if offset else "")

    start = (
        event(obj.start_event, obj.start_event_territory, obj.start_offset_days)
        if obj.start_event
        else (obj.start_given or obj.start).isoformat()
    )
    if obj.end_given:
        end = obj.end_given.isoformat()
    elif obj.end_event:
        end = event(obj.end_event, obj.end_event_territory, obj.end_offset_days)
    elif obj.duration_days:
        end = f"+{obj.duration_days} days"
    else:
        end = "open" if obj.end is None or obj.provisional else obj.end.isoformat()
    return start, end


def _scope_cell(scopes: Any, axis: str) -> str:
    keys = [s.key.split("@")[0] for s in scopes if s.axis == axis and not s.excluded]
    keys += ["-" + s.key.split("@")[0] for s in scopes if s.axis == axis and s.excluded]
    return ",".join(keys)


def _title_cell(title: Any) -> str:
    return title.reference or str(title.pk)


def deal_form_initial(deal: Deal) -> dict[str, Any]:
    """The form's fields for a stored deal (grants and holdbacks prefetched by ``deal_get``)."""
    grants = []
    for grant in deal.grants.all():
        start, end = _period_cells(grant)
        languages = ", ".join(f"{tag}:{usage}" for tag, usage in grant.languages)
        scopes = grant.scopes.all()
        cells = [_title_cell(grant.title), _scope_cell(scopes, "t"), _scope_cell(scopes, "m"),
                 start, end, "exclusive" if grant.exclusive else "non-exclusive", languages]  # fmt: skip
        grants.append(" | ".join(cells).rstrip(" |"))
    holdbacks = []
    for holdback in deal.holdbacks.all():
        start, end = _period_cells(holdback)
        scopes = holdback.scopes.all()
        cells = [_title_cell(holdback.title), _scope_cell(scopes, "t"), _scope_cell(scopes, "m"),
                 start, end, "hard" if holdback.hard else "soft", holdback.note]  # fmt: skip
        holdbacks.append(" | ".join(cells).rstrip(" |"))
    return {
        "licensee": deal.licensee.slug,
        "reference": deal.reference,
        "fee_kind": deal.fee_kind,
        "fee_amount": "" if deal.fee_amount is None else str(deal.fee_amount),
        "fee_currency": deal.fee_currency,
        "notes": deal.notes,
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
    notes = forms.CharField(label=_("Notes"), required=False, widget=_textarea(3, ""))

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
        raw = {key: data.get(key, "") for key in ("licensee", "reference", "fee_kind", "fee_amount",
                                                  "fee_currency", "notes")}  # fmt: skip
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
