"""The receptions' public pages: the list, a reception and its registration form."""

import logging

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_ratelimit.decorators import ratelimit

from core.caching import SharedPages, cache_public_page
from core.publishing import get_published_or_preview, is_preview
from students import services
from students.calendars import receptions_calendar
from students.forms import RegistrationForm, ResendForm
from students.models import Reception, Registration
from students.structured_data import json_ld, reception_data

logger = logging.getLogger(__name__)

RATE_GROUP = "students.registration"

# The blank registration page, rendered once for all visitors and served by
# the page cache with tokens of each visitor's own: any change to a
# reception, an institution or a registration drops it at once;
# RECEPTION_PAGE_SECONDS bounds how long it lags behind what only time
# changes (a pending seat expiring, registration closing).
reception_pages = SharedPages(
    "students:reception", timeout=lambda: settings.RECEPTION_PAGE_SECONDS
)


# Sign-ups and link resends are limited three ways (each rate read at every
# request, so tests and load tests can change the settings): per network
# address, high enough for a campus where hundreds of students share one
# address; per email address, whatever network it comes from; and per
# reception, so many addresses together cannot flood one reception with
# pending registrations. The counts are in the database (core/counters.py),
# shared by every worker and server.


def registration_rate(group, request):
    return settings.REGISTRATION_RATE_LIMIT


def email_rate(group, request):
    # No address typed: nothing to count (the form will say it is missing).
    if not email_key(group, request):
        return None
    return settings.REGISTRATION_RATE_LIMIT_PER_EMAIL


def reception_rate(group, request):
    return settings.REGISTRATION_RATE_LIMIT_PER_RECEPTION


def email_key(group, request):
    return request.POST.get("email", "").strip().lower()


def reception_key(group, request):
    return request.resolver_match.kwargs.get("slug", "")


def limit_posts(view):
    for key, rate, group in (
        ("ip", registration_rate, RATE_GROUP),
        (email_key, email_rate, f"{RATE_GROUP}.email"),
        (reception_key, reception_rate, f"{RATE_GROUP}.reception"),
    ):
        view = ratelimit(group=group, key=key, rate=rate, method="POST", block=False)(
            view
        )
    return view


def rate_limited(request):
    return render(request, "students/rate_limited.html", status=429)


# Kept for every visitor like the other public pages; its seat counts may lag
# by RECEPTION_PAGE_SECONDS, as the reception page's do, and any change to a
# reception shows at once (students/apps.py).
@cache_public_page(seconds=lambda: settings.RECEPTION_PAGE_SECONDS)
def reception_list(request):
    receptions = Reception.objects.upcoming().with_counts()
    return render(
        request,
        "students/reception_list.html",
        {"receptions": receptions, "now": timezone.now()},
    )


@cache_public_page
def reception_feed(request):
    """The upcoming receptions, as a calendar visitors can subscribe to."""
    body = receptions_calendar(
        Reception.objects.upcoming(),
        name=_("Dijon: welcome receptions for foreign students"),
        build_url=request.build_absolute_uri,
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="dijon-receptions.ics"'
    return response


@require_http_methods(["GET", "HEAD", "POST"])
@limit_posts
def reception_detail(request, slug):
    blank = request.method in ("GET", "HEAD")
    reception = get_published_or_preview(request, Reception.objects.all(), slug=slug)
    blank = blank and not is_preview(request)
    services.expire_pending(reception=reception)
    status = 200
    already_registered = False
    if request.method == "POST":
        if getattr(request, "limited", False):
            return rate_limited(request)
        form = RegistrationForm(
            request.POST,
            language=get_language(),
            questions=reception.questions.all(),
        )
        if form.is_spam:
            logger.info("Honeypot filled on %s: ignored", reception.slug)
            return redirect("students:registration_thanks", slug=reception.slug)
        if form.is_valid():
            try:
                registration = services.registration_create(
                    reception=reception,
                    details=form.details(),
                    submission_token=form.cleaned_data["submission"],
                )
            except services.AlreadyRegistered as exc:
                form.add_error("email", str(exc))
                already_registered = True
                status = 409
            except services.RegistrationError as exc:
                form.add_error(None, str(exc))
                status = 409
            else:
                thanks = reverse(
                    "students:registration_thanks", kwargs={"slug": reception.slug}
                )
                # Without a seat to hold, the thank-you page speaks of the
                # waiting list (the page only words things, it grants nothing).
                waiting = "" if registration.holds_seat else "?waiting=1"
                return redirect(thanks + waiting)
        else:
            status = 422
    else:
        form = RegistrationForm(
            language=get_language(), questions=reception.questions.all()
        )
    reception = (
        Reception.objects.with_counts().prefetch_related("photos").get(pk=reception.pk)
    )
    context = {
        "reception": reception,
        "state": reception.registration_state(),
        "form": form,
        "already_registered": already_registered,
        "resend_form": ResendForm(initial={"email": form.data.get("email", "")}),
        "retention_days": settings.REGISTRATION_RETENTION_DAYS,
        "hold_hours": settings.REGISTRATION_PENDING_HOURS,
        "json_ld": json_ld(
            reception_data(reception, build_url=request.build_absolute_uri)
        ),
    }
    if blank:
        # The same for every visitor but for two tokens: stored with marks.
        form.initial["submission"] = reception_pages.TOKEN_MARK
        context["csrf_token"] = reception_pages.CSRF_MARK
        html = render_to_string("students/reception_detail.html", context, request)
        return reception_pages.respond(request, html)
    response = render(request, "students/reception_detail.html", context, status=status)
    if is_preview(request):
        add_never_cache_headers(response)
        response["Cache-Control"] = "private, no-store, no-cache, max-age=0"
    return response


def registration_thanks(request, slug):
    reception = get_object_or_404(Reception.objects.published(), slug=slug)
    return render(
        request,
        "students/registration_thanks.html",
        {
            "reception": reception,
            "waiting": request.GET.get("waiting") == "1",
            "resend_form": ResendForm(),
            "hold_hours": settings.REGISTRATION_PENDING_HOURS,
        },
    )


@require_POST
@limit_posts
def registration_resend(request, slug):
    """Send the link again; the answer is the same whether or not one exists."""
    if getattr(request, "limited", False):
        return rate_limited(request)
    reception = get_object_or_404(Reception.objects.published(), slug=slug)
    form = ResendForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "students/registration_thanks.html",
            {
                "reception": reception,
                "resend_form": form,
                "hold_hours": settings.REGISTRATION_PENDING_HOURS,
            },
            status=422,
        )
    registration = (
        Registration.objects.active()
        .filter(reception=reception, email__iexact=form.cleaned_data["email"])
        .first()
    )
    if registration:
        services.registration_resend_email(registration=registration)
    messages.success(
        request,
        _(
            "If this address is registered for the reception, we have sent the "
            "link to it again."
        ),
    )
    return redirect("students:registration_thanks", slug=reception.slug)
