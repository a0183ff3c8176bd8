"""The record the EMA codec reads and writes, and the EMA vocabularies it relies on.

One :class:`EmaAvail` is one XML ``avails:Transaction`` (= one data row of an EMA
spreadsheet).  The Avail- and Asset-level facts (ALID, licensor, titles, identifiers) are
repeated on every record of the same Avail, exactly as the spreadsheet repeats them on
every row.  Readers fill the fields deterministically, and writers write every field
back, so ``read(write(records)) == records`` for records that a reader produced.

Text values are kept as written, with runs of white space collapsed to one space.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date
from decimal import Decimal

from .errors import EmaProblem

#: EMA LicenseType -> our medium codes.
LICENSE_TYPE_TO_MEDIUM: dict[str, str] = {
    "EST": "EST",
    "POEST": "EST",
    "TVOD": "TVOD",
    "VOD": "TVOD",
    "SVOD": "SVOD",
    "AVOD": "AVOD",
    "FVOD": "AVOD",
    "FAST": "FAST",
}

#: Our medium codes -> the EMA LicenseType we write for them.
MEDIUM_TO_LICENSE_TYPE: dict[str, str] = {
    "EST": "EST",
    "TVOD": "TVOD",
    "SVOD": "SVOD",
    "AVOD": "AVOD",
    "FAST": "FAST",
}

#: LicenseType values the codec accepts; anything else is reported as a problem.
KNOWN_LICENSE_TYPES = frozenset(LICENSE_TYPE_TO_MEDIUM)

#: AvailType values of the EMA Avails XML (v2.x).
AVAIL_TYPES = frozenset(
    {
        "single",
        "episode",
        "season",
        "series",
        "miniseries",
        "volume",
        "collection",
        "bundle",
        "supplement",
        "promotion",
    }
)

#: AvailType implied by a WorkType (used for spreadsheets, which carry no AvailType).
WORK_TYPE_TO_AVAIL_TYPE: dict[str, str] = {
    "Movie": "single",
    "Short": "single",
    "Episode": "episode",
    "Season": "season",
    "Series": "series",
    "Volume": "volume",
    "Collection": "collection",
    "Supplemental": "supplement",
    "Promotion": "promotion",
}

#: WorkTypes that live in the TV spreadsheet template and in TV metadata elements.
TV_WORK_TYPES = frozenset({"Episode", "Season", "Series", "Volume"})

#: Term names that carry the price of a Transaction (the spreadsheet's PriceType values).
PRICE_TERMS = frozenset(
    {
        "Tier",
        "Category",
        "LicenseFee",
        "NA",
        "WSP",
        "EpisodeWSP",
        "SeasonWSP",
        "SRP",
        "DMRP",
        "SMRP",
        "TPR-SRP",
        "TPR-WSP",
        "TPR-EpisodeWSP",
        "TPR-SeasonWSP",
        "TPR-DMRP",
        "TPR-SMRP",
    }
)

#: Price terms whose value is money (written as avails:Money).
MONEY_PRICE_TERMS = frozenset(PRICE_TERMS - {"Tier", "Category", "LicenseFee", "NA"})


@dataclass(frozen=True)
class EmaTerm:
    """One ``avails:Term`` of a Transaction beyond its price and exclusivity.

    ``kind`` is the element that carries the value (Money, Event, Text, Number, Boolean,
    Duration, URI, Language, ID, YearDateTime, Time); ``value`` is its text as written;
    ``currency`` the ISO 4217 code of a Money term.
    """

    name: str
    kind: str
    value: str
    currency: str | None = None


@dataclass(frozen=True, kw_only=True)
class EmaAvail:
    """One EMA transaction: a licence of one asset, in some territories, for a window.

    Contract:

    * ``alid`` is required; every other field may be ``None`` (or ``()``) when absent.
    * ``territories``/``territory_exclusions`` are upper-case ISO 3166-1 alpha-2 codes.
    * ``start``/``end`` are dates (times are dropped).  ``end is None`` means open-ended,
      unless ``end_condition`` names another condition (e.g. ``"ESTStart"``); likewise
      ``start is None`` goes with a ``start_condition`` (e.g. ``"Immediate"``).
    * ``price_value`` holds a numeric price (tier number, fee, money amount);
      ``price_text`` holds a non-numeric one (e.g. the Category ``"New Release"``).
    * A Volume (WorkType Volume, AvailType volume) is a run of episodes of one season:
      ``volume_number``, and the episodes ``volume_first_episode`` ..
      ``volume_first_episode + volume_episode_count - 1`` of ``season_number``.
    * For TV assets, ``title`` is the asset's own display title (episode, season or
      series; a season without one falls back to the series title), ``series_title`` the
      series display title and ``episode_title`` the episode's title.
    * ``source`` says where the record came from ("row 7" or
      "AvailList/Avail[3]/Transaction[2]") and is ignored by ``==``.

    * ``terms`` holds every other Term (a second price, TPR prices, SuppressionLiftDate,
      AnnounceDate, Download...) in a canonical order (by name).

    Fields beyond the original brief, kept so that EMA files survive a round trip:
    ``start_condition``, ``end_condition``, ``price_text``, ``series_content_id``,
    ``season_content_id``, ``ref_alids`` and ``terms``.
    """

    # Avail / Asset level (repeated on every transaction of the Avail)
    alid: str
    licensor: str | None = None
    service_provider: str | None = None
    avail_type: str | None = None
    work_type: str | None = None
    title: str | None = None
    title_internal_alias: str | None = None
    content_id: str | None = None
    title_eidr: str | None = None
    edit_eidr: str | None = None
    alt_id: str | None = None
    series_title: str | None = None
    season_number: int | None = None
    episode_number: int | None = None
    episode_title: str | None = None
    release_year: int | None = None
    series_content_id: str | None = None
    season_content_id: str | None = None
    volume_number: int | None = None
    volume_first_episode: int | None = None
    volume_episode_count: int | None = None
    # Transaction level
    license_type: str | None = None
    territories: tuple[str, ...] = ()
    territory_exclusions: tuple[str, ...] = ()
    start: date | None = None
    start_condition: str | None = None
    end: date | None = None
    end_condition: str | None = None
    allowed_languages: tuple[str, ...] = ()
    asset_language: str | None = None
    format_profile: str | None = None
    exclusive: bool | None = None
    transaction_id: str | None = None
    contract_id: str | None = None
    price_type: str | None = None
    price_value: Decimal | None = None
    price_currency: str | None = None
    price_text: str | None = None
    rights_description: str | None = None
    ref_alids: tuple[str, ...] = ()
    terms: tuple[EmaTerm, ...] = ()
    source: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        for name in (
            "territories",
            "territory_exclusions",
            "allowed_languages",
            "ref_alids",
            "terms",
        ):
            value = getattr(self, name)
            if not isinstance(value, tuple):
                object.__setattr__(self, name, tuple(value))
        # Terms in a canonical order: their order carries no meaning, and a spreadsheet
        # keeps some in columns of their own.
        ordered = tuple(
            sorted(self.terms, key=lambda t: (t.name, t.kind, t.value, t.currency or ""))
        )
        object.__setattr__(self, "terms", ordered)

    @property
    def medium(self) -> str | None:
        """Our medium code for ``license_type`` (None when unknown or absent)."""
        return LICENSE_TYPE_TO_MEDIUM.get(self.license_type or "")

    @property
    def is_tv(self) -> bool:
        """True for episodes, seasons and series."""
        return self.work_type in TV_WORK_TYPES

    def avail_key(self) -> tuple[object, ...]:
        """The Avail- and Asset-level values; records sharing them form one XML Avail."""
        return tuple(getattr(self, name) for name in AVAIL_FIELDS)


@dataclass
class EmaReading:
    """What a reader made of a file: its records, with the location of each ("line 42",
    "row 7") in ``locations``, the problems that refuse the file and the warnings that
    do not."""

    records: list[EmaAvail] = field(default_factory=list)
    locations: list[str] = field(default_factory=list)
    problems: list[EmaProblem] = field(default_factory=list)
    warnings: list[EmaProblem] = field(default_factory=list)


_FIELD_NAMES = [f.name for f in fields(EmaAvail)]

#: Fields that describe the Avail and its Asset (everything before ``license_type``).
AVAIL_FIELDS: tuple[str, ...] = tuple(_FIELD_NAMES[: _FIELD_NAMES.index("license_type")])
