"""URL map: web pages per app, the REST API under /api/, admin, i18n."""

from csp.constants import UNSAFE_INLINE
from csp.decorators import csp_update
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

# Swagger UI loads its start-up script from a URL of its own (no inline script), but it styles
# its page with a <style> element and React style attributes: allow inline styles there only.
api_docs = csp_update({"style-src": [UNSAFE_INLINE]})(
    SpectacularSwaggerSplitView.as_view(url_name="api-schema")
)

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", api_docs, name="api-docs"),
    path("api/", include("cinebridge.api_urls")),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("", include("cinebridge.core.urls")),
    path("organisations/", include("cinebridge.organisations.urls")),
    path("", include("cinebridge.catalog.urls")),
    path("", include("cinebridge.rights.urls")),
]
