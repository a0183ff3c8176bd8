from django.urls import path

from cinebridge.rights import views, views_deals, views_rights_in, views_titles

app_name = "rights"
urlpatterns = [
    path("avails/", views.avails_search, name="avails-search"),
    path("avails/titles/<int:title_id>/why/", views.avails_why, name="avails-why"),
    path("titles/<int:pk>/rights/", views_titles.title_rights, name="title-rights"),
    path(
        "titles/<int:pk>/release-events/",
        views_titles.title_release_events,
        name="title-release-events",
    ),
    path("rights-in/", views_rights_in.rights_in_list, name="rights-in-list"),
    path("rights-in/new/", views_rights_in.rights_in_create, name="rights-in-create"),
    path("rights-in/<int:pk>/edit/", views_rights_in.rights_in_edit, name="rights-in-edit"),
    path("rights-in/<int:pk>/delete/", views_rights_in.rights_in_delete, name="rights-in-delete"),
    path("deals/", views_deals.deal_list, name="deal-list"),
    path("deals/new/", views_deals.deal_create, name="deal-create"),
    path("deals/<int:pk>/", views_deals.deal_detail, name="deal-detail"),
    path("deals/<int:pk>/edit/", views_deals.deal_edit, name="deal-edit"),
    path("deals/<int:pk>/check/", views_deals.deal_check, name="deal-check"),
    path("deals/<int:pk>/offer/", views_deals.deal_offer, name="deal-offer"),
    path("deals/<int:pk>/sign/", views_deals.deal_sign, name="deal-sign"),
    path("deals/<int:pk>/terminate/", views_deals.deal_terminate, name="deal-terminate"),
]
