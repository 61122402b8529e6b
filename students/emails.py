"""The emails a student receives, in their own language, with QR code and .ics.

The QR code is drawn by `segno` (maintained, pure Python, no dependency) and
the calendar file by `icalendar` (RFC 5545): both formats have enough corner
cases (QR masking, iCalendar escaping and line folding) not to hand-write them.
"""

import io

import icalendar
import segno
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from students.tokens import confirm_token, manage_token

SUBJECTS = {
    "confirm_request": lambda: _("Please confirm your registration"),
    "confirmed": lambda: _("Your seat is confirmed"),
    "promoted": lambda: _("Good news: a seat is now yours"),
    "waitlisted": lambda: _("You are on the waiting list"),
    "cancelled": lambda: _("Your registration is cancelled"),
    "reminder": lambda: _("Reminder: see you soon"),
}
TICKET_KINDS = {"confirmed", "promoted", "reminder"}


def site_url(path):
    return settings.SITE_URL.rstrip("/") + path


def qr_png(reference):
    """The reference as a QR code, as PNG bytes (what the check-in page reads)."""
    buffer = io.BytesIO()
    # A full QR code: segno.make picks a Micro QR code for so short a text,
    # which phone cameras and the door page's decoder do not read.
    segno.make_qr(reference, error="m").save(buffer, kind="png", scale=8, border=4)
    return buffer.getvalue()


def ics_bytes(registration, manage_url):
    """An iCalendar file with the reception, for the student's calendar."""
    reception = registration.reception
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Ville de Dijon//Accueil des etudiants//FR")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = icalendar.Event()
    event.add("uid", f"{registration.reference}@international.dijon.fr")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", reception.starts_at)
    event.add("dtend", reception.ends_at)
    event.add("summary", reception.title)
    event.add("location", f"{reception.venue}, {reception.address}")
    event.add(
        "description",
        _("Reference: %(reference)s\nYour registration: %(url)s")
        % {"reference": registration.reference, "url": manage_url},
    )
    event.add("url", manage_url)
    calendar.add_component(event)
    return calendar.to_ical()


def _manage_url(registration):
    return site_url(
        reverse(
            "students:registration_detail",
            kwargs={"token": manage_token(registration)},
        )
    )


def build_announcement(registration, announcement):
    """What staff wrote to a reception's registrants, in the student's language,
    with the link to their registration page."""
    language = registration.language
    with translation.override(language):
        subject = getattr(announcement, f"subject_{language}", announcement.subject_en)
        context = {
            "registration": registration,
            "reception": registration.reception,
            "body": getattr(announcement, f"body_{language}", announcement.body_en),
            "manage_url": _manage_url(registration),
        }
        message = EmailMultiAlternatives(
            subject=f"{subject} – {registration.reception.title}",
            body=render_to_string("students/email/announcement.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[registration.email],
            headers={"Content-Language": language},
        )
        message.attach_alternative(
            render_to_string("students/email/announcement.html", context), "text/html"
        )
    return message


def build(registration, kind):
    """The email of `kind` for `registration`, ready to `.send()`."""
    with translation.override(registration.language):
        reception = registration.reception
        manage_url = site_url(
            reverse(
                "students:registration_detail",
                kwargs={"token": manage_token(registration)},
            )
        )
        context = {
            "registration": registration,
            "reception": reception,
            "kind": kind,
            "manage_url": manage_url,
            "confirm_url": site_url(
                reverse(
                    "students:registration_confirm",
                    kwargs={"token": confirm_token(registration)},
                )
            ),
            "reception_url": site_url(reception.get_absolute_url()),
            "position": registration.waitlist_position(),
            "hold_hours": settings.REGISTRATION_PENDING_HOURS,
            "privacy_url": site_url(reverse(settings.PRIVACY_NOTICE_URL_NAME)),
        }
        subject = f"{SUBJECTS[kind]()} – {reception.title}"
        text = render_to_string("students/email/registration.txt", context)
        html = render_to_string("students/email/registration.html", context)
        message = EmailMultiAlternatives(
            subject=subject,
            body=text,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[registration.email],
            headers={"Content-Language": registration.language},
        )
        message.attach_alternative(html, "text/html")
        if kind in TICKET_KINDS:
            message.attach(
                f"{registration.reference}.png",
                qr_png(registration.reference),
                "image/png",
            )
            message.attach(
                "reception.ics",
                ics_bytes(registration, manage_url),
                "text/calendar; charset=utf-8; method=PUBLISH",
            )
    return message
