"""Every state change of a registration, in one place (after pretix's services).

Each function takes keyword arguments only, checks the current state, raises
`RegistrationError` with a translated message when the change is not allowed,
writes inside `transaction.atomic()` and, wherever seats are counted, first
locks the reception row (`select_for_update`), so two students can never take
the same last seat. Emails are written to the outbox in the same
transaction (`students.messaging`) and sent by the task worker, in the
student's language; a failing mail server is retried and never loses a
registration or an email.

Seats held = confirmed registrations + pending ones still holding the seat
that was free when they signed up (48 hours by default, the setting
`REGISTRATION_PENDING_HOURS`, counted from when the confirmation link was
actually sent; `messaging.confirm_link_next_try`). Overdue pending
registrations are expired lazily by every function that counts seats (and by
`manage.py expire_registrations`); each freed seat goes to the first student
on the waiting list.
"""

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from students import messaging
from students.models import Message, PartnerInstitution, Reception, Registration
from students.questions import FREE_TEXT_KINDS, Answer, Question

logger = logging.getLogger(__name__)

Status = Registration.Status


class RegistrationError(Exception):
    """A change the rules do not allow; `str()` is a message for the user."""


class AlreadyRegistered(RegistrationError):
    """This email already has an active registration for the reception."""

    def __init__(self, registration):
        super().__init__(
            _("This email address is already registered for this reception.")
        )
        self.registration = registration


# --- Seats -------------------------------------------------------------------


def _lock_reception(reception_id):
    return Reception.objects.select_for_update().get(pk=reception_id)


def _seats(reception, now):
    """The reception with its seat counts at `now` (`seats_held`, `seats_left`)."""
    return Reception.objects.with_counts(now).get(pk=reception.pk)


def _free_seats(reception, now):
    """Seats nobody holds, whether or not students are waiting for them."""
    seats = _seats(reception, now)
    return seats.capacity - seats.seats_held


def _expire_overdue(reception, now):
    """Expire the reception's pending registrations past their deadline.

    Call with the reception row locked. Returns how many expired.

    The hold counts from when the confirmation link was actually sent: one
    never sent yet but still being tried keeps the seat, its deadline moved
    to the link's next try (the rule: `messaging.confirm_link_next_try`).
    """
    expired = 0
    for registration in reception.registrations.overdue(now).select_for_update():
        next_try = messaging.confirm_link_next_try(registration, now=now)
        if next_try:
            registration.expires_at = next_try
            registration.save(update_fields=["expires_at"])
            continue
        registration.status = Status.EXPIRED
        registration.holds_seat = False
        registration.save(update_fields=["status", "holds_seat"])
        logger.info("Registration %s expired", registration.reference)
        expired += 1
    return expired


def _promote(reception, now):
    """Give every free seat to the first students on the waiting list.

    Call with the reception row locked: the lock makes sure nobody is
    promoted twice or skipped.
    """
    if reception.starts_at <= now:
        return []  # too late: a seat freed during the reception helps nobody
    free = _free_seats(reception, now)
    if free <= 0:
        return []
    promoted = list(reception.registrations.waitlist().select_for_update()[:free])
    for registration in promoted:
        registration.status = Status.CONFIRMED
        registration.promoted_at = now
        registration.save(update_fields=["status", "promoted_at"])
        logger.info(
            "Registration %s promoted from the waiting list", registration.reference
        )
        _email_on_commit(registration, "promoted")
    return promoted


def expire_pending(*, reception, now=None):
    """Expire overdue pending registrations and promote from the waiting list.

    Cheap when nothing is overdue (one query, no lock), so pages and every
    service can call it; `manage.py expire_registrations` calls it too.
    Returns the number of expired registrations.
    """
    now = now or timezone.now()
    if not reception.registrations.overdue(now).exists():
        return 0
    with transaction.atomic():
        locked = _lock_reception(reception.pk)
        expired = _expire_overdue(locked, now)
        _promote(locked, now)
    return expired


def registration_expire(*, registration, now=None):
    """Expire one pending registration whose confirmation deadline has passed.

    Refused before the deadline, and while its confirmation link has not left
    yet and is still being tried (the deadline then moves to its next try).
    """
    now = now or timezone.now()
    with transaction.atomic():
        reception = _lock_reception(registration.reception_id)
        registration.refresh_from_db()
        if registration.status != Status.PENDING or registration.expires_at > now:
            raise RegistrationError(_("This registration cannot expire now."))
        _expire_overdue(reception, now)
        _promote(reception, now)
    registration.refresh_from_db()
    if registration.status == Status.PENDING:
        raise RegistrationError(_("This registration cannot expire now."))
    return registration


