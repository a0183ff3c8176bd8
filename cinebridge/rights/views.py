"""Rights pages: the avails search with its "why not?" panel, and the helpers every rights
page shares. Deals are in ``views_deals``, rights in in ``views_rights_in``, a title's rights
timeline and release events in ``views_titles``.

Every page is for signed-in members and acts for one of the user's organisations, chosen
with ``?organisation=<slug>`` (default: the first by name). Thin views: ``selectors`` answer,
the helpers here only put answers into words and positions for the templates.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cinebridge.catalog.selectors import titles_visible
from cinebridge.catalog.specs import Problem, SpecInvalid
from cinebridge.core.htmx import is_partial, pick_template
from cinebridge.core.permissions import member_org_ids, member_roles
from cinebridge.engines.avails import Cell, Status, Taxonomy
from cinebridge.organisations.models import Organisation
from cinebridge.rights import selectors
from cinebridge.rights.forms import AvailsInput
from cinebridge.rights.models import ReleaseEventKind, TerritoryGroup
from cinebridge.rights.selectors import Labels

PAGE_SIZE = 50
FREE_LINES = 6  # free windows listed per title in the results; the "why not?" panel has all
REPORT_PATH = "/api/avails/report"  # the avails report endpoint (rights API), same query keys
GROUPS = ("CIS", "GREATER_CHINA", "ASEAN")
STATUS_LABELS = {
    Status.AVAILABLE: _("Available"),
    Status.PARTIAL: _("Partly available"),
    Status.UNAVAILABLE: _("Not available"),
}
ERROR_SLOTS = ("territories", "media", "start", "end", "languages", "min_days")

# -- shared: the acting organisation, names of codes, periods in words ----------------------


def acting_organisation(request: HttpRequest) -> Organisation:
    """The organisation the user acts for: ``?organisation=<slug>`` among their memberships,
    else the first by name; 404 for a user who belongs to none (or names another one)."""
    ids = member_roles(request.user)
    if not ids:
        raise Http404
    mine = Organisation.objects.filter(pk__in=ids).order_by("name")
    slug = request.GET.get("organisation") or request.POST.get("organisation")
    found = mine.filter(slug=slug).first() if slug else mine.first()
    if found is None:
        raise Http404
    return found


def acting_context(request: HttpRequest, acting: Organisation) -> dict[str, Any]:
    """What every rights page needs to show and keep the acting organisation."""
    choices = list(
        Organisation.objects.filter(pk__in=member_roles(request.user))
        .order_by("name")
        .values_list("slug", "name")
    )
    keep = [(k, v) for k, v in request.GET.lists() if k not in {"organisation", "page"}]
    return {
        "acting": acting,
        "acting_choices": choices,
        "acting_keep": [(k, value) for k, values in keep for value in values],
        "acting_query": f"organisation={acting.slug}",
    }


def visible_title(request: HttpRequest, pk: int) -> Any:
    """The title if the user may see it (without the catalog page's prefetches), else 404."""
    return get_object_or_404(titles_visible(request.user).select_related("owner"), pk=pk)


def _event_text(kind: str, territory: str, offset: int) -> str:
    try:
        label = str(ReleaseEventKind(kind).label)
    except ValueError:
        label = kind
    text = f"{label} {territory}".strip()
    if offset:
        days = gettext("%(days)s days") % {"days": abs(offset)}
        text += f" {'+' if offset > 0 else '−'} {days}"
    return text


@dataclass(frozen=True)
class PeriodText:
    """A stored period in words: how it was agreed, and the dates it resolved to."""

    agreed: str
    resolved: str
    relative: bool
    provisional: bool
    cut: bool = False  # ended early by the deal's termination


def period_text(obj: Any, cut: dt.date | None = None) -> PeriodText:
    """Words for a rights in, grant or holdback period ("theatrical release VN + 90 days")."""
    open_end = gettext("open-ended")
    relative = bool(obj.start_event or obj.end_event or obj.duration_days)
    start = (
        _event_text(obj.start_event, obj.start_event_territory, obj.start_offset_days)
        if obj.start_event
        else obj.start.isoformat()
    )
    if obj.end_event:
        end = _event_text(obj.end_event, obj.end_event_territory, obj.end_offset_days)
    elif obj.duration_days and not obj.end_given:
        end = gettext("%(days)s days after the start") % {"days": obj.duration_days}
    else:
        end = obj.end.isoformat() if obj.end else open_end
    early = cut is not None and (obj.end is None or cut < obj.end)
    stop = cut if early else obj.end
    resolved = f"{obj.start.isoformat()} → {stop.isoformat() if stop else open_end}"
    return PeriodText(f"{start} → {end}", resolved, relative, bool(obj.provisional), early)


def _problems(problems: list[Problem]) -> dict[str, list[str]]:
    """Problems by the form slot that shows them; others under "other"."""
    out: dict[str, list[str]] = {}
    for problem in problems:
        slot = problem.field if problem.field in ERROR_SLOTS else "other"
        out.setdefault(slot, []).append(problem.message)
    return out


# -- the avails search ----------------------------------------------------------------------


def _tree(
    labels: Labels, taxonomy: Taxonomy, code: str, picked: set[str], axis: str
) -> dict[str, Any]:
    """A node with its children for the checkbox trees: territories by name (regions before
    countries), media in the taxonomy's own order."""
    children = [_tree(labels, taxonomy, c, picked, axis) for c in taxonomy.children[code]]
    if axis == "t":
        children.sort(key=lambda n: (not n["children"], n["label"].casefold()))
    return {
        "code": code,
        "label": labels.name(code, axis),
        "checked": code in picked,
        "open": any(c["checked"] or c["open"] for c in children),
        "children": children,
    }


def _pickers(labels: Labels, avails_input: AvailsInput) -> dict[str, Any]:
    """The trees of checkboxes: regions and media groups, plus the territory groups."""
    t_picked = {c.upper() for c in avails_input.picked["territories"]}
    m_picked = {c.upper() for c in avails_input.picked["media"]}
    world = _tree(labels, labels.territories, labels.territories.root, t_picked, "t")
    media = _tree(labels, labels.media, labels.media.root, m_picked, "m")
    names = dict(TerritoryGroup.objects.filter(code__in=GROUPS).values_list("code", "name"))
    groups = [
        {"code": code, "name": gettext(names[code]), "checked": code in t_picked}
        for code in GROUPS
        if code in names
    ]
    return {"territory_tree": world, "media_tree": media, "territory_groups": groups}


@dataclass
class TitleRow:
    """One title of the results: its status, free windows and whether there is a "why not"."""

    title_id: int
    title: Any
    status: Status
    free: list[dict[str, Any]] = field(default_factory=list)
    more_free: int = 0
    blocked: int = 0
    warnings: int = 0

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status])


