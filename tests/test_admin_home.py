"""The admin home page says what needs the staff's attention."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone

from twinning.models import Town

pytestmark = pytest.mark.django_db


def staff(role):
    user = get_user_model().objects.create_user(
        role.lower().replace(" ", "-"),
        "staff@example.org",
        "a-long-test-password",
        is_staff=True,
    )
    user.groups.add(Group.objects.get(name=role))
    client = Client()
    client.force_login(user)
    return client


def home(client, language="en"):
    return client.get(f"/{language}/admin/").content.decode()


def attention(body):
    return body.split('id="attention"', 1)[1].split("</div>", 1)[0]


@pytest.fixture
def soon():
    return timezone.now() + timedelta(days=20)


def test_drafts_and_scheduled_items_are_listed_with_a_link(make_event, soon):
    make_event("draft", soon, soon, is_published=False)
    make_event("later", soon, soon, publish_from=timezone.now() + timedelta(days=1))
    box = attention(home(staff("Content editors")))
    assert "Events: drafts" in box
    assert "/en/admin/programmes/event/?publication=draft" in box
    assert "Events: scheduled" in box


def test_missing_translations_are_listed(initial_data):
    Town.objects.filter(slug="mainz").update(description_fr="Texte", description_en="")
    box = attention(home(staff("Content editors")))
    assert "Twin towns: English missing" in box
    assert "/en/admin/twinning/town/?missing=en" in box


def test_events_with_dates_to_confirm_are_listed(make_event, soon):
    make_event("festival", soon, soon, dates_to_confirm=True)
    box = attention(home(staff("Content editors")))
    assert "Upcoming events whose dates are still to confirm" in box


def test_upcoming_receptions_with_seats_left_are_listed(make_reception):
    reception = make_reception(capacity=40)
    box = attention(home(staff("Reception staff")))
    assert f"{reception.title_en}: seats left" in box
    assert "<td>40</td>" in box


def test_reception_staff_do_not_see_content_drafts(make_event, soon):
    make_event("draft", soon, soon, is_published=False)
    assert "Events: drafts" not in attention(home(staff("Reception staff")))


def test_the_home_page_speaks_the_staff_language(make_event, soon):
    make_event("draft", soon, soon, is_published=False)
    box = attention(home(staff("Content editors"), "fr"))
    assert "Ce qui vous attend" in box
    assert "Événements : brouillons" in box


def test_failed_emails_are_listed_for_reception_staff(reception, register):
    registration = register(reception)
    registration.messages.update(status="failed")
    box = attention(home(staff("Reception staff")))
    assert "Emails that could not be sent" in box
    assert "/en/admin/students/message/?status__exact=failed" in box
