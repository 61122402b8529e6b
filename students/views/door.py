"""The check-in page for the door: a phone's camera, big answers, offline queue.

The page (no public header) talks to three small JSON endpoints: `scan`
checks a ticket in (or says why not), `undo` takes a check-in back, `status`
gives the counters so that several phones at the door agree. A scan queued
while the connection was down carries the time it was made, which becomes
the check-in time; the check-in service refuses a second check-in, so a scan
sent twice never counts twice (and the phone that sent it hears "checked in"
again, not "already", when its first answer was lost).
"""

from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from students import services
from students.models import Reception, Registration, normalise_reference
from students.views.staff import staff_permission

PERMISSION = "students.check_in_registration"
# How old a queued scan may be and still give its own time to the check-in.
QUEUE_WINDOW = timedelta(hours=12)


def door_permissions_policy():
    """The site's Permissions-Policy, with the camera allowed for this page."""
    features = dict(settings.PERMISSIONS_POLICY)
    features["camera"] = ["self"]
    return ", ".join(
        f"{name}=({' '.join(origins)})" for name, origins in features.items()
    )


def _counts(reception_id):
    reception = Reception.objects.with_counts().get(pk=reception_id)
    return {
        "attended": reception.attended_count,
        "confirmed": reception.confirmed_count,
        "text": _counts_text(reception),
    }


def _counts_text(reception):
    from django.template.loader import render_to_string

    return render_to_string(
        "students/includes/check_in_counts.html", {"reception": reception}
    ).strip()


def _card(registration):
    answers = registration.answers.select_related("question")
    return {
        "name": registration.full_name,
        "reference": registration.reference,
        "status": registration.get_status_display(),
        "answers": [
            {"question": a.question.label, "answer": a.display()}
            for a in answers
            if a.value is not None
        ],
    }


def _already(registration):
    time = timezone.localtime(registration.checked_in_at).strftime("%H:%M")
    return _("Already checked in at %(time)s.") % {"time": time}


def _scan_time(value, now):
    """The time a queued scan was made (ms since 1970), if believable."""
    try:
        when = datetime.fromtimestamp(int(value) / 1000, tz=UTC)
    except (TypeError, ValueError, OverflowError, OSError):
        return now
    if now - QUEUE_WINDOW <= when <= now:
        return when
    return now


def _same_scan(registration, user, scanned_at):
    """Whether this check-in is the one this very scan made: a phone whose
    answer was lost on the way sends its scan again, and hears it went in."""
    return (
        registration.checked_in_at == scanned_at
        and registration.checked_in_by_id == user.pk
    )


@staff_permission(PERMISSION)
@never_cache
@require_GET
def door(request, slug):
    reception = get_object_or_404(Reception.objects.with_counts(), slug=slug)
    response = render(request, "students/door.html", {"reception": reception})
    response._permissions_policy_override = door_permissions_policy()
    return response


@staff_permission(PERMISSION)
@never_cache
@require_POST
def door_scan(request, slug):
    reception = get_object_or_404(Reception, slug=slug)
    reference = normalise_reference(request.POST.get("reference", ""))
    registration = (
        Registration.objects.filter(
            reception=reception, reference=reference, anonymised_at__isnull=True
        ).first()
        if reference
        else None
    )
    if registration is None:
        return JsonResponse(
            {
                "result": "unknown",
                "message": _("Unknown ticket: not a registration for this reception."),
                "counts": _counts(reception.pk),
            }
        )
    scanned_at = _scan_time(request.POST.get("scanned_at"), timezone.now())
    try:
        registration = services.registration_check_in(
            registration=registration, user=request.user, now=scanned_at
        )
    except services.CheckInWarning as warning:
        registration.refresh_from_db()
        if _same_scan(registration, request.user, scanned_at):
            result = "checked_in"
            message = _("Checked in now. Welcome!")
        elif registration.checked_in_at:
            result = "already"
            message = _already(registration)
        else:
            result = "not_confirmed"
            message = str(warning)
    else:
        result = "checked_in"
        message = _("Checked in now. Welcome!")
    return JsonResponse(
        {
            "result": result,
            "message": message,
            "card": _card(registration),
            "counts": _counts(reception.pk),
        }
    )


@staff_permission(PERMISSION)
@never_cache
@require_POST
def door_undo(request, slug):
    reception = get_object_or_404(Reception, slug=slug)
    registration = get_object_or_404(
        Registration,
        reception=reception,
        reference=normalise_reference(request.POST.get("reference", "")),
    )
    try:
        services.registration_undo_check_in(
            registration=registration, user=request.user
        )
    except services.CheckInWarning as warning:
        message = str(warning)
    else:
        message = _("Check-in undone: %(name)s is not checked in.") % {
            "name": registration.full_name
        }
    registration.refresh_from_db()
    return JsonResponse(
        {
            "result": "undone",
            "message": message,
            "card": _card(registration),
            "counts": _counts(reception.pk),
        }
    )


@staff_permission(PERMISSION)
@never_cache
@require_GET
def door_status(request, slug):
    reception = get_object_or_404(Reception, slug=slug)
    return JsonResponse({"counts": _counts(reception.pk)})


@staff_permission(PERMISSION)
@never_cache
@require_GET
def door_search(request, slug):
    reception = get_object_or_404(Reception, slug=slug)
    query = request.GET.get("q", "").strip()[:100]
    found = reception.registrations.search(query) if query else []
    return JsonResponse(
        {
            "results": [
                {
                    "name": r.full_name,
                    "reference": r.reference,
                    "status": (
                        _already(r) if r.checked_in_at else r.get_status_display()
                    ),
                    "checked_in": bool(r.checked_in_at),
                }
                for r in found
            ]
        }
    )
