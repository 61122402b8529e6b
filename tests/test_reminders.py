"""Reminders before a reception and the periodic work the task system runs."""

import io
from datetime import timedelta
from email import message_from_bytes

import pytest
from django.core import mail
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from students import messaging, services, tasks
from students.models import Message, Registration

pytestmark = pytest.mark.django_db

Status = Registration.Status
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def tomorrow(make_reception):
    """A reception starting in 12 hours (inside the default 24-hour window)."""
    now = timezone.now()
    return make_reception(
        starts_at=now + timedelta(hours=12),
        ends_at=now + timedelta(hours=14),
        registration_closes_at=now + timedelta(hours=6),
        capacity=2,
    )


def reminders():
    return [m for m in mail.outbox if m.subject.startswith(("Reminder", "Rappel"))]


def test_each_confirmed_student_gets_one_reminder_in_their_language(
    tomorrow, register, committed
):
    french = register(tomorrow, confirm=True, language="fr")
    english = register(tomorrow, confirm=True, language="en")
    waiting = register(tomorrow, confirm=True)
    pending = register(tomorrow)
    mail.outbox.clear()
    with committed():
        assert messaging.queue_reminders() == 2
    by_address = {m.to[0]: m for m in reminders()}
    assert set(by_address) == {french.email, english.email}
    assert by_address[french.email].subject.startswith("Rappel")
    assert by_address[english.email].subject.startswith("Reminder")
    assert waiting.email not in by_address and pending.email not in by_address


def test_the_reminder_carries_the_qr_code_and_the_calendar_file(
    tomorrow, register, committed
):
    register(tomorrow, confirm=True)
    mail.outbox.clear()
    with committed():
        messaging.queue_reminders()
    parsed = message_from_bytes(reminders()[0].message().as_bytes())
    types = {part.get_content_type() for part in parsed.walk()}
    assert {"image/png", "text/calendar"} <= types


def attachments(email):
    parsed = message_from_bytes(email.message().as_bytes())
    return {
        part.get_content_type(): part.get_payload(decode=True)
        for part in parsed.walk()
        if part.get_filename()
    }


