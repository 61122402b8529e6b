"""Login lockout (django-axes) adapted to how this site is deployed."""

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.contrib import admin
from django.shortcuts import render


class LockoutBackend(AxesStandaloneBackend):
    """Counts failed logins made through a web form and refuses locked ones.

    A login without a request (the shell, or a test's ``client.login()``) is no
    attempt from the internet: nothing to count, so it is left to the next
    backend instead of raising as django-axes does by default.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)


def lockout_response(request, original_response=None, credentials=None):
    """The admin-styled page shown instead of the login form while locked."""
    minutes = max(1, int(settings.AXES_COOLOFF_TIME.total_seconds() // 60))
    return render(
        request,
        "axes/lockout.html",
        {
            **admin.site.each_context(request),
            "failure_limit": settings.AXES_FAILURE_LIMIT,
            "cooloff_minutes": minutes,
        },
        status=429,
    )


def login_username(request, credentials=None):
    """The username a login attempt is counted under, cut to what fits.

    Django's login form does not enforce the username's maximum length, and
    django-axes stores it in a 255-character column: an overlong username
    would fail on PostgreSQL with a server error instead of a failed login.
    """
    if credentials:
        username = credentials.get("username")
    else:
        username = getattr(request, "data", request.POST).get("username")
    return username[:150] if isinstance(username, str) else username
