import io
import logging
from datetime import timedelta
from email import message_from_bytes

import icalendar
import pytest
import segno
from django.core import mail
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from PIL import Image

from students import emails, services
from students.models import Registration
from students.tokens import read_confirm_token

pytestmark = pytest.mark.django_db

Status = Registration.Status


def test_create_makes_a_pending_registration_holding_a_seat(reception, register):
    registration = register(reception)
    assert registration.status == Status.PENDING
    assert registration.holds_seat
    assert registration.expires_at - registration.created_at == timedelta(hours=48)


def test_create_emails_a_confirmation_link_in_the_students_language(
    reception, register
):
    registration = register(reception, language="fr")
    message = mail.outbox[-1]
    assert message.to == [registration.email]
    assert message.subject.startswith("Merci de confirmer votre inscription")
    assert "/fr/mon-inscription/" in message.body
    token = message.body.split("/fr/mon-inscription/")[1].split("/")[0]
    assert read_confirm_token(token) == registration.reference


def test_english_student_gets_english_email(reception, register):
    register(reception, language="en")
    assert mail.outbox[-1].subject.startswith("Please confirm your registration")
    assert "/en/my-registration/" in mail.outbox[-1].body


def test_email_is_sent_only_after_the_transaction_commits(
    reception, institution, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_create(
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
        assert mail.outbox == []
    assert len(mail.outbox) == 1


def test_references_are_random_and_unique(reception, register):
    references = {register(reception).reference for _ in range(2)}
    assert len(references) == 2
    assert all(ref.startswith("DJ-") and len(ref) == 14 for ref in references)


def test_same_email_twice_is_refused_case_insensitively(reception, register):
    first = register(reception, email="Ana@Example.org")
    with pytest.raises(services.AlreadyRegistered) as error:
        register(reception, email="  ana@example.ORG ")
    assert error.value.registration == first
    assert Registration.objects.count() == 1


def test_database_refuses_a_second_active_registration_for_an_email(
    reception, register
):
    first = register(reception, email="ana@example.org")
    duplicate = Registration(
        reception=reception,
        first_name="Ana",
        last_name="Copy",
        email="ANA@example.org",
        nationality="PT",
        study_level="master",
        status=Status.CONFIRMED,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()
    assert Registration.objects.get() == first


def test_same_email_can_register_again_after_cancelling(reception, register):
    first = register(reception, email="ana@example.org")
    services.registration_cancel(registration=first)
    second = register(reception, email="ana@example.org")
    assert second.status == Status.PENDING


def test_same_submission_token_returns_the_first_registration(reception, register):
    first = register(reception, submission_token="a" * 32, email="ana@example.org")
    again = register(reception, submission_token="a" * 32, email="Ana@Example.org")
    assert again == first
    assert Registration.objects.count() == 1


def test_same_submission_token_with_another_email_is_a_new_registration(
    reception, register
):
    first = register(reception, submission_token="a" * 32, email="ana@exmple.org")
    corrected = register(reception, submission_token="a" * 32, email="ana@example.org")
    assert corrected != first
    assert Registration.objects.count() == 2


def test_closed_reception_refuses_registrations(make_reception, register):
    closed = make_reception(
        registration_closes_at=timezone.now() - timedelta(minutes=1),
        registration_opens_at=timezone.now() - timedelta(days=2),
    )
    with pytest.raises(services.RegistrationError):
        register(closed)


def test_confirm_gives_a_seat_and_sends_the_ticket(reception, register):
    registration = register(reception, confirm=True)
    assert registration.status == Status.CONFIRMED
    message = mail.outbox[-1]
    assert message.subject.startswith("Your seat is confirmed")
    assert registration.reference in message.body
    assert "/en/my-registration/" in message.body


def test_ticket_has_a_qr_code_of_the_reference(reception, register):
    registration = register(reception, confirm=True)
    name, content, mimetype = mail.outbox[-1].attachments[0]
    assert mimetype == "image/png"
    assert name == f"{registration.reference}.png"
    assert Image.open(io.BytesIO(content)).format == "PNG"
    expected = io.BytesIO()
    segno.make_qr(registration.reference, error="m").save(
        expected, kind="png", scale=8, border=4
    )
    assert content == expected.getvalue()


def test_ticket_has_an_ics_file_with_date_and_venue(reception, register):
    registration = register(reception, confirm=True)
    name, content, mimetype = mail.outbox[-1].attachments[1]
    assert name == "reception.ics"
    assert mimetype.startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(content)
    event = calendar.walk("VEVENT")[0]
    assert event.decoded("dtstart") == reception.starts_at.replace(microsecond=0)
    assert event.decoded("dtend") == reception.ends_at.replace(microsecond=0)
    assert "Salle des États" in str(event["location"])
    assert registration.reference in str(event["description"])
    assert str(event["summary"]) == "Welcome reception for foreign students"


def test_french_ticket_is_in_french(reception, register):
    register(reception, confirm=True, language="fr")
    message = mail.outbox[-1]
    assert message.subject.startswith("Votre place est confirmée")
    assert "Accueil des étudiants étrangers" in message.subject
    html = message.alternatives[0][0]
    assert 'lang="fr"' in html


def test_confirming_twice_changes_nothing(reception, register):
    registration = register(reception, confirm=True)
    sent = len(mail.outbox)
    services.registration_confirm(registration=registration)
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED
    assert len(mail.outbox) == sent


def test_confirmation_waitlists_when_reception_full(reception, register):
    register(reception, confirm=True)
    register(reception, confirm=True)
    third = register(reception)
    assert not third.holds_seat
    services.registration_confirm(registration=third)
    third.refresh_from_db()
    assert third.status == Status.WAITLISTED
    assert third.waitlist_position() == 1


def test_waitlisted_student_is_emailed_their_position(reception, register, committed):
    register(reception, confirm=True)
    register(reception, confirm=True)
    register(reception, confirm=True)
    fourth = register(reception, confirm=True)
    assert fourth.waitlist_position() == 2
    assert mail.outbox[-1].subject.startswith("You are on the waiting list")
    assert "position 2" in mail.outbox[-1].body


def test_waiting_list_ties_go_to_the_earlier_registration(
    reception, register, committed
):
    seated = register(reception, confirm=True)
    register(reception, confirm=True)
    waiting = [register(reception, confirm=True) for _ in range(3)]
    # Three confirmations at the same instant, the last one first.
    same_instant = waiting[0].waitlisted_at
    Registration.objects.filter(pk__in=[w.pk for w in waiting[1:]]).update(
        waitlisted_at=same_instant
    )
    Registration.objects.filter(pk=waiting[0].pk).update(
        waitlisted_at=same_instant + timedelta(seconds=1)
    )
    in_line = [waiting[1], waiting[2], waiting[0]]
    assert list(reception.registrations.waitlist()) == in_line
    assert [r.waitlist_position() for r in in_line] == [1, 2, 3]
    ranks = dict(
        Registration.objects.with_waitlist_position().values_list("pk", "waitlist_rank")
    )
    assert [ranks[r.pk] for r in in_line] == [1, 2, 3]
    assert ranks[seated.pk] is None
    with committed():
        services.registration_cancel(registration=seated)
    assert [
        r.status
        for r in Registration.objects.filter(pk__in=[w.pk for w in in_line]).order_by(
            "pk"
        )
    ] == [Status.WAITLISTED, Status.CONFIRMED, Status.WAITLISTED]


def test_pending_registrations_hold_seats_against_later_confirmations(
    reception, register
):
    first = register(reception)
    second = register(reception)
    late = register(reception)
    services.registration_confirm(registration=late)
    late.refresh_from_db()
    assert late.status == Status.WAITLISTED
    services.registration_confirm(registration=second)
    services.registration_confirm(registration=first)
    first.refresh_from_db()
    assert first.status == Status.CONFIRMED


def test_cancel_promotes_the_first_waitlisted_student(reception, register, committed):
    seated = register(reception, confirm=True)
    register(reception, confirm=True)
    first_waiting = register(reception, confirm=True, language="fr")
    second_waiting = register(reception, confirm=True)
    mail.outbox.clear()
    with committed():
        services.registration_cancel(registration=seated)
    first_waiting.refresh_from_db()
    second_waiting.refresh_from_db()
    assert first_waiting.status == Status.CONFIRMED
    assert first_waiting.promoted_at is not None
    assert second_waiting.status == Status.WAITLISTED
    assert second_waiting.waitlist_position() == 1
    subjects = [m.subject for m in mail.outbox]
    assert any(s.startswith("Bonne nouvelle") for s in subjects)
    promoted = next(m for m in mail.outbox if m.to == [first_waiting.email])
    assert len(promoted.attachments) == 2


def test_cancel_emails_the_student(reception, register, committed):
    registration = register(reception, confirm=True)
    with committed():
        services.registration_cancel(registration=registration)
    assert mail.outbox[-1].subject.startswith("Your registration is cancelled")


def test_cancelled_registration_cannot_be_cancelled_again(reception, register):
    registration = register(reception)
    services.registration_cancel(registration=registration)
    with pytest.raises(services.RegistrationError):
        services.registration_cancel(registration=registration)


def test_pending_registration_expires_after_48_hours_and_frees_its_seat(
    reception, register, committed
):
    pending = register(reception)
    register(reception, confirm=True)
    waiting = register(reception, confirm=True)
    later = timezone.now() + timedelta(hours=48, minutes=1)
    with committed():
        assert services.expire_pending(reception=reception, now=later) == 1
    pending.refresh_from_db()
    waiting.refresh_from_db()
    assert pending.status == Status.EXPIRED
    assert waiting.status == Status.CONFIRMED


def test_registration_expire_refuses_before_the_deadline(reception, register):
    pending = register(reception)
    with pytest.raises(services.RegistrationError):
        services.registration_expire(registration=pending)


def test_registration_expire_after_the_deadline(reception, register):
    pending = register(reception)
    later = timezone.now() + timedelta(hours=49)
    assert (
        services.registration_expire(registration=pending, now=later).status
        == Status.EXPIRED
    )


def test_registration_expire_refuses_while_the_link_is_still_being_tried(
    reception, register, monkeypatch
):
    from django.core import mail

    def down(self, fail_silently=False):
        raise ConnectionRefusedError("SMTP server down")

    monkeypatch.setattr(mail.EmailMultiAlternatives, "send", down)
    pending = register(reception)
    later = timezone.now() + timedelta(hours=49)
    with pytest.raises(services.RegistrationError):
        services.registration_expire(registration=pending, now=later)
    pending.refresh_from_db()
    assert pending.status == Status.PENDING


def test_expired_registration_cannot_be_confirmed(reception, register):
    pending = register(reception)
    later = timezone.now() + timedelta(hours=49)
    with pytest.raises(services.RegistrationError):
        services.registration_confirm(registration=pending, now=later)
    pending.refresh_from_db()
    assert pending.status == Status.EXPIRED


def test_expiry_happens_lazily_when_someone_else_registers(reception, register):
    stale = register(reception)
    register(reception)
    later = timezone.now() + timedelta(hours=49)
    fresh = services.registration_create(
        reception=reception,
        details=services.RegistrationDetails(
            first_name="Li",
            last_name="Wei",
            email="li@example.org",
            nationality="CN",
            institution=None,
            institution_other="Université de Lyon",
            study_level="exchange",
            language="en",
            consent=True,
        ),
        now=later,
    )
    stale.refresh_from_db()
    assert stale.status == Status.EXPIRED
    assert fresh.holds_seat


def test_raising_capacity_promotes_waitlisted_students_in_order(
    reception, register, committed
):
    register(reception, confirm=True)
    register(reception, confirm=True)
    waiting = [register(reception, confirm=True) for _ in range(3)]
    with committed():
        promoted = services.reception_set_capacity(reception=reception, capacity=4)
    assert promoted == waiting[:2]
    statuses = [Registration.objects.get(pk=r.pk).status for r in waiting]
    assert statuses == [Status.CONFIRMED, Status.CONFIRMED, Status.WAITLISTED]
    reception.refresh_from_db()
    assert reception.capacity == 4


def test_promotion_never_promotes_twice(reception, register):
    register(reception, confirm=True)
    register(reception, confirm=True)
    waiting = register(reception, confirm=True)
    services.reception_set_capacity(reception=reception, capacity=3)
    assert services.waitlist_promote(reception=reception) == []
    waiting.refresh_from_db()
    assert waiting.status == Status.CONFIRMED


def test_check_in_marks_a_confirmed_student(reception, register, admin_user):
    registration = register(reception, confirm=True)
    services.registration_check_in(registration=registration, user=admin_user)
    registration.refresh_from_db()
    assert registration.checked_in_at is not None
    assert registration.checked_in_by == admin_user


def test_second_check_in_is_refused_with_a_warning(reception, register):
    registration = register(reception, confirm=True)
    services.registration_check_in(registration=registration)
    with (
        translation.override("en"),
        pytest.raises(services.CheckInWarning, match="Already checked in"),
    ):
        services.registration_check_in(registration=registration)


def test_check_in_of_a_waitlisted_student_is_refused(reception, register):
    register(reception, confirm=True)
    register(reception, confirm=True)
    waiting = register(reception, confirm=True)
    with (
        translation.override("en"),
        pytest.raises(services.CheckInWarning, match="Not confirmed"),
    ):
        services.registration_check_in(registration=waiting)


def test_delete_data_cancels_anonymises_and_promotes(reception, register):
    seated = register(reception, confirm=True)
    register(reception, confirm=True)
    waiting = register(reception, confirm=True)
    services.registration_delete_data(registration=seated)
    seated.refresh_from_db()
    waiting.refresh_from_db()
    assert seated.status == Status.CANCELLED
    assert (seated.first_name, seated.last_name, seated.email) == ("", "", "")
    assert seated.anonymised_at is not None
    assert waiting.status == Status.CONFIRMED


def test_smtp_failure_keeps_the_registration_and_is_logged(
    reception, register, monkeypatch, caplog
):
    def broken_send(self, fail_silently=False):
        raise OSError("SMTP server unreachable")

    monkeypatch.setattr(mail.EmailMultiAlternatives, "send", broken_send)
    with caplog.at_level(logging.ERROR, logger="students.services"):
        registration = register(reception)
    registration.refresh_from_db()
    assert registration.status == Status.PENDING
    assert "SMTP server unreachable" in registration.last_email_error
    assert "Could not send the confirm_request email" in caplog.text


def test_resend_sends_the_email_matching_the_status(reception, register, committed):
    registration = register(reception, confirm=True)
    mail.outbox.clear()
    with committed():
        services.registration_resend_email(registration=registration)
    assert mail.outbox[0].subject.startswith("Your seat is confirmed")


def test_email_message_is_plain_text_and_html(reception, register):
    registration = register(reception, confirm=True)
    raw = mail.outbox[-1].message().as_bytes()
    parsed = message_from_bytes(raw)
    types = {part.get_content_type() for part in parsed.walk()}
    assert {"text/plain", "text/html", "image/png", "text/calendar"} <= types
    assert emails.qr_png(registration.reference).startswith(b"\x89PNG")


def test_nobody_is_promoted_once_the_reception_has_started(reception, register):
    seated = register(reception, confirm=True)
    register(reception, confirm=True)
    waiting = register(reception, confirm=True)
    during = reception.starts_at + timedelta(minutes=30)
    services.registration_cancel(registration=seated, now=during)
    waiting.refresh_from_db()
    assert waiting.status == Status.WAITLISTED