def qr_modules(png):
    """The dark and light modules of a QR code image, read from its pixels:
    the top-left finder pattern's first row is 7 modules wide, which gives the
    module size; the dark pixels' bounding box is the symbol."""
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("L")
    left, top, right, bottom = image.point(lambda p: 255 if p < 128 else 0).getbbox()
    module = (
        next(x for x in range(left, right) if image.getpixel((x, top)) >= 128) - left
    )
    assert module % 7 == 0
    module //= 7
    size = (right - left) // module
    assert (right - left, bottom - top) == (size * module, size * module)
    return [
        [
            image.getpixel(
                (left + column * module + module // 2, top + row * module + module // 2)
            )
            < 128
            for column in range(size)
        ]
        for row in range(size)
    ]


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_reminders_qr_code_is_the_students_check_in_reference(
    tomorrow, register, committed, language
):
    import segno

    registration = register(tomorrow, confirm=True, language=language)
    mail.outbox.clear()
    with committed():
        messaging.queue_reminders()
    png = attachments(reminders()[0])["image/png"]
    assert png.startswith(b"\x89PNG") and len(png) < 20_000
    modules = qr_modules(png)
    assert len(modules) >= 21  # a full QR code, not a Micro QR code
    # The door page reads the reference: the symbol is that of the reference.
    expected = segno.make_qr(registration.reference, error="m").matrix
    assert modules == [[bool(bit) for bit in row] for row in expected]
    other = segno.make_qr(registration.reference[:-1] + "X", error="m").matrix
    assert modules != [[bool(bit) for bit in row] for row in other]


@pytest.mark.parametrize(
    ("language", "title"),
    [
        ("fr", "Accueil des étudiants étrangers"),
        ("en", "Welcome reception for foreign students"),
    ],
)
def test_the_reminders_calendar_file_gives_the_reception(
    tomorrow, register, committed, language, title
):
    import icalendar

    tomorrow.venue, tomorrow.address = "Salle de Flore", "Hôtel de Ville, Dijon"
    tomorrow.starts_at = tomorrow.starts_at.replace(second=0, microsecond=0)
    tomorrow.ends_at = tomorrow.starts_at + timedelta(hours=2, minutes=30)
    tomorrow.save()
    registration = register(tomorrow, confirm=True, language=language)
    mail.outbox.clear()
    with committed():
        messaging.queue_reminders()
    calendar = icalendar.Calendar.from_ical(
        attachments(reminders()[0])["text/calendar"]
    )
    (event,) = calendar.walk("VEVENT")
    assert str(event["summary"]) == title
    assert event.decoded("dtstart") == tomorrow.starts_at
    assert event.decoded("dtend") == tomorrow.ends_at
    assert str(event["location"]) == "Salle de Flore, Hôtel de Ville, Dijon"
    assert registration.reference in str(event["description"])
    assert str(event["uid"]).startswith(registration.reference)


def test_a_student_is_reminded_once(tomorrow, register, committed):
    register(tomorrow, confirm=True)
    mail.outbox.clear()
    with committed():
        messaging.queue_reminders()
    with committed():
        messaging.queue_reminders()
        tasks.run_periodic_work()
    assert len(reminders()) == 1


def test_no_reminder_before_the_window(make_reception, register):
    reception = make_reception()  # in a month
    register(reception, confirm=True)
    mail.outbox.clear()
    assert messaging.queue_reminders() == 0
    assert reminders() == []


def test_the_window_is_set_per_reception(tomorrow, register):
    register(tomorrow, confirm=True)
    tomorrow.reminder_hours = 6
    tomorrow.save()
    assert messaging.queue_reminders() == 0
    later = timezone.now() + timedelta(hours=7)
    assert messaging.queue_reminders(now=later) == 1


def test_no_reminder_when_the_reception_asks_for_none(tomorrow, register):
    register(tomorrow, confirm=True)
    tomorrow.reminder_hours = 0
    tomorrow.save()
    assert messaging.queue_reminders() == 0


def test_a_late_worker_still_reminds_before_the_reception(
    tomorrow, register, committed
):
    register(tomorrow, confirm=True)
    mail.outbox.clear()
    # The worker was down since the window opened 12 hours ago.
    with committed():
        tasks.run_periodic_work()
    assert len(reminders()) == 1


def test_no_reminder_once_the_reception_has_started(tomorrow, register):
    register(tomorrow, confirm=True)
    assert messaging.queue_reminders(now=tomorrow.starts_at) == 0


def test_a_student_who_cancelled_after_it_was_queued_gets_none(tomorrow, register):
    registration = register(tomorrow, confirm=True)
    with transaction.atomic():  # queued, not sent yet
        messaging.queue_reminders()
    services.registration_cancel(registration=registration)
    mail.outbox.clear()
    message = registration.messages.get(kind="reminder")
    assert messaging.deliver(message.pk) == Message.Status.DROPPED
    assert reminders() == []


def test_the_reminder_has_the_receptions_details_when_sent(tomorrow, register):
    registration = register(tomorrow, confirm=True)
    with transaction.atomic():
        messaging.queue_reminders()
    tomorrow.venue = "Jardin Darcy (moved: rain plan)"
    tomorrow.save()
    mail.outbox.clear()
    messaging.deliver(registration.messages.get(kind="reminder").pk)
    assert "Jardin Darcy (moved: rain plan)" in reminders()[0].body


def test_periodic_work_expires_overdue_holds_and_promotes(make_reception, register):
    reception = make_reception(capacity=1)
    late = register(reception)
    waiting = register(reception, confirm=True)
    assert waiting.status == Status.WAITLISTED
    done = tasks.run_periodic_work(now=timezone.now() + timedelta(hours=49))
    late.refresh_from_db()
    waiting.refresh_from_db()
    assert late.status == Status.EXPIRED
    assert waiting.status == Status.CONFIRMED
    assert done["expired"] == 1


@override_settings(TASKS=DATABASE_TASKS)
def test_periodic_work_is_queued_once():
    from django_tasks_db.models import DBTaskResult

    assert tasks.schedule_periodic_work()
    assert not tasks.schedule_periodic_work()
    queued = DBTaskResult.objects.get()
    assert queued.task_path == "students.tasks.periodic_work"
    assert queued.run_after > timezone.now()


@override_settings(TASKS=DATABASE_TASKS)
def test_periodic_work_queues_its_next_run():
    from django_tasks_db.models import DBTaskResult

    tasks.periodic_work.call()
    assert DBTaskResult.objects.filter(status="READY").count() == 1


def test_periodic_work_runs_the_retention_purge_when_due(
    make_reception, register, time_machine
):
    time_machine.move_to(timezone.now() - timedelta(days=240))
    registration = register(make_reception(), confirm=True)
    time_machine.move_to(timezone.now() + timedelta(days=240))
    done = tasks.run_periodic_work()
    registration.refresh_from_db()
    assert done["purged"] == 1
    assert registration.anonymised_at is not None


def test_periodic_work_runs_the_retention_purge_once_an_hour(
    make_reception, register, time_machine
):
    tasks.run_periodic_work()
    time_machine.move_to(timezone.now() - timedelta(days=240))
    registration = register(make_reception(), confirm=True)
    time_machine.move_to(timezone.now() + timedelta(days=240))
    done = tasks.run_periodic_work()
    registration.refresh_from_db()
    assert "purged" not in done
    assert registration.anonymised_at is None


def finished_task(days_ago, status="SUCCESSFUL"):
    from django_tasks_db.models import DBTaskResult

    result = tasks.send_message.enqueue(0)
    DBTaskResult.objects.filter(pk=result.id).update(
        status=status, finished_at=timezone.now() - timedelta(days=days_ago)
    )
    return result.id


@override_settings(TASKS=DATABASE_TASKS, TASK_RESULT_RETENTION_DAYS=7)
def test_task_rows_finished_long_ago_are_pruned():
    from django_tasks_db.models import DBTaskResult

    finished_task(8), finished_task(8, status="FAILED")
    recent = finished_task(6)
    ready = tasks.send_message.enqueue(0).id
    assert tasks.prune_task_results() == 2
    left = {str(pk) for pk in DBTaskResult.objects.values_list("pk", flat=True)}
    assert left == {recent, ready}


@override_settings(TASKS=DATABASE_TASKS)
def test_periodic_work_prunes_old_task_rows():
    from django_tasks_db.models import DBTaskResult

    finished_task(30)
    done = tasks.run_periodic_work()
    assert done["tasks_pruned"] == 1
    assert not DBTaskResult.objects.exists()


def periodic_runs_queued():
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(
        status="READY", task_path="students.tasks.periodic_work"
    ).count()


@override_settings(TASKS=DATABASE_TASKS)
def test_periodic_work_tries_again_to_queue_its_next_run(monkeypatch):
    from django.db import OperationalError

    schedule = tasks.schedule_periodic_work
    failures = iter([OperationalError("the database restarts")])

    def flaky():
        for failure in failures:
            raise failure
        return schedule()

    monkeypatch.setattr(tasks, "schedule_periodic_work", flaky)
    monkeypatch.setattr(tasks, "NEXT_RUN_RETRY_SECONDS", (0, 0, 0))
    tasks.periodic_work.call()
    assert periodic_runs_queued() == 1


@override_settings(TASKS=DATABASE_TASKS)
def test_sending_an_email_mends_a_broken_periodic_chain():
    assert periodic_runs_queued() == 0
    tasks.send_message.call(0)
    assert periodic_runs_queued() == 1


@override_settings(TASKS=DATABASE_TASKS)
def test_daily_maintenance_mends_a_broken_periodic_chain():
    from io import StringIO

    from django.core.management import call_command

    call_command("daily_maintenance", stdout=StringIO())
    assert periodic_runs_queued() == 1


def test_daily_maintenance_is_the_fallback_for_the_periodic_work(
    tomorrow, register, committed
):
    from io import StringIO

    from django.core.management import call_command

    register(tomorrow, confirm=True)
    mail.outbox.clear()
    with committed():
        call_command("daily_maintenance", stdout=StringIO())
    assert len(reminders()) == 1
