"""Staff write to a reception's registrants from the admin."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core import mail

from students.models import Announcement, Message
from students.tokens import manage_token

pytestmark = pytest.mark.django_db

TEXTS = {
    "subject_fr": "Changement de salle",
    "body_fr": "La réception aura lieu au Palais des ducs.",
    "subject_en": "Change of venue",
    "body_en": "The reception will be held at the Palace of the Dukes.",
}


@pytest.fixture
def students(make_reception, register):
    """Two confirmed (fr, en), one waiting (fr), one pending (en), one cancelled."""
    from students import services

    reception = make_reception(capacity=3)
    cancelled = register(reception, confirm=True, language="en")
    people = {
        "confirmed_fr": register(reception, confirm=True, language="fr"),
        "confirmed_en": register(reception, confirm=True, language="en"),
    }
    services.registration_cancel(registration=cancelled)
    people["pending_en"] = register(reception, language="en")
    people["waiting_fr"] = register(reception, confirm=True, language="fr")
    people["cancelled"] = cancelled
    mail.outbox.clear()
    return reception, people


def write_url(reception):
    return f"/en/admin/students/reception/{reception.pk}/write/"


def preview(client, reception, statuses, **texts):
    return client.post(write_url(reception), {**TEXTS, **texts, "statuses": statuses})


def send(client, reception, statuses, committed):
    page = preview(client, reception, statuses)
    digest = page.context["preview"]["digest"]
    with committed():
        return client.post(
            write_url(reception),
            {**TEXTS, "statuses": statuses, "send": "1", "previewed": digest},
        )


def test_preview_shows_both_languages_and_the_number_of_recipients(
    admin_client, students
):
    reception, _ = students
    page = preview(admin_client, reception, ["confirmed"]).content.decode()
    assert "Changement de salle" in page and "Change of venue" in page
    assert "2 recipients" in page
    assert "1 in French, 1 in English" in page
    assert mail.outbox == []


def test_confirmed_students_get_it_in_their_language(admin_client, students, committed):
    reception, people = students
    send(admin_client, reception, ["confirmed"], committed)
    by_address = {m.to[0]: m for m in mail.outbox}
    assert set(by_address) == {
        people["confirmed_fr"].email,
        people["confirmed_en"].email,
    }
    french = by_address[people["confirmed_fr"].email]
    english = by_address[people["confirmed_en"].email]
    assert french.subject.startswith("Changement de salle")
    assert "Palais des ducs" in french.body
    assert english.subject.startswith("Change of venue")
    assert "Palace of the Dukes" in english.body


def test_each_email_links_to_the_students_registration_page(
    admin_client, students, committed
):
    reception, people = students
    send(admin_client, reception, ["confirmed"], committed)
    english = next(m for m in mail.outbox if m.to == [people["confirmed_en"].email])
    token = manage_token(people["confirmed_en"])
    assert f"/en/my-registration/{token}/" in english.body


def test_a_mix_of_waiting_and_pending_reaches_exactly_them(
    admin_client, students, committed
):
    reception, people = students
    send(admin_client, reception, ["waitlisted", "pending"], committed)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [people["waiting_fr"].email, people["pending_en"].email]
    )


def test_the_reception_keeps_a_log(admin_client, admin_user, students, committed):
    reception, _ = students
    send(admin_client, reception, ["confirmed"], committed)
    entry = Announcement.objects.get()
    assert (entry.reception, entry.created_by, entry.recipient_count) == (
        reception,
        admin_user,
        2,
    )
    assert entry.statuses == ["confirmed"]
    log = admin_client.get(
        f"/en/admin/students/announcement/?reception__id__exact={reception.pk}"
    )
    assert "Changement de salle" in log.content.decode()


def fail_the_french_email(entry):
    french = entry.messages.get(language="fr")
    french.status = Message.Status.FAILED
    french.last_error = "550 Mailbox unavailable"
    french.save()
    return french


def readonly_field(page, name):
    """The text the admin shows for the read-only field `name`."""
    start = page.index(f"field-{name}")
    block = page[start : page.index("</div>\n", page.index('class="readonly"', start))]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", block.split('"readonly">')[1]))


def test_the_log_page_shows_the_failures_and_who_missed_it(
    admin_client, students, committed
):
    reception, _ = students
    send(admin_client, reception, ["confirmed"], committed)
    entry = Announcement.objects.get()
    french = fail_the_french_email(entry)
    page = admin_client.get(
        f"/en/admin/students/announcement/{entry.pk}/change/"
    ).content.decode()
    assert readonly_field(page, "failed").strip() == "1"
    assert readonly_field(page, "sent").strip() == "1"
    failures = readonly_field(page, "failed_messages")
    assert f"{french.recipient} — 550 Mailbox unavailable" in failures
    assert "See the failed email and send it again" in failures
    assert (
        f"/en/admin/students/message/?announcement__id__exact={entry.pk}"
        "&amp;status__exact=failed"
    ) in page


def test_the_log_list_counts_the_failures(admin_client, students, committed):
    reception, _ = students
    send(admin_client, reception, ["confirmed"], committed)
    fail_the_french_email(Announcement.objects.get())
    page = admin_client.get(
        f"/en/admin/students/announcement/?reception__id__exact={reception.pk}"
    ).content.decode()
    assert '<td class="field-failed">1</td>' in page
    assert '<td class="field-sent">1</td>' in page


def test_a_log_without_failures_says_so_in_french(admin_client, students, committed):
    reception, _ = students
    send(admin_client, reception, ["confirmed"], committed)
    entry = Announcement.objects.get()
    page = admin_client.get(
        f"/fr/admin/students/announcement/{entry.pk}/change/"
    ).content.decode()
    assert readonly_field(page, "failed_messages").strip() == "Aucun courriel en échec"


def test_failed_emails_of_the_log_can_be_sent_again(admin_client, students, committed):
    reception, _ = students
    send(admin_client, reception, ["confirmed"], committed)
    entry = Announcement.objects.get()
    fail_the_french_email(entry)
    failed = admin_client.get(
        "/en/admin/students/message/"
        f"?announcement__id__exact={entry.pk}&status__exact=failed"
    )
    assert failed.context["cl"].result_count == 1
    assert "550 Mailbox unavailable" in failed.content.decode()


def test_a_text_edited_after_the_preview_is_previewed_again(
    admin_client, students, committed
):
    reception, _ = students
    page = preview(admin_client, reception, ["confirmed"])
    digest = page.context["preview"]["digest"]
    with committed():
        again = admin_client.post(
            write_url(reception),
            {
                **TEXTS,
                "subject_en": "Edited",
                "statuses": ["confirmed"],
                "send": "1",
                "previewed": digest,
            },
        )
    assert again.status_code == 200
    assert "Edited" in again.content.decode()
    assert not Announcement.objects.exists()
    assert mail.outbox == []


def test_a_double_click_sends_once(admin_client, students, committed):
    reception, _ = students
    send(admin_client, reception, ["confirmed"], committed)
    send(admin_client, reception, ["confirmed"], committed)
    assert Announcement.objects.count() == 1
    assert len(mail.outbox) == 2


def test_only_staff_with_the_permission_can_write(client, students):
    reception, _ = students
    user = get_user_model().objects.create_user(
        "door", password="a-long-password", is_staff=True
    )
    user.groups.add(Group.objects.get(name="Reception staff"))
    client.force_login(user)
    assert client.get(write_url(reception)).status_code == 403
    user.user_permissions.add(Permission.objects.get(codename="send_announcement"))
    assert client.get(write_url(reception)).status_code == 200
