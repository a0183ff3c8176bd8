from django.urls import path, re_path

from cinebridge.catalog import views, views_manage

app_name = "catalog"
urlpatterns = [
    path("titles/", views.title_list, name="title-list"),
    re_path(
        r"^titles/export\.(?P<fmt>csv|xlsx)$", views_manage.catalog_export, name="title-export"
    ),
    path("titles/new/", views_manage.title_create, name="title-create"),
    path("titles/<int:pk>/", views.title_detail, name="title-detail"),
    path("titles/<int:pk>/edit/", views_manage.title_edit, name="title-edit"),
    path("titles/<int:pk>/status/", views_manage.title_status, name="title-status"),
    path("titles/<int:pk>/delete/", views_manage.title_delete, name="title-delete"),
    path("people/<int:pk>/", views.person_detail, name="person-detail"),
    # An organisation's catalog files; /organisations/<slug>/ itself is the organisations app's.
    path("organisations/<slug:slug>/import/", views_manage.title_import, name="title-import"),
    re_path(
        r"^organisations/(?P<slug>[-a-zA-Z0-9_]+)/export\.(?P<fmt>csv|xlsx)$",
        views_manage.organisation_export,
        name="organisation-export",
    ),
]