def waitlist_promote(*, reception, now=None):
    """Fill the reception's free seats from its waiting list, in order."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = _lock_reception(reception.pk)
        _expire_overdue(locked, now)
        return _promote(locked, now)


def reception_set_capacity(*, reception, capacity, now=None):
    """Change the number of seats; more seats promote waitlisted students."""
    if capacity is None or int(capacity) < 0:
        raise RegistrationError(_("The capacity must be a positive number."))
    now = now or timezone.now()
    with transaction.atomic():
        locked = _lock_reception(reception.pk)
        locked.capacity = int(capacity)
        locked.save(update_fields=["capacity"])
        _expire_overdue(locked, now)
        promoted = _promote(locked, now)
    reception.capacity = locked.capacity
    return promoted


def reception_add_standard_questions(*, reception):
    """Ask a new reception's students about access needs, with its own consent.

    Access needs may reveal a student's health (GDPR art. 9): a question
    marked as health data, whose answer is kept only with explicit consent.
    Staff can reword, move or delete it like any question.
    """
    return Question.objects.get_or_create(
        reception=reception,
        health_data=True,
        kind=Question.Kind.LONG_TEXT,
        defaults=ACCESS_NEEDS_QUESTION,
    )[0]


ACCESS_NEEDS_QUESTION = {
    "position": 100,
    "label_fr": "Besoins d'accessibilité",
    "label_en": "Access needs",
    "help_text_fr": "Par exemple un accès en fauteuil roulant ou une boucle "
    "magnétique.",
    "help_text_en": "For example wheelchair access or a hearing loop.",
}


# --- The student's path ------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class RegistrationDetails:
    """What a student tells us to register (`RegistrationForm.details()`)."""

    first_name: str
    last_name: str
    email: str
    nationality: str
    study_level: str
    language: str
    consent: bool
    institution: PartnerInstitution | None = None
    institution_other: str = ""
    access_needs: str = ""
    # `(question, stored value or None)` for each of the reception's questions;
    # a health-data answer comes with the student's explicit consent.
    answers: tuple = ()


def registration_create(*, reception, details, submission_token=None, now=None):
    """Create a pending registration and email its confirmation link.

    Raises AlreadyRegistered when the email (case-insensitive) already has an
    active registration for the reception, RegistrationError when the
    reception does not take registrations. A repeated submission (same
    `submission_token`) returns the first registration instead of a second.
    """
    if not details.consent:
        raise RegistrationError(_("Please accept the privacy notice to register."))
    institution = details.institution
    if institution is None and not details.institution_other.strip():
        raise RegistrationError(_("Please name your institution."))
    email = details.email.strip()
    if submission_token:
        existing = Registration.objects.filter(
            submission_token=submission_token
        ).first()
        if existing and existing.email.lower() == email.lower():
            return existing
        if existing:
            # The same form, corrected (another address) and sent again: a
            # new registration, not a silent repeat of the first.
            submission_token = None
    try:
        with transaction.atomic():
            locked = _lock_reception(reception.pk)
            now = now or timezone.now()
            if submission_token:
                # The same form posted twice at once: the second request
                # waited for the lock and now sees the first one's row.
                existing = Registration.objects.filter(
                    submission_token=submission_token
                ).first()
                if existing:
                    return existing
            if not locked.is_live(now) or locked.registration_state(now) != "open":
                raise RegistrationError(
                    _(
                        "Registration for this reception is not open, so we could "
                        "not register you. See the other receptions on the list."
                    )
                )
            _expire_overdue(locked, now)
            _promote(locked, now)
            duplicate = (
                locked.registrations.active().filter(email__iexact=email).first()
            )
            if duplicate:
                raise AlreadyRegistered(duplicate)
            holds_seat = _seats(locked, now).seats_left > 0
            registration = Registration.objects.create(
                reception=locked,
                first_name=details.first_name.strip(),
                last_name=details.last_name.strip(),
                email=email,
                nationality=details.nationality,
                institution=institution,
                institution_other=(
                    "" if institution else details.institution_other.strip()
                ),
                study_level=details.study_level,
                language=details.language,
                access_needs=details.access_needs.strip(),
                consent=True,
                status=Status.PENDING,
                holds_seat=holds_seat,
                submission_token=submission_token or None,
                created_at=now,
                expires_at=now + timedelta(hours=settings.REGISTRATION_PENDING_HOURS),
            )
            _save_answers(registration, details.answers, now)
            logger.info(
                "Registration %s created for %s", registration.reference, locked.slug
            )
            _email_on_commit(registration, "confirm_request")
    except IntegrityError:
        # The database constraints caught a race the checks above could not
        # see: the same form posted twice at once, or the same address.
        if submission_token:
            existing = Registration.objects.filter(
                submission_token=submission_token
            ).first()
            if existing:
                return existing
        duplicate = (
            Registration.objects.active()
            .filter(reception=reception, email__iexact=email)
            .first()
        )
        if duplicate:
            raise AlreadyRegistered(duplicate) from None
        raise
    return registration


def _save_answers(registration, answers, now):
    Answer.objects.bulk_create(
        Answer(
            registration=registration,
            question=question,
            value=value,
            consent_at=now if question.health_data else None,
            created_at=now,
        )
        for question, value in answers
        if value is not None and question.reception_id == registration.reception_id
    )


def registration_confirm(*, registration, now=None):
    """The student clicked the link: confirmed if a seat is left, else waitlisted."""
    with transaction.atomic():
        reception = _lock_reception(registration.reception_id)
        # Read the clock once the lock is held: the waiting list's order is
        # the order in which confirmations got the lock.
        now = now or timezone.now()
        _expire_overdue(reception, now)
        registration.refresh_from_db()
        if registration.status != Status.PENDING:
            # Leave the block first: the expiry above must be committed.
            _promote(reception, now)
        else:
            _confirm_locked(reception, registration, now)
    if registration.status == Status.EXPIRED:
        raise RegistrationError(
            _(
                "This registration was not confirmed in time and has expired. "
                "You can register again."
            )
        )
    if registration.status == Status.CANCELLED:
        raise RegistrationError(
            _(
                "This registration was cancelled. You can register again while "
                "registration is open."
            )
        )
    # Confirmed or waitlisted: clicking the link twice changes nothing.
    return registration


def _confirm_locked(reception, registration, now):
    """Confirm a pending registration; call with the reception row locked."""
    _promote(reception, now)
    seat = registration.holds_seat or _seats(reception, now).seats_left > 0
    registration.confirmed_at = now
    registration.holds_seat = False
    if seat:
        registration.status = Status.CONFIRMED
        kind = "confirmed"
    else:
        registration.status = Status.WAITLISTED
        registration.waitlisted_at = now
        kind = "waitlisted"
    registration.save(
        update_fields=["status", "confirmed_at", "holds_seat", "waitlisted_at"]
    )
    logger.info("Registration %s %s", registration.reference, registration.status)
    _email_on_commit(registration, kind)


def registration_cancel(*, registration, now=None):
    """Cancel an active registration; its seat goes to the waiting list."""
    now = now or timezone.now()
    with transaction.atomic():
        reception = _lock_reception(registration.reception_id)
        registration.refresh_from_db()
        if registration.status not in Registration.ACTIVE_STATUSES:
            raise RegistrationError(_("This registration is no longer active."))
        if registration.checked_in_at:
            raise RegistrationError(_("This student has already been checked in."))
        registration.status = Status.CANCELLED
        registration.holds_seat = False
        registration.cancelled_at = now
        registration.save(update_fields=["status", "holds_seat", "cancelled_at"])
        logger.info("Registration %s cancelled", registration.reference)
        _email_on_commit(registration, "cancelled")
        _expire_overdue(reception, now)
        _promote(reception, now)
    return registration


def registration_delete_data(*, registration, now=None):
    """The student's right to erasure: cancel if active, then anonymise."""
    now = now or timezone.now()
    with transaction.atomic():
        reception = _lock_reception(registration.reception_id)
        registration.refresh_from_db()
        was_active = registration.is_active and not registration.checked_in_at
        if was_active:
            registration.status = Status.CANCELLED
            registration.holds_seat = False
            registration.cancelled_at = now
        _anonymise(registration, now)
        if was_active:
            _expire_overdue(reception, now)
            _promote(reception, now)
    logger.info("Registration %s: personal data deleted", registration.reference)
    return registration


