"""What a title is made of, as plain data, and the one validator every entry point uses.

The importer (CSV/XLSX), the API, the web forms and the demo loader all build a ``TitleSpec``
from their input with ``title_spec_from_raw`` and hand it to ``services.title_create`` /
``title_update``, so a rule (a known language tag, a real country) is checked in one place.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any

from cinebridge.catalog.errors import CatalogError, message
from cinebridge.catalog.genres import GENRES
from cinebridge.catalog.identifiers import EXAMPLES, IDENTIFIER_FIELDS, NORMALISERS, SCHEME_NAMES
from cinebridge.catalog.models import (
    AssetKind,
    CreditRole,
    LocalisedTitleKind,
    TitleKind,
    TitleStatus,
    VersionKind,
)
from cinebridge.core.reference import country_codes, currency_codes, normalise_language_tag
from cinebridge.core.text import text_problem


@dataclass(frozen=True)
class LocalisedTitleSpec:
    language: str
    text: str
    kind: str = LocalisedTitleKind.OFFICIAL


@dataclass(frozen=True)
class CreditSpec:
    role: str
    name: str
    character: str = ""
    names: tuple[tuple[str, str], ...] = ()  # (language, name) in other scripts


@dataclass(frozen=True)
class VersionSpec:
    language: str
    kind: str


@dataclass(frozen=True)
class AssetSpec:
    kind: str
    url: str
    language: str = ""
    label: str = ""


@dataclass(frozen=True)
class EpisodeSpec:
    season: int
    number: int
    original_title: str = ""
    english_title: str = ""
    runtime_minutes: int | None = None


@dataclass(frozen=True)
class TitleSpec:
    """A complete description of a title (everything but its owner)."""

    kind: str
    original_title: str
    original_language: str
    reference: str = ""
    status: str = TitleStatus.DRAFT
    year: int | None = None
    runtime_minutes: int | None = None
    countries: tuple[str, ...] = ()
    genres: tuple[str, ...] = ()
    localised_titles: tuple[LocalisedTitleSpec, ...] = ()
    synopses: tuple[tuple[str, str], ...] = ()  # (language, text)
    credits: tuple[CreditSpec, ...] = ()
    versions: tuple[VersionSpec, ...] = ()
    assets: tuple[AssetSpec, ...] = ()
    episodes: tuple[EpisodeSpec, ...] = ()
    internal_notes: str = ""
    asking_price: Decimal | None = None
    asking_currency: str = ""
    popularity: int = 0
    eidr: str = ""
    isan: str = ""
    imdb: str = ""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input: which field, which rule, in words."""

    field: str
    code: StrEnum  # a CatalogError, a rights.errors.RightsError or a core.text.TextError
    message: str


class SpecInvalid(Exception):
    """Raised with every problem found, never just the first."""

    def __init__(self, problems: Sequence[Problem]):
        super().__init__("; ".join(f"{p.field}: {p.message}" for p in problems))
        self.problems = list(problems)


@dataclass
class _Checker:
    problems: list[Problem] = field(default_factory=list)

    def add(self, field_name: str, code: CatalogError, **params: Any) -> None:
        self.problems.append(Problem(field_name, code, message(code, **params)))

    def text(
        self, field_name: str, value: Any, *, required: bool, limit: int, multiline: bool = False
    ) -> str:
        text = "" if value is None else str(value).strip()
        if required and not text:
            self.add(field_name, CatalogError.REQUIRED)
        elif len(text) > limit:
            self.add(field_name, CatalogError.TOO_LONG, limit=limit)
        elif problem := text_problem(text, multiline=multiline):
            self.problems.append(Problem(field_name, problem.code, problem.message))
        return text

    def choice(self, field_name: str, value: Any, choices: Any, code: CatalogError) -> str:
        text = ("" if value is None else str(value)).strip().lower().replace(" ", "_")
        allowed = [c.value for c in choices]
        if text not in allowed:
            self.add(field_name, code, value=value, allowed=", ".join(allowed))
        return text

    def language(self, field_name: str, value: Any, *, required: bool = True) -> str:
        text = ("" if value is None else str(value)).strip()
        if not text:
            if required:
                self.add(field_name, CatalogError.REQUIRED)
            return ""
        tag = normalise_language_tag(text)
        if tag is None:
            self.add(field_name, CatalogError.UNKNOWN_LANGUAGE, value=text)
            return text
        return tag

    def whole(self, field_name: str, value: Any, *, low: int = 0, high: int = 10**6) -> int | None:
        if value is None or str(value).strip() == "":
            return None
        try:
            number = int(str(value).strip().removesuffix(".0"))
        except ValueError:
            number = -1
        if number < low or number > high:
            self.add(field_name, CatalogError.BAD_NUMBER, value=value)
            return None
        return number


