"""The outbox: every email to a student is a `Message` row before it is sent.

`queue()` writes the row inside the caller's transaction (a rolled-back change
sends nothing) and, once that transaction commits, wakes the task worker
(`students.tasks.send_message`). `deliver()` sends one message: it claims the
row, sends, then records the outcome; a failure is retried after 1, 5, 30,
120 and 720 minutes (`MESSAGE_RETRY_MINUTES`), then the message is failed
and staff can send it again. `send_due()`, run by the periodic task, picks up
whatever a lost wake-up or a killed worker left behind.

One event makes one message (its `idempotency_key`, unique), and a message
is claimed by one worker at a time, so a task run twice, or run again after
its worker was killed mid-send, sends the email once. Each email carries a
Message-ID derived from the key: should a worker die after the mail server
accepted the message but before the row says "sent", the resent copy has the
same Message-ID, which mail servers and clients treat as the same email.
"""

import hashlib
import logging
import uuid
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from students.models import Message, Registration

logger = logging.getLogger(__name__)

Kind = Message.Kind
State = Message.Status
Status = Registration.Status

# The registration statuses for which a message of each kind still makes
# sense when the worker comes to send it; otherwise it is dropped.
STILL_APPLIES = {
    Kind.CONFIRM_REQUEST: {Status.PENDING},
    Kind.CONFIRMED: {Status.CONFIRMED},
    Kind.PROMOTED: {Status.CONFIRMED},
    Kind.WAITLISTED: {Status.WAITLISTED},
    Kind.CANCELLED: {Status.CANCELLED},
    Kind.REMINDER: {Status.CONFIRMED},
}

# The email a student can ask for again, by the registration's status.
CURRENT_KIND = {
    Status.PENDING: Kind.CONFIRM_REQUEST,
    Status.CONFIRMED: Kind.CONFIRMED,
    Status.WAITLISTED: Kind.WAITLISTED,
}


# A message "being sent" for longer than this was left by a dead worker and
# may be claimed again (several times the SMTP timeout: a send in progress
# is never taken over).
def claim_lease():
    seconds = max(settings.MESSAGE_SEND_LEASE_SECONDS, 6 * settings.EMAIL_TIMEOUT)
    return timedelta(seconds=seconds)


# A queued message due for this long has lost its wake-up task (web process
# died right after the commit, worker backlog): the periodic task wakes it.
WAKE_UP_GRACE = timedelta(minutes=2)


def queue(registration, kind, *, key=None, announcement=None, now=None):
    """Record the email `kind` for `registration`; sent after the commit.

    Call inside the transaction of the change that causes it. `key` names
    the event (by default the registration and the kind: each status email
    goes once); a key already used returns the existing message.
    """
    now = now or timezone.now()
    message, created = Message.objects.get_or_create(
        idempotency_key=key or f"{registration.reference}:{kind}",
        defaults={
            "registration": registration,
            "announcement": announcement,
            "kind": kind,
            "language": registration.language,
            "recipient": registration.email,
            "created_at": now,
            "next_attempt_at": now,
        },
    )
    if created:
        wake_on_commit(message.pk)
    return message


def resend(registration, *, now=None):
    """Queue the email of the registration's status again, whatever came before.

    A copy still waiting for its next try is made due now instead of doubled.
    Returns the message, or None when there is nothing to send.
    """
    kind = CURRENT_KIND.get(registration.status)
    if kind is None or registration.anonymised_at or not registration.email:
        return None
    now = now or timezone.now()
    with transaction.atomic():
        waiting = (
            registration.messages.select_for_update()
            .filter(kind=kind, status=State.QUEUED)
            .first()
        )
        if waiting:
            waiting.next_attempt_at = now
            waiting.save(update_fields=["next_attempt_at"])
            wake_on_commit(waiting.pk)
            return waiting
        return queue(
            registration,
            kind,
            key=f"{registration.reference}:{kind}:{uuid.uuid4().hex}",
            now=now,
        )


def send_again(message, *, now=None):
    """Staff's "send again": a failed (or any unsent) message gets fresh tries."""
    now = now or timezone.now()
    with transaction.atomic():
        updated = Message.objects.filter(
            pk=message.pk, status__in=(State.FAILED, State.QUEUED)
        ).update(status=State.QUEUED, attempts=0, next_attempt_at=now, last_error="")
        if updated:
            wake_on_commit(message.pk)
    return bool(updated)


def wake_on_commit(message_id, run_after=None):
    transaction.on_commit(lambda: wake(message_id, run_after))


def wake(message_id, run_after=None):
    """Enqueue the send; never raises (the periodic sweep is the safety net)."""
    from students.tasks import send_message

    task = send_message
    if run_after is not None:
        if not task.get_backend().supports_defer:
            return  # no delayed tasks here: `send_due()` sends it when due
        task = task.using(run_after=run_after)
    try:
        task.enqueue(message_id)
    except Exception:
        logger.exception("Could not enqueue message %s", message_id)


