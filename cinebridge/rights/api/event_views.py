"""Release events over the API: the dates relative periods hang on ("theatrical release in
VN + 90 days"). Recording one re-resolves every grant, holdback and rights-in period that
waits for it."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from cinebridge.catalog.models import Title
from cinebridge.catalog.selectors import titles_visible
from cinebridge.rights.api.views import is_id, organisation_for, request_object
from cinebridge.rights.models import ReleaseEvent, ReleaseEventKind
from cinebridge.rights.selectors import release_events_recordable
from cinebridge.rights.services import release_event_record
from cinebridge.rights.specs import InputChecker
from cinebridge.rights.taxonomy import taxonomies

EventSerializer = inline_serializer(
    "ReleaseEvent",
    {
        "title": serializers.IntegerField(),
        "kind": serializers.ChoiceField(ReleaseEventKind.choices),
        "territory": serializers.CharField(),
        "date": serializers.DateField(),
    },
)


class ReleaseEventsView(APIView):
    """GET a title's release events (``?title=``); POST one to record or move it."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="release_events_list",
        parameters=[OpenApiParameter("title", OpenApiTypes.INT, required=True)],
        responses={200: EventSerializer},
    )
    def get(self, request: Request) -> Response:
        text = request.query_params.get("title", "")
        title = titles_visible(request.user).filter(pk=int(text)).first() if is_id(text) else None
        if title is None:
            return Response(status=status.HTTP_404_NOT_FOUND)
        rows = ReleaseEvent.objects.filter(title=title).order_by("date")
        return Response(
            [
                {"title": e.title_id, "kind": e.kind, "territory": e.territory, "date": e.date}
                for e in rows
            ]
        )

    @extend_schema(
        operation_id="release_events_record",
        parameters=[OpenApiParameter("organisation", OpenApiTypes.STR)],
        request=EventSerializer,
        responses={200: EventSerializer, 400: OpenApiTypes.OBJECT},
    )
    def post(self, request: Request) -> Response:
        organisation = organisation_for(
            request, request.query_params.get("organisation"), editor=True
        )
        data = request_object(request)
        problems = []
        title: Title | None = None
        raw_title = str(data.get("title", ""))
        if is_id(raw_title):
            title = titles_visible(request.user).filter(pk=int(raw_title)).first()
        if title is None:
            problems.append({"field": "title", "message": f"unknown title {raw_title!r}"})
        kind = str(data.get("kind", ""))
        if kind not in ReleaseEventKind.values:
            problems.append(
                {"field": "kind", "message": f"use one of: {', '.join(ReleaseEventKind.values)}"}
            )
        territory = str(data.get("territory", "")).strip().upper()
        territories, _ = taxonomies()
        if territory not in territories.nodes:
            problems.append({"field": "territory", "message": f"unknown territory {territory!r}"})
        check = InputChecker()  # a date in DATE_RANGE: periods hang on it by offsets
        date = check.date("date", data.get("date"))
        if date is None:
            problems.append({"field": "date", "message": "use a date in the form YYYY-MM-DD"})
        if problems or title is None:
            return Response({"problems": problems}, status=status.HTTP_400_BAD_REQUEST)
        if not release_events_recordable(organisation.pk, title):
            # The same rule as the page: the dates move the owner's and holders' periods.
            return Response(
                {"detail": "only the title's owner or a holder of rights in it records its dates"},
                status=status.HTTP_403_FORBIDDEN,
            )
        event = release_event_record(
            actor=request.user,
            owner=organisation,
            title=title,
            kind=kind,
            territory=territory,
            date=date,
        )
        return Response(
            {
                "title": title.pk,
                "kind": event.kind,
                "territory": event.territory,
                "date": event.date,
            }
        )
