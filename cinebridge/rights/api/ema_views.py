"""EMA Avails over the API: upload a file as rights in, download rights in as a file."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_view,
    inline_serializer,
)
from rest_framework import serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from cinebridge.core.parsers import MultiPartParser
from cinebridge.rights.api.views import organisation_for
from cinebridge.rights.ema import EmaInvalid, EmaProblem
from cinebridge.rights.ema_exchange import rights_in_import_ema
from cinebridge.rights.ema_export import (
    XLSX_CONTENT_TYPE,
    EmaNothingToExport,
    rights_in_export_ema,
    rights_in_export_ema_stream,
)

MAX_BYTES = 20 * 1024 * 1024
_FLAG = ("1", "true", "yes")

ImportReportSerializer = inline_serializer(
    "EmaImportReport",
    {
        "records": serializers.IntegerField(),
        "created": serializers.IntegerField(),
        "updated": serializers.IntegerField(),
        "unchanged": serializers.IntegerField(),
        "duplicate": serializers.IntegerField(),
        "titles_created": serializers.IntegerField(),
        "dry_run": serializers.BooleanField(),
        "rows": serializers.ListField(child=serializers.DictField()),
        "warnings": serializers.ListField(child=serializers.DictField()),
    },
)


class EmaImportView(APIView):
    """Import an EMA avails file (XML v2.x or XLSX v1.9) as the organisation's rights in.

    All or nothing: any problem answers 400 with every problem (line or row, element) and
    nothing is written. ``dry_run=1`` checks only; ``lenient=1`` skips the XSD but keeps the
    structure rules.
    """

    permission_classes = [IsAuthenticated]
    parser_classes = [MultiPartParser]  # core.parsers: form fields checked by core.text

    @extend_schema(
        operation_id="rights_in_ema_import",
        parameters=[
            OpenApiParameter("organisation", OpenApiTypes.STR),
            OpenApiParameter("dry_run", OpenApiTypes.BOOL),
            OpenApiParameter("lenient", OpenApiTypes.BOOL),
        ],
        request={
            "multipart/form-data": inline_serializer("EmaUpload", {"file": serializers.FileField()})
        },
        responses={200: ImportReportSerializer, 400: OpenApiTypes.OBJECT},
    )
    def post(self, request: Request) -> Response:
        holder = organisation_for(request, request.query_params.get("organisation"), editor=True)
        upload = request.FILES.get("file")
        if upload is None or upload.size > MAX_BYTES:
            problem = {
                "location": "file",
                "element": "file",
                "message": "send one EMA file (XML or XLSX) of at most 20 MB as 'file'",
            }
            return Response({"problems": [problem]}, status=status.HTTP_400_BAD_REQUEST)
        try:
            report = rights_in_import_ema(
                actor=request.user,
                holder=holder,
                data=upload.read(),
                filename=upload.name or "",
                dry_run=request.query_params.get("dry_run", "").lower() in _FLAG,
                lenient=request.query_params.get("lenient", "").lower() in _FLAG,
            )
        except EmaInvalid as error:
            problems = [_problem_data(p) for p in error.problems]
            return Response({"problems": problems}, status=status.HTTP_400_BAD_REQUEST)
        data: dict[str, Any] = {
            k: getattr(report, k)
            for k in (
                "records",
                "created",
                "updated",
                "unchanged",
                "duplicate",
                "titles_created",
                "dry_run",
            )
        }
        data["rows"] = [row.__dict__ for row in report.rows]
        data["warnings"] = [_problem_data(p) for p in report.warnings]
        return Response(data)


def _problem_data(problem: EmaProblem) -> dict[str, str]:
    """A problem (or warning) as the API answers it."""
    return {
        "location": problem.location,
        "element": problem.element,
        "message": problem.message,
        "code": problem.code,
    }


class EmaExportView(APIView):
    """The organisation's rights in (VOD media) as an EMA avails file.

    XML is streamed as it is read from the database; an organisation without rights in for
    VOD media gets 409 (the schema needs one avails:Avail). XLSX is built in memory and has
    the template's header rows only in that case.
    """

    permission_classes = [IsAuthenticated]
    fmt = "xml"

    def perform_content_negotiation(self, request: Request, force: bool = False) -> Any:
        return super().perform_content_negotiation(request, force=True)

    @extend_schema(
        operation_id="rights_in_ema_export",
        parameters=[OpenApiParameter("organisation", OpenApiTypes.STR)],
        responses={
            (200, "application/octet-stream"): OpenApiTypes.BINARY,
            409: OpenApiTypes.OBJECT,
        },
    )
    def get(self, request: Request) -> HttpResponseBase:
        holder = organisation_for(request, request.query_params.get("organisation"))
        response: HttpResponseBase
        if self.fmt == "xlsx":
            content = rights_in_export_ema(holder=holder, fmt="xlsx")
            response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
        else:
            try:
                chunks = rights_in_export_ema_stream(holder=holder)
            except EmaNothingToExport as nothing:
                problem = {
                    "location": "organisation",
                    "element": "avails:Avail",
                    "message": str(nothing),
                }
                return Response({"problems": [problem]}, status=status.HTTP_409_CONFLICT)
            response = StreamingHttpResponse(chunks, content_type="application/xml")
        response["Content-Disposition"] = f'attachment; filename="avails-{holder.slug}.{self.fmt}"'
        return response


@extend_schema_view(get=extend_schema(operation_id="rights_in_ema_export_xlsx"))
class EmaExportXlsxView(EmaExportView):
    fmt = "xlsx"