def _claim(message_id, now):
    """Mark the message as being sent by us; None when it is not ours to send."""
    with transaction.atomic():
        message = (
            Message.objects.select_for_update(of=("self",))
            .select_related("registration__reception", "announcement")
            .filter(pk=message_id)
            .first()
        )
        if message is None or message.status in (
            State.SENT,
            State.FAILED,
            State.DROPPED,
        ):
            return None
        if message.status == State.SENDING and message.claimed_at > now - claim_lease():
            return None  # another worker is sending it right now
        if message.status == State.QUEUED and (message.next_attempt_at or now) > now:
            return None  # not due yet
        reason = _no_longer_applies(message, now)
        if reason:
            message.status = State.DROPPED
            message.last_error = reason
            message.claimed_at = None
            message.save(update_fields=["status", "last_error", "claimed_at"])
            logger.info("Message %s dropped: %s", message.pk, reason)
            return None
        message.status = State.SENDING
        message.claimed_at = now
        message.attempts += 1
        message.recipient = message.registration.email
        message.save(update_fields=["status", "claimed_at", "attempts", "recipient"])
        return message


def _no_longer_applies(message, now):
    registration = message.registration
    if registration.anonymised_at or not registration.email:
        return "personal data deleted"
    if message.kind == Kind.ANNOUNCEMENT:
        if registration.status not in (message.announcement.statuses or []):
            return f"registration now {registration.status}"
        return ""
    if registration.status not in STILL_APPLIES[message.kind]:
        return f"registration now {registration.status}"
    if message.kind == Kind.REMINDER and registration.reception.starts_at <= now:
        return "reception already started"
    if (
        message.kind == Kind.CONFIRM_REQUEST
        and registration.expires_at
        and registration.expires_at <= now
        and confirm_link_next_try(registration, now=now) is None
    ):
        return "confirmation deadline passed"
    return ""


def confirm_link_next_try(registration, *, now):
    """When to look again at a pending registration past its deadline whose
    confirmation link has not left yet; None when it may expire now.

    The rule: the hold counts from the first confirmation link actually
    sent (`deliver` then moves the deadline to sent + REGISTRATION_PENDING_HOURS).
    Until one has been sent, a link still queued or being retried keeps the
    seat: the deadline moves to its next try. Only links asked for within
    REGISTRATION_PENDING_HOURS of registering count, so asking for the link
    again and again cannot keep a seat: once those have failed for good (the
    last retry is MESSAGE_RETRY_MINUTES after the first try), the hold ends.
    """
    links = registration.messages.filter(kind=Kind.CONFIRM_REQUEST)
    if links.filter(status=State.SENT).exists():
        return None
    asked_by = registration.created_at + timedelta(
        hours=settings.REGISTRATION_PENDING_HOURS
    )
    next_tries = [
        claimed_at + claim_lease() if status == State.SENDING else next_attempt_at
        for status, claimed_at, next_attempt_at in links.filter(
            status__in=(State.QUEUED, State.SENDING), created_at__lt=asked_by
        ).values_list("status", "claimed_at", "next_attempt_at")
    ]
    if not next_tries:
        return None
    # A try already due waits for the worker: look again a little later.
    return max(min(t or now for t in next_tries), now + WAKE_UP_GRACE)


def build(message):
    """The email of a message, ready to `.send()`, with a stable Message-ID."""
    from students import emails

    if message.kind == Kind.ANNOUNCEMENT:
        email = emails.build_announcement(message.registration, message.announcement)
    else:
        email = emails.build(message.registration, message.kind)
    digest = hashlib.sha256(message.idempotency_key.encode()).hexdigest()[:32]
    email.extra_headers["Message-ID"] = f"<{digest}@international.dijon.fr>"
    return email


def deliver(message_id, *, now=None):
    """Send one message if it is due and still applies; returns its status."""
    now = now or timezone.now()
    message = _claim(message_id, now)
    if message is None:
        return (
            Message.objects.filter(pk=message_id)
            .values_list("status", flat=True)
            .first()
        )
    try:
        build(message).send()
    except Exception as exc:
        return _failed(message, exc, now)
    sent_at = max(now, timezone.now())
    with transaction.atomic():
        # The registration's row, locked: of two links sent at once, one is first.
        registration = Registration.objects.filter(pk=message.registration_id)
        locked = registration.select_for_update().values_list("pk").first()
        first_link = (
            message.kind == Kind.CONFIRM_REQUEST
            and locked is not None
            and not Message.objects.filter(
                registration_id=message.registration_id,
                kind=Kind.CONFIRM_REQUEST,
                status=State.SENT,
            ).exists()
        )
        Message.objects.filter(pk=message.pk, claimed_at=message.claimed_at).update(
            status=State.SENT, sent_at=sent_at, last_error="", claimed_at=None
        )
        registration.update(last_email_sent_at=sent_at, last_email_error="")
        if first_link:
            # The seat is held for the hours the student was promised in the
            # email, counted from when the first link left (the first try, a
            # retry or a "send the link again" after the first failed for
            # good), not from the first failed try. Later links do not extend
            # it: asking again and again cannot keep a seat.
            hold = sent_at + timedelta(hours=settings.REGISTRATION_PENDING_HOURS)
            registration.filter(status=Status.PENDING, expires_at__lt=hold).update(
                expires_at=hold
            )
    logger.info("Message %s (%s) sent", message.pk, message.kind)
    return State.SENT


