"""Rights API: avails (list, one title, report files), rights in, and the reference trees.

Tenancy: a caller asks avails of an organisation they are a member of (404 otherwise),
sees only the titles they may see, and sees deal references only of deals their
organisations are party to (``selectors.cell_views``). Invalid input answers 400 with
every problem: ``{"problems": [{"field", "code", "message"}]}``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from enum import StrEnum
from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.exceptions import APIException
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from cinebridge.catalog.models import Title
from cinebridge.catalog.selectors import titles_visible
from cinebridge.catalog.specs import Problem, SpecInvalid
from cinebridge.core.permissions import member_org_ids, require_editor, require_member
from cinebridge.engines.avails import AvailsQuery, AvailsResult, Status
from cinebridge.organisations.models import Organisation
from cinebridge.rights import selectors, services
from cinebridge.rights.api.serializers import (
    MATCH_CHOICES,
    STATUS_CHOICES,
    AvailsListSerializer,
    AvailsTitleSerializer,
    MediumSerializer,
    ProblemsSerializer,
    RightsInSerializer,
    RightsInWriteSerializer,
    TerritoriesSerializer,
)
from cinebridge.rights.checks import RightsInStillNeeded
from cinebridge.rights.errors import RightsError, message
from cinebridge.rights.models import Medium, RightsIn, Territory, TerritoryGroup
from cinebridge.rights.reports import avails_report
from cinebridge.rights.spec_readers import rights_in_spec_from_raw
from cinebridge.rights.taxonomy import medium_label, territory_label


class ParameterError(StrEnum):
    """Problems with API-only query parameters (the avails and deal inputs use RightsError)."""

    UNKNOWN_CHOICE = "unknown_choice"


class InputInvalid(APIException):
    """400 with every problem, in the shape the specs report them."""

    status_code = status.HTTP_400_BAD_REQUEST

    def __init__(self, problems: Iterable[Problem]):
        super().__init__(
            {
                "problems": [
                    {"field": p.field, "code": str(p.code), "message": p.message} for p in problems
                ]
            }
        )


def choice_param(request: Request, name: str, allowed: Sequence[str]) -> str:
    """A query parameter that must be one of ``allowed`` (empty when absent)."""
    value = request.query_params.get(name, "").strip().lower()
    if value and value not in allowed:
        text = f"unknown value {value!r}; use one of: {', '.join(allowed)}"
        raise InputInvalid([Problem(name, ParameterError.UNKNOWN_CHOICE, text)])  # type: ignore[arg-type]
    return value


def is_id(text: str) -> bool:
    """Whether ``text`` can be a row id: ASCII digits a 64-bit key holds (not "²", not 10**30)."""
    return text.isascii() and text.isdigit() and len(text) <= 18


def request_object(request: Request) -> Mapping[str, Any]:
    """The request body as an object of named fields; any other JSON (a list, a number) is 400."""
    if isinstance(request.data, Mapping):
        return request.data
    code = RightsError.NOT_AN_OBJECT
    raise InputInvalid([Problem("", code, message(code))])  # type: ignore[arg-type]


def organisation_id(value: Any) -> int | None:
    """The id of the organisation named by slug or id (JSON numbers too), or None."""
    text = str(value if value is not None else "").strip()
    found = Organisation.objects.filter(slug=text).values_list("pk", flat=True).first()
    if found is None and is_id(text):
        found = Organisation.objects.filter(pk=int(text)).values_list("pk", flat=True).first()
    return found


def organisation_for(request: Request, value: Any, *, editor: bool = False) -> Organisation:
    """The organisation the caller acts for: ``value`` (slug or id), else their only one.

    Organisations the caller is not a member of answer 404 like unknown ones; with
    ``editor`` a member without an editing role gets 403 (``require_editor``).
    """
    text = str(value or "").strip()
    if text:
        org_id = organisation_id(text)
    else:
        orgs = member_org_ids(request.user)
        if len(orgs) != 1:
            code = RightsError.REQUIRED
            raise InputInvalid([Problem("organisation", code, message(code))])  # type: ignore[arg-type]
        org_id = next(iter(orgs))
    (require_editor if editor else require_member)(request.user, org_id)
    return Organisation.objects.get(pk=org_id)


def title_lookup(user: Any, owner_id: int) -> Callable[[Any], int | None]:
    """Title id for an id or a catalog reference, among titles the user may see (owner's first)."""

    def lookup(value: Any) -> int | None:
        visible = titles_visible(user)
        text = str(value).strip()
        if is_id(text):
            return visible.filter(pk=int(text)).values_list("pk", flat=True).first()
        found = sorted(
            visible.filter(reference=text).values_list("owner_id", "pk"),
            key=lambda row: (row[0] != owner_id, row[1]),
        )
        return found[0][1] if found else None

    return lookup


def visible_title_ids(user: Any, ids: Sequence[int]) -> set[int]:
    """The ids among ``ids`` of titles the user may see (in chunks the database accepts)."""
    out: set[int] = set()
    for i in range(0, len(ids), 2000):
        chunk = ids[i : i + 2000]
        out.update(titles_visible(user).filter(pk__in=chunk).values_list("pk", flat=True))
    return out


def titles_of(user: Any, ids: Sequence[int]) -> dict[int, Title]:
    """``selectors.titles_for_result`` in chunks."""
    out: dict[int, Title] = {}
    for i in range(0, len(ids), 2000):
        out.update(selectors.titles_for_result(user, ids[i : i + 2000]))
    return out


# -- avails ---------------------------------------------------------------------------------

_LISTS = ("territories", "exclude_territories", "media", "exclude_media", "languages")
AVAILS_PARAMETERS = [
    OpenApiParameter("organisation", OpenApiTypes.STR,
                     description="rights holder (slug or id) you are a member of; default: your only one"),
    OpenApiParameter("territories", OpenApiTypes.STR, required=True,
                     description="comma-separated or repeated: VN, 035 (M49), 001 (World), CIS, ASEAN..."),
    OpenApiParameter("exclude_territories", OpenApiTypes.STR),
    OpenApiParameter("media", OpenApiTypes.STR, required=True, description="ALL, TV, VOD, SVOD..."),
    OpenApiParameter("exclude_media", OpenApiTypes.STR),
    OpenApiParameter("start", OpenApiTypes.DATE, required=True),
    OpenApiParameter("end", OpenApiTypes.DATE, description="exclusive end; omit for open-ended"),
    OpenApiParameter("exclusive", OpenApiTypes.BOOL),
    OpenApiParameter("languages", OpenApiTypes.STR,
                     description="tag:usage pairs, usage audio|subtitles|voice_over: vi:subtitles,ru:audio"),
    OpenApiParameter("match", OpenApiTypes.STR, enum=MATCH_CHOICES,
                     description="entire: free for the whole period; overlap: a free window inside it"),
    OpenApiParameter("min_days", OpenApiTypes.INT,
                     description="shortest free window that counts, in days (default 0: one day); "
                                 "longer than the period: 400 min_window_longer_than_period"),
    OpenApiParameter("status", OpenApiTypes.STR, enum=STATUS_CHOICES, description="only titles with this status"),
]  # fmt: skip
_NOT_FOUND = OpenApiResponse(description="not a member of that organisation, or no such title")


def _avails_query(request: Request) -> tuple[Organisation, AvailsQuery]:
    organisation = organisation_for(request, request.query_params.get("organisation"))
    params = request.query_params
    raw: dict[str, Any] = {k: ",".join(params.getlist(k)) for k in _LISTS if params.getlist(k)}
    raw |= {k: params[k] for k in ("start", "end", "exclusive", "match", "min_days") if k in params}
    try:
        return organisation, selectors.avails_query_from_raw(raw, holder_id=organisation.pk)
    except SpecInvalid as error:
        raise InputInvalid(error.problems) from error


def _answer(request: Request) -> tuple[Organisation, AvailsResult, list[tuple[int, Status]]]:
    """The holder, the answer, and (title, status) for every title of it the caller may see."""
    organisation, query = _avails_query(request)
    choice_param(request, "status", STATUS_CHOICES)  # refuse a bad filter before the work
    result = selectors.avails_for(query=query)
    items = list(result.items())
    visible = visible_title_ids(request.user, [t for t, _ in items])
    return organisation, result, [(t, s) for t, s in items if t in visible]


def _with_status(request: Request, items: list[tuple[int, Status]]) -> list[tuple[int, Status]]:
    wanted = choice_param(request, "status", STATUS_CHOICES)
    return [(t, s) for t, s in items if not wanted or s == wanted]


class AvailsListView(APIView):
    """What the organisation can still license: status counts and the titles, paginated."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="avails_list",
        parameters=[*AVAILS_PARAMETERS, OpenApiParameter("page", OpenApiTypes.INT)],
        responses={200: AvailsListSerializer, 400: ProblemsSerializer, 404: _NOT_FOUND},
    )
    def get(self, request: Request) -> Response:
        organisation, _, items = _answer(request)
        counts = {s.value: 0 for s in Status}
        for _, found in items:
            counts[found.value] += 1
        listed = _with_status(request, items)
        paginator = PageNumberPagination()
        page = paginator.paginate_queryset(listed, request, view=self) or []  # type: ignore[arg-type]
        titles = selectors.titles_for_result(request.user, [t for t, _ in page])
        rows = [
            {
                "id": t,
                "reference": titles[t].reference,
                "original_title": titles[t].original_title,
                "status": s.value,
            }
            for t, s in page
        ]
        body = paginator.get_paginated_response(rows).data
        return Response({"organisation": organisation.slug, "counts": counts, **body})


class AvailsTitleView(APIView):
    """One title's answer: free cells, blocked cells with every reason, soft warnings."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="avails_title",
        parameters=AVAILS_PARAMETERS[:-1],
        responses={200: AvailsTitleSerializer, 400: ProblemsSerializer, 404: _NOT_FOUND},
    )
    def get(self, request: Request, title_id: int) -> Response:
        organisation, query = _avails_query(request)
        title = selectors.titles_for_result(request.user, [title_id]).get(title_id)
        if title is None:
            raise Http404
        answer = selectors.avails_title(query=query, title_id=title_id)
        viewer = member_org_ids(request.user)
        data = {
            "organisation": organisation.slug,
            "title": title,
            "status": answer.status.value,
            "free": selectors.cell_views(answer.free, viewer),
            "blocked": selectors.cell_views(answer.blocked, viewer),
            "warnings": selectors.cell_views(answer.warnings, viewer),
            "languages": selectors.languages_met(title=title, answer=answer),
        }
        return Response(AvailsTitleSerializer(data).data)


