from django.urls import path

from cinebridge.rights import views, views_deals

app_name = "rights"
urlpatterns = [
    path("avails/", views.avails_search, name="avails-search"),
    path("avails/titles/<int:title_id>/why/", views.avails_why, name="avails-why"),
    path("titles/<int:pk>/rights/", views_deals.title_rights, name="title-rights"),
    path("rights-in/", views.rights_in_list, name="rights-in-list"),
    path("deals/", views_deals.deal_list, name="deal-list"),
    path("deals/new/", views_deals.deal_create, name="deal-create"),
    path("deals/<int:pk>/", views_deals.deal_detail, name="deal-detail"),
    path("deals/<int:pk>/edit/", views_deals.deal_edit, name="deal-edit"),
    path("deals/<int:pk>/check/", views_deals.deal_check, name="deal-check"),
    path("deals/<int:pk>/offer/", views_deals.deal_offer, name="deal-offer"),
    path("deals/<int:pk>/sign/", views_deals.deal_sign, name="deal-sign"),
    path("deals/<int:pk>/terminate/", views_deals.deal_terminate, name="deal-terminate"),
]
