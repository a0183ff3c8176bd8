"""The REST API: one router for all apps."""

from django.urls import path
from rest_framework.routers import DefaultRouter

from cinebridge.catalog.api.views import PersonViewSet, SearchView, TitleViewSet
from cinebridge.core.api import TokenObtainView, TokenRevokeView
from cinebridge.organisations.api.views import OrganisationViewSet
from cinebridge.rights.api import urls as rights_urls

router = DefaultRouter()
router.register("organisations", OrganisationViewSet, basename="organisation")
router.register("titles", TitleViewSet, basename="title")
router.register("people", PersonViewSet, basename="person")
rights_urls.router_register(router)

urlpatterns = [
    path("token/", TokenObtainView.as_view(), name="api-token"),
    path("token/revoke/", TokenRevokeView.as_view(), name="api-token-revoke"),
    path("search/", SearchView.as_view(), name="api-search"),
    *rights_urls.urlpatterns,
    *router.urls,
]
