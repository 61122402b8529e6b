"""Public pages of the welcome receptions, the student's own page, and staff pages.

Views stay thin: reads through QuerySet methods, every change through
`students.services`.
"""

import logging
from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST
from django_countries import countries
from django_ratelimit.decorators import ratelimit

from students import pages, services
from students.exports import registrations_csv_response
from students.forms import CheckInSearchForm, RegistrationForm, ResendForm
from students.models import (
    PartnerInstitution,
    Reception,
    Registration,
    normalise_reference,
)
from students.tokens import (
    LinkExpired,
    LinkInvalid,
    read_confirm_token,
    read_manage_token,
)

logger = logging.getLogger(__name__)

RATE_GROUP = "students.registration"


def registration_rate(group, request):
    """Read at each request, so tests and load tests can change the setting."""
    return settings.REGISTRATION_RATE_LIMIT


limit_posts = ratelimit(
    group=RATE_GROUP, key="ip", rate=registration_rate, method="POST", block=False
)


def rate_limited(request):
    return render(request, "students/rate_limited.html", status=429)


def link_error(request, title, message, status):
    return render(
        request,
        "students/link_error.html",
        {"error_title": title, "error_message": message},
        status=status,
    )


# --- Public pages --------------------------------------------------------------


def reception_list(request):
    receptions = Reception.objects.upcoming().with_counts()
    return render(
        request,
        "students/reception_list.html",
        {"receptions": receptions, "now": timezone.now()},
    )


@require_http_methods(["GET", "HEAD", "POST"])
@limit_posts
def reception_detail(request, slug):
    blank = request.method in ("GET", "HEAD")
    if blank and (page := pages.cached_reception_page(request, slug)):
        return page
    reception = get_object_or_404(Reception.objects.published(), slug=slug)
    services.expire_pending(reception=reception)
    status = 200
    already_registered = False
    if request.method == "POST":
        if getattr(request, "limited", False):
            return rate_limited(request)
        form = RegistrationForm(request.POST, language=get_language())
        if form.is_spam:
            logger.info("Honeypot filled on %s: ignored", reception.slug)
            return redirect("students:registration_thanks", slug=reception.slug)
        if form.is_valid():
            try:
                data = form.cleaned_data
                services.registration_create(
                    reception=reception,
                    first_name=data["first_name"],
                    last_name=data["last_name"],
                    email=data["email"],
                    nationality=data["nationality"],
                    institution=data["institution"],
                    institution_other=data["institution_other"],
                    study_level=data["study_level"],
                    language=data["language"],
                    access_needs=data["access_needs"],
                    consent=data["consent"],
                    submission_token=data["submission"],
                )
            except services.AlreadyRegistered as exc:
                form.add_error("email", str(exc))
                already_registered = True
                status = 409
            except services.RegistrationError as exc:
                form.add_error(None, str(exc))
                status = 409
            else:
                return redirect("students:registration_thanks", slug=reception.slug)
        else:
            status = 422
    else:
        form = RegistrationForm(language=get_language())
    reception = Reception.objects.with_counts().get(pk=reception.pk)
    context = {
        "reception": reception,
        "state": reception.registration_state(),
        "form": form,
        "already_registered": already_registered,
        "resend_form": ResendForm(initial={"email": form.data.get("email", "")}),
        "retention_days": settings.REGISTRATION_RETENTION_DAYS,
        "hold_hours": settings.REGISTRATION_PENDING_HOURS,
    }
    if blank:
        # The same for every visitor but for two tokens: stored with marks.
        form.initial["submission"] = pages.SUBMISSION_MARK
        context["csrf_token"] = pages.CSRF_MARK
        html = render_to_string("students/reception_detail.html", context, request)
        return pages.store_reception_page(request, slug, html)
    return render(request, "students/reception_detail.html", context, status=status)


