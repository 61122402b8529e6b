"""Welcome receptions for foreign students: partners, receptions, registrations.

State changes of a registration (confirm, cancel, expire, promote, check in,
anonymise) live in `students.services`; these models only describe the data
and the reads that views share.
"""

import operator
import secrets
from functools import reduce

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Count, OuterRef, Q, Subquery, When
from django.db.models.functions import Coalesce, Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from core.fields import HttpsURLField
from core.gallery import GalleryPhoto
from core.publishing import Publishable, PublishableQuerySet

# Unambiguous characters (no 0/O, 1/I/L): easy to read out at the door.
REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
REFERENCE_LENGTH = 10  # 31**10, about 2**49: not guessable, short enough to type


def new_reference():
    """A random reference such as `DJ-7KQ4M-X9TRA` (from `secrets`, not guessable)."""
    chars = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH))
    return f"DJ-{chars[:5]}-{chars[5:]}"


# The waiting list's order, the one rule for promotions, the position shown to
# the student and the admin's column: who confirmed first; the earlier row
# when two confirmed at the same instant.
WAITLIST_ORDER = ("waitlisted_at", "pk")


def _ahead_of_outer_row(ordering):
    """A Q for the rows that come before the outer query's row in `ordering`.

    `("a", "pk")` gives `a < outer.a OR (a = outer.a AND pk < outer.pk)`.
    """
    ahead = []
    level = Q()
    for field in ordering:
        ahead.append(level & Q(**{f"{field}__lt": OuterRef(field)}))
        level &= Q(**{field: OuterRef(field)})
    return reduce(operator.or_, ahead)


def normalise_reference(text):
    """What staff type or a QR scanner gives back, in the stored form."""
    raw = "".join(ch for ch in (text or "").upper() if ch.isalnum())
    if raw.startswith("DJ"):
        raw = raw[2:]
    if len(raw) != REFERENCE_LENGTH:
        return ""
    return f"DJ-{raw[:5]}-{raw[5:]}"