def _free_lines(labels: Labels, cells: tuple[Cell, ...] | list[Cell]) -> list[dict[str, Any]]:
    out = []
    for cell in cells:
        t_codes, t_names = labels.mask(cell.territories, "t")
        m_codes, m_names = labels.mask(cell.media, "m")
        out.append(
            {
                "territories": t_codes,
                "territory_names": t_names,
                "media": m_codes,
                "media_names": m_names,
                "start": cell.period.start,
                "end": cell.period.end,
                "languages": selectors.languages_text(cell.languages),
            }
        )
    return out


def _results(
    request: HttpRequest, query: Any, acting: Organisation, labels: Labels
) -> dict[str, Any]:
    result = selectors.avails_for(query=query)
    names = dict(
        titles_visible(request.user)
        .filter(rights_in__owner_id=acting.pk)
        .values_list("id", "original_title")
        .distinct()
    )
    rows = [(title_id, status) for title_id, status in result.items() if title_id in names]
    counts = Counter(status for _, status in rows)
    wanted = request.GET.get("status", "")
    if wanted in {s.value for s in Status}:
        rows = [(title_id, status) for title_id, status in rows if status == wanted]
    rows.sort(key=lambda row: (names[row[0]].casefold(), row[0]))
    paginator = Paginator(rows, PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    titles = titles_visible(request.user).in_bulk([title_id for title_id, _ in page.object_list])
    title_rows = []
    for title_id, status in page.object_list:
        answer = result.explain(title_id)
        free = _free_lines(labels, answer.free)
        title_rows.append(
            TitleRow(
                title_id,
                titles.get(title_id),
                status,
                free[:FREE_LINES],
                max(0, len(free) - FREE_LINES),
                len(answer.blocked),
                len(answer.warnings),
            )
        )
    return {
        "counts": [(s.value, STATUS_LABELS[s], counts.get(s, 0)) for s in STATUS_LABELS],
        "total": sum(counts.values()),
        "status_filter": wanted,
        "rows": title_rows,
        "page": page,
        "paginator": paginator,
    }


@login_required
def avails_search(request: HttpRequest) -> HttpResponse:
    """What the acting organisation can still license, title by title, and why not."""
    acting = acting_organisation(request)
    avails_input = AvailsInput.from_query(request.GET)
    labels = Labels()
    query_string = avails_input.query_string(organisation=acting.slug)
    context: dict[str, Any] = {
        **acting_context(request, acting),
        "input": avails_input,
        "errors": {},
        "submitted": avails_input.submitted,
        "query_string": query_string,
        "report_csv": f"{REPORT_PATH}.csv?{query_string}",
        "report_xlsx": f"{REPORT_PATH}.xlsx?{query_string}",
        "pager_query": query_without(request, "page"),
        "status_query": query_without(request, "page", "status"),
    }
    status = 200
    if avails_input.submitted:
        try:
            query = selectors.avails_query_from_raw(avails_input.raw, holder_id=acting.pk)
        except SpecInvalid as invalid:
            context["errors"] = _problems(invalid.problems)
            status = 400
        else:
            context.update(_results(request, query, acting, labels))
    partial = is_partial(request)
    if not partial:
        context.update(_pickers(labels, avails_input))
    template = "rights/htmx/avails_results.html" if partial else "rights/avails.html"
    return render(request, template, context, status=status)


def query_without(request: HttpRequest, *keys: str) -> str:
    data = request.GET.copy()
    for key in keys:
        data.pop(key, None)
    return data.urlencode()


@login_required
def avails_why(request: HttpRequest, title_id: int) -> HttpResponse:
    """Every blocked part of one title for the search, with its reasons, and the warnings."""
    acting = acting_organisation(request)
    title = visible_title(request, title_id)
    avails_input = AvailsInput.from_query(request.GET)
    context: dict[str, Any] = {**acting_context(request, acting), "title": title, "errors": {}}
    context["back"] = f"{reverse('rights:avails-search')}?{query_without(request)}"
    try:
        query = selectors.avails_query_from_raw(avails_input.raw, holder_id=acting.pk)
    except SpecInvalid as invalid:
        context["errors"] = _problems(invalid.problems)
        return render(request, "rights/avails_why.html", context, status=400)
    answer = selectors.avails_title(query=query, title_id=title.pk)
    viewer = member_org_ids(request.user)
    context.update(
        {
            "answer": answer,
            "blocked": cell_links(selectors.cell_views(answer.blocked, viewer)),
            "warnings": cell_links(selectors.cell_views(answer.warnings, viewer)),
            "free": _free_lines(Labels(), answer.free),
            "languages_met": selectors.languages_met(title=title, answer=answer),
        }
    )
    template = pick_template(request, "rights/avails_why.html", "rights/htmx/why.html")
    return render(request, template, context)


def cell_links(views: list[selectors.CellView]) -> list[dict[str, Any]]:
    """Cell views whose reasons name a deal split around the reference, to link it."""
    out = []
    for view in views:
        reasons = []
        for reason in view.reasons:
            before, ref, after = (
                reason.text.partition(reason.deal_reference)
                if reason.deal_reference
                else (reason.text, "", "")
            )
            reasons.append({"reason": reason, "before": before, "ref": ref, "after": after})
        out.append({"cell": view, "reasons": reasons})
    return out
