"""Login lockout (django-axes) adapted to how this site is deployed."""

import logging

from axes.backends import AxesStandaloneBackend
from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django_ratelimit.decorators import ratelimit

logger = logging.getLogger(__name__)


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
            "password_reset_url": reverse("admin_password_reset"),
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


# --- The staff member's own way back: a password reset by email --------------
# Linked from the login form (Django's admin shows the link when the URL
# "admin_password_reset" exists) and from the lockout page. Setting a new
# password through the emailed link also lifts the account's lockout, so a
# staff member whose account an attacker keeps locked can get back in.


class AdminPageMixin:
    """The admin's header and title on the password-reset pages."""

    def get_context_data(self, **kwargs):
        return {
            **admin.site.each_context(self.request),
            **super().get_context_data(**kwargs),
        }


def password_reset_rate(group, request):
    """Read at each request, so tests can change the setting."""
    return settings.PASSWORD_RESET_RATE_LIMIT


def _limit_reset(key):
    return ratelimit(
        group="dijon_site.password_reset",
        key=key,
        rate=password_reset_rate,
        method="POST",
        block=False,
    )


@method_decorator(_limit_reset("ip"), name="dispatch")
@method_decorator(_limit_reset("post:email"), name="dispatch")
class PasswordResetView(AdminPageMixin, auth_views.PasswordResetView):
    """Emails a reset link to the staff account with this address, if any.

    Over the rate limit (per address and per email) nothing is sent, and the
    answer is the same as always, so nobody can flood a mailbox or learn which
    addresses have an account.
    """

    def form_valid(self, form):
        if getattr(self.request, "limited", False):
            logger.warning("Password reset over the rate limit: nothing sent")
            return HttpResponseRedirect(self.get_success_url())
        return super().form_valid(form)


class PasswordResetDoneView(AdminPageMixin, auth_views.PasswordResetDoneView):
    pass


class PasswordResetConfirmView(AdminPageMixin, auth_views.PasswordResetConfirmView):
    """Sets the new password and lifts the account's login lockout."""

    def form_valid(self, form):
        response = super().form_valid(form)
        released = axes_reset(username=form.user.get_username())
        logger.info("Password reset by email: %d lockout record(s) lifted", released)
        return response


class PasswordResetCompleteView(AdminPageMixin, auth_views.PasswordResetCompleteView):
    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "login_url": reverse("admin:login"),
        }
