"""EMA rules beyond the XSD, for parsed documents and for records about to be written.

The XSD cannot say that a ``single`` Avail holds one Movie, that a supplement points at
its parent with RefALID, or that a window ends after it starts.  These checks follow the
public MovieLabs structure rules for Avails, in our own code:

* AvailType ``single`` needs exactly one Asset, with WorkType Movie or Short; ``episode``,
  ``season`` and ``series`` need Assets of WorkType Episode, Season and Series;
* an Asset of WorkType Movie/Short needs ``avails:Metadata``, Episode needs
  ``avails:EpisodeMetadata``, Season ``avails:SeasonMetadata``, Series
  ``avails:SeriesMetadata`` (and Volume ``avails:VolumeMetadata``);
* ``avails:RefALID`` is allowed only when AvailType is promotion or supplement, and
  then every Transaction needs one;
* a Transaction needs a known LicenseType and at least one Territory; territory codes
  are ISO 3166-1 alpha-2 (checked with pycountry); End is not before Start.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from xml.etree.ElementTree import Element

import pycountry

from cinebridge.core.reference import currency_codes

from . import vocabulary
from .errors import EmaError, EmaProblem, problem
from .records import (
    AVAIL_TYPES,
    KNOWN_LICENSE_TYPES,
    TV_WORK_TYPES,
    WORK_TYPE_TO_AVAIL_TYPE,
    EmaAvail,
    EmaTerm,
)
from .schema import AVAILS_NS, MD_NS, location_of, qualified_name
from .terms import term_from_element
from .volumes import volume_problems

A = f"{{{AVAILS_NS}}}"
M = f"{{{MD_NS}}}"

#: AvailTypes whose Transactions must (and only ones that may) carry RefALID.
REF_AVAIL_TYPES = frozenset({"supplement", "promotion"})

#: WorkTypes an Asset must have for an AvailType.
AVAIL_TYPE_WORK_TYPES = {
    "single": ("Movie", "Short"),
    "episode": ("Episode",),
    "season": ("Season",),
    "series": ("Series",),
    "volume": ("Volume",),
}

#: The metadata element an Asset of a WorkType needs.
WORK_TYPE_METADATA = {
    "Movie": "Metadata",
    "Short": "Metadata",
    "Episode": "EpisodeMetadata",
    "Season": "SeasonMetadata",
    "Series": "SeriesMetadata",
    "Volume": "VolumeMetadata",
}

#: xs:language, the type of AllowedLanguage and AssetLanguage.
LANGUAGE_TAG = re.compile(r"[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*")
#: Start/End conditions ("Open", "Immediate", "ESTStart", ...) are single words.
CONDITION = re.compile(r"[A-Za-z][A-Za-z0-9]*")
_PLAIN_DECIMAL = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")
_TRUE = frozenset({"true", "=true()", "yes", "y", "1"})
_FALSE = frozenset({"false", "=false()", "no", "n", "0"})
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


#: A UN M49 area code, as ``md:countryRegion`` carries regions: 001 World, 035 South-eastern Asia.
M49_REGION = re.compile(r"[0-9]{3}")


def territory_problem(code: str | None) -> str | None:
    """Why ``code`` is neither an ISO 3166-1 alpha-2 country code nor a UN M49 region code
    (three digits), or None if it is one of them; whether we know the region is the
    importer's question."""
    if not code:
        return "empty territory code"
    if M49_REGION.fullmatch(code):
        return None
    if not re.fullmatch(r"[A-Za-z]{2}", code) or not pycountry.countries.get(alpha_2=code):
        return f"territory '{code}' is not an ISO 3166-1 alpha-2 country code"
    return None


def text_of(elem: Element | None) -> str | None:
    """The element's text with white space runs collapsed; None when absent or blank."""
    if elem is None or elem.text is None:
        return None
    return " ".join(elem.text.split()) or None


def date_of(elem: Element | None) -> date | None:
    """The date of an xs:dateTime/xs:date element (time dropped); None if absent or bad."""
    text = text_of(elem)
    try:
        return date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None  # the XSD reports malformed dates


