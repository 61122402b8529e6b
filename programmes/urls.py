from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from programmes import views

app_name = "programmes"

urlpatterns = [
    path(
        _("youth-mobility/"),
        include(
            [
                path("", views.programme_list, name="programme_list"),
                path("<slug:slug>/", views.programme_detail, name="programme_detail"),
            ]
        ),
    ),
    path(
        _("events/"),
        include(
            [
                path("", views.event_list, name="event_list"),
                path(_("archive/"), views.event_archive, name="event_archive"),
                path(_("calendar.ics"), views.event_feed, name="event_feed"),
                path("<slug:slug>.ics", views.event_ical, name="event_ical"),
                path("<slug:slug>/", views.event_detail, name="event_detail"),
            ]
        ),
    ),
]
