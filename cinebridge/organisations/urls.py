from django.urls import path

from cinebridge.organisations import views

app_name = "organisations"
urlpatterns = [
    path("", views.organisation_list, name="organisation-list"),
    path("<slug:slug>/", views.organisation_detail, name="organisation-detail"),
]
