"""Receptions for calendars and search engines: Event JSON-LD on a reception's
page and an .ics feed of the upcoming receptions."""

import json
import re
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from icalendar import Calendar

from students.models import ReceptionPhoto
from tests.test_images import photo_bytes

pytestmark = pytest.mark.django_db

FEED = {
    "en": "/en/student-receptions/calendar.ics",
    "fr": "/fr/accueil-etudiants/agenda.ics",
}


def event_json(client, reception, language="en"):
    prefix = "/en/student-receptions/" if language == "en" else "/fr/accueil-etudiants/"
    body = client.get(f"{prefix}{reception.slug}/").content.decode()
    scripts = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', body, re.S
    )
    assert len(scripts) == 1
    return json.loads(scripts[0])


def test_reception_page_describes_a_free_event_in_dijon(client, reception):
    data = event_json(client, reception)
    assert data["@type"] == "Event"
    assert data["name"] == reception.title_en
    assert data["offers"]["price"] == "0"
    assert data["offers"]["priceCurrency"] == "EUR"
    assert data["isAccessibleForFree"] is True
    assert (
        data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    )
    assert data["location"]["address"] == {
        "@type": "PostalAddress",
        "streetAddress": "Place de la Libération",
        "postalCode": "21000",
        "addressLocality": "Dijon",
        "addressCountry": "FR",
    }
    assert data["organizer"]["url"].startswith("https://")
    assert data["startDate"] == timezone.localtime(reception.starts_at).isoformat()
    assert "image" not in data  # no photo in its gallery: no picture to show


def test_a_reception_with_photos_shows_them_to_search_engines(client, reception):
    photo = ReceptionPhoto(
        reception=reception, alt_fr="Salle", alt_en="Hall", credit="A. Author"
    )
    photo.image.save("hall.jpg", ContentFile(photo_bytes((800, 600))))
    (image,) = event_json(client, reception)["image"]
    assert image == f"http://testserver{photo.image.url}"


def test_offer_availability_follows_the_seats(client, reception, register):
    assert event_json(client, reception)["offers"]["availability"].endswith("InStock")
    register(reception, confirm=True)
    register(reception, confirm=True)
    availability = event_json(client, reception)["offers"]["availability"]
    assert availability.endswith("LimitedAvailability")  # the waiting list


def test_event_data_is_in_the_page_language(client, reception):
    data = event_json(client, reception, "fr")
    assert data["name"] == reception.title_fr
    assert data["inLanguage"] == "fr"
    assert data["organizer"]["name"] == "Ville de Dijon"


def test_staff_text_cannot_close_the_script_element(client, make_reception):
    reception = make_reception(title_en="</script><script>alert(1)</script>")
    assert event_json(client, reception)["name"] == reception.title_en


def read_feed(client, language="en"):
    response = client.get(FEED[language])
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def test_feed_lists_upcoming_published_receptions_only(client, make_reception):
    now = timezone.now()
    coming = make_reception()
    make_reception(is_published=False, title_en="Hidden")
    make_reception(
        title_en="Past",
        starts_at=now - timedelta(days=5),
        ends_at=now - timedelta(days=5) + timedelta(hours=2),
        registration_opens_at=now - timedelta(days=30),
        registration_closes_at=now - timedelta(days=6),
    )
    events = read_feed(client).walk("VEVENT")
    assert [str(e["summary"]) for e in events] == [coming.title_en]
    event = events[0]
    assert event.decoded("dtstart") == coming.starts_at.replace(microsecond=0)
    assert str(event["url"]).endswith(coming.get_absolute_url())
    assert "Place de la Libération" in str(event["location"])
    assert str(event["uid"]) == f"reception-{coming.pk}@international.dijon.fr"


def test_feed_in_french_and_with_its_time_zone(client, reception):
    calendar = read_feed(client, "fr")
    assert [str(e["summary"]) for e in calendar.walk("VEVENT")] == [reception.title_fr]
    assert calendar.walk("VTIMEZONE")[0]["tzid"] == "Europe/Paris"


def test_feed_is_the_same_all_day(client, reception):
    assert client.get(FEED["en"]).content == client.get(FEED["en"]).content


@pytest.mark.parametrize(
    "path", ["/en/student-receptions/", "/en/student-receptions/{slug}/"]
)
def test_receptions_pages_link_to_the_feed(client, reception, path):
    body = client.get(path.format(slug=reception.slug)).content.decode()
    assert (
        f'type="text/calendar" title="Welcome receptions calendar" href="{FEED["en"]}"'
        in body
    )
