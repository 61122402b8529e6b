from django.urls import path

from twinning import views

app_name = "twinning"

urlpatterns = [
    path("", views.town_list, name="town_list"),
    path("<slug:slug>/", views.town_detail, name="town_detail"),
]
