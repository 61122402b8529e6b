"""The student's own pages, reached from the signed links of their emails."""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from students import services
from students.models import Message, Registration
from students.tokens import (
    LinkExpired,
    LinkInvalid,
    read_confirm_token,
    read_manage_token,
)
from students.views.public import limit_posts, rate_limited


def link_error(request, title, message, status):
    return render(
        request,
        "students/link_error.html",
        {"error_title": title, "error_message": message},
        status=status,
    )


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
                _(
                    "All seats are taken: you are on the waiting list, in position "
                    "%(position)d. If a seat becomes free, it is given to you "
                    "automatically and we email you."
                )
                % {"position": registration.waitlist_position() or 1},
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
            # What became of our last email about the registration's status.
            "last_message": registration.messages.exclude(
                kind=Message.Kind.ANNOUNCEMENT
            ).first(),
            "retention_days": settings.REGISTRATION_RETENTION_DAYS,
            # Registering again is possible while the form takes sign-ups:
            # a seat if one is left, the waiting list otherwise.
            "can_register_again": not registration.is_active
            and registration.reception.is_published
            and registration.reception.registration_state() == "open",
        },
    )


def _qr_svg(registration):
    if registration.status != Registration.Status.CONFIRMED:
        return ""
    import segno
    from django.utils.safestring import mark_safe

    # Our own reference in our own SVG: no visitor input reaches this markup.
    svg = segno.make_qr(registration.reference, error="m").svg_inline(
        scale=5,
        title=_("QR code of reference %(reference)s")
        % {"reference": registration.reference},
    )
    return mark_safe(svg.replace("<svg ", '<svg role="img" ', 1))  # noqa: S308


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def registration_cancel(request, token):
    """GET asks to confirm (with what cancelling means); POST cancels."""
    registration, error = _registration_from_manage_token(request, token)
    if error:
        return error
    if request.method != "POST":
        if not registration.is_active or registration.checked_in_at:
            return redirect("students:registration_detail", token=token)
        return render(
            request,
            "students/registration_cancel.html",
            {
                "registration": registration,
                "reception": registration.reception,
                "token": token,
            },
        )
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


@require_POST
@never_cache
@limit_posts
def registration_send_again(request, token):
    """ "Send the email again" on the student's page, whatever the last one did."""
    if getattr(request, "limited", False):
        return rate_limited(request)
    registration, error = _registration_from_manage_token(request, token)
    if error:
        return error
    try:
        services.registration_resend_email(registration=registration)
    except services.RegistrationError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("The email is on its way to %(email)s.") % {"email": registration.email},
        )
    return redirect(registration.get_absolute_url())
