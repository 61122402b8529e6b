from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from icalendar import Calendar

from programmes.models import Event

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")
NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
WEEKEND_ICS_EN = "/en/events/week-end-franco-allemand-2027.ics"
WEEKEND_ICS_FR = "/fr/evenements/week-end-franco-allemand-2027.ics"
FEED_EN = "/en/events/calendar.ics"
FEED_FR = "/fr/evenements/agenda.ics"


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture(autouse=True)
def content(frozen_clock, initial_data):
    """The content as loaded on NOW: the 2027 editions of the events."""
    return initial_data


def calendar(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def weekend():
    return Event.objects.get(slug="week-end-franco-allemand-2027")


def test_event_file_holds_one_event_with_paris_times(client):
    parsed = calendar(client, WEEKEND_ICS_EN)
    (event,) = parsed.walk("VEVENT")
    start = event.decoded("DTSTART")
    end = event.decoded("DTEND")
    assert start == datetime(2027, 6, 12, 10, tzinfo=PARIS)
    assert end == datetime(2027, 6, 13, 19, tzinfo=PARIS)
    assert start.utcoffset().total_seconds() == 2 * 3600
    assert event["DTSTART"].params["TZID"] == "Europe/Paris"


def test_event_file_describes_its_time_zone(client):
    parsed = calendar(client, WEEKEND_ICS_EN)
    assert [tz["TZID"] for tz in parsed.walk("VTIMEZONE")] == ["Europe/Paris"]
    assert parsed.get_missing_tzids() == set()


def test_event_file_has_a_stable_uid(client):
    expected = f"event-{weekend().pk}@international.dijon.fr"
    (event,) = calendar(client, WEEKEND_ICS_EN).walk("VEVENT")
    assert event["UID"] == expected
    Event.objects.filter(pk=weekend().pk).update(title_en="Renamed weekend")
    (again,) = calendar(client, WEEKEND_ICS_FR).walk("VEVENT")
    assert again["UID"] == expected


def test_event_file_speaks_english_under_en(client):
    (event,) = calendar(client, WEEKEND_ICS_EN).walk("VEVENT")
    assert event["SUMMARY"] == "Franco-German weekend 2027"
    assert "50 year plus partnership" in event["DESCRIPTION"]
    assert event["URL"] == "http://testserver/en/events/week-end-franco-allemand-2027/"


def test_event_file_speaks_french_under_fr(client):
    (event,) = calendar(client, WEEKEND_ICS_FR).walk("VEVENT")
    assert event["SUMMARY"] == "Week-end franco-allemand 2027"
    assert "partenariat de plus de cinquante ans" in event["DESCRIPTION"]
    assert "Organisateur : La Maison de Rhénanie-Palatinat" in event["DESCRIPTION"]


def test_event_file_gives_the_venue_and_address(client):
    (event,) = calendar(client, WEEKEND_ICS_EN).walk("VEVENT")
    assert event["LOCATION"] == (
        "La Maison de Rhénanie-Palatinat, 29, rue Buffon, 21000 Dijon"
    )


def test_event_file_is_offered_as_a_download(client):
    response = client.get(WEEKEND_ICS_EN)
    assert response["Content-Disposition"] == (
        'attachment; filename="week-end-franco-allemand-2027.ics"'
    )


def test_unpublished_event_has_no_calendar_file(client):
    Event.objects.filter(pk=weekend().pk).update(is_published=False)
    assert client.get(WEEKEND_ICS_EN).status_code == 404
    assert client.get("/en/events/no-such-event.ics").status_code == 404


def test_feed_lists_every_upcoming_event_in_order(client):
    parsed = calendar(client, FEED_EN)
    assert [str(event["SUMMARY"]) for event in parsed.walk("VEVENT")] == [
        "Printemps de l'Europe 2027",
        "Franco-German weekend 2027",
        "Fenêtres sur courts short film festival 2027",
    ]
    assert parsed["X-WR-CALNAME"] == "Dijon international: European events"


def test_feed_in_french(client):
    parsed = calendar(client, FEED_FR)
    summaries = [str(event["SUMMARY"]) for event in parsed.walk("VEVENT")]
    assert "Week-end franco-allemand 2027" in summaries
    assert "Festival Fenêtres sur courts 2027" in summaries
    assert parsed["X-WR-CALNAME"] == "Dijon international : événements européens"


def test_feed_leaves_out_past_and_unpublished_events(client, make_event):
    make_event(
        "over",
        datetime(2026, 10, 1, 10, tzinfo=PARIS),
        datetime(2026, 10, 1, 12, tzinfo=PARIS),
    )
    Event.objects.filter(pk=weekend().pk).update(is_published=False)
    uids = {str(event["UID"]) for event in calendar(client, FEED_EN).walk("VEVENT")}
    assert len(uids) == 2
    assert f"event-{weekend().pk}@international.dijon.fr" not in uids
    assert not any(
        uid.startswith(f"event-{Event.objects.get(slug='over').pk}@") for uid in uids
    )


def test_feed_uids_match_the_event_files(client):
    feed = {
        str(event["SUMMARY"]): str(event["UID"])
        for event in calendar(client, FEED_EN).walk("VEVENT")
    }
    (single,) = calendar(client, WEEKEND_ICS_EN).walk("VEVENT")
    assert feed["Franco-German weekend 2027"] == str(single["UID"])


def test_feed_is_subscribable_inline(client):
    response = client.get(FEED_EN)
    assert response["Content-Disposition"].startswith("inline")


def test_empty_feed_is_still_a_valid_calendar(client):
    Event.objects.update(is_published=False)
    parsed = calendar(client, FEED_EN)
    assert parsed.walk("VEVENT") == []
    assert parsed["VERSION"] == "2.0"


def test_winter_event_uses_winter_offset(client, make_event):
    make_event(
        "winter-reception",
        datetime(2027, 1, 15, 18, 30, tzinfo=PARIS),
        datetime(2027, 1, 15, 21, tzinfo=PARIS),
    )
    (event,) = calendar(client, "/en/events/winter-reception.ics").walk("VEVENT")
    start = event.decoded("DTSTART")
    assert start.astimezone(UTC) == datetime(2027, 1, 15, 17, 30, tzinfo=UTC)


def test_agenda_offers_the_subscription(client):
    page = client.get("/en/events/").content.decode()
    assert f'href="{FEED_EN}"' in page
    assert f"http://testserver{FEED_EN}" in page
    assert f'href="{FEED_FR}"' in client.get("/fr/evenements/").content.decode()