def parse_decimal(text: str | None) -> Decimal | None:
    """``Decimal`` for plain decimal notation ("7.99", "-3", ".5"); None for anything else."""
    return Decimal(text) if text and _PLAIN_DECIMAL.fullmatch(text.strip()) else None


def parse_boolean(text: str | None) -> bool | None:
    """True/False for true/false, yes/no, y/n, 1/0 and Excel's =TRUE()/=FALSE(); else None."""
    lowered = (text or "").strip().lower()
    return True if lowered in _TRUE else False if lowered in _FALSE else None


def structure_problems(root: Element) -> list[EmaProblem]:
    """Every structural problem of a document parsed by ``schema.parse_xml``.

    Works on documents that fail the XSD as well, so callers can report everything at once.
    """
    if root.tag != A + "AvailList":
        name = qualified_name(root.tag)
        return [problem(location_of(root), name, EmaError.NOT_AVAIL_LIST, value=name)]
    problems: list[EmaProblem] = []
    for avail in root.findall(A + "Avail"):
        problems += _avail_problems(avail)
    return problems + volume_problems(root)


def _coded(elem: Element | None, element: str, found: vocabulary.Found) -> list[EmaProblem]:
    return [problem(location_of(elem), element, code, **params) for code, params in found]


def term_problems(term: EmaTerm) -> vocabulary.Found:
    """What is wrong with a term: money that is not a decimal amount in a known currency."""
    found: vocabulary.Found = []
    if term.kind != "Money":
        return found
    amount = parse_decimal(term.value)
    if amount is None or not amount.is_finite():
        params = {"term": term.name, "value": term.value, "expected": "an amount such as 4.99"}
        found.append((EmaError.BAD_TERM, params))
    if term.currency is not None and term.currency not in currency_codes():
        found.append((EmaError.UNKNOWN_CURRENCY, {"term": term.name, "value": term.currency}))
    return found


def _rating_problems(asset: Element) -> list[EmaProblem]:
    """Each md:Rating of the asset (at any depth) against its rating system's values."""
    problems = []
    for rating in asset.iter(M + "Rating"):
        system_elem, value_elem = rating.find(M + "System"), rating.find(M + "Value")
        reasons = [(e, text_of(e) or "") for e in rating.findall(M + "Reason")]
        found = vocabulary.rating_problems(
            text_of(system_elem), text_of(value_elem), [r for _e, r in reasons]
        )
        for code, params in found:
            if code == EmaError.UNKNOWN_RATING_REASON:
                at = next(e for e, r in reasons if r == params["value"])
                problems += _coded(at, "md:Reason", [(code, params)])
            elif code == EmaError.UNKNOWN_RATING_SYSTEM:
                problems += _coded(system_elem, "md:System", [(code, params)])
            else:
                at = rating if value_elem is None else value_elem
                problems += _coded(at, "md:Value", [(code, params)])
    return problems


def _avail_problems(avail: Element) -> list[EmaProblem]:
    problems = []
    type_elem = avail.find(A + "AvailType")
    avail_type = text_of(type_elem)
    if avail_type is not None and avail_type not in AVAIL_TYPES:
        params = {"value": avail_type, "allowed": ", ".join(sorted(AVAIL_TYPES))}
        problems += _coded(type_elem, "avails:AvailType", [(EmaError.UNKNOWN_AVAIL_TYPE, params)])
    assets = avail.findall(A + "Asset")
    if avail_type == "single" and len(assets) != 1:
        found = [(EmaError.SINGLE_NEEDS_ONE_ASSET, {"count": len(assets)})]
        problems += _coded(avail, "avails:Asset", found)
    expected = AVAIL_TYPE_WORK_TYPES.get(avail_type or "")
    for asset in assets:
        work_elem = asset.find(A + "WorkType")
        work_type = text_of(work_elem)
        if expected and work_type not in expected:
            params = {
                "avail_type": avail_type,
                "expected": " or ".join(expected),
                "value": work_type,
            }
            at = asset if work_elem is None else work_elem
            problems += _coded(at, "avails:WorkType", [(EmaError.WRONG_WORK_TYPE, params)])
        needed = WORK_TYPE_METADATA.get(work_type or "")
        if needed and asset.find(A + needed) is None:
            params = {"work_type": work_type, "needed": needed}
            problems += _coded(asset, f"avails:{needed}", [(EmaError.METADATA_NEEDED, params)])
        problems += _rating_problems(asset)
        for elem in asset.iter():
            name = elem.tag.removeprefix(A)
            if name in vocabulary.STATUS_VALUES:
                found = vocabulary.status_problems(name, text_of(elem))
                problems += _coded(elem, f"avails:{name}", found)
    for transaction in avail.findall(A + "Transaction"):
        problems += _transaction_problems(transaction, avail_type)
    return problems


