from django.urls import path

from cinebridge.catalog import views

app_name = "catalog"
urlpatterns = [
    path("titles/", views.title_list, name="title-list"),
    path("titles/<int:pk>/", views.title_detail, name="title-detail"),
    path("people/<int:pk>/", views.person_detail, name="person-detail"),
]
