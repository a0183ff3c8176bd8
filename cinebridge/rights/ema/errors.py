"""Problems found in EMA avails, their codes and messages, and the exception that carries
them: the readers, the import, the API, the CLI and the tests share them.

Messages are translated (``gettext_lazy``) and filled in when a problem is made, in the
language active then.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.utils.translation import gettext_lazy as _


class EmaError(StrEnum):
    UNKNOWN_LANGUAGE = "unknown_language"
    UNKNOWN_RATING_SYSTEM = "unknown_rating_system"
    UNKNOWN_RATING_VALUE = "unknown_rating_value"
    UNKNOWN_RATING_REASON = "unknown_rating_reason"
    RATING_WITHOUT_VALUE = "rating_without_value"
    UNKNOWN_STATUS = "unknown_status"
    OVERLAPPING_VOLUMES = "overlapping_volumes"
    VOLUME_WITHOUT_EPISODES = "volume_without_episodes"
    BAD_TERM = "bad_term"
    UNKNOWN_CURRENCY = "unknown_currency"
    NO_MEDIUM = "no_medium"
    START_CONDITION = "start_condition"
    NO_TERRITORY = "no_territory"
    UNKNOWN_TERRITORY = "unknown_territory"
    EMPTY_WINDOW = "empty_window"
    SCHEMA = "schema"
    NOT_AVAIL_LIST = "not_avail_list"
    UNKNOWN_AVAIL_TYPE = "unknown_avail_type"
    SINGLE_NEEDS_ONE_ASSET = "single_needs_one_asset"
    WRONG_WORK_TYPE = "wrong_work_type"
    METADATA_NEEDED = "metadata_needed"
    REF_ALID_NOT_ALLOWED = "ref_alid_not_allowed"
    REF_ALID_NEEDED = "ref_alid_needed"
    UNKNOWN_LICENSE_TYPE = "unknown_license_type"
    UNKNOWN_WORK_TYPE = "unknown_work_type"
    BAD_TERRITORY = "bad_territory"
    SUBDIVISION = "subdivision"
    END_BEFORE_START = "end_before_start"
    MISSING_COLUMN = "missing_column"
    REQUIRED = "required"
    NOT_WHOLE_NUMBER = "not_whole_number"
    NOT_BOOLEAN = "not_boolean"
    NOT_DATE = "not_date"
    NOT_A_WORKBOOK = "not_a_workbook"
    NO_TEMPLATE_SHEET = "no_template_sheet"
    NOT_EMA_FILE = "not_ema_file"


#: Problems that do not refuse a file: reported beside the import's result.
WARNINGS = frozenset({EmaError.UNKNOWN_RATING_SYSTEM})

MESSAGES: dict[EmaError, Any] = {
    EmaError.UNKNOWN_LANGUAGE: _(
        "{element} {value!r} is not a language tag of the IANA subtag registry "
        "(checked without regard to case); use a tag such as en, vi, zh-Hans, es-419"
    ),
    EmaError.UNKNOWN_RATING_SYSTEM: _(
        "rating system {system!r} is not one we know, so its value {value!r} is not checked"
    ),
    EmaError.UNKNOWN_RATING_VALUE: _(
        "rating system {system} has no value {value!r}; use one of: {allowed}"
    ),
    EmaError.UNKNOWN_RATING_REASON: _(
        "rating system {system} has no reason {value!r}; use one of: {allowed}"
    ),
    EmaError.RATING_WITHOUT_VALUE: _("a rating of system {system} needs a value"),
    EmaError.UNKNOWN_STATUS: _("{element} {value!r} is not one of: {allowed}"),
    EmaError.OVERLAPPING_VOLUMES: _(
        "volume {volume} (episodes {first}-{last}) overlaps volume {other} of the same "
        "season, which starts on line {line}: an episode belongs to one volume"
    ),
    EmaError.VOLUME_WITHOUT_EPISODES: _(
        "a volume needs avails:VolumeFirstEpisodeNumber and avails:VolumeNumberOfEpisodes "
        "(at least 1) to say which episodes it holds"
    ),
    EmaError.BAD_TERM: _("term {term}: {value!r} is not {expected}"),
    EmaError.UNKNOWN_CURRENCY: _(
        "term {term}: unknown currency {value!r}; use an ISO 4217 code such as USD, VND"
    ),
    EmaError.NO_MEDIUM: _("licence type {value!r} has no medium here"),
    EmaError.START_CONDITION: _(
        "a start date is needed (StartCondition {value!r} is not supported)"
    ),
    EmaError.NO_TERRITORY: _("at least one territory is needed"),
    EmaError.UNKNOWN_TERRITORY: _("unknown territory {value!r}"),
    EmaError.EMPTY_WINDOW: _("the window ends on {end}, not after its start {start}"),
    EmaError.SCHEMA: "{reason}",  # the XSD validator's own words, not translated
    EmaError.NOT_AVAIL_LIST: _("the document element must be avails:AvailList, not {value}"),
    EmaError.UNKNOWN_AVAIL_TYPE: _("{element} {value!r} is not one of {allowed}"),
    EmaError.SINGLE_NEEDS_ONE_ASSET: _(
        "avails:Avail with AvailType single needs exactly one avails:Asset, found {count}"
    ),
    EmaError.WRONG_WORK_TYPE: _(
        "avails:Asset of an Avail with AvailType {avail_type} needs WorkType {expected}, "
        "not {value}"
    ),
    EmaError.METADATA_NEEDED: _("avails:Asset with WorkType {work_type} needs avails:{needed}"),
    EmaError.REF_ALID_NOT_ALLOWED: _(
        "avails:RefALID is only allowed when avails:AvailType is promotion or supplement, "
        "not {avail_type}"
    ),
    EmaError.REF_ALID_NEEDED: _("avails:Transaction of a {avail_type} Avail needs avails:RefALID"),
    EmaError.UNKNOWN_LICENSE_TYPE: _("{element} {value!r} is not one of {allowed}"),
    EmaError.UNKNOWN_WORK_TYPE: _("{element} {value!r} is not one of {allowed}"),
    EmaError.BAD_TERRITORY: _(
        "{element}: territory {value!r} is neither an ISO 3166-1 alpha-2 country code nor a "
        "UN M49 region code"
    ),
    EmaError.SUBDIVISION: _(
        "md:countryRegion {value!r}: subdivisions of a country are not supported, only UN M49 "
        "regions (001 World, 035 South-eastern Asia); list countries with md:country"
    ),
    EmaError.END_BEFORE_START: _("{element} {end} is before {start_element} {start}"),
    EmaError.MISSING_COLUMN: _("required column {element} is missing"),
    EmaError.REQUIRED: _("{element} is required"),
    EmaError.NOT_WHOLE_NUMBER: _("{element} {value!r} is not a whole number"),
    EmaError.NOT_BOOLEAN: _("{element} {value!r} is not TRUE/FALSE or Yes/No"),
    EmaError.NOT_DATE: _("{element} {value!r} is not a date (YYYY-MM-DD) or a condition"),
    EmaError.NOT_A_WORKBOOK: _("not an .xlsx workbook ({error})"),
    EmaError.NO_TEMPLATE_SHEET: _(
        "no sheet has an EMA avails header row (ALID, WorkType, LicenseType, Territory)"
    ),
    EmaError.NOT_EMA_FILE: _("not an EMA avails file: use .xml (v2.x) or .xlsx (v1.9)"),
}


def message(code: EmaError, **params: object) -> str:
    """The human message for ``code`` with its parameters filled in."""
    return str(MESSAGES[code]).format(**params)


@dataclass(frozen=True)
class EmaProblem:
    """One problem in an EMA document or record list.

    ``location`` is "line 64" for XML, "row 7, column Territory" for spreadsheets and
    "record 3" for records handed to a writer.  ``element`` names the element (with its
    canonical prefix, e.g. "avails:Metadata") or spreadsheet column (e.g. "Territory")
    the problem is about; ``message`` is a sentence a person can act on.  ``code`` is the
    :class:`EmaError` value when the problem has one ("" for XSD and older messages);
    ``warning`` problems are reported but refuse nothing.
    """

    location: str
    element: str
    message: str
    code: str = ""
    warning: bool = False

    def __str__(self) -> str:
        prefix = "warning: " if self.warning else ""
        return f"{self.location}: {prefix}{self.message}"


def problem(location: str, element: str, code: EmaError, /, **params: object) -> EmaProblem:
    """An :class:`EmaProblem` for ``code`` (a warning when the code is one); the message
    may name ``element`` unless ``params`` names another one."""
    text = message(code, **{"element": element, **params})
    return EmaProblem(location, element, text, str(code), code in WARNINGS)


class EmaInvalid(Exception):
    """Raised when a document or record list breaks the EMA rules.

    ``problems`` lists every problem found (never empty); ``str()`` shows them all, one
    per line, so the message alone is enough to fix the input.
    """

    def __init__(self, problems: Iterable[EmaProblem], what: str = "EMA avails") -> None:
        self.problems: list[EmaProblem] = list(problems)
        if not self.problems:
            raise ValueError("EmaInvalid needs at least one problem")
        self.what = what
        super().__init__(str(self))

    def __str__(self) -> str:
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''} in {self.what}:"
        return "\n".join([head, *(f"  {problem}" for problem in self.problems)])