GENRE_SLUGS: tuple[str, ...] = tuple(GENRES)


def title_spec_from_raw(
    raw: Mapping[str, Any], *, known_genres: Iterable[str] = GENRE_SLUGS
) -> TitleSpec:
    """Validate loosely typed input (strings from a file or JSON) into a ``TitleSpec``.

    ``raw`` keys are ``TitleSpec`` field names; nested fields are lists of dicts/tuples.
    Raises ``SpecInvalid`` listing every problem.
    """
    c = _Checker()
    kind = c.choice("kind", raw.get("kind"), TitleKind, CatalogError.UNKNOWN_KIND)
    status = c.choice(
        "status", raw.get("status") or TitleStatus.DRAFT, TitleStatus, CatalogError.UNKNOWN_STATUS
    )
    original_title = c.text("original_title", raw.get("original_title"), required=True, limit=300)
    original_language = c.language("original_language", raw.get("original_language"))
    reference = c.text("reference", raw.get("reference"), required=False, limit=64)

    year = None
    if raw.get("year") not in (None, ""):
        try:
            year = int(str(raw["year"]).strip().removesuffix(".0"))
        except ValueError:
            year = None
        if year is None or not 1880 <= year <= 2100:
            c.add("year", CatalogError.BAD_YEAR, value=raw["year"])
            year = None
    runtime = c.whole("runtime_minutes", raw.get("runtime_minutes"), low=1, high=100_000)
    popularity = c.whole("popularity", raw.get("popularity"), low=0) or 0

    countries: list[str] = []
    for value in raw.get("countries") or ():
        code = str(value).strip().upper()
        if code not in country_codes():
            c.add("countries", CatalogError.UNKNOWN_COUNTRY, value=value)
        elif code in countries:
            c.add("countries", CatalogError.DUPLICATE, value=value)
        else:
            countries.append(code)

    genre_set = set(known_genres)
    genres: list[str] = []
    for value in raw.get("genres") or ():
        slug = str(value).strip().lower().replace(" ", "-").replace("_", "-")
        if slug not in genre_set:
            c.add(
                "genres",
                CatalogError.UNKNOWN_GENRE,
                value=value,
                allowed=", ".join(sorted(genre_set)),
            )
        elif slug not in genres:
            genres.append(slug)

    localised: list[LocalisedTitleSpec] = []
    for item in raw.get("localised_titles") or ():
        item = _as_dict(item, ("language", "text", "kind"))
        language = c.language("localised_titles", item.get("language"))
        text = c.text("localised_titles", item.get("text"), required=True, limit=300)
        lkind = c.choice(
            "localised_titles",
            item.get("kind") or LocalisedTitleKind.OFFICIAL,
            LocalisedTitleKind,
            CatalogError.UNKNOWN_KIND,
        )
        spec = LocalisedTitleSpec(language, text, lkind)
        if any(s.language == language and s.text == text for s in localised):
            c.add("localised_titles", CatalogError.DUPLICATE, value=f"{language}:{text}")
        else:
            localised.append(spec)

    synopses: list[tuple[str, str]] = []
    for item in raw.get("synopses") or ():
        item = _as_dict(item, ("language", "text"))
        language = c.language("synopses", item.get("language"))
        text = c.text("synopses", item.get("text"), required=True, limit=20_000, multiline=True)
        if any(lang == language for lang, _ in synopses):
            c.add("synopses", CatalogError.DUPLICATE, value=language)
        else:
            synopses.append((language, text))

    credits: list[CreditSpec] = []
    for item in raw.get("credits") or ():
        item = _as_dict(item, ("role", "name", "character"))
        role = c.choice("credits", item.get("role"), CreditRole, CatalogError.UNKNOWN_ROLE)
        name = c.text("credits", item.get("name"), required=True, limit=200)
        character = c.text("credits", item.get("character"), required=False, limit=200)
        names = tuple(
            (c.language("credits", lang), c.text("credits", text, required=True, limit=200))
            for lang, text in (_as_pair(n) for n in item.get("names") or ())
        )
        credits.append(CreditSpec(role, name, character, names))

    versions: list[VersionSpec] = []
    for item in raw.get("versions") or ():
        item = _as_dict(item, ("language", "kind"))
        language = c.language("versions", item.get("language"))
        vkind = c.choice(
            "versions", item.get("kind"), VersionKind, CatalogError.UNKNOWN_VERSION_KIND
        )
        spec_v = VersionSpec(language, vkind)
        if spec_v in versions:
            c.add("versions", CatalogError.DUPLICATE, value=f"{language}:{vkind}")
        else:
            versions.append(spec_v)

    assets: list[AssetSpec] = []
    for item in raw.get("assets") or ():
        item = _as_dict(item, ("kind", "url", "language", "label"))
        akind = c.choice("assets", item.get("kind"), AssetKind, CatalogError.UNKNOWN_ASSET_KIND)
        url = c.text("assets", item.get("url"), required=True, limit=500)
        if url and not url.lower().startswith(("http://", "https://")):
            c.add("assets", CatalogError.BAD_URL, value=url)
        language = c.language("assets", item.get("language"), required=False)
        label = c.text("assets", item.get("label"), required=False, limit=200)
        assets.append(AssetSpec(akind, url, language, label))

    episodes: list[EpisodeSpec] = []
    for item in raw.get("episodes") or ():
        item = _as_dict(
            item, ("season", "number", "original_title", "english_title", "runtime_minutes")
        )
        season = c.whole("episodes", item.get("season"), low=0, high=1000)
        number = c.whole("episodes", item.get("number"), low=0, high=100_000)
        if season is None or number is None:
            c.add("episodes", CatalogError.REQUIRED)
            continue
        if any(e.season == season and e.number == number for e in episodes):
            c.add("episodes", CatalogError.DUPLICATE, value=f"S{season}E{number}")
            continue
        episodes.append(
            EpisodeSpec(
                season,
                number,
                c.text("episodes", item.get("original_title"), required=False, limit=300),
                c.text("episodes", item.get("english_title"), required=False, limit=300),
                c.whole("episodes", item.get("runtime_minutes"), low=1, high=100_000),
            )
        )

    price = None
    if raw.get("asking_price") not in (None, ""):
        try:
            price = Decimal(str(raw["asking_price"]).strip().replace(",", ""))
            if price < 0 or price != price.quantize(Decimal("0.01")):
                raise InvalidOperation
        except InvalidOperation:
            c.add("asking_price", CatalogError.BAD_PRICE, value=raw["asking_price"])
            price = None
    currency = str(raw.get("asking_currency") or "").strip().upper()
    if currency and currency not in currency_codes():
        c.add("asking_currency", CatalogError.UNKNOWN_CURRENCY, value=currency)
    if price is not None and not currency:
        c.add("asking_currency", CatalogError.PRICE_WITHOUT_CURRENCY)
    notes = c.text(
        "internal_notes", raw.get("internal_notes"), required=False, limit=20_000, multiline=True
    )
    identifiers: dict[str, str] = {}
    for scheme in IDENTIFIER_FIELDS:
        text = c.text(scheme, raw.get(scheme), required=False, limit=64)
        identifiers[scheme] = (NORMALISERS[scheme](text) or "") if text else ""
        if text and not identifiers[scheme]:
            c.add(
                scheme,
                CatalogError.BAD_IDENTIFIER,
                value=text,
                scheme=SCHEME_NAMES[scheme],
                example=EXAMPLES[scheme],
            )

    if c.problems:
        raise SpecInvalid(c.problems)
    return TitleSpec(
        kind=kind,
        original_title=original_title,
        original_language=original_language,
        reference=reference,
        status=status,
        year=year,
        runtime_minutes=runtime,
        countries=tuple(countries),
        genres=tuple(sorted(genres)),
        localised_titles=tuple(localised),
        synopses=tuple(synopses),
        credits=tuple(credits),
        versions=tuple(versions),
        assets=tuple(assets),
        episodes=tuple(episodes),
        internal_notes=notes,
        asking_price=price,
        asking_currency=currency,
        popularity=popularity,
        **identifiers,
    )


def _as_dict(item: Any, keys: Sequence[str]) -> dict[str, Any]:
    if isinstance(item, Mapping):
        return dict(item)
    if hasattr(item, "__dataclass_fields__"):
        return {k: getattr(item, k) for k in item.__dataclass_fields__}
    if not isinstance(item, list | tuple):  # 5, true, null: nothing given (a problem after)
        return {}
    return dict(zip(keys, item, strict=False))


def _as_pair(item: Any) -> tuple[Any, Any]:
    if isinstance(item, Mapping):
        return item.get("language"), item.get("text")
    language, text = item
    return language, text