# What erasure blanks, for one student (`registration_delete_data`) and for
# the retention purge alike: everything that names or describes the person.
# Status, nationality, institution and level stay, so counts stay available.
ERASED_VALUES = {
    "first_name": "",
    "last_name": "",
    "email": "",
    "institution_other": "",
    "access_needs": "",
    "submission_token": None,
    "last_email_error": "",
}
# And in each of the registration's outbox messages (students.messaging).
ERASED_MESSAGE_VALUES = {"recipient": "", "last_error": ""}


def _anonymise(registration, now):
    for field, value in ERASED_VALUES.items():
        setattr(registration, field, value)
    registration.anonymised_at = now
    registration.save()
    forget_copies(registration_ids=[registration.pk])


def _forget_admin_history(registration_ids):
    """The admin's history names registrations by their reference only.

    Entries written before `Registration.__str__` dropped the name read
    "DJ-… Firstname Lastname": those of anonymised or deleted registrations
    are cut back to the reference (the history of who changed what stays).
    """
    content_type = ContentType.objects.get_for_model(Registration)
    named = LogEntry.objects.filter(
        content_type=content_type, object_repr__contains=" "
    )
    kept = set(
        Registration.objects.filter(anonymised_at__isnull=True)
        .filter(pk__in=[int(e.object_id) for e in named if e.object_id.isdigit()])
        .values_list("pk", flat=True)
    )
    for entry in named:
        if entry.object_id.isdigit() and int(entry.object_id) in kept:
            continue
        entry.object_repr = entry.object_repr.split(" ", 1)[0]
        entry.save(update_fields=["object_repr"])


