from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from students.views import door, public, staff, student

app_name = "students"

urlpatterns = [
    path(
        _("student-receptions/"),
        include(
            [
                path("", public.reception_list, name="reception_list"),
                path(_("calendar.ics"), public.reception_feed, name="reception_feed"),
                path(
                    "<slug:slug>/",
                    include(
                        [
                            path("", public.reception_detail, name="reception_detail"),
                            path(
                                _("thank-you/"),
                                public.registration_thanks,
                                name="registration_thanks",
                            ),
                            path(
                                _("resend-link/"),
                                public.registration_resend,
                                name="registration_resend",
                            ),
                            path(_("check-in/"), staff.check_in, name="check_in"),
                            path(_("door/"), door.door, name="door"),
                            path(_("door/scan/"), door.door_scan, name="door_scan"),
                            path(_("door/undo/"), door.door_undo, name="door_undo"),
                            path(
                                _("door/status/"),
                                door.door_status,
                                name="door_status",
                            ),
                            path(
                                _("door/search/"),
                                door.door_search,
                                name="door_search",
                            ),
                            path(_("dashboard/"), staff.dashboard, name="dashboard"),
                            path(
                                "registrations.csv",
                                staff.export_csv,
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
                path("", student.registration_detail, name="registration_detail"),
                path(
                    _("confirm/"),
                    student.registration_confirm,
                    name="registration_confirm",
                ),
                path(
                    _("send-again/"),
                    student.registration_send_again,
                    name="registration_send_again",
                ),
                path(
                    _("cancel/"),
                    student.registration_cancel,
                    name="registration_cancel",
                ),
                path(
                    _("delete-my-data/"),
                    student.registration_delete_data,
                    name="registration_delete_data",
                ),
            ]
        ),
    ),
]
