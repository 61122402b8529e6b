from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from students import views

app_name = "students"

urlpatterns = [
    path(
        _("student-receptions/"),
        include(
            [
                path("", views.reception_list, name="reception_list"),
                path(
                    "<slug:slug>/",
                    include(
                        [
                            path("", views.reception_detail, name="reception_detail"),
                            path(
                                _("thank-you/"),
                                views.registration_thanks,
                                name="registration_thanks",
                            ),
                            path(
                                _("resend-link/"),
                                views.registration_resend,
                                name="registration_resend",
                            ),
                            path(_("check-in/"), views.check_in, name="check_in"),
                            path(_("dashboard/"), views.dashboard, name="dashboard"),
                            path(
                                "registrations.csv",
                                views.export_csv,
                                name="export_csv",
                            ),
                        ]
                    ),
                ),
            ]
        ),
    ),
    path(
        _("my-registration/<str:token>/"),
        include(
            [
                path("", views.registration_detail, name="registration_detail"),
                path(
                    _("confirm/"),
                    views.registration_confirm,
                    name="registration_confirm",
                ),
                path(
                    _("cancel/"), views.registration_cancel, name="registration_cancel"
                ),
                path(
                    _("delete-my-data/"),
                    views.registration_delete_data,
                    name="registration_delete_data",
                ),
            ]
        ),
    ),
]
