"""The REST API: one router for all apps."""

from django.urls import path
from rest_framework.authtoken.views import obtain_auth_token
from rest_framework.routers import DefaultRouter

from cinebridge.catalog.api.views import PersonViewSet, SearchView, TitleViewSet
from cinebridge.organisations.api.views import OrganisationViewSet

router = DefaultRouter()
router.register("organisations", OrganisationViewSet, basename="organisation")
router.register("titles", TitleViewSet, basename="title")
router.register("people", PersonViewSet, basename="person")

urlpatterns = [
    path("token/", obtain_auth_token, name="api-token"),
    path("search/", SearchView.as_view(), name="api-search"),
    *router.urls,
]
