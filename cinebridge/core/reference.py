"""ISO reference data (countries, languages, currencies) with names in the user's language.

Names come from babel (CLDR) so they follow the UI language; validity from pycountry/babel.
"""

from __future__ import annotations

from functools import lru_cache

import pycountry
from babel import Locale, UnknownLocaleError
from babel.numbers import list_currencies


@lru_cache(maxsize=1)
def country_codes() -> frozenset[str]:
    """Every ISO 3166-1 alpha-2 code."""
    return frozenset(c.alpha_2 for c in pycountry.countries)


def _locale(language: str | None) -> Locale:
    try:
        return Locale.parse((language or "en").replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


def country_name(code: str, language: str | None = "en") -> str:
    """The country's name in ``language`` (a Django language code), or the code if unknown."""
    code = (code or "").upper()
    name = _locale(language).territories.get(code)
    if name:
        return name
    country = pycountry.countries.get(alpha_2=code)
    return country.name if country else code


@lru_cache(maxsize=4096)
def normalise_language_tag(tag: str) -> str | None:
    """A canonical BCP 47 tag (``zh-hans`` -> ``zh-Hans``), or None if the language is unknown."""
    parts = [p for p in (tag or "").strip().replace("_", "-").split("-") if p]
    if not parts:
        return None
    lang = parts[0].lower()
    if len(lang) == 2:
        if pycountry.languages.get(alpha_2=lang) is None:
            return None
    elif len(lang) == 3:
        if pycountry.languages.get(alpha_3=lang) is None:
            return None
    else:
        return None
    out = [lang]
    for part in parts[1:]:
        if len(part) == 4 and part.isalpha():
            out.append(part.title())
        elif len(part) == 2 and part.isalpha() or len(part) == 3 and part.isdigit():
            out.append(part.upper())
        elif part.isalnum() and 4 <= len(part) <= 8:
            out.append(part.lower())
        else:
            return None
    return "-".join(out)


def language_name(tag: str, language: str | None = "en") -> str:
    """The name of ``tag`` (language, script, region, variant) in the UI language ``language``."""
    loc = _locale(language)
    parts = (normalise_language_tag(tag) or tag).split("-")
    base = loc.languages.get(parts[0]) or parts[0]
    details = []
    for part in parts[1:]:
        if len(part) == 4 and part.isalpha():
            details.append(loc.scripts.get(part, part))
        elif len(part) in (2, 3) and part.isupper() or part.isdigit():
            details.append(loc.territories.get(part, part))
        else:
            details.append(part)
    return f"{base} ({', '.join(details)})" if details else base


@lru_cache(maxsize=1)
def currency_codes() -> frozenset[str]:
    """ISO 4217 currency codes known to CLDR."""
    return frozenset(list_currencies())
