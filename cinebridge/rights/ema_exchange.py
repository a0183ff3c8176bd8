"""EMA Avails in and out: a licensor's avails file becomes the importer's rights in, and an
organisation's rights in (VOD media) become an avails file for a digital retailer (the
export: ``ema_export``, re-exported here).

Import is all-or-nothing: the file is read and validated whole (schema, structure, our own
rules) and every problem is reported with its row or line; then every transaction becomes
one rights-in record in one database transaction, upserted by ALID and TransactionID, so
importing the same file twice changes nothing and every row is accounted for.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field, replace
from typing import Any

from django.db import transaction

from cinebridge.catalog.models import Title, TitleKind
from cinebridge.catalog.services import title_create, title_spec_of, title_update
from cinebridge.catalog.specs import EpisodeSpec, title_spec_from_raw
from cinebridge.core.reference import normalise_language_tag
from cinebridge.organisations.models import Organisation
from cinebridge.rights.checks import RightsInStillNeeded, signed_grants_kept_covered
from cinebridge.rights.ema import (
    EmaAvail,
    EmaInvalid,
    EmaProblem,
)
from cinebridge.rights.ema.errors import EmaError, problem
from cinebridge.rights.ema.records import EmaReading
from cinebridge.rights.ema.structure import territory_problem
from cinebridge.rights.ema.xlsx_io import read_xlsx
from cinebridge.rights.ema.xml_io import read_xml
from cinebridge.rights.ema_export import rights_in_export_ema as rights_in_export_ema
from cinebridge.rights.ema_terms import ema_asset_of, ema_terms_of
from cinebridge.rights.models import RightsIn
from cinebridge.rights.services import rights_in_create, rights_in_delete
from cinebridge.rights.specs import PeriodSpec, RightsInSpec, ScopeSpec
from cinebridge.rights.taxonomy import taxonomies

TV_KINDS = (TitleKind.SERIES,)
WORK_TYPE_KIND = {
    "Episode": TitleKind.SERIES,
    "Season": TitleKind.SERIES,
    "Series": TitleKind.SERIES,
}


@dataclass(frozen=True)
class EmaRowOutcome:
    """What became of one transaction (one spreadsheet row)."""

    source: str
    alid: str
    title_id: int
    title: str
    title_created: bool
    action: str  # created / updated / unchanged / duplicate (of an earlier row of the file)


@dataclass
class EmaImportReport:
    records: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    duplicate: int = 0
    titles_created: int = 0
    dry_run: bool = False
    rows: list[EmaRowOutcome] = field(default_factory=list)
    warnings: list[EmaProblem] = field(default_factory=list)


def ema_read(data: bytes, filename: str = "", *, lenient: bool = False) -> EmaReading:
    """The records, problems and warnings of an EMA XML or XLSX file (by name, else by
    content); raises EmaInvalid only for a file that cannot be read at all.

    lenient skips the XSD (the structure rules still apply), for partner files that break
    only the schema.
    """
    name = filename.lower()
    if name.endswith(".xlsx") or data[:2] == b"PK":
        return read_xlsx(data)
    if name.endswith(".xml") or data.lstrip()[:1] == b"<":
        return read_xml(data, check_schema=not lenient)
    raise EmaInvalid([problem("file", "file", EmaError.NOT_EMA_FILE)])


def _content_key(record: EmaAvail) -> str:
    """A stable key for a transaction without TransactionID: a hash of what it licenses."""
    scope = [
        record.license_type,
        sorted(record.territories),
        sorted(record.territory_exclusions),
        record.start.isoformat() if record.start else record.start_condition,
        record.end.isoformat() if record.end else record.end_condition,
        record.format_profile,
        record.asset_language,
        sorted(record.allowed_languages),
        record.contract_id,
    ]
    return "~" + hashlib.sha256(json.dumps(scope).encode()).hexdigest()[:20]


def _external_id(record: EmaAvail) -> str:
    """ALID#TransactionID, or ALID#~content hash when the transaction has no ID (so a
    re-delivery in another order finds the same records)."""
    return f"{record.alid}#{record.transaction_id or _content_key(record)}"[:200]


def _position_id(record: EmaAvail) -> str:
    """The key of records imported before content keys: ALID#position in the file."""
    return f"{record.alid}#{record.source}"[:200]