class _AvailsReportView(APIView):
    permission_classes = [IsAuthenticated]
    fmt = "csv"

    def perform_content_negotiation(self, request: Request, force: bool = False) -> Any:
        # The answer is a file whatever the Accept header says; errors still answer JSON.
        return super().perform_content_negotiation(request, force=True)

    def get(self, request: Request) -> HttpResponse:
        _, result, items = _answer(request)
        titles = titles_of(request.user, [t for t, _ in _with_status(request, items)])
        content, content_type, filename = avails_report(
            result=result, titles=titles, viewer_org_ids=member_org_ids(request.user), fmt=self.fmt
        )
        response = HttpResponse(content, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


def _report_schema(fmt: str, media_type: str) -> Any:
    return extend_schema(
        operation_id=f"avails_report_{fmt}",
        parameters=AVAILS_PARAMETERS,
        responses={
            (200, media_type): OpenApiTypes.BINARY,
            400: ProblemsSerializer,
            404: _NOT_FOUND,
        },
        description="One row per title and cell: reference, original title, status, "
        "territories, media, from, to, free/blocked, reasons, languages.",
    )


class AvailsCsvView(_AvailsReportView):
    fmt = "csv"

    @_report_schema("csv", "text/csv")
    def get(self, request: Request) -> HttpResponse:
        return super().get(request)


class AvailsXlsxView(_AvailsReportView):
    fmt = "xlsx"

    @_report_schema("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    def get(self, request: Request) -> HttpResponse:
        return super().get(request)


# -- rights in ------------------------------------------------------------------------------


class RightsInViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Rights your organisations own or represent. ``?organisation=`` and ``?title=`` filter.

    Recording and removing rights needs a sales, producer or admin role in the holder.
    """

    serializer_class = RightsInSerializer
    permission_classes = [IsAuthenticated]
    queryset = RightsIn.objects.none()
    lookup_value_regex = r"\d+"
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[RightsIn]:
        orgs = member_org_ids(self.request.user)
        named = self.request.query_params.get("organisation")
        if named and self.action == "list":
            orgs = {organisation_for(self.request, named).pk}
        rights = selectors.rights_in_of(orgs)
        title = self.request.query_params.get("title", "")
        return rights.filter(title_id=int(title)) if title.isdigit() else rights

    @extend_schema(
        parameters=[
            OpenApiParameter("organisation", OpenApiTypes.STR, description="holder slug or id"),
            OpenApiParameter("title", OpenApiTypes.INT),
        ]
    )
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().list(request, *args, **kwargs)

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "organisation", OpenApiTypes.STR, description="holder slug or id (or body holder)"
            )
        ],
        request=RightsInWriteSerializer,
        responses={201: RightsInSerializer, 400: ProblemsSerializer},
    )
    def create(self, request: Request) -> Response:
        data = request_object(request)
        named = request.query_params.get("organisation") or data.get("holder")
        holder = organisation_for(request, named, editor=True)
        try:
            spec = rights_in_spec_from_raw(
                data, titles=title_lookup(request.user, holder.pk), on=timezone.localdate()
            )
        except SpecInvalid as error:
            raise InputInvalid(error.problems) from error
        rights = services.rights_in_create(actor=request.user, holder=holder, spec=spec)
        created = selectors.rights_in_of([holder.pk]).get(pk=rights.pk)
        return Response(RightsInSerializer(created).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        responses={204: None, 409: OpenApiTypes.OBJECT},
        description="Refused with 409, naming the deals, while signed grants need the rights.",
    )
    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        rights = self.get_object()
        require_editor(request.user, rights.owner_id)
        try:
            services.rights_in_delete(actor=request.user, rights=rights)
        except RightsInStillNeeded as refused:
            deals = sorted({c.grant.deal_ref for c in refused.conflicts})
            return Response(
                {"detail": str(refused), "deals": deals}, status=status.HTTP_409_CONFLICT
            )
        return Response(status=status.HTTP_204_NO_CONTENT)


# -- reference data -------------------------------------------------------------------------


class TerritoriesView(APIView):
    """The territory tree (World > UN M49 regions > countries) and groups with every version.

    Names are in the request language (Accept-Language).
    """

    permission_classes = [AllowAny]

    @extend_schema(operation_id="territories_list", responses={200: TerritoriesSerializer})
    def get(self, request: Request) -> Response:
        territories = [
            {"code": code, "name": territory_label(code), "kind": kind, "parent": parent}
            for code, kind, parent in Territory.objects.order_by("position").values_list(
                "code", "kind", "parent_id"
            )
        ]
        groups = TerritoryGroup.objects.prefetch_related("versions").order_by("code")
        data = {
            "territories": territories,
            "groups": [
                {
                    "code": g.code,
                    "name": g.name,
                    "description": g.description,
                    "versions": [
                        {
                            "key": v.key,
                            "version": v.version,
                            "valid_from": v.valid_from,
                            "members": v.members,
                            "note": v.note,
                        }
                        for v in g.versions.all()
                    ],
                }
                for g in groups
            ],
        }
        return Response(TerritoriesSerializer(data).data)


class MediaView(APIView):
    """The media tree: All media > TV > Pay TV..., names in the request language."""

    permission_classes = [AllowAny]

    @extend_schema(operation_id="media_list", responses={200: MediumSerializer(many=True)})
    def get(self, request: Request) -> Response:
        media = [
            {"code": code, "name": medium_label(code), "parent": parent}
            for code, parent in Medium.objects.order_by("position").values_list("code", "parent_id")
        ]
        return Response(MediumSerializer(media, many=True).data)
