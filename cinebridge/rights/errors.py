"""Rights error codes and their messages: the API, the UI, the importers and the tests share them."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from django.utils.translation import gettext_lazy as _


class RightsError(StrEnum):
    REQUIRED = "required"
    UNKNOWN_TERRITORY = "unknown_territory"
    UNKNOWN_MEDIUM = "unknown_medium"
    EMPTY_SCOPE = "empty_scope"
    BAD_DATE = "bad_date"
    PERIOD_ENDS_BEFORE_START = "period_ends_before_start"
    UNKNOWN_EVENT = "unknown_event"
    BAD_NUMBER = "bad_number"
    UNKNOWN_LANGUAGE = "unknown_language"
    UNKNOWN_USAGE = "unknown_usage"
    UNKNOWN_CURRENCY = "unknown_currency"
    BAD_AMOUNT = "bad_amount"
    AMOUNT_WITHOUT_CURRENCY = "amount_without_currency"
    UNKNOWN_TITLE = "unknown_title"
    UNKNOWN_ORGANISATION = "unknown_organisation"
    SAME_PARTY = "same_party"
    OVERLAPPING_GRANTS = "overlapping_grants"
    NO_GRANTS = "no_grants"
    DUPLICATE_REFERENCE = "duplicate_reference"
    NOT_EDITABLE = "not_editable"
    BAD_TRANSITION = "bad_transition"
    CONFLICT = "conflict"
    STILL_NEEDED = "still_needed"
    TOO_LONG = "too_long"
    OUT_OF_RANGE = "out_of_range"
    NOT_A_LIST = "not_a_list"
    NOT_AN_OBJECT = "not_an_object"
    NOT_TEXT = "not_text"
    MIN_WINDOW_LONGER_THAN_PERIOD = "min_window_longer_than_period"
    NOTHING_TO_EXPORT = "nothing_to_export"


MESSAGES: dict[RightsError, Any] = {
    RightsError.REQUIRED: _("is required"),
    RightsError.UNKNOWN_TERRITORY: _(
        "unknown territory {value!r}; use an ISO 3166-1 code (VN), a UN M49 region code "
        "(035 for South-eastern Asia, 001 for World) or a group (CIS, GREATER_CHINA, ASEAN)"
    ),
    RightsError.UNKNOWN_MEDIUM: _("unknown medium {value!r}; use one of: {allowed}"),
    RightsError.EMPTY_SCOPE: _("the exclusions leave nothing selected"),
    RightsError.BAD_DATE: _("{value!r} is not a date in the form YYYY-MM-DD"),
    RightsError.PERIOD_ENDS_BEFORE_START: _(
        "the period ends on {end}, which is not after its start {start}"
    ),
    RightsError.UNKNOWN_EVENT: _("unknown event {value!r}; use one of: {allowed}"),
    RightsError.BAD_NUMBER: _("{value!r} is not a whole number"),
    RightsError.UNKNOWN_LANGUAGE: _(
        "unknown language tag {value!r}; use a BCP 47 tag such as ru, vi, zh-Hans, en"
    ),
    RightsError.UNKNOWN_USAGE: _("unknown language usage {value!r}; use one of: {allowed}"),
    RightsError.UNKNOWN_CURRENCY: _(
        "unknown currency {value!r}; use an ISO 4217 code such as USD, RUB, VND, CNY"
    ),
    RightsError.BAD_AMOUNT: _("{value!r} is not an amount such as 15000 or 15000.50"),
    RightsError.AMOUNT_WITHOUT_CURRENCY: _("an amount needs a currency"),
    RightsError.UNKNOWN_TITLE: _("unknown title {value!r}"),
    RightsError.UNKNOWN_ORGANISATION: _("unknown organisation {value!r}"),
    RightsError.SAME_PARTY: _("the licensee cannot be the licensor"),
    RightsError.OVERLAPPING_GRANTS: _(
        "grants {first} and {second} of this deal overlap for {title} "
        "(same territories, media and dates)"
    ),
    RightsError.NO_GRANTS: _("a deal needs at least one grant"),
    RightsError.DUPLICATE_REFERENCE: _("your organisation already has a deal {value!r}"),
    RightsError.NOT_EDITABLE: _("a deal with status “{status}” cannot be changed"),
    RightsError.BAD_TRANSITION: _("a deal with status “{status}” does not allow this"),
    RightsError.CONFLICT: _("the deal conflicts with rights already licensed or not held"),
    RightsError.STILL_NEEDED: _(
        "signed deals still need these rights: {deals}; terminate or change them first"
    ),
    RightsError.TOO_LONG: _("is longer than {limit} characters"),
    RightsError.OUT_OF_RANGE: _("{value} is outside the range {low} to {high}"),
    RightsError.NOT_A_LIST: _("should be a list"),
    RightsError.NOT_AN_OBJECT: _("should be an object with named fields"),
    RightsError.NOT_TEXT: _("should be text or a number, not a list or an object"),
    RightsError.MIN_WINDOW_LONGER_THAN_PERIOD: _(
        "the shortest window ({days} days) is longer than the period ({period} days), "
        "so no title could be available; shorten the window or lengthen the period"
    ),
    RightsError.NOTHING_TO_EXPORT: _(
        "{holder} holds no rights in for VOD media, the only media with an EMA licence type "
        "(EST, TVOD, SVOD, AVOD, FAST), and an EMA XML file needs at least one avails:Avail: "
        "nothing was written"
    ),
}


# BAD_TRANSITION says which action was refused in a sentence of its own per action, so that
# every language can build the whole sentence (the status still comes in as a parameter).
TRANSITION_MESSAGES: dict[str, Any] = {
    "offered": _("a deal with status “{status}” cannot be offered"),
    "signed": _("a deal with status “{status}” cannot be signed"),
    "terminated": _("a deal with status “{status}” cannot be terminated"),
    "expired": _("a deal with status “{status}” cannot be marked as expired"),
}


def message(code: RightsError, **params: object) -> str:
    """The human message for ``code`` with its parameters filled in."""
    template = MESSAGES[code]
    if code is RightsError.BAD_TRANSITION:
        template = TRANSITION_MESSAGES.get(str(params.get("action")), template)
    return str(template).format(**params)
