"""Staff pages of a reception: check-in at the door, dashboard, CSV export."""

from functools import wraps
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_countries import countries

from students import services
from students.exports import registrations_csv_response
from students.forms import CheckInSearchForm
from students.models import (
    PartnerInstitution,
    Reception,
    Registration,
    normalise_reference,
)


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
