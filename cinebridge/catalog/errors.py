"""Catalog error codes and their messages: the API, the UI, the importer and the tests share them."""

from __future__ import annotations

from enum import StrEnum


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


MESSAGES: dict[CatalogError, str] = {
    CatalogError.REQUIRED: "is required",
    CatalogError.UNKNOWN_KIND: "unknown title kind {value!r}; use one of: {allowed}",
    CatalogError.UNKNOWN_STATUS: "unknown status {value!r}; use one of: {allowed}",
    CatalogError.UNKNOWN_LANGUAGE: "unknown language tag {value!r}; use a BCP 47 tag such as ru, vi, zh-Hans, en",
    CatalogError.UNKNOWN_COUNTRY: "unknown country code {value!r}; use ISO 3166-1 alpha-2 such as RU, VN, CN",
    CatalogError.UNKNOWN_GENRE: "unknown genre {value!r}; use one of: {allowed}",
    CatalogError.UNKNOWN_VERSION_KIND: "unknown version kind {value!r}; use one of: {allowed}",
    CatalogError.UNKNOWN_ASSET_KIND: "unknown asset kind {value!r}; use one of: {allowed}",
    CatalogError.UNKNOWN_ROLE: "unknown credit role {value!r}; use one of: {allowed}",
    CatalogError.UNKNOWN_CURRENCY: "unknown currency {value!r}; use an ISO 4217 code such as USD, RUB, VND, CNY",
    CatalogError.BAD_YEAR: "year {value!r} is not a year between 1880 and 2100",
    CatalogError.BAD_NUMBER: "{value!r} is not a positive whole number",
    CatalogError.BAD_PRICE: "{value!r} is not an amount such as 15000 or 15000.50",
    CatalogError.BAD_URL: "{value!r} is not an http(s) URL",
    CatalogError.BAD_PAIR: "{value!r} is not in the form {expected}",
    CatalogError.PRICE_WITHOUT_CURRENCY: "an asking price needs a currency",
    CatalogError.TOO_LONG: "is longer than {limit} characters",
    CatalogError.DUPLICATE: "{value!r} is given twice",
}


def message(code: CatalogError, **params: object) -> str:
    """The human message for ``code`` with its parameters filled in."""
    return MESSAGES[code].format(**params)