class PartnerInstitution(models.Model):
    """A school the city has a cooperation agreement with to welcome students."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    website = HttpsURLField(_("website"), blank=True)
    agreement_signed = models.BooleanField(
        _("cooperation agreement signed"), default=False
    )
    position = models.PositiveSmallIntegerField(
        _("position in lists"), default=0, help_text=_("Smaller numbers come first.")
    )

    class Meta:
        verbose_name = _("partner institution")
        verbose_name_plural = _("partner institutions")
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


class Term(models.TextChoices):
    AUTUMN = "autumn", _("Autumn")
    SPRING = "spring", _("Spring")


class ReceptionQuerySet(PublishableQuerySet):
    def upcoming(self, now=None):
        return self.published().filter(ends_at__gte=now or timezone.now())

    def open_for_registration(self, now=None):
        now = now or timezone.now()
        return self.upcoming(now).filter(
            registration_opens_at__lte=now, registration_closes_at__gt=now
        )

    def with_counts(self, now=None):
        """Annotate seat counts in one query (no query per reception)."""
        now = now or timezone.now()
        status = Registration.Status
        return self.annotate(
            confirmed_count=Count(
                "registrations",
                filter=Q(registrations__status=status.CONFIRMED),
            ),
            pending_count=Count(
                "registrations",
                filter=Q(
                    registrations__status=status.PENDING,
                    registrations__expires_at__gt=now,
                ),
            ),
            holding_count=Count(
                "registrations",
                filter=Q(
                    registrations__status=status.PENDING,
                    registrations__holds_seat=True,
                    registrations__expires_at__gt=now,
                ),
            ),
            waitlisted_count=Count(
                "registrations",
                filter=Q(registrations__status=status.WAITLISTED),
            ),
            attended_count=Count(
                "registrations",
                filter=Q(registrations__checked_in_at__isnull=False),
            ),
        )


class Reception(Publishable):
    """One of the Mayor's welcome receptions for foreign students (twice a year)."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    academic_year = models.CharField(
        _("academic year"), max_length=9, help_text=_("For example 2026-2027.")
    )
    term = models.CharField(_("term"), max_length=10, choices=Term.choices)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    # No default: modeltranslation would copy it into every language and take
    # a text equal to it for a missing one (the admin suggests the usual
    # venue in French instead, ReceptionAdmin.get_changeform_initial_data).
    venue = models.CharField(_("venue"), max_length=200)
    address = models.CharField(
        _("address"), max_length=200, default="Place de la Libération, 21000 Dijon"
    )
    capacity = models.PositiveIntegerField(_("capacity (seats)"))
    registration_opens_at = models.DateTimeField(_("registration opens at"))
    registration_closes_at = models.DateTimeField(_("registration closes at"))
    description = models.TextField(
        _("what to expect"),
        blank=True,
        help_text=_("Paragraphs separated by a blank line."),
    )
    reminder_hours = models.PositiveSmallIntegerField(
        _("reminder (hours before)"),
        default=24,
        help_text=_(
            "Confirmed students get a reminder this many hours before the "
            "reception starts; 0 sends none."
        ),
    )

    objects = ReceptionQuerySet.as_manager()

    class Meta:
        verbose_name = _("reception")
        verbose_name_plural = _("receptions")
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="reception_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(
                    registration_closes_at__gt=models.F("registration_opens_at")
                ),
                name="reception_registration_window_ordered",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("students:reception_detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("The reception must end after it starts.")
        if (
            self.registration_opens_at
            and self.registration_closes_at
            and self.registration_closes_at <= self.registration_opens_at
        ):
            errors["registration_closes_at"] = _(
                "Registration must close after it opens."
            )
        if errors:
            raise ValidationError(errors)

    def registration_state(self, now=None):
        """`past`, `not_yet_open`, `closed` or `open`, for the public page."""
        now = now or timezone.now()
        if self.ends_at < now:
            return "past"
        if now < self.registration_opens_at:
            return "not_yet_open"
        if now >= self.registration_closes_at:
            return "closed"
        return "open"

    # Seats, from the `with_counts()` annotations: the one definition the
    # public pages show and the services count under the reception's lock.

    @property
    def seats_held(self):
        """Confirmed seats and those pending students still hold."""
        return self.confirmed_count + self.holding_count

    @property
    def seats_left(self):
        """Seats a new student can take: none while anyone is waiting."""
        if self.waitlisted_count:
            return 0
        return max(self.capacity - self.seats_held, 0)


class RegistrationQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status__in=Registration.ACTIVE_STATUSES)

    def waitlist(self):
        """The waiting list, first in line first."""
        return self.filter(status=Registration.Status.WAITLISTED).order_by(
            *WAITLIST_ORDER
        )

    def with_waitlist_position(self):
        """Annotate `waitlist_rank`: 1 for the first student on the waiting list.

        None for a registration not on it. One subquery per row, inside the
        same query, whatever filters the queryset has.
        """
        waiting = Registration.Status.WAITLISTED
        ahead = (
            Registration.objects.filter(reception=OuterRef("reception"), status=waiting)
            .filter(_ahead_of_outer_row(WAITLIST_ORDER))
            .order_by()
            .values("reception")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return self.annotate(
            waitlist_rank=Case(
                When(status=waiting, then=Coalesce(Subquery(ahead), 0) + 1),
                default=None,
                output_field=models.IntegerField(),
            )
        )

    def overdue(self, now=None):
        return self.filter(
            status=Registration.Status.PENDING, expires_at__lte=now or timezone.now()
        )

    def confirmed_or_waitlisted(self):
        """The students coming, or hoping to: what the dashboard charts."""
        status = Registration.Status
        return self.filter(status__in=(status.CONFIRMED, status.WAITLISTED))

    def count_by(self, field):
        """`(value, count)` pairs of `field`, the largest count first."""
        return self.values_list(field).annotate(n=Count("pk")).order_by("-n", field)

    def search(self, query, limit=25):
        """What staff type or scan at the door, never anonymised registrations.

        A reference (in any case, with or without dashes, as a QR scanner
        sends it) finds that registration; otherwise every one of the first
        four words must appear in the first name, last name or reference.
        """
        registrations = self.filter(anonymised_at__isnull=True)
        reference = normalise_reference(query)
        if reference:
            by_reference = registrations.filter(reference=reference)
            if by_reference.exists():
                return by_reference
        for word in query.split()[:4]:
            registrations = registrations.filter(
                Q(first_name__icontains=word)
                | Q(last_name__icontains=word)
                | Q(reference__icontains=word)
            )
        return registrations.order_by("last_name", "first_name")[:limit]


class StudyLevel(models.TextChoices):
    SECONDARY = "secondary", _("Secondary school or preparatory class")
    BACHELOR = "bachelor", _("Bachelor (licence)")
    MASTER = "master", _("Master")
    DOCTORATE = "doctorate", _("Doctorate")
    EXCHANGE = "exchange", _("Exchange semester or year")
    OTHER = "other", _("Other")


class RegistrationStatus(models.TextChoices):
    PENDING = "pending", _("Pending email confirmation")
    CONFIRMED = "confirmed", _("Confirmed")
    WAITLISTED = "waitlisted", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")
    EXPIRED = "expired", _("Expired (not confirmed in time)")


# A registration that still counts: one per email and reception (the
# constraint below), found by the resend form, cancellable by the student.
ACTIVE_STATUSES = (
    RegistrationStatus.PENDING,
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.WAITLISTED,
)


class Registration(models.Model):
    """A student's seat request for a reception, from sign-up to data deletion."""

    Status = RegistrationStatus
    ACTIVE_STATUSES = ACTIVE_STATUSES

    class Language(models.TextChoices):
        FRENCH = "fr", "Français"
        ENGLISH = "en", "English"

    reception = models.ForeignKey(
        Reception,
        verbose_name=_("reception"),
        on_delete=models.PROTECT,
        related_name="registrations",
    )
    reference = models.CharField(
        _("reference"),
        max_length=20,
        unique=True,
        default=new_reference,
        editable=False,
    )
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    email = models.EmailField(_("email"), max_length=254)
    nationality = CountryField(_("nationality"))
    institution = models.ForeignKey(
        PartnerInstitution,
        verbose_name=_("institution"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="registrations",
        help_text=_(
            "Empty when the student studies elsewhere (see other institution)."
        ),
    )
    institution_other = models.CharField(
        _("other institution"), max_length=200, blank=True
    )
    study_level = models.CharField(
        _("level of study"), max_length=20, choices=StudyLevel.choices
    )
    language = models.CharField(
        _("preferred language"), max_length=2, choices=Language.choices, default="fr"
    )
    access_needs = models.TextField(_("access needs"), blank=True, max_length=1000)
    consent = models.BooleanField(_("consent to the privacy notice"), default=False)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=Status.choices,
        default=Status.PENDING,
        db_index=True,
    )
    holds_seat = models.BooleanField(
        _("pending registration holds a seat"),
        default=False,
        help_text=_("A seat was free when the student signed up."),
    )
    submission_token = models.CharField(
        _("submission token"),
        max_length=64,
        unique=True,
        null=True,
        blank=True,
        editable=False,
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    expires_at = models.DateTimeField(_("confirmation deadline"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("email confirmed"), null=True, blank=True)
    waitlisted_at = models.DateTimeField(
        _("joined the waiting list"), null=True, blank=True
    )
    promoted_at = models.DateTimeField(
        _("promoted from the waiting list"), null=True, blank=True
    )
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("checked in by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    anonymised_at = models.DateTimeField(
        _("personal data deleted"), null=True, blank=True
    )
    last_email_sent_at = models.DateTimeField(
        _("last email sent"), null=True, blank=True
    )
    last_email_error = models.CharField(
        _("last email error"), max_length=300, blank=True
    )

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["-created_at"]
        permissions = [("check_in_registration", _("Can check students in"))]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                "reception",
                condition=Q(status__in=ACTIVE_STATUSES) & ~Q(email=""),
                name="one_active_registration_per_email",
                violation_error_message=_(
                    "This email address is already registered for this reception."
                ),
            ),
        ]
        indexes = [
            models.Index(fields=["reception", "status"], name="registration_seats"),
        ]

    def __str__(self):
        # The reference only: the admin's history stores this text for good,
        # and must not keep a student's name beyond the registration itself.
        return self.reference

    def get_absolute_url(self):
        from students.tokens import manage_token

        return reverse(
            "students:registration_detail", kwargs={"token": manage_token(self)}
        )

    @property
    def full_name(self):
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def institution_name(self):
        if self.institution_id:
            return self.institution.name
        return self.institution_other

    @property
    def is_active(self):
        return self.status in self.ACTIVE_STATUSES

    def waitlist_position(self):
        """1 for the first student on the waiting list; None when not on it."""
        if self.status != self.Status.WAITLISTED:
            return None
        return (
            Registration.objects.with_waitlist_position()
            .values_list("waitlist_rank", flat=True)
            .get(pk=self.pk)
        )


class MessageKind(models.TextChoices):
    CONFIRM_REQUEST = "confirm_request", _("Confirmation link")
    CONFIRMED = "confirmed", _("Seat confirmed")
    PROMOTED = "promoted", _("Promoted from the waiting list")
    WAITLISTED = "waitlisted", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancellation")
    REMINDER = "reminder", _("Reminder")
    ANNOUNCEMENT = "announcement", _("Message from staff")


class MessageStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to be sent")
    SENDING = "sending", _("Being sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    DROPPED = "dropped", _("Not sent (no longer applies)")


class Announcement(models.Model):
    """What staff wrote to a reception's registrants, kept as the reception's log."""

    reception = models.ForeignKey(
        Reception,
        verbose_name=_("reception"),
        on_delete=models.CASCADE,
        related_name="announcements",
    )
    subject_fr = models.CharField(_("subject in French"), max_length=150)
    subject_en = models.CharField(_("subject in English"), max_length=150)
    body_fr = models.TextField(_("message in French"), max_length=5000)
    body_en = models.TextField(_("message in English"), max_length=5000)
    statuses = models.JSONField(_("recipients' statuses"), default=list)
    recipient_count = models.PositiveIntegerField(_("recipients"), default=0)
    created_at = models.DateTimeField(_("sent at"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("message to registrants")
        verbose_name_plural = _("messages to registrants")
        ordering = ["-created_at"]
        permissions = [
            ("send_announcement", _("Can write to a reception's registrants"))
        ]

    def __str__(self):
        return self.subject_en or self.subject_fr

    def get_absolute_url(self):
        return reverse("admin:students_announcement_change", args=[self.pk])


class Message(models.Model):
    """One email to one student, from queued to sent: the outbox staff can read.

    Written in the same transaction as the change that causes it, then sent
    by the task worker with retries; `idempotency_key` names the event, so
    one event never makes two messages.
    """

    Kind = MessageKind
    Status = MessageStatus

    registration = models.ForeignKey(
        Registration,
        verbose_name=_("registration"),
        on_delete=models.CASCADE,
        related_name="messages",
    )
    announcement = models.ForeignKey(
        Announcement,
        verbose_name=_("message to registrants"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="messages",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=MessageKind.choices)
    language = models.CharField(_("language"), max_length=2)
    recipient = models.EmailField(_("recipient"), max_length=254, blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=MessageStatus.choices,
        default=MessageStatus.QUEUED,
        db_index=True,
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("queued at"), default=timezone.now)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    claimed_at = models.DateTimeField(_("sending since"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    idempotency_key = models.CharField(
        _("idempotency key"), max_length=100, unique=True, editable=False
    )

    class Meta:
        verbose_name = _("email")
        verbose_name_plural = _("emails")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="message_due"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} – {self.registration.reference}"

    def get_absolute_url(self):
        return reverse("admin:students_message_change", args=[self.pk])


# The questions staff ask per reception live in their own module.
from students.questions import Answer, Question  # noqa: E402, F401


class ReceptionPhoto(GalleryPhoto):
    """A photo of the reception's gallery (a past edition's, say)."""

    reception = models.ForeignKey(
        Reception,
        on_delete=models.CASCADE,
        related_name="photos",
        verbose_name=_("reception"),
    )

    class Meta(GalleryPhoto.Meta):
        pass

    def get_absolute_url(self):
        return self.reception.get_absolute_url()