def _reference(key: str) -> str:
    if len(key) <= 64:
        return key
    return key[:51] + "~" + hashlib.sha1(key.encode()).hexdigest()[:12]


def _title_key(record: EmaAvail) -> str:
    if record.is_tv:
        return record.series_content_id or f"series:{record.series_title or record.title}"
    return record.alt_id or record.content_id or record.alid


def _check(reading: EmaReading) -> list[EmaProblem]:
    """Our own rules on top of the codec's: we must be able to hold what each row says."""
    territories, _ = taxonomies()
    problems = []
    for record, where in zip(reading.records, reading.locations, strict=True):
        if record.medium is None and record.license_type is None:
            problems.append(
                problem(where, "LicenseType", EmaError.NO_MEDIUM, value=record.license_type)
            )
        if record.start is None:
            problems.append(
                problem(where, "Start", EmaError.START_CONDITION, value=record.start_condition)
            )
        if not record.territories:
            problems.append(problem(where, "Territory", EmaError.NO_TERRITORY))
        for code in (*record.territories, *record.territory_exclusions):
            if code not in territories.nodes and territory_problem(code) is None:
                problems.append(problem(where, "Territory", EmaError.UNKNOWN_TERRITORY, value=code))
        if record.start and record.end == record.start:  # End before Start: the codec's
            problems.append(
                problem(where, "End", EmaError.EMPTY_WINDOW, start=record.start, end=record.end)
            )
    return problems


def _in_file_order(problems: list[EmaProblem]) -> list[EmaProblem]:
    """Problems by line or row (the first number of their location), codec's first."""
    return sorted(problems, key=lambda p: int(m[0]) if (m := re.search(r"\d+", p.location)) else 0)


def _title_for(
    holder: Organisation, record: EmaAvail, actor: Any, cache: dict[str, Title]
) -> tuple[Title, bool]:
    key = _title_key(record)
    if key in cache:
        return cache[key], False
    known = (
        RightsIn.objects.filter(owner=holder, external_id__startswith=f"{record.alid}#")
        .select_related("title")
        .first()
    )
    title = (
        known.title
        if known
        else Title.objects.filter(owner=holder, reference=_reference(key)).first()
    )
    created = False
    if title is None:
        name = (
            (record.series_title if record.is_tv else None)
            or record.title
            or record.title_internal_alias
            or record.alid
        )
        language = normalise_language_tag((record.asset_language or "en").strip()) or "en"
        spec = title_spec_from_raw(
            {
                "kind": WORK_TYPE_KIND.get(record.work_type or "", TitleKind.FEATURE),
                "original_title": name[:300],
                "original_language": language,
                "reference": _reference(key),
                "year": record.release_year,
            }
        )
        title = title_create(actor=actor, owner=holder, spec=spec)
        created = True
    cache[key] = title
    return title, created


def _spec(record: EmaAvail, title: Title) -> RightsInSpec:
    return RightsInSpec(
        title_id=title.pk,
        territories=ScopeSpec(tuple(record.territories), tuple(record.territory_exclusions)),
        media=ScopeSpec((record.medium or "",)),
        period=PeriodSpec(start=record.start, end=record.end),
        exclusive=bool(record.exclusive),
        source_contract=(record.contract_id or f"EMA avails {record.alid}")[:200],
        licensor_name=(record.licensor or "")[:200],
        external_id=_external_id(record),
        ema_terms=ema_terms_of(record),
        ema_asset=ema_asset_of(record),
    )


def _same(rights: RightsIn, spec: RightsInSpec) -> bool:
    scopes = sorted(rights.scopes.values_list("axis", "key", "excluded"))
    wanted = sorted(
        [("t", k, False) for k in spec.territories.include]
        + [("t", k, True) for k in spec.territories.exclude]
        + [("m", k, False) for k in spec.media.include]
    )
    return (
        scopes == wanted
        and rights.title_id == spec.title_id
        and rights.start == spec.period.start
        and rights.end == spec.period.end
        and rights.exclusive == spec.exclusive
        and rights.source_contract == spec.source_contract
        and rights.licensor_name == spec.licensor_name
        and rights.external_id == spec.external_id
        and rights.ema_terms == list(spec.ema_terms)
        and rights.ema_asset == spec.ema_asset
    )