def registration_thanks(request, slug):
    reception = get_object_or_404(Reception.objects.published(), slug=slug)
    return render(
        request,
        "students/registration_thanks.html",
        {
            "reception": reception,
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


def _registration_from_manage_token(request, token):
    try:
        reference = read_manage_token(token)
    except LinkInvalid:
        return None, _invalid_link(request)
    registration = (
        Registration.objects.select_related("reception", "institution")
        .filter(reference=reference)
        .first()
    )
    if registration is None:
        return None, _invalid_link(request)
    if registration.anonymised_at:
        return None, link_error(
            request,
            _("Your data has been deleted"),
            _(
                "This registration's personal data has been deleted; the link no "
                "longer shows anything."
            ),
            410,
        )
    return registration, None


def _invalid_link(request):
    return link_error(
        request,
        _("This link is not valid"),
        _(
            "The link is incomplete or has been altered. Please open it again from "
            "your email, or copy the whole address."
        ),
        400,
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def registration_confirm(request, token):
    """GET shows a button (mail scanners open links); POST confirms."""
    try:
        reference = read_confirm_token(token)
    except LinkExpired:
        return link_error(
            request,
            _("This link has expired"),
            _(
                "The confirmation link is valid for %(hours)d hours. Please register "
                "again."
            )
            % {"hours": settings.REGISTRATION_PENDING_HOURS},
            410,
        )
    except LinkInvalid:
        return _invalid_link(request)
    registration = (
        Registration.objects.select_related("reception")
        .filter(reference=reference, anonymised_at__isnull=True)
        .first()
    )
    if registration is None:
        return _invalid_link(request)
    services.expire_pending(reception=registration.reception)
    registration.refresh_from_db()
    if registration.status == Registration.Status.EXPIRED:
        return link_error(
            request,
            _("This link has expired"),
            _(
                "This registration was not confirmed in time and has expired. "
                "You can register again."
            ),
            410,
        )
    if registration.status != Registration.Status.PENDING:
        return redirect(registration.get_absolute_url())
    if request.method == "POST":
        try:
            services.registration_confirm(registration=registration)
        except services.RegistrationError as exc:
            return link_error(request, _("Confirmation failed"), str(exc), 409)
        if registration.status == Registration.Status.CONFIRMED:
            messages.success(request, _("Your seat is confirmed. See you there!"))
        else:
            messages.info(
                request,
                _("The reception is full: you are on the waiting list."),
            )
        return redirect(registration.get_absolute_url())
    return render(
        request,
        "students/registration_confirm.html",
        {"registration": registration, "reception": registration.reception},
    )


@never_cache
def registration_detail(request, token):
    registration, error = _registration_from_manage_token(request, token)
    if error:
        return error
    services.expire_pending(reception=registration.reception)
    registration.refresh_from_db()
    return render(
        request,
        "students/registration_detail.html",
        {
            "registration": registration,
            "reception": registration.reception,
            "position": registration.waitlist_position(),
            "token": token,
            "qr_svg": _qr_svg(registration),
            "retention_days": settings.REGISTRATION_RETENTION_DAYS,
        },
    )


def _qr_svg(registration):
    if registration.status != Registration.Status.CONFIRMED:
        return ""
    import segno
    from django.utils.safestring import mark_safe

    # Our own reference in our own SVG: no visitor input reaches this markup.
    svg = segno.make(registration.reference, error="m").svg_inline(
        scale=5,
        title=_("QR code of reference %(reference)s")
        % {"reference": registration.reference},
    )
    return mark_safe(svg.replace("<svg ", '<svg role="img" ', 1))  # noqa: S308


@never_cache
@require_POST
def registration_cancel(request, token):
    registration, error = _registration_from_manage_token(request, token)
    if error:
        return error
    try:
        services.registration_cancel(registration=registration)
    except services.RegistrationError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Your registration is cancelled."))
    return redirect("students:registration_detail", token=token)


@never_cache
@require_POST
def registration_delete_data(request, token):
    registration, error = _registration_from_manage_token(request, token)
    if error:
        return error
    reception = registration.reception
    services.registration_delete_data(registration=registration)
    return render(
        request, "students/registration_deleted.html", {"reception": reception}
    )


# --- Staff pages ---------------------------------------------------------------


def staff_permission(perm):
    """Log in through the admin, then need `perm`; a translated 403 otherwise."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(
                    request.get_full_path(), reverse("admin:login")
                )
            if not (request.user.is_active and request.user.has_perm(perm)):
                return render(request, "students/forbidden.html", status=403)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


@staff_permission("students.check_in_registration")
@require_http_methods(["GET", "HEAD", "POST"])
def check_in(request, slug):
    reception = get_object_or_404(Reception, slug=slug)
    if request.method == "POST":
        pk = request.POST.get("registration", "")
        if not pk.isdigit():
            raise Http404
        registration = get_object_or_404(Registration, pk=pk, reception=reception)
        try:
            services.registration_check_in(registration=registration, user=request.user)
        except services.CheckInWarning as exc:
            messages.warning(
                request,
                _("%(name)s (%(reference)s): %(warning)s")
                % {
                    "name": registration.full_name,
                    "reference": registration.reference,
                    "warning": exc,
                },
            )
        else:
            messages.success(
                request,
                _("%(name)s (%(reference)s) is checked in. Welcome!")
                % {"name": registration.full_name, "reference": registration.reference},
            )
        query = request.POST.get("q", "")
        url = reverse("students:check_in", kwargs={"slug": reception.slug})
        return redirect(f"{url}?{urlencode({'q': query})}" if query else url)

    form = CheckInSearchForm(request.GET or None)
    results = []
    searched = False
    status = 200
    if form.is_bound:
        if form.is_valid():
            query = form.cleaned_data["q"].strip()
            if query:
                searched = True
                results = list(_search(reception, query))
        else:
            status = 422
    counts = Reception.objects.with_counts().get(pk=reception.pk)
    return render(
        request,
        "students/check_in.html",
        {
            "reception": counts,
            "form": form,
            "results": results,
            "searched": searched,
        },
        status=status,
    )


def _search(reception, query):
    registrations = reception.registrations.filter(
        anonymised_at__isnull=True
    ).select_related("institution")
    reference = normalise_reference(query)
    if reference:
        by_reference = registrations.filter(reference=reference)
        if by_reference.exists():
            return by_reference
    words = query.split()
    for word in words[:4]:
        registrations = registrations.filter(
            Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(reference__icontains=word)
        )
    return registrations.order_by("last_name", "first_name")[:25]


@staff_permission("students.view_registration")
def dashboard(request, slug):
    reception = get_object_or_404(Reception.objects.with_counts(), slug=slug)
    registrations = reception.registrations.all()
    by_status = dict(
        registrations.values_list("status").annotate(n=Count("pk")).order_by()
    )
    status_rows = [
        (label, by_status.get(value, 0)) for value, label in Registration.Status.choices
    ]
    status_rows.append((_("Checked in"), reception.attended_count))
    seated = registrations.filter(
        status__in=[Registration.Status.CONFIRMED, Registration.Status.WAITLISTED]
    )
    nationality_rows = [
        (countries.name(code) or code, n)
        for code, n in seated.values_list("nationality")
        .annotate(n=Count("pk"))
        .order_by("-n", "nationality")
    ]
    institutions = {i.pk: i.name for i in PartnerInstitution.objects.all()}
    institution_rows = [
        (institutions.get(pk, _("Other institution")), n)
        for pk, n in seated.values_list("institution")
        .annotate(n=Count("pk"))
        .order_by("-n", "institution")
    ]
    return render(
        request,
        "students/dashboard.html",
        {
            "reception": reception,
            "charts": [
                (
                    "status",
                    _("Registrations by status"),
                    _("Status"),
                    _bars(status_rows),
                ),
                (
                    "nationality",
                    _("Confirmed and waitlisted students by nationality"),
                    _("Nationality"),
                    _bars(nationality_rows),
                ),
                (
                    "institution",
                    _("Confirmed and waitlisted students by institution"),
                    _("Institution"),
                    _bars(institution_rows),
                ),
            ],
        },
    )


def _bars(rows):
    """Rows of label, count and bar width (in % of the largest) for the SVG bars.

    The width is a string so the template never localises it ("45,5").
    """
    largest = max((n for _label, n in rows), default=0) or 1
    return {
        "rows": [
            {"label": label, "count": n, "width": f"{100 * n / largest:.1f}"}
            for label, n in rows
        ]
    }


@staff_permission("students.view_registration")
def export_csv(request, slug):
    reception = get_object_or_404(Reception, slug=slug)
    return registrations_csv_response(
        reception.registrations.all(), filename=reception.slug
    )
