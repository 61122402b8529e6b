"""The outbox (students.messaging): every email is a recorded message, sent by
the task worker, retried with backoff, never sent twice for one event."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone

from students import messaging, services
from students.models import Message, Registration

pytestmark = pytest.mark.django_db

State = Message.Status


@pytest.fixture
def smtp_down(monkeypatch):
    """The mail server refuses every message until `.up()`."""

    class Switch:
        down = True

        def up(self):
            self.down = False

    switch = Switch()
    original = mail.EmailMultiAlternatives.send

    def send(self, fail_silently=False):
        if switch.down:
            raise ConnectionRefusedError("SMTP server down")
        return original(self, fail_silently)

    monkeypatch.setattr(mail.EmailMultiAlternatives, "send", send)
    return switch


def test_registration_records_its_confirmation_email_as_sent(reception, register):
    registration = register(reception, language="fr")
    message = registration.messages.get()
    assert (message.kind, message.language, message.status) == (
        "confirm_request",
        "fr",
        State.SENT,
    )
    assert message.attempts == 1
    assert message.sent_at is not None
    assert message.recipient == registration.email
    assert len(mail.outbox) == 1


def test_a_rolled_back_change_queues_and_sends_nothing(reception, register, committed):
    registration = register(reception)
    mail.outbox.clear()
    with committed(), pytest.raises(RuntimeError), transaction.atomic():
        services.registration_confirm(registration=registration)
        raise RuntimeError("the request failed after the change")
    assert list(registration.messages.values_list("kind", flat=True)) == [
        "confirm_request"
    ]
    assert mail.outbox == []


def test_message_row_is_written_inside_the_transaction(reception, institution):
    with transaction.atomic():
        registration = services.registration_create(
            reception=reception,
            details=services.RegistrationDetails(
                first_name="Ana",
                last_name="Silva",
                email="ana@example.org",
                nationality="PT",
                institution=institution,
                study_level="master",
                language="en",
                consent=True,
            ),
        )
        assert registration.messages.get().status == State.QUEUED
    assert mail.outbox == []


def test_failed_send_is_retried_after_one_minute(reception, register, smtp_down):
    registration = register(reception)
    message = registration.messages.get()
    assert message.status == State.QUEUED
    assert message.attempts == 1
    assert "SMTP server down" in message.last_error
    assert message.next_attempt_at - timezone.now() <= timedelta(minutes=1)
    assert message.next_attempt_at - timezone.now() > timedelta(seconds=50)


def test_retries_back_off_then_the_message_fails(reception, register, smtp_down):
    registration = register(reception)
    message = registration.messages.get()
    now = timezone.now()
    delays = []
    for _ in range(5):
        message.refresh_from_db()
        now = message.next_attempt_at
        messaging.deliver(message.pk, now=now)
        message.refresh_from_db()
        if message.next_attempt_at:
            delays.append(message.next_attempt_at - now)
    assert delays == [timedelta(minutes=m) for m in (5, 30, 120, 720)]
    assert message.status == State.FAILED
    assert message.attempts == 6
    assert mail.outbox == []


def test_a_message_is_not_sent_before_its_next_try(reception, register, smtp_down):
    registration = register(reception)
    message = registration.messages.get()
    smtp_down.up()
    assert messaging.deliver(message.pk) == State.QUEUED
    assert mail.outbox == []


def test_retry_sends_once_when_the_server_is_back(reception, register, smtp_down):
    registration = register(reception)
    message = registration.messages.get()
    smtp_down.up()
    later = message.next_attempt_at
    assert messaging.deliver(message.pk, now=later) == State.SENT
    assert messaging.deliver(message.pk, now=later) == State.SENT
    assert len(mail.outbox) == 1


def test_one_event_makes_one_message(reception, register, committed):
    registration = register(reception)
    with committed(), transaction.atomic():
        first = messaging.queue(registration, "confirm_request")
        second = messaging.queue(registration, "confirm_request")
    assert first.pk == second.pk
    assert len(mail.outbox) == 1


def test_a_message_being_sent_by_another_worker_is_left_alone(reception, register):
    registration = register(reception, confirm=True)
    message = registration.messages.get(kind="confirmed")
    Message.objects.filter(pk=message.pk).update(
        status=State.SENDING, claimed_at=timezone.now(), sent_at=None
    )
    mail.outbox.clear()
    assert messaging.deliver(message.pk) == State.SENDING
    assert messaging.send_due() == 0
    assert mail.outbox == []


def test_a_send_left_unfinished_by_a_dead_worker_is_sent_again(reception, register):
    registration = register(reception, confirm=True)
    message = registration.messages.get(kind="confirmed")
    long_ago = timezone.now() - messaging.claim_lease() - timedelta(seconds=1)
    Message.objects.filter(pk=message.pk).update(
        status=State.SENDING, claimed_at=long_ago, sent_at=None
    )
    mail.outbox.clear()
    assert messaging.send_due() == 1
    message.refresh_from_db()
    assert message.status == State.SENT
    assert len(mail.outbox) == 1


def test_a_lost_wake_up_is_caught_by_the_sweep(reception, register):
    registration = register(reception)
    with transaction.atomic():  # no commit callbacks: the wake-up is lost
        message = messaging.queue(registration, "confirm_request", key="lost")
    Message.objects.filter(pk=message.pk).update(
        next_attempt_at=timezone.now() - messaging.WAKE_UP_GRACE
    )
    mail.outbox.clear()
    assert messaging.send_due() == 1
    assert len(mail.outbox) == 1


def test_email_of_a_status_the_student_left_is_dropped(reception, register):
    registration = register(reception)
    with transaction.atomic():
        message = messaging.queue(registration, "confirmed", key="stale")
    mail.outbox.clear()
    assert messaging.deliver(message.pk) == State.DROPPED
    assert mail.outbox == []


def test_hold_counts_from_when_the_email_was_sent(reception, register, smtp_down):
    registration = register(reception)
    message = registration.messages.get()
    smtp_down.up()
    three_hours_later = timezone.now() + timedelta(hours=3)
    messaging.deliver(message.pk, now=three_hours_later)
    registration.refresh_from_db()
    assert registration.expires_at >= three_hours_later + timedelta(hours=48)


def test_a_resent_link_does_not_extend_the_hold(reception, register, committed):
    registration = register(reception)
    registration.refresh_from_db()
    deadline = registration.expires_at
    with committed():
        services.registration_resend_email(registration=registration)
    registration.refresh_from_db()
    assert registration.expires_at == deadline
    assert len(mail.outbox) == 2


def test_a_link_resent_after_the_first_failed_for_good_starts_the_hold(
    reception, register, smtp_down
):
    registration = register(reception)
    registration.messages.update(status=State.FAILED, next_attempt_at=None)
    smtp_down.up()
    later = timezone.now() + timedelta(hours=20)
    resent = messaging.resend(registration, now=later)
    assert messaging.deliver(resent.pk, now=later) == State.SENT
    registration.refresh_from_db()
    assert registration.expires_at >= later + timedelta(hours=48)


def test_a_link_sent_again_after_one_arrived_does_not_extend_the_hold(
    reception, register
):
    registration = register(reception)
    registration.refresh_from_db()
    deadline = registration.expires_at
    later = timezone.now() + timedelta(hours=40)
    resent = messaging.resend(registration, now=later)
    assert messaging.deliver(resent.pk, now=later) == State.SENT
    registration.refresh_from_db()
    assert registration.expires_at == deadline


def test_a_link_still_being_tried_keeps_the_seat_past_the_deadline(
    reception, register, smtp_down
):
    registration = register(reception)
    after_deadline = timezone.now() + timedelta(hours=49)
    assert services.expire_pending(reception=reception, now=after_deadline) == 0
    registration.refresh_from_db()
    assert registration.status == Registration.Status.PENDING
    assert registration.expires_at > after_deadline
    smtp_down.up()
    message = registration.messages.get()
    assert messaging.deliver(message.pk, now=after_deadline) == State.SENT
    registration.refresh_from_db()
    assert registration.expires_at >= after_deadline + timedelta(hours=48)


def test_a_link_that_failed_for_good_lets_the_hold_end(reception, register, smtp_down):
    registration = register(reception)
    registration.messages.update(status=State.FAILED, next_attempt_at=None)
    after_deadline = timezone.now() + timedelta(hours=49)
    assert services.expire_pending(reception=reception, now=after_deadline) == 1


def test_asking_for_the_link_after_the_deadline_does_not_keep_the_seat(
    reception, register, smtp_down
):
    registration = register(reception)
    registration.messages.update(status=State.FAILED, next_attempt_at=None)
    after_deadline = timezone.now() + timedelta(hours=49)
    resent = messaging.resend(registration, now=after_deadline)
    assert services.expire_pending(reception=reception, now=after_deadline) == 1
    assert messaging.deliver(resent.pk, now=after_deadline) == State.DROPPED


def test_a_late_link_for_a_registration_past_its_deadline_is_not_sent(
    reception, register, smtp_down
):
    registration = register(reception)
    registration.messages.update(status=State.FAILED, next_attempt_at=None)
    after_deadline = timezone.now() + timedelta(hours=49)
    resent = messaging.resend(registration, now=after_deadline)
    smtp_down.up()
    assert messaging.deliver(resent.pk, now=after_deadline) == State.DROPPED
    assert mail.outbox == []


def test_resend_after_a_failure_sends_now(reception, register, smtp_down, committed):
    registration = register(reception)
    smtp_down.up()
    with committed():
        services.registration_resend_email(registration=registration)
    assert registration.messages.get().status == State.SENT
    assert len(mail.outbox) == 1


def test_resend_after_the_message_failed_for_good(
    reception, register, smtp_down, committed
):
    registration = register(reception)
    Message.objects.update(status=State.FAILED, next_attempt_at=None)
    smtp_down.up()
    with committed():
        services.registration_resend_email(registration=registration)
    assert registration.messages.filter(status=State.SENT).count() == 1
    assert len(mail.outbox) == 1


def test_staff_send_again_gives_a_failed_message_fresh_tries(
    reception, register, smtp_down, committed
):
    registration = register(reception)
    message = registration.messages.get()
    Message.objects.update(status=State.FAILED, attempts=6, next_attempt_at=None)
    smtp_down.up()
    with committed():
        assert messaging.send_again(message)
    message.refresh_from_db()
    assert (message.status, message.attempts) == (State.SENT, 1)


def test_erasure_clears_the_address_from_the_outbox(reception, register, smtp_down):
    registration = register(reception)
    services.registration_delete_data(registration=registration)
    message = registration.messages.get()
    assert (message.recipient, message.last_error) == ("", "")
    assert messaging.deliver(message.pk, now=message.next_attempt_at) == State.DROPPED


def test_retention_purge_clears_the_address_from_the_outbox(make_reception, register):
    now = timezone.now()
    reception = make_reception(
        registration_opens_at=now - timedelta(days=400),
        registration_closes_at=now - timedelta(days=1),
    )
    registration = register(reception, now=now - timedelta(days=300))
    reception.starts_at = now - timedelta(days=200)
    reception.ends_at = now - timedelta(days=200) + timedelta(hours=2)
    reception.save()
    services.registrations_purge(now=now)
    assert registration.messages.get().recipient == ""
    assert Registration.objects.get(pk=registration.pk).email == ""