def _transaction_problems(txn: Element, avail_type: str | None) -> list[EmaProblem]:
    problems = []
    refs = txn.findall(A + "RefALID")
    ref = {"avail_type": avail_type}
    if refs and avail_type not in REF_AVAIL_TYPES:
        problems += _coded(refs[0], "avails:RefALID", [(EmaError.REF_ALID_NOT_ALLOWED, ref)])
    if avail_type in REF_AVAIL_TYPES and not refs:
        problems += _coded(txn, "avails:RefALID", [(EmaError.REF_ALID_NEEDED, ref)])
    license_elem = txn.find(A + "LicenseType")
    license_type = text_of(license_elem)
    if license_type is not None and license_type not in KNOWN_LICENSE_TYPES:
        params = {"value": license_type, "allowed": ", ".join(sorted(KNOWN_LICENSE_TYPES))}
        found = [(EmaError.UNKNOWN_LICENSE_TYPE, params)]
        problems += _coded(license_elem, "avails:LicenseType", found)
    territories = txn.findall(A + "Territory")
    if not territories:
        problems += _coded(txn, "avails:Territory", [(EmaError.NO_TERRITORY, {})])
    for region in territories + txn.findall(A + "TerritoryExcluded"):
        for child in region:
            code = text_of(child)
            if child.tag == M + "country" and territory_problem(code):
                found = [(EmaError.BAD_TERRITORY, {"value": code or ""})]
                problems += _coded(child, "md:country", found)
            elif child.tag == M + "countryRegion" and not M49_REGION.fullmatch(code or ""):
                found = [(EmaError.SUBDIVISION, {"value": code or ""})]
                problems += _coded(child, "md:countryRegion", found)
    for elem in txn.findall(A + "Term"):
        problems += _coded(elem, "avails:Term", term_problems(term_from_element(elem)))
    for tag in ("AllowedLanguage", "AssetLanguage", "HoldbackLanguage"):
        for elem in txn.findall(A + tag):
            found = vocabulary.language_problems(f"avails:{tag}", text_of(elem))
            problems += _coded(elem, f"avails:{tag}", found)
    start, end = date_of(txn.find(A + "Start")), date_of(txn.find(A + "End"))
    if start and end and end < start:
        params = {"end": end, "start": start, "start_element": "avails:Start"}
        problems += _coded(txn.find(A + "End"), "avails:End", [(EmaError.END_BEFORE_START, params)])
    return problems


def record_problems(records: Sequence[EmaAvail], *, for_xml: bool) -> list[EmaProblem]:
    """What stops ``records`` from being written as EMA (XML when ``for_xml``, else XLSX).

    Locations are "record N" (1-based); ``element`` names the record field.
    """
    problems = []
    for number, record in enumerate(records, start=1):
        where = f"record {number}"
        for name, message in _record_messages(record, for_xml=for_xml):
            problems.append(EmaProblem(where, name, f"{name}: {message}"))
    return problems