def _failed(message, exc, now):
    logger.exception(
        "Could not send the %s email of registration %s (try %d)",
        message.kind,
        message.registration.reference,
        message.attempts,
    )
    error = f"{timezone.localtime(now):%Y-%m-%d %H:%M} {exc}"[:300]
    delays = settings.MESSAGE_RETRY_MINUTES
    if message.attempts <= len(delays):
        status = State.QUEUED
        next_attempt = now + timedelta(minutes=delays[message.attempts - 1])
    else:
        status = State.FAILED
        next_attempt = None
    Message.objects.filter(pk=message.pk, claimed_at=message.claimed_at).update(
        status=status, last_error=error, next_attempt_at=next_attempt, claimed_at=None
    )
    Registration.objects.filter(pk=message.registration_id).update(
        last_email_error=f"{message.kind}: {error}"[:300]
    )
    if next_attempt:
        wake(message.pk, run_after=next_attempt)
    return status


def send_due(*, now=None, limit=500, send_now=False):
    """Wake every message that is due and has no live task; returns how many.

    Queued messages due for longer than `WAKE_UP_GRACE`, and messages left
    "being sent" by a worker that died: the periodic task's safety net.
    `send_now` sends every due message here, without a worker.
    """
    now = now or timezone.now()
    grace = timedelta(0) if send_now else WAKE_UP_GRACE
    due = Message.objects.filter(
        Q(status=State.QUEUED, next_attempt_at__lte=now - grace)
        | Q(status=State.SENDING, claimed_at__lte=now - claim_lease())
    ).order_by("next_attempt_at", "pk")
    ids = list(due.values_list("pk", flat=True)[:limit])
    for message_id in ids:
        if send_now:
            deliver(message_id, now=now)
        else:
            wake(message_id)
    return len(ids)


def queue_reminders(*, now=None):
    """Queue the reminder of every reception whose reminder time has come.

    Each confirmed student gets one (its key), at most once, in their
    language; the email is written when sent, with the reception's details
    of that moment, and dropped if the student cancelled in between. After
    downtime, receptions not started yet still get theirs. Returns how many.
    """
    from students.models import Reception

    now = now or timezone.now()
    count = 0
    receptions = Reception.objects.published().filter(
        reminder_hours__gt=0, starts_at__gt=now
    )
    for reception in receptions:
        if reception.starts_at - timedelta(hours=reception.reminder_hours) > now:
            continue
        students = reception.registrations.filter(
            status=Status.CONFIRMED, anonymised_at__isnull=True
        ).exclude(messages__kind=Kind.REMINDER)
        with transaction.atomic():
            for registration in students.select_for_update(of=("self",)):
                queue(registration, Kind.REMINDER, now=now)
                count += 1
    return count


# --- Writing to a reception's registrants -------------------------------------

# Whom staff may write to, in the order the form lists them.
ANNOUNCEMENT_STATUSES = (Status.CONFIRMED, Status.WAITLISTED, Status.PENDING)


def announcement_recipients(reception, statuses, *, now=None):
    """The registrations an announcement to `statuses` would reach, now."""
    from students import services

    services.expire_pending(reception=reception, now=now)
    return reception.registrations.filter(
        status__in=[s for s in statuses if s in ANNOUNCEMENT_STATUSES],
        anonymised_at__isnull=True,
    ).exclude(email="")


def announcement_send(*, reception, user, texts, statuses, now=None):
    """Queue a message to each chosen registrant; returns the Announcement.

    `texts` has subject_fr, subject_en, body_fr, body_en. The log entry and
    every message are written in one transaction. The same text sent twice
    by the same person within five minutes (a double click) is sent once.
    """
    from students.models import Announcement

    now = now or timezone.now()
    statuses = sorted(set(statuses) & set(ANNOUNCEMENT_STATUSES))
    with transaction.atomic():
        repeat = Announcement.objects.filter(
            reception=reception,
            created_by=user,
            created_at__gte=now - timedelta(minutes=5),
            statuses=statuses,
            **texts,
        ).first()
        if repeat:
            return repeat
        recipients = list(
            announcement_recipients(reception, statuses, now=now).select_for_update(
                of=("self",)
            )
        )
        announcement = Announcement.objects.create(
            reception=reception,
            created_by=user,
            created_at=now,
            statuses=statuses,
            recipient_count=len(recipients),
            **texts,
        )
        for registration in recipients:
            queue(
                registration,
                Kind.ANNOUNCEMENT,
                key=f"announcement:{announcement.pk}:{registration.pk}",
                announcement=announcement,
                now=now,
            )
    logger.info(
        "Announcement %s to %d registrants of %s",
        announcement.pk,
        len(recipients),
        reception.slug,
    )
    return announcement
