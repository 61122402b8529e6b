"""A student's name and email leave every table once their data is erased.

The retention purge (and the erasure a student asks for) blank the
registration's columns and every copy of them elsewhere: the admin's history
today, an email outbox or a task's payload tomorrow. The test below follows a
student through the site and the back-office, then searches every column of
every table in the database for their name and email: before the purge each
column found must be one listed in PERSONAL_DATA_COLUMNS (a feature that keeps
a new copy adds it there, and its eraser to
`students.services.PERSONAL_DATA_COPIES`); after it, none may hold them.
"""

import logging
from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from students import services
from students.models import Message, Registration
from students.questions import Question
from tests.admin_form import admin_form_data

pytestmark = pytest.mark.django_db(transaction=False)

FIRST = "Zéphyrine"
LAST = "Quillfeather"
EMAIL = "zephyrine.quillfeather@example.org"
MARKERS = (FIRST.lower(), LAST.lower(), EMAIL.lower())

# (table, column) that may hold a student's name or email while their
# registration is kept. Each must be blank after the purge.
PERSONAL_DATA_COLUMNS = {
    ("students_registration", "first_name"),
    ("students_registration", "last_name"),
    ("students_registration", "email"),
    ("students_registration", "institution_other"),
    ("students_registration", "access_needs"),
    ("students_registration", "last_email_error"),
    # Entries written before registrations were named by reference only.
    ("django_admin_log", "object_repr"),
    # The outbox (students.messaging): the address each email went to, and
    # the mail server's refusal that may quote it.
    ("students_message", "recipient"),
    ("students_message", "last_error"),
    # Free-text answers to a reception's questions (students.questions).
    ("students_answer", "value"),
}


def tables_holding_personal_data():
    """Every (table, column) of the database whose text holds a marker."""
    found = set()
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            for column in connection.introspection.get_table_description(cursor, table):
                text = f"LOWER(CAST({quote(column.name)} AS TEXT))"
                where = " OR ".join(f"{text} LIKE %s" for _ in MARKERS)
                cursor.execute(
                    f"SELECT COUNT(*) FROM {quote(table)} WHERE {where}",  # noqa: S608
                    [f"%{marker}%" for marker in MARKERS],
                )
                if cursor.fetchone()[0]:
                    found.add((table, column.name))
    # Sessions are stored encoded: decode them.
    for session in Session.objects.all():
        if any(marker in str(session.get_decoded()).lower() for marker in MARKERS):
            found.add(("django_session", "session_data"))
    return found


@pytest.fixture
def staff(client):
    user = get_user_model().objects.create_superuser(
        "clerk", "clerk@example.org", "a-long-test-password"
    )
    client.force_login(user)
    return user


@pytest.fixture
def student_everywhere(make_reception, register, staff, client, time_machine):
    """A registration for a reception long past, edited and checked in by
    staff, its emails sent, with an admin history entry written the way the
    site wrote them before (with the name)."""
    time_machine.move_to(timezone.now() - timedelta(days=240))
    reception = make_reception(capacity=5)
    question = Question.objects.create(
        reception=reception, kind=Question.Kind.SHORT_TEXT, label="Who greets you?"
    )
    registration = register(
        reception,
        confirm=True,
        first_name=FIRST,
        last_name=LAST,
        email=EMAIL,
        answers=((question, f"{FIRST} {LAST}, met at the station"),),
    )
    other = register(reception, confirm=True)
    # Staff correct the student's name in the admin: a history entry.
    url = reverse("admin:students_registration_change", args=[registration.pk])
    data = admin_form_data(client.get(url))
    data["access_needs"] = f"{FIRST} needs a hearing loop"
    assert client.post(url, data).status_code == 302
    # At the door, staff check the student in (the page greets them by name).
    check_in = reverse("students:check_in", kwargs={"slug": reception.slug})
    client.post(check_in, {"registration": registration.pk})
    client.get(check_in)
    # The history as it was kept before: "DJ-… Firstname Lastname".
    LogEntry.objects.create(
        user=staff,
        content_type=ContentType.objects.get_for_model(Registration),
        object_id=str(registration.pk),
        object_repr=f"{registration.reference} {FIRST} {LAST}",
        action_flag=CHANGE,
        change_message="[]",
    )
    Registration.objects.filter(pk=registration.pk).update(
        last_email_error=f"confirmed: refused {EMAIL}"
    )
    Message.objects.filter(registration=registration, kind="confirmed").update(
        last_error=f"refused {EMAIL}"
    )
    time_machine.move_to(timezone.now() + timedelta(days=240))
    return registration, other


def test_the_admin_history_names_a_registration_by_its_reference(
    student_everywhere,
):
    registration, _ = student_everywhere
    entry = LogEntry.objects.filter(object_id=str(registration.pk)).earliest(
        "action_time"
    )
    assert entry.object_repr == registration.reference
    assert str(registration) == registration.reference


def test_every_copy_of_the_student_is_listed(student_everywhere):
    found = tables_holding_personal_data()
    assert ("students_registration", "email") in found
    assert ("students_answer", "value") in found
    assert ("django_admin_log", "object_repr") in found
    unlisted = found - PERSONAL_DATA_COLUMNS
    assert not unlisted, (
        "Personal data found in columns the purge does not know: add them to "
        "PERSONAL_DATA_COLUMNS and an eraser to services.PERSONAL_DATA_COPIES"
    )


def test_the_purge_leaves_the_name_and_email_in_no_table(student_everywhere, caplog):
    with caplog.at_level(logging.DEBUG):
        call_command("purge_registrations", stdout=StringIO())
    assert tables_holding_personal_data() == set()


def test_no_log_line_names_the_student(student_everywhere, caplog):
    """Logs are kept apart from the database: they must never hold the data."""
    with caplog.at_level(logging.DEBUG):
        call_command("purge_registrations", stdout=StringIO())
    records = caplog.get_records("setup") + caplog.get_records("call")
    assert len(records) > 3  # registration, emails, check-in, purge...
    text = "\n".join(record.getMessage() for record in records).lower()
    for marker in MARKERS:
        assert marker not in text


def test_each_listed_column_is_blank_after_the_purge(student_everywhere):
    registration, _ = student_everywhere
    call_command("purge_registrations", stdout=StringIO())
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table, column in sorted(PERSONAL_DATA_COLUMNS):
            cursor.execute(f"SELECT {quote(column)} FROM {quote(table)}")  # noqa: S608
            values = [str(value or "").lower() for (value,) in cursor.fetchall()]
            assert not [v for v in values for m in MARKERS if m in v], (table, column)


def test_the_purge_keeps_who_changed_what_and_when(student_everywhere, staff):
    registration, _ = student_everywhere
    call_command("purge_registrations", stdout=StringIO())
    entries = LogEntry.objects.filter(object_id=str(registration.pk))
    assert entries.count() == 2
    assert {e.object_repr for e in entries} == {registration.reference}
    assert {e.user for e in entries} == {staff}


def test_erasure_on_request_forgets_the_history_too(student_everywhere):
    registration, other = student_everywhere
    LogEntry.objects.create(
        user=get_user_model().objects.get(username="clerk"),
        content_type=ContentType.objects.get_for_model(Registration),
        object_id=str(other.pk),
        object_repr=f"{other.reference} Ana {other.last_name}",
        action_flag=CHANGE,
        change_message="[]",
    )
    services.registration_delete_data(registration=registration)
    assert tables_holding_personal_data() == set()
    # Another student's registration, still kept, keeps its entry untouched.
    assert LogEntry.objects.filter(object_repr__contains=other.last_name).exists()