def _record_messages(r: EmaAvail, *, for_xml: bool) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    required = ["alid", "license_type", "format_profile", "work_type", "content_id"]
    out += [(name, "is required") for name in required if not getattr(r, name)]
    if r.work_type == "Volume":
        for name in ("volume_number", "volume_first_episode", "volume_episode_count"):
            if getattr(r, name) is None:
                out.append((name, "is required for a volume"))
    if r.license_type and r.license_type not in KNOWN_LICENSE_TYPES:
        out.append(("license_type", f"'{r.license_type}' is not a known EMA LicenseType"))
    if not r.territories:
        out.append(("territories", "at least one territory is required"))
    for name in ("territories", "territory_exclusions"):
        for code in getattr(r, name):
            message = territory_problem(code) or (
                None if code == code.upper() else "use upper case"
            )
            if message:
                out.append((name, message))
    if r.start is None and r.start_condition is None:
        out.append(("start", "a start date or a start_condition is required"))
    if r.start is not None and r.start_condition is not None:
        out.append(("start_condition", "give start or start_condition, not both"))
    if r.end is not None and r.end_condition is not None:
        out.append(("end_condition", "give end or end_condition, not both"))
    if r.price_currency is not None and r.price_value is None:
        out.append(("price_currency", "needs a numeric price_value"))
    if r.start and r.end and r.end < r.start:
        out.append(("end", f"{r.end} is before start {r.start}"))
    for name in ("start_condition", "end_condition"):
        value = getattr(r, name)
        if value is not None and not CONDITION.fullmatch(value):
            out.append((name, f"'{value}' is not a single-word condition such as ESTStart"))
    languages = [("allowed_languages", tag) for tag in r.allowed_languages]
    if r.asset_language is not None:
        languages.append(("asset_language", r.asset_language))
    for name, tag in languages:
        if not LANGUAGE_TAG.fullmatch(tag):
            out.append((name, f"'{tag}' is not a BCP 47 language tag"))
    if r.price_value is not None and not r.price_value.is_finite():
        out.append(("price_value", "must be a finite number"))
    if r.price_value is not None and r.price_text is not None:
        out.append(("price_text", "give either price_value or price_text, not both"))
    if r.release_year is not None and not 1 <= r.release_year <= 9999:
        out.append(("release_year", "must be between 1 and 9999"))
    for name in ("season_number", "episode_number"):
        value = getattr(r, name)
        if value is not None and not 0 <= value < 2**31:
            out.append((name, "must be between 0 and 2147483647"))
    for name, value in _strings(r):
        if _XML_ILLEGAL.search(value):
            out.append((name, "contains characters that XML cannot carry"))
    if for_xml:
        out += _xml_record_messages(r)
    return out


def _strings(r: EmaAvail) -> list[tuple[str, str]]:
    values = []
    for name, value in vars(r).items():
        items = value if isinstance(value, tuple) else (value,)
        values += [(name, item) for item in items if isinstance(item, str)]
    return values


def _xml_record_messages(r: EmaAvail) -> list[tuple[str, str]]:
    out = []
    avail_type = r.avail_type or WORK_TYPE_TO_AVAIL_TYPE.get(r.work_type or "")
    if avail_type is None:
        out.append(("avail_type", f"is required for WorkType {r.work_type}"))
    elif avail_type not in AVAIL_TYPES:
        out.append(("avail_type", f"'{avail_type}' is not an EMA AvailType"))
    expected = AVAIL_TYPE_WORK_TYPES.get(avail_type or "")
    if expected and r.work_type not in expected:
        out.append(("work_type", f"AvailType {avail_type} needs {' or '.join(expected)}"))
    if avail_type in REF_AVAIL_TYPES and not r.ref_alids:
        out.append(("ref_alids", f"a {avail_type} needs the ALID it refers to"))
    if r.ref_alids and avail_type not in REF_AVAIL_TYPES:
        out.append(("ref_alids", "only supplements and promotions refer to other ALIDs"))
    if r.work_type != "Season" and not (r.title_internal_alias or r.title or r.episode_title):
        out.append(("title_internal_alias", "a title or an internal alias is required"))
    if r.work_type in TV_WORK_TYPES - {"Series"}:
        if not r.series_content_id:
            out.append(("series_content_id", f"is required for WorkType {r.work_type}"))
        if not r.series_title:
            out.append(("series_title", f"is required for WorkType {r.work_type}"))
    if (
        r.work_type in ("Episode", "Volume")
        and r.season_number is not None
        and not r.season_content_id
    ):
        out.append(("season_content_id", "is required for an episode with a season number"))
    return out
