"""Deals API: list, create, read, change, offer, check, sign, terminate, history.

Tenancy: a deal exists only for members of its two parties (others get 404); of those,
only the licensor's sales, producer and admin members may change it (others get 403).
A status that does not allow the action answers 409 with its code; a refused signature
answers 409 with every conflict explained (deals named only to their parties).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import APIException, PermissionDenied
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from cinebridge.catalog.specs import Problem, SpecInvalid
from cinebridge.core.permissions import is_member, member_org_ids, require_editor
from cinebridge.engines.avails import GrantConflict
from cinebridge.rights import selectors, services
from cinebridge.rights.api.serializers import (
    DealCheckSerializer,
    DealConflictSerializer,
    DealSerializer,
    DealSignedSerializer,
    DealSummarySerializer,
    DealWriteSerializer,
    HistoryEntrySerializer,
    ProblemsSerializer,
    StateErrorSerializer,
    TerminateSerializer,
)
from cinebridge.rights.api.views import (
    InputInvalid,
    choice_param,
    organisation_for,
    organisation_id,
    request_object,
    title_lookup,
)
from cinebridge.rights.errors import RightsError, message
from cinebridge.rights.models import Deal, DealStatus
from cinebridge.rights.spec_readers import deal_spec_from_raw

_STATE_ERROR = OpenApiResponse(StateErrorSerializer, description="the deal's status forbids it")
_FORBIDDEN = OpenApiResponse(description="a party's member without an editing role at the licensor")


class StateConflict(APIException):
    status_code = status.HTTP_409_CONFLICT

    def __init__(self, error: services.DealStateError, deal: Deal):
        deal.refresh_from_db(fields=["status"])
        super().__init__({"code": str(error.code), "message": str(error), "status": deal.status})


def _viewer(request: Request) -> dict[str, Any]:
    """Serializer context: whose member reads the deal (internal notes are the licensor's)."""
    return {"viewer_org_ids": member_org_ids(request.user)}


def _require_licensor_editor(user: Any, deal: Deal) -> None:
    """Parties see the deal (``deal_get`` 404s everyone else); the licensor's editors change it."""
    if not is_member(user, deal.owner_id):
        raise PermissionDenied("only the licensor's sales, producer or admin members can do this")
    require_editor(user, deal.owner_id)


def _spec(request: Request, raw: Any, licensor_id: int) -> Any:
    try:
        return deal_spec_from_raw(
            raw,
            licensor_id=licensor_id,
            organisations=organisation_id,
            titles=title_lookup(request.user, licensor_id),
            on=timezone.localdate(),
        )
    except SpecInvalid as error:
        raise InputInvalid(error.problems) from error


def _keys(scopes: Any, axis: str, excluded: bool) -> list[str]:
    return [s.key for s in scopes.all() if s.axis == axis and s.excluded == excluded]


def _period_raw(obj: Any) -> dict[str, Any]:
    return {
        "territories": _keys(obj.scopes, "t", False),
        "exclude_territories": _keys(obj.scopes, "t", True),
        "media": _keys(obj.scopes, "m", False),
        "exclude_media": _keys(obj.scopes, "m", True),
        "start": obj.start_given,
        "start_event": obj.start_event,
        "start_event_territory": obj.start_event_territory,
        "start_offset_days": obj.start_offset_days,
        "end": obj.end_given,
        "end_event": obj.end_event,
        "end_event_territory": obj.end_event_territory,
        "end_offset_days": obj.end_offset_days,
        "duration_days": obj.duration_days,
    }


def deal_raw(deal: Deal) -> dict[str, Any]:
    """A stored deal in the input format, so a PATCH can change only what it names."""
    return {
        "licensee": deal.licensee_id,
        "reference": deal.reference,
        "fee_kind": deal.fee_kind,
        "fee_amount": deal.fee_amount,
        "fee_currency": deal.fee_currency,
        "internal_notes": deal.internal_notes,
        "shared_notes": deal.shared_notes,
        "grants": [
            {
                "titles": [g.title_id],
                "exclusive": g.exclusive,
                "languages": g.languages,
                **_period_raw(g),
            }
            for g in deal.grants.all()
        ],
        "holdbacks": [
            {"titles": [h.title_id], "hard": h.hard, "note": h.note, **_period_raw(h)}
            for h in deal.holdbacks.all()
        ],
    }


def _conflicts(deal: Deal, conflicts: Sequence[GrantConflict], viewer: set[int]) -> list[Any]:
    titles = {g.title_id: g.title for g in deal.grants.all()}
    return [
        {
            "grant_id": c.grant.id,
            "title": titles[c.grant.title_id],
            "blocked": selectors.cell_views(c.blocked, viewer),
            "warnings": selectors.cell_views(c.warnings, viewer),
        }
        for c in conflicts
    ]


class DealViewSet(viewsets.GenericViewSet):
    """Deals your organisations are party to, as licensor or licensee."""

    serializer_class = DealSerializer
    permission_classes = [IsAuthenticated]
    queryset = Deal.objects.none()
    lookup_value_regex = r"\d+"
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[Deal]:
        return selectors.deals_visible(self.request.user)

    def get_object(self) -> Deal:
        return selectors.deal_get(self.request.user, int(self.kwargs["pk"]))

    def _detail(self, deal: Deal, code: int = status.HTTP_200_OK) -> Response:
        fresh = selectors.deal_get(self.request.user, deal.pk)
        return Response(DealSerializer(fresh, context=_viewer(self.request)).data, status=code)

    @extend_schema(
        parameters=[
            OpenApiParameter("status", OpenApiTypes.STR, enum=DealStatus.values),
            OpenApiParameter(
                "role",
                OpenApiTypes.STR,
                enum=["licensor", "licensee"],
                description="your organisations' side of the deal",
            ),
            OpenApiParameter(
                "organisation",
                OpenApiTypes.STR,
                description="only deals of this organisation of yours (slug or id)",
            ),
            OpenApiParameter("page", OpenApiTypes.INT),
        ],
        responses={200: DealSummarySerializer(many=True), 400: ProblemsSerializer},
    )
    def list(self, request: Request) -> Response:
        """Deals your organisations are party to, newest first."""
        deals = self.get_queryset()
        orgs = member_org_ids(request.user)
        if request.query_params.get("organisation"):
            orgs = {organisation_for(request, request.query_params["organisation"]).pk}
            deals = deals.filter(Q(owner_id__in=orgs) | Q(licensee_id__in=orgs))
        wanted = choice_param(request, "status", DealStatus.values)
        if wanted:
            deals = deals.filter(status=wanted)
        role = choice_param(request, "role", ("licensor", "licensee"))
        if role:
            deals = deals.filter(
                **{"owner_id__in" if role == "licensor" else "licensee_id__in": orgs}
            )
        page = self.paginate_queryset(deals.order_by("-created_at", "-id"))
        return self.get_paginated_response(DealSummarySerializer(page, many=True).data)

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "organisation",
                OpenApiTypes.STR,
                description="licensor (slug or id), or body licensor",
            )
        ],
        request=DealWriteSerializer,
        responses={201: DealSerializer, 400: ProblemsSerializer, 403: _FORBIDDEN},
    )
    def create(self, request: Request) -> Response:
        """A draft deal with its grants and holdbacks; the licensor is one of your organisations."""
        data = request_object(request)
        named = request.query_params.get("organisation") or data.get("licensor")
        licensor = organisation_for(request, named, editor=True)
        spec = _spec(request, data, licensor.pk)
        try:
            deal = services.deal_create(actor=request.user, licensor=licensor, spec=spec)
        except SpecInvalid as error:  # the reference is taken
            raise InputInvalid(error.problems) from error
        return self._detail(deal, status.HTTP_201_CREATED)

    def retrieve(self, request: Request, pk: str) -> Response:
        """The deal's terms: parties, fee, grants and holdbacks with their scopes in words."""
        return Response(DealSerializer(self.get_object(), context=_viewer(request)).data)

    @extend_schema(
        request=DealWriteSerializer,
        responses={
            200: DealSerializer,
            400: ProblemsSerializer,
            403: _FORBIDDEN,
            409: _STATE_ERROR,
        },
    )
    def update(self, request: Request, pk: str, partial: bool = False) -> Response:
        """Replace a draft or offered deal's terms (a signed one answers 409)."""
        deal = self.get_object()
        _require_licensor_editor(request.user, deal)
        data = request_object(request)
        raw = (deal_raw(deal) | dict(data)) if partial else data
        spec = _spec(request, raw, deal.owner_id)
        try:
            services.deal_update(actor=request.user, deal=deal, spec=spec)
        except services.DealStateError as error:
            raise StateConflict(error, deal) from error
        except SpecInvalid as error:  # the reference is taken
            raise InputInvalid(error.problems) from error
        return self._detail(deal)

    @extend_schema(
        request=DealWriteSerializer,
        responses={
            200: DealSerializer,
            400: ProblemsSerializer,
            403: _FORBIDDEN,
            409: _STATE_ERROR,
        },
    )
    def partial_update(self, request: Request, pk: str) -> Response:
        """Change the named fields of a draft or offered deal; the rest stays as it is."""
        return self.update(request, pk, partial=True)

    @extend_schema(
        request=None, responses={200: DealSerializer, 403: _FORBIDDEN, 409: _STATE_ERROR}
    )
    @action(detail=True, methods=["post"])
    def offer(self, request: Request, pk: str) -> Response:
        """Offer a draft to the licensee."""
        deal = self.get_object()
        _require_licensor_editor(request.user, deal)
        try:
            services.deal_offer(actor=request.user, deal=deal)
        except services.DealStateError as error:
            raise StateConflict(error, deal) from error
        return self._detail(deal)

    @extend_schema(
        request=None,
        responses={
            200: DealSignedSerializer,
            403: _FORBIDDEN,
            409: OpenApiResponse(
                DealConflictSerializer, description="refused: conflicts (or a state error)"
            ),
        },
    )
    @action(detail=True, methods=["post"])
    def sign(self, request: Request, pk: str) -> Response:
        """Sign a draft or offered deal if nothing blocks it; soft holdbacks come back as warnings."""
        deal = self.get_object()
        _require_licensor_editor(request.user, deal)
        viewer = member_org_ids(request.user)
        try:
            signed, conflicts = services.deal_sign(actor=request.user, deal=deal)
        except services.DealStateError as error:
            raise StateConflict(error, deal) from error
        except services.DealConflict as refused:
            data = {
                "code": str(RightsError.CONFLICT),
                "message": str(refused),
                "conflicts": _conflicts(deal, refused.conflicts, viewer),
            }
            return Response(DealConflictSerializer(data).data, status=status.HTTP_409_CONFLICT)
        fresh = selectors.deal_get(request.user, signed.pk)
        data = {"deal": fresh, "warnings": _conflicts(fresh, conflicts, viewer)}
        return Response(DealSignedSerializer(data, context=_viewer(request)).data)

    @extend_schema(
        request=TerminateSerializer,
        responses={
            200: DealSerializer,
            400: ProblemsSerializer,
            403: _FORBIDDEN,
            409: _STATE_ERROR,
        },
    )
    @action(detail=True, methods=["post"])
    def terminate(self, request: Request, pk: str) -> Response:
        """End a signed deal early: its grants and holdbacks stop on ``on``."""
        deal = self.get_object()
        _require_licensor_editor(request.user, deal)
        on = _date(request_object(request).get("on"), "on")
        try:
            services.deal_terminate(actor=request.user, deal=deal, on=on)
        except services.DealStateError as error:
            raise StateConflict(error, deal) from error
        return self._detail(deal)

    @extend_schema(responses={200: DealCheckSerializer})
    @action(detail=True, methods=["get"])
    def conflicts(self, request: Request, pk: str) -> Response:
        """What would stop the deal from signing now (nothing is written)."""
        deal = self.get_object()
        found = services.deal_check(deal)
        data = {
            "may_sign": not any(c.blocked for c in found),
            "conflicts": _conflicts(deal, found, member_org_ids(request.user)),
        }
        return Response(DealCheckSerializer(data).data)

    @extend_schema(responses={200: HistoryEntrySerializer(many=True)})
    @action(detail=True, methods=["get"])
    def history(self, request: Request, pk: str) -> Response:
        """Every recorded change of the deal, newest first."""
        entries = selectors.deal_history(request.user, self.get_object())
        return Response(HistoryEntrySerializer(entries, many=True).data)


def _date(value: Any, field: str) -> dt.date:
    if value in (None, ""):
        code, params = RightsError.REQUIRED, {}
    else:
        try:
            return dt.date.fromisoformat(str(value).strip())
        except ValueError:
            code, params = RightsError.BAD_DATE, {"value": str(value)}
    raise InputInvalid([Problem(field, code, message(code, **params))])  # type: ignore[arg-type]
