"""Organisations API: profiles are public; creating one is for staff."""

from __future__ import annotations

from rest_framework import permissions, viewsets

from cinebridge.organisations import selectors, services
from cinebridge.organisations.api.serializers import OrganisationSerializer


class IsStaffOrReadOnly(permissions.BasePermission):
    def has_permission(self, request, view) -> bool:  # type: ignore[no-untyped-def]
        return request.method in permissions.SAFE_METHODS or bool(
            request.user and request.user.is_staff
        )


class OrganisationViewSet(viewsets.ModelViewSet):
    """Organisations (tenants). Filter with ``?kind=`` and ``?country=``."""

    serializer_class = OrganisationSerializer
    permission_classes = [IsStaffOrReadOnly]
    filterset_fields = ["kind", "country"]
    http_method_names = ["get", "post", "head", "options"]

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return selectors.organisations_list().order_by("name")

    def perform_create(self, serializer) -> None:  # type: ignore[no-untyped-def]
        data = serializer.validated_data
        serializer.instance = services.organisation_create(actor=self.request.user, **data)