def rights_in_import_ema(
    *,
    actor: Any,
    holder: Organisation,
    data: bytes,
    filename: str = "",
    dry_run: bool = False,
    lenient: bool = False,
) -> EmaImportReport:
    """Import an EMA avails file as the holder's rights in; raises EmaInvalid, writing nothing."""
    reading = ema_read(data, filename, lenient=lenient)
    problems = reading.problems + _check(reading)
    if problems:
        raise EmaInvalid(_in_file_order(problems))
    records = reading.records
    report = EmaImportReport(records=len(records), dry_run=dry_run, warnings=reading.warnings)
    titles: dict[str, Title] = {}
    seen: set[str] = set()
    keys = {_external_id(r) for r in records} | {_position_id(r) for r in records}
    mine = RightsIn.objects.filter(owner=holder, external_id__in=keys)
    replaced = set(mine.values_list("title_id", flat=True))  # only a replaced record can shrink
    try:
        with transaction.atomic():
            with signed_grants_kept_covered(holder.pk, replaced):
                _import_rows(actor, holder, records, report, titles, seen)
            if dry_run:
                transaction.set_rollback(True)
    except RightsInStillNeeded as refused:
        raise EmaInvalid(
            [EmaProblem("the file as a whole", "avails:Transaction", str(refused))]
        ) from refused
    return report


def _import_rows(
    actor: Any,
    holder: Organisation,
    records: list[EmaAvail],
    report: EmaImportReport,
    titles: dict[str, Title],
    seen: set[str],
) -> None:
    """Upsert every record as rights in (the change is checked as a whole by the caller)."""
    for record in records:
        title, created = _title_for(holder, record, actor, titles)
        report.titles_created += created
        spec = _spec(record, title)
        mine = RightsIn.objects.filter(owner=holder)
        existing = mine.filter(external_id=spec.external_id).first()
        if existing is None and not record.transaction_id:
            existing = mine.filter(external_id=_position_id(record)).first()
        if spec.external_id in seen:
            action = "duplicate"  # same ALID and TransactionID as an earlier row
        elif existing is not None and _same(existing, spec):
            action = "unchanged"
        else:
            if existing is not None:
                rights_in_delete(actor=actor, rights=existing, check=False)
            rights_in_create(actor=actor, holder=holder, spec=spec)
            action = "updated" if existing is not None else "created"
        seen.add(spec.external_id)
        setattr(report, action, getattr(report, action) + 1)
        report.rows.append(
            EmaRowOutcome(
                record.source, record.alid, title.pk, title.original_title, created, action
            )
        )
    _episodes_ensure(actor, records, titles)


#: Catalog episode and season numbers are small integers; a volume longer than this is
#: stored as rights but does not fill the catalog with episodes.
_MAX_NUMBER, _MAX_RUN = 32_767, 1_000


def _episodes_ensure(actor: Any, records: list[EmaAvail], titles: dict[str, Title]) -> None:
    """Give each series the episodes the file names (episode rows, volumes' runs), through
    the catalog's services; episodes it already has are left as they are."""
    wanted: dict[str, dict[tuple[int, int], str]] = {}
    for record in records:
        season = record.season_number
        if season is None or season > _MAX_NUMBER:
            continue
        numbers: dict[int, str] = {}
        if record.work_type == "Episode" and record.episode_number is not None:
            numbers[record.episode_number] = record.episode_title or ""
        first, count = record.volume_first_episode, record.volume_episode_count
        if record.work_type == "Volume" and first is not None and count and count <= _MAX_RUN:
            numbers.update(dict.fromkeys(range(first, first + count), ""))
        episodes = wanted.setdefault(_title_key(record), {})
        for number, name in numbers.items():
            if number <= _MAX_NUMBER and not episodes.get((season, number)):
                episodes[season, number] = name
    for key, episodes in wanted.items():
        title = titles[key]
        if title.kind != TitleKind.SERIES or not episodes:
            continue
        spec = title_spec_of(title)
        have = {(e.season, e.number) for e in spec.episodes}
        new = tuple(
            EpisodeSpec(season=season, number=number, original_title=name[:300])
            for (season, number), name in sorted(episodes.items())
            if (season, number) not in have
        )
        if new:
            title_update(actor=actor, title=title, spec=replace(spec, episodes=spec.episodes + new))
