"""Reads for rights and deals: who may see which deal, avails queries and their explanations.

Tenancy: a deal's terms are visible only to members of its two parties. The existence of
a licence that blocks a holder's avails is shown to the holder's members with its kind
and end date, but its reference and licensee only to the parties.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Max, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext as _
from language_tags import tags

from cinebridge.catalog.models import Title
from cinebridge.catalog.selectors import titles_visible
from cinebridge.catalog.specs import Problem, SpecInvalid
from cinebridge.core.audit import audit_history
from cinebridge.core.languages import version_tag, wanted_tags
from cinebridge.core.models import AuditEntry
from cinebridge.core.permissions import member_org_ids
from cinebridge.engines.avails import (
    AvailsQuery,
    AvailsResult,
    Block,
    BlockedCell,
    Cell,
    LanguageVersion,
    Match,
    Period,
    PeriodInvalid,
    Reason,
    Taxonomy,
    TitleAvails,
)
from cinebridge.engines.avails.languages import OTHER
from cinebridge.rights import engine_adapters
from cinebridge.rights.errors import RightsError, message
from cinebridge.rights.models import (
    Deal,
    DealStatus,
    Grant,
    GrantScope,
    Holdback,
    HoldbackScope,
    ReleaseEvent,
    ReleaseEventKind,
    RightsIn,
    RightsInScope,
)
from cinebridge.rights.specs import InputChecker
from cinebridge.rights.taxonomy import taxonomies, territory_label

# -- deals ----------------------------------------------------------------------------------


def deal_parties(org_ids: Iterable[int], prefix: str = "") -> Q:
    """The deals these organisations are party to: as licensor always, as licensee from the
    offer on (a draft is the licensor's alone). ``prefix`` reaches the deal from a related
    model ("deal__" from a grant)."""
    orgs = list(org_ids)
    return Q(**{f"{prefix}owner_id__in": orgs}) | (
        Q(**{f"{prefix}licensee_id__in": orgs}) & ~Q(**{f"{prefix}status": DealStatus.DRAFT})
    )


def deals_visible(user: Any) -> QuerySet[Deal]:
    """Deals the user's organisations are party to (``deal_parties``)."""
    return Deal.objects.filter(deal_parties(member_org_ids(user))).select_related(
        "owner", "licensee"
    )


INTERNAL_FIELDS = ("internal_notes",)
"""Fields of a deal's recorded changes that only the licensor's members read."""


def deal_history(user: Any, deal: Deal) -> list[AuditEntry]:
    """The deal's recorded changes the user may read, newest first: all of them for the
    licensor's members; for the licensee's, those from the offer on, without internal notes."""
    entries = list(audit_history(deal))
    if deal.owner_id in member_org_ids(user):
        return entries
    offered = [e.created_at for e in entries if e.action == f"deal.{DealStatus.OFFERED}"]
    if not offered:
        return []
    shown = [e for e in entries if e.created_at >= min(offered)]
    for entry in shown:
        if isinstance(entry.changes, dict):
            entry.changes = {k: v for k, v in entry.changes.items() if k not in INTERNAL_FIELDS}
    return shown


def deal_get(user: Any, pk: int) -> Deal:
    """One deal with its grants and holdbacks, or 404 if the user is not a party's member."""
    deal = (
        deals_visible(user)
        .prefetch_related(
            Prefetch("grants__scopes", queryset=GrantScope.objects.order_by("id")),
            "grants__title",
            Prefetch("holdbacks__scopes", queryset=HoldbackScope.objects.order_by("id")),
            "holdbacks__title",
        )
        .filter(pk=pk)
        .first()
    )
    if deal is None:
        raise Http404
    return deal


def deals_ended(*, today: dt.date) -> QuerySet[Deal]:
    """Signed deals whose every grant ended by ``today`` (half-open: an end on ``today``
    has ended), each with ``last_end``, the day its last grant ended; by licensor and
    reference. Terminated deals are not among them: they have ended already."""
    return (
        Deal.objects.filter(status=DealStatus.SIGNED)
        .exclude(grants__end__isnull=True)
        .exclude(grants__end__gt=today)
        .annotate(last_end=Max("grants__end"))
        .select_related("owner", "licensee")
        .order_by("owner__slug", "reference")
    )


def rights_in_of(organisation_ids: Iterable[int]) -> QuerySet[RightsIn]:
    """Rights-in records held by the given organisations."""
    return (
        RightsIn.objects.filter(owner_id__in=list(organisation_ids))
        .select_related("title", "owner")
        .prefetch_related(Prefetch("scopes", queryset=RightsInScope.objects.order_by("id")))
        .order_by("title__original_title", "start")
    )


def rights_in_get(user: Any, pk: int) -> RightsIn:
    """One rights-in record with its scopes, or 404 unless the user is a member of its holder."""
    rights = rights_in_of(member_org_ids(user)).filter(pk=pk).first()
    if rights is None:
        raise Http404
    return rights


# -- release events -------------------------------------------------------------------------


def release_events_recordable(organisation_id: int, title: Title) -> bool:
    """Whether the organisation may record the title's release dates: it owns the title or
    holds rights in it. A licensee only reads them: the dates move its licensor's rights."""
    return title.owner_id == organisation_id or (
        RightsIn.objects.filter(owner_id=organisation_id, title=title).exists()
    )


@dataclass
class ReleaseEventRow:
    """One event of a title in one territory: its date if recorded, and the periods of the
    organisation's rights in, grants and holdbacks that hang on it."""

    kind: str
    territory: str
    event: ReleaseEvent | None = None
    periods: list[RightsIn | Grant | Holdback] = field(default_factory=list)

    @property
    def provisional(self) -> bool:
        """True while some period that hangs on the event waits for its date."""
        return any(p.provisional for p in self.periods)


def release_event_rows(*, title: Title, organisation_id: int) -> list[ReleaseEventRow]:
    """The title's release events (every one recorded, whoever recorded it) and the events
    the organisation's own periods hang on, by territory and event kind. Periods shown are
    its rights in and the grants and holdbacks of deals it is party to."""
    relative = ~Q(start_event="") | ~Q(end_event="")
    party = deal_parties([organisation_id], "deal__")
    periods: list[RightsIn | Grant | Holdback] = [
        *RightsIn.objects.filter(relative, owner_id=organisation_id, title=title)
        .prefetch_related("scopes")
        .order_by("start", "pk"),
        *Grant.objects.filter(relative, party, title=title)
        .select_related("deal")
        .prefetch_related("scopes")
        .order_by("start", "pk"),
        *Holdback.objects.filter(relative, party, title=title)
        .select_related("deal")
        .prefetch_related("scopes")
        .order_by("start", "pk"),
    ]
    rows: dict[tuple[str, str], ReleaseEventRow] = {}
    for event in ReleaseEvent.objects.filter(title=title):
        rows[(event.kind, event.territory)] = ReleaseEventRow(event.kind, event.territory, event)
    for period in periods:
        for kind, territory in {
            (period.start_event, period.start_event_territory),
            (period.end_event, period.end_event_territory),
        }:
            if kind:
                row = rows.setdefault((kind, territory), ReleaseEventRow(kind, territory))
                row.periods.append(period)
    order = {kind: i for i, kind in enumerate(ReleaseEventKind.values)}
    return sorted(rows.values(), key=lambda r: (r.territory, order.get(r.kind, 99), r.kind))


def scope_text(scopes: Iterable[Any], axis: str) -> str:
    """ "World excluding Russia" for scope rows of one axis, in the UI language."""
    return Labels().scope(list(scopes), axis)


class Labels:
    """Names of territory and media keys for one request, each looked up once."""

    def __init__(self) -> None:
        self.territories, self.media = taxonomies()
        self._names: dict[tuple[str, str], str] = {}

    def name(self, key: str, axis: str) -> str:
        found = self._names.get((axis, key))
        if found is None:
            if axis == "t":
                found = territory_label(key)
            else:  # as medium_label, with the taxonomy this request already holds
                node = self.media.nodes.get(key)
                found = gettext(node.name) if node else key
            self._names[(axis, key)] = found
        return found

    def scope(self, scopes: Any, axis: str) -> str:
        """Scope rows in words, as ``selectors.scope_text``, without a query per row."""
        include = [self.name(s.key, axis) for s in scopes if s.axis == axis and not s.excluded]
        exclude = [self.name(s.key, axis) for s in scopes if s.axis == axis and s.excluded]
        text = ", ".join(include)
        return capfirst(
            text + (f" {gettext('excluding')} " + ", ".join(exclude) if exclude else "")
        )

    def mask(self, mask: int, axis: str) -> tuple[str, str]:
        """(codes, names) of a mask: ("001 excl. RU", "World excluding Russia")."""
        taxonomy: Taxonomy = self.territories if axis == "t" else self.media
        include, exclude = taxonomy.describe(mask)
        codes = ", ".join(k.split("@")[0] for k in include)
        names = ", ".join(self.name(k, axis) for k in include)
        if exclude:
            codes += f" {gettext('excl.')} " + ", ".join(k.split("@")[0] for k in exclude)
            names += f" {gettext('excluding')} " + ", ".join(self.name(k, axis) for k in exclude)
        return codes, capfirst(names)


# -- avails ---------------------------------------------------------------------------------


def avails_query_from_raw(raw: Mapping[str, Any], *, holder_id: int) -> AvailsQuery:
    """An avails query from plain input (form, API, CLI); raises SpecInvalid with every problem."""
    check = InputChecker()
    today = dt.date.today()
    territories, media = taxonomies()
    t_scope = check.scope(
        "territories", raw.get("territories"), raw.get("exclude_territories"), axis="t", on=today
    )
    m_scope = check.scope("media", raw.get("media"), raw.get("exclude_media"), axis="m", on=today)
    start = check.date("start", raw.get("start"))
    end = check.date("end", raw.get("end"))
    if start is None and "start" not in {p.field for p in check.problems}:
        check.add("start", RightsError.REQUIRED)
    if start and end and end <= start:
        check.add("end", RightsError.PERIOD_ENDS_BEFORE_START, start=start, end=end)
    languages = check.languages("languages", raw.get("languages"))
    min_days = check.integer("min_days", raw.get("min_days"), 0) or 0
    if start and end and end > start and min_days > (end - start).days:
        # No window that long fits: every title would be unavailable for a reason the
        # answer would not show, so the question is refused saying why (docs/avails.md).
        check.add(
            "min_days",
            RightsError.MIN_WINDOW_LONGER_THAN_PERIOD,
            days=min_days,
            period=(end - start).days,
        )
    match = str(raw.get("match") or Match.ENTIRE).strip().lower()
    if match not in {m.value for m in Match}:
        match = Match.ENTIRE
    check.raise_if_any()
    t_mask = territories.selection(t_scope.include, t_scope.exclude)
    # A bare language means the version likely in each territory asked: zh for CN is
    # zh-Hans, for TW zh-Hant (core.languages); a query over both needs both.
    leaves = territories.leaf_codes(t_mask)
    wanted = {(w, usage) for tag, usage in languages for w in wanted_tags(tag, leaves)}
    try:
        return AvailsQuery(
            holder_id=holder_id,
            territories=t_mask,
            media=media.selection(m_scope.include, m_scope.exclude),
            period=Period(start, end),  # type: ignore[arg-type]
            exclusive=check.boolean(raw.get("exclusive"), False),
            languages=frozenset(wanted),
            match=Match(match),
            min_days=min_days,
            title_ids=frozenset(raw["title_ids"]) if raw.get("title_ids") else None,
        )
    except (ValueError, PeriodInvalid) as error:
        raise SpecInvalid([Problem("min_days", RightsError.BAD_NUMBER, str(error))]) from error  # type: ignore[arg-type]


def avails_for(*, query: AvailsQuery) -> AvailsResult:
    """Every title's status for the query, from this process's up-to-date index."""
    return engine_adapters.avails_index().query(query)


def avails_title(*, query: AvailsQuery, title_id: int) -> TitleAvails:
    """One title's cells and reasons (from the up-to-date index)."""
    return engine_adapters.avails_index().title_avails(title_id, query)


# -- presenting answers ---------------------------------------------------------------------


def languages_text(languages: Iterable[LanguageVersion]) -> str:
    """Language versions in words: "fr audio, fr subtitles"; the engine's OTHER leaf
    (every language no record names) as "other languages"."""
    usages = {"audio": _("audio"), "subtitles": _("subtitles"), "voice_over": _("voice-over")}
    return ", ".join(
        _("other languages") if (tag, usage) == OTHER else f"{_tag(tag)} {usages.get(usage, usage)}"
        for tag, usage in languages
    )


def _tag(tag: str) -> str:
    """A tag as BCP 47 writes it (the engine's leaves are lower case): zh-hant -> zh-Hant."""
    return str(tags.tag(tag).format)


@dataclass(frozen=True)
class ReasonView:
    """One reason in words, with the deal named only to its parties; languages: the blocking
    record's language limits (() when it blocks every language)."""

    code: str
    text: str
    deal_id: int | None
    deal_reference: str
    until: dt.date | None
    provisional: bool
    languages: tuple[LanguageVersion, ...] = ()


@dataclass(frozen=True)
class CellView:
    """A cell in words; languages: the cell's language leaves when the records split the
    languages asked (() otherwise: every language asked)."""

    territories: str
    media: str
    start: dt.date
    end: dt.date | None
    reasons: tuple[ReasonView, ...] = ()
    languages: tuple[LanguageVersion, ...] = ()

    @property
    def languages_text(self) -> str:
        return languages_text(self.languages)


def _parties(deal_ids: Iterable[int]) -> dict[int, tuple[int, int]]:
    return {
        pk: (owner, licensee)
        for pk, owner, licensee in Deal.objects.filter(pk__in=list(deal_ids)).values_list(
            "pk", "owner_id", "licensee_id"
        )
    }


def _reason_text(block: Block, visible: bool) -> str:
    until = block.until.isoformat() if block.until else _("open-ended")
    ref = block.deal_ref if visible else _("a deal you are not party to")
    texts = {
        Reason.NOT_HELD: _("Not held: no rights in for these territories, media and dates"),
        Reason.HELD_NON_EXCLUSIVE: _(
            "Rights held are non-exclusive, so no exclusive licence can be granted"
        ),
        Reason.EXCLUSIVE_LICENCE: _("Exclusive licence %(ref)s until %(until)s")
        % {"ref": ref, "until": until},
        Reason.NON_EXCLUSIVE_LICENCE: _(
            "Non-exclusive licence %(ref)s until %(until)s blocks exclusivity"
        )
        % {"ref": ref, "until": until},
        Reason.HOLDBACK: _("Holdback in %(ref)s until %(until)s") % {"ref": ref, "until": until},
        Reason.SOFT_HOLDBACK: _("Soft holdback in %(ref)s until %(until)s (a warning, not a block)")
        % {"ref": ref, "until": until},
        Reason.NO_LANGUAGE_VERSION: _("No language version: %(missing)s")
        % {"missing": block.detail},
    }
    text = texts[block.reason]
    if block.languages:
        text += " " + _("(for %(languages)s only)") % {"languages": languages_text(block.languages)}
    if block.provisional:
        text += " " + _("(provisional: its event date is not known yet)")
    return text


def cell_views(cells: Iterable[Cell | BlockedCell], viewer_org_ids: set[int]) -> list[CellView]:
    """Cells in words for a viewer: names of territories and media, reasons, deal refs if party."""
    items = list(cells)
    deal_ids = {
        b.deal_id for c in items if isinstance(c, BlockedCell) for b in c.blocks if b.deal_id
    }
    parties = _parties(deal_ids)
    labels = Labels()
    out = []
    for item in items:
        cell = item.cell if isinstance(item, BlockedCell) else item
        reasons: list[ReasonView] = []
        for block in item.blocks if isinstance(item, BlockedCell) else ():
            visible = bool(block.deal_id and set(parties.get(block.deal_id, ())) & viewer_org_ids)
            reasons.append(
                ReasonView(
                    block.reason.value,
                    _reason_text(block, visible),
                    block.deal_id if visible else None,
                    block.deal_ref if visible else "",
                    block.until,
                    block.provisional,
                    block.languages,
                )
            )
        out.append(
            CellView(
                labels.mask(cell.territories, "t")[1],
                labels.mask(cell.media, "m")[1],
                cell.period.start,
                cell.period.end,
                tuple(reasons),
                cell.languages,
            )
        )
    return out


@dataclass(frozen=True)
class LanguageMet:
    """Which of a title's language versions met one wanted language (as resolved for the
    territories asked: zh for CN is zh-Hans) and usage; ``version`` as recorded (zh-CN)."""

    wanted: str
    usage: str
    version: str


def languages_met(*, title: Title, answer: TitleAvails) -> list[LanguageMet]:
    """The version that met each wanted language of an answer, named as the title records it."""
    recorded = {version_tag(v.language): v.language for v in title.versions.all()}
    return [LanguageMet(w, u, recorded.get(v, v)) for w, u, v in answer.languages]


def titles_for_result(user: Any, title_ids: Iterable[int]) -> dict[int, Title]:
    """The titles of an avails answer that the user may see, by id."""
    return {t.pk: t for t in titles_visible(user).filter(pk__in=list(title_ids))}


__all__ = [
    "CellView",
    "LanguageMet",
    "Labels",
    "ReasonView",
    "ReleaseEventRow",
    "avails_for",
    "avails_query_from_raw",
    "avails_title",
    "cell_views",
    "deal_get",
    "deal_history",
    "deal_parties",
    "deals_ended",
    "deals_visible",
    "languages_met",
    "languages_text",
    "message",
    "release_event_rows",
    "release_events_recordable",
    "rights_in_get",
    "rights_in_of",
    "scope_text",
    "titles_for_result",
]
