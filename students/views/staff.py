"""Staff pages of a reception: check-in at the door, dashboard, CSV export."""

from functools import wraps
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from students import services
from students.exports import registrations_csv_response
from students.forms import CheckInSearchForm
from students.models import Reception, Registration
from students.reports import reception_report


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
                # A way back: the admin, the reception's public page, home.
                reception = Reception.objects.published().filter(
                    slug=kwargs.get("slug", "")
                )
                return render(
                    request,
                    "students/forbidden.html",
                    {"reception": reception.first()},
                    status=403,
                )
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
        undo = request.POST.get("action") == "undo"
        try:
            if undo:
                services.registration_undo_check_in(
                    registration=registration, user=request.user
                )
            else:
                services.registration_check_in(
                    registration=registration, user=request.user
                )
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
                _("%(name)s (%(reference)s): check-in undone.")
                % {"name": registration.full_name, "reference": registration.reference}
                if undo
                else _("%(name)s (%(reference)s) is checked in. Welcome!")
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
                results = list(
                    reception.registrations.select_related("institution")
                    .prefetch_related("answers__question")
                    .search(query)
                )
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


@staff_permission("students.view_registration")
def dashboard(request, slug):
    reception = get_object_or_404(Reception.objects.with_counts(), slug=slug)
    report = reception_report(reception)
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
                    _bars(report.by_status),
                ),
                (
                    "nationality",
                    _("Confirmed and waitlisted students by nationality"),
                    _("Nationality"),
                    _bars(report.by_nationality),
                ),
                (
                    "institution",
                    _("Confirmed and waitlisted students by institution"),
                    _("Institution"),
                    _bars(report.by_institution),
                ),
                *(
                    (
                        f"question-{question.pk}",
                        question.label,
                        _("Answer"),
                        _bars(rows),
                    )
                    for question, rows in report.by_question
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
