from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from twinning import views

app_name = "twinning"

urlpatterns = [
    path(
        _("twin-towns/"),
        include(
            [
                path("", views.town_list, name="town_list"),
                path("<slug:slug>/", views.town_detail, name="town_detail"),
            ]
        ),
    ),
]
