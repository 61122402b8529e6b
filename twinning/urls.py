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
    path(
        _("international-action/"),
        include(
            [
                path("", views.international_action, name="international_action"),
                path(
                    _("partnerships/"),
                    include(
                        [
                            path("", views.partnership_list, name="partnership_list"),
                            path(
                                "<slug:slug>/",
                                views.partnership_detail,
                                name="partnership_detail",
                            ),
                        ]
                    ),
                ),
                path(
                    _("partners/<slug:slug>/"),
                    views.organisation_detail,
                    name="organisation_detail",
                ),
                path(_("networks/"), views.network_list, name="network_list"),
            ]
        ),
    ),
    path(_("contact/"), views.contact, name="contact"),
]