# Every copy of a student's personal data outside the registration's own
# columns, each a function given the ids of registrations just anonymised
# (on request or by the retention purge). A feature that keeps another copy
# (an email outbox, a task's payload) adds its function here, and its table
# and column to PERSONAL_DATA_COLUMNS in tests/test_personal_data.py.
def _forget_outbox(registration_ids):
    """The outbox's copies of the address (and errors that may quote it)."""
    Message.objects.filter(registration_id__in=registration_ids).update(
        **ERASED_MESSAGE_VALUES
    )


def _forget_free_text_answers(registration_ids):
    """What students typed in answer to questions; choices stay, for counts.

    Health-data answers go whatever their kind: the consent ends with the data.
    """
    Answer.objects.filter(registration_id__in=registration_ids).filter(
        Q(question__kind__in=FREE_TEXT_KINDS) | Q(question__health_data=True)
    ).update(value=None, consent_at=None)


PERSONAL_DATA_COPIES = [
    _forget_admin_history,
    _forget_outbox,
    _forget_free_text_answers,
]


def forget_copies(*, registration_ids):
    """Erase the copies of these (anonymised) registrations' personal data."""
    for forget in PERSONAL_DATA_COPIES:
        forget(registration_ids)


def registrations_purge(*, retention_days=None, now=None):
    """Anonymise registrations of receptions ended more than `retention_days` ago.

    Keeps status, nationality, institution and level so counts stay
    available. Idempotent: already anonymised registrations are skipped.
    Returns the number of registrations anonymised.
    """
    now = now or timezone.now()
    if retention_days is None:
        retention_days = settings.REGISTRATION_RETENTION_DAYS
    cutoff = now - timedelta(days=retention_days)
    with transaction.atomic():
        due = Registration.objects.filter(
            reception__ends_at__lt=cutoff, anonymised_at__isnull=True
        )
        ids = list(due.values_list("pk", flat=True))
        count = Registration.objects.filter(pk__in=ids).update(
            **ERASED_VALUES, anonymised_at=now
        )
        forget_copies(registration_ids=ids)
    logger.info("Purged personal data of %d registrations", count)
    return count


# --- Staff -------------------------------------------------------------------


class CheckInWarning(RegistrationError):
    """Check-in refused, with a warning for the staff at the door."""


def registration_check_in(*, registration, user=None, now=None):
    """Mark a confirmed student as arrived; a second check-in is refused."""
    now = now or timezone.now()
    with transaction.atomic():
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.checked_in_at:
            raise CheckInWarning(
                _("Already checked in at %(time)s.")
                % {
                    "time": timezone.localtime(registration.checked_in_at).strftime(
                        "%H:%M"
                    )
                }
            )
        if registration.status != Status.CONFIRMED:
            raise CheckInWarning(
                _("Not confirmed: this registration is “%(status)s”.")
                % {"status": registration.get_status_display()}
            )
        registration.checked_in_at = now
        registration.checked_in_by = user
        registration.save(update_fields=["checked_in_at", "checked_in_by"])
    logger.info("Registration %s checked in", registration.reference)
    return registration


def registration_undo_check_in(*, registration, user=None):
    """Take back a mistaken check-in (the student has not arrived after all)."""
    with transaction.atomic():
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if not registration.checked_in_at:
            raise CheckInWarning(_("This student is not checked in."))
        registration.checked_in_at = None
        registration.checked_in_by = None
        registration.save(update_fields=["checked_in_at", "checked_in_by"])
    logger.info(
        "Registration %s: check-in undone by %s",
        registration.reference,
        getattr(user, "pk", None),
    )
    return registration


def registration_resend_email(*, registration):
    """Send the student the email that matches the registration's status again.

    Works whatever happened to the previous one (sent, still retrying, failed):
    a copy waiting for its next try is sent now, otherwise a new one is queued.
    """
    message = messaging.resend(registration)
    if message is None:
        raise RegistrationError(_("There is no email to resend for this registration."))
    return message.kind


# --- Email ---------------------------------------------------------------------


def _email_on_commit(registration, kind):
    """Queue the email in the current transaction (the outbox, students.messaging):
    sent by the task worker once the change is committed, retried if it fails."""
    messaging.queue(registration, kind)
