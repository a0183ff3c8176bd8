"""Catalog error codes and their messages: the API, the UI, the importer and the tests share them."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from django.utils.translation import gettext_lazy as _


class CatalogError(StrEnum):
    REQUIRED = "required"
    UNKNOWN_KIND = "unknown_kind"
    UNKNOWN_STATUS = "unknown_status"
    UNKNOWN_LANGUAGE = "unknown_language"
    UNKNOWN_COUNTRY = "unknown_country"
    UNKNOWN_GENRE = "unknown_genre"
    UNKNOWN_VERSION_KIND = "unknown_version_kind"
    UNKNOWN_ASSET_KIND = "unknown_asset_kind"
    UNKNOWN_ROLE = "unknown_role"
    UNKNOWN_CURRENCY = "unknown_currency"
    BAD_YEAR = "bad_year"
    BAD_NUMBER = "bad_number"
    BAD_PRICE = "bad_price"
    BAD_URL = "bad_url"
    BAD_PAIR = "bad_pair"
    PRICE_WITHOUT_CURRENCY = "price_without_currency"
    TOO_LONG = "too_long"
    DUPLICATE = "duplicate"
    BAD_IDENTIFIER = "bad_identifier"
    IDENTIFIER_TAKEN = "identifier_taken"


MESSAGES: dict[CatalogError, Any] = {  # lazily translated, filled in when shown
    CatalogError.REQUIRED: _("is required"),
    CatalogError.UNKNOWN_KIND: _("unknown title kind {value!r}; use one of: {allowed}"),
    CatalogError.UNKNOWN_STATUS: _("unknown status {value!r}; use one of: {allowed}"),
    CatalogError.UNKNOWN_LANGUAGE: _(
        "unknown language tag {value!r}; use a BCP 47 tag such as ru, vi, zh-Hans, en"
    ),
    CatalogError.UNKNOWN_COUNTRY: _(
        "unknown country code {value!r}; use ISO 3166-1 alpha-2 such as RU, VN, CN"
    ),
    CatalogError.UNKNOWN_GENRE: _("unknown genre {value!r}; use one of: {allowed}"),
    CatalogError.UNKNOWN_VERSION_KIND: _("unknown version kind {value!r}; use one of: {allowed}"),
    CatalogError.UNKNOWN_ASSET_KIND: _("unknown asset kind {value!r}; use one of: {allowed}"),
    CatalogError.UNKNOWN_ROLE: _("unknown credit role {value!r}; use one of: {allowed}"),
    CatalogError.UNKNOWN_CURRENCY: _(
        "unknown currency {value!r}; use an ISO 4217 code such as USD, RUB, VND, CNY"
    ),
    CatalogError.BAD_YEAR: _("year {value!r} is not a year between 1880 and 2100"),
    CatalogError.BAD_NUMBER: _("{value!r} is not a positive whole number"),
    CatalogError.BAD_PRICE: _("{value!r} is not an amount such as 15000 or 15000.50"),
    CatalogError.BAD_URL: _("{value!r} is not an http(s) URL"),
    CatalogError.BAD_PAIR: _("{value!r} is not in the form {expected}"),
    CatalogError.PRICE_WITHOUT_CURRENCY: _("an asking price needs a currency"),
    CatalogError.TOO_LONG: _("is longer than {limit} characters"),
    CatalogError.DUPLICATE: _("{value!r} is given twice"),
    CatalogError.BAD_IDENTIFIER: _(
        "{value!r} is not a valid {scheme}; use e.g. {example} (check characters included)"
    ),
    CatalogError.IDENTIFIER_TAKEN: _("another title in your catalog has the {scheme} {value}"),
}


def message(code: CatalogError, **params: object) -> str:
    """The human message for ``code`` with its parameters filled in."""
    return str(MESSAGES[code]).format(**params)
