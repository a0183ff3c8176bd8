"""Rights API routes: viewsets join the one router (``router_register``); the avails and
reference endpoints are plain paths (``urlpatterns``), listed before the router's."""

from __future__ import annotations

from django.urls import path
from rest_framework.routers import BaseRouter

from cinebridge.rights.api.deal_views import DealViewSet
from cinebridge.rights.api.ema_views import EmaExportView, EmaExportXlsxView, EmaImportView
from cinebridge.rights.api.event_views import ReleaseEventsView
from cinebridge.rights.api.views import (
    AvailsCsvView,
    AvailsListView,
    AvailsTitleView,
    AvailsXlsxView,
    MediaView,
    RightsInViewSet,
    TerritoriesView,
)


def router_register(router: BaseRouter) -> None:
    """Add the rights viewsets to the API's router."""
    router.register("deals", DealViewSet, basename="deal")
    router.register("rights-in", RightsInViewSet, basename="rights-in")


urlpatterns = [
    path("avails/", AvailsListView.as_view(), name="api-avails"),
    path("avails/report.csv", AvailsCsvView.as_view(), name="api-avails-report-csv"),
    path("avails/report.xlsx", AvailsXlsxView.as_view(), name="api-avails-report-xlsx"),
    path("avails/<int:title_id>/", AvailsTitleView.as_view(), name="api-avails-title"),
    path("rights-in/ema/", EmaImportView.as_view(), name="api-rights-in-ema-import"),
    path("rights-in/ema.xml", EmaExportView.as_view(), name="api-rights-in-ema-xml"),
    path("rights-in/ema.xlsx", EmaExportXlsxView.as_view(), name="api-rights-in-ema-xlsx"),
    path("release-events/", ReleaseEventsView.as_view(), name="api-release-events"),
    path("territories/", TerritoriesView.as_view(), name="api-territories"),
    path("media/", MediaView.as_view(), name="api-media"),
]
