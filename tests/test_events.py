import json
import re
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from programmes import services
from programmes.models import Event, Programme
from programmes.views import ARCHIVE_PAGE_SIZE
from twinning.models import Town

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")
NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
WEEKEND_EN = "/en/events/week-end-franco-allemand-2027/"
WEEKEND_FR = "/fr/evenements/week-end-franco-allemand-2027/"


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture(autouse=True)
def content(frozen_clock, initial_data):
    """The content as loaded on NOW: the 2027 editions of the events."""
    return initial_data


@pytest.fixture
def past_event(make_event):
    return make_event(
        "printemps-de-l-europe-2026",
        datetime(2026, 5, 4, 10, tzinfo=PARIS),
        datetime(2026, 5, 31, 18, tzinfo=PARIS),
        title_fr="Printemps de l'Europe 2026",
        title_en="Printemps de l'Europe 2026",
    )


def body(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status
    return response.content.decode()


def json_ld(page):
    match = re.search(
        r'<script type="application/ld\+json">(.*?)</script>', page, re.DOTALL
    )
    return json.loads(match.group(1))


def test_agenda_lists_upcoming_events_soonest_first_in_english(client):
    page = body(client, "/en/events/")
    assert "<h1>European events agenda</h1>" in page
    spring = page.index("Printemps de l&#x27;Europe 2027")
    weekend = page.index("Franco-German weekend 2027")
    festival = page.index("Fenêtres sur courts short film festival 2027")
    assert spring < weekend < festival


def test_agenda_in_french(client):
    page = body(client, "/fr/evenements/")
    assert "<h1>Agenda des événements européens</h1>" in page
    assert "Week-end franco-allemand 2027" in page
    assert "Du <time" in page and "12 juin 2027" in page


def test_agenda_leaves_out_past_events(client, past_event):
    page = body(client, "/en/events/")
    assert 'href="/en/events/printemps-de-l-europe-2026/"' not in page
    assert 'href="/en/events/printemps-de-l-europe-2027/"' in page


def test_agenda_keeps_an_event_under_way(client, make_event):
    make_event(
        "under-way",
        datetime(2026, 11, 27, 9, tzinfo=PARIS),
        datetime(2026, 11, 29, 18, tzinfo=PARIS),
    )
    assert 'href="/en/events/under-way/"' in body(client, "/en/events/")


def test_event_moves_to_the_archive_once_over(client, make_event):
    make_event(
        "yesterday",
        datetime(2026, 11, 27, 9, tzinfo=PARIS),
        datetime(2026, 11, 27, 18, tzinfo=PARIS),
    )
    assert 'href="/en/events/yesterday/"' not in body(client, "/en/events/")
    assert 'href="/en/events/yesterday/"' in body(client, "/en/events/archive/")
    cache.clear()  # two days earlier, no page cached today exists yet
    with time_machine.travel(datetime(2026, 11, 26, 12, tzinfo=UTC), tick=False):
        assert 'href="/en/events/yesterday/"' in body(client, "/en/events/")


def test_archive_lists_past_events_in_both_languages(client, past_event):
    assert "Printemps de l&#x27;Europe 2026" in body(client, "/en/events/archive/")
    french = body(client, "/fr/evenements/archives/")
    assert "<h1>Événements passés</h1>" in french
    assert "Printemps de l&#x27;Europe 2026" in french
    assert "Week-end franco-allemand 2027" not in french


def test_archive_is_paginated_most_recent_first(client, make_event):
    for day in range(1, ARCHIVE_PAGE_SIZE + 3):
        make_event(
            f"past-{day:02d}",
            datetime(2026, 10, day, 18, tzinfo=PARIS),
            datetime(2026, 10, day, 20, tzinfo=PARIS),
        )
    first = body(client, "/en/events/archive/")
    assert first.index("past-14") < first.index("past-13")
    assert "past-01" not in first
    assert "Page 1 of 2" in first
    second = body(client, "/en/events/archive/?page=2")
    assert "past-01" in second and "past-14" not in second
    assert 'href="?page=1" rel="prev"' in second


@pytest.mark.parametrize("page", ["abc", "0", "-1", "99", "1.5", "%00", "9" * 40])
def test_bad_archive_page_is_a_translated_404(client, past_event, page):
    assert "Page introuvable" in body(
        client, f"/fr/evenements/archives/?page={page}", status=404
    )


def test_event_page_in_english(client):
    page = body(client, WEEKEND_EN)
    assert "<h1>Franco-German weekend 2027</h1>" in page
    assert "12 June 2027, 10:00</time> to" in page
    assert "La Maison de Rhénanie-Palatinat" in page
    assert "50 year plus partnership between Dijon and Mainz" in page
    assert 'href="/en/twin-towns/mainz/"' in page
    assert 'href="/en/youth-mobility/volontariat-franco-allemand/"' in page


def test_event_page_in_french(client):
    page = body(client, WEEKEND_FR)
    assert "<h1>Week-end franco-allemand 2027</h1>" in page
    assert "12 juin 2027 à 10 h</time> au" in page
    assert "13 juin 2027 à 19 h</time>" in page
    assert "partenariat de plus de cinquante ans" in page


def main_content(page):
    return page[page.index("<main") : page.index("</main>")]


def test_event_page_gives_its_dates_once(client):
    main = main_content(body(client, WEEKEND_EN))
    assert main.count('datetime="2027-06-12T10:00:00+02:00"') == 1
    assert main.count("12 June 2027, 10:00") == 1


def test_event_page_puts_practical_information_before_the_text(client):
    """First on a phone; the stylesheet moves it beside the text on a desktop."""
    main = main_content(body(client, WEEKEND_EN))
    assert main.index('id="practical-title"') < main.index('id="about-title"')


def test_event_page_without_text_has_no_empty_column(client, make_event):
    make_event(
        "bare",
        datetime(2027, 3, 3, 18, 30, tzinfo=PARIS),
        datetime(2027, 3, 3, 20, tzinfo=PARIS),
    )
    main = main_content(body(client, "/en/events/bare/"))
    assert 'class="side-box"' in main
    assert "with-side-box__main" not in main


def test_event_page_links_its_calendar_file(client):
    page = body(client, WEEKEND_EN)
    assert 'href="/en/events/week-end-franco-allemand-2027.ics"' in page
    assert "Add to my calendar" in page
    french = body(client, WEEKEND_FR)
    assert 'href="/fr/evenements/week-end-franco-allemand-2027.ics"' in french
    assert "Ajouter à mon agenda" in french


def test_single_day_event_shows_its_hours(client, make_event):
    make_event(
        "talk",
        datetime(2027, 3, 3, 18, 30, tzinfo=PARIS),
        datetime(2027, 3, 3, 20, tzinfo=PARIS),
    )
    page = body(client, "/fr/evenements/talk/")
    assert "3 mars 2027 de 18 h 30</time> à <time" in page


def test_past_event_page_says_it_is_over(client, past_event):
    page = body(client, "/en/events/printemps-de-l-europe-2026/")
    assert "This event is over." in page


def test_event_json_ld_has_the_right_dates_in_paris_time(client):
    data = json_ld(body(client, WEEKEND_EN))
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Event"
    assert data["name"] == "Franco-German weekend 2027"
    assert data["startDate"] == "2027-06-12T10:00:00+02:00"
    assert data["endDate"] == "2027-06-13T19:00:00+02:00"
    assert data["location"]["name"] == "La Maison de Rhénanie-Palatinat"
    assert data["location"]["address"] == "29, rue Buffon, 21000 Dijon"
    assert data["organizer"]["name"] == "La Maison de Rhénanie-Palatinat"
    assert data["url"] == "http://testserver" + WEEKEND_EN


def test_event_json_ld_is_in_the_visitors_language(client):
    data = json_ld(body(client, WEEKEND_FR))
    assert data["name"] == "Week-end franco-allemand 2027"
    assert data["inLanguage"] == "fr"


def test_event_json_ld_cannot_be_broken_out_of(client):
    hostile = "</script><script>alert(1)</script> & <b>"
    Event.objects.filter(slug="week-end-franco-allemand-2027").update(
        description_en=hostile
    )
    page = body(client, WEEKEND_EN)
    assert "<script>alert(1)" not in page
    assert json_ld(page)["description"] == hostile


def test_unpublished_event_is_hidden_everywhere(client):
    Event.objects.filter(slug="week-end-franco-allemand-2027").update(
        is_published=False
    )
    body(client, WEEKEND_EN, status=404)
    for url in ("/en/events/", "/en/twin-towns/mainz/", "/en/"):
        assert "Franco-German weekend 2027" not in body(client, url)


def test_unknown_event_is_a_404(client):
    body(client, "/en/events/no-such-event/", status=404)


def test_home_page_shows_upcoming_events(client):
    page = body(client, "/en/")
    assert "Upcoming European events" in page
    assert 'href="/en/events/printemps-de-l-europe-2027/"' in page


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "url",
    ["/en/", "/en/events/", "/en/events/archive/", WEEKEND_EN, "/en/twin-towns/mainz/"],
)
def test_event_pages_run_a_fixed_number_of_queries(client, make_event, url):
    make_event(
        "past-1",
        datetime(2026, 1, 1, 10, tzinfo=PARIS),
        datetime(2026, 1, 1, 12, tzinfo=PARIS),
    )
    before = count_queries(client, url)
    towns = list(Town.objects.all())
    programmes = list(Programme.objects.all())
    organiser = Event.objects.get(slug="fenetres-sur-courts-2027").organiser
    for number in range(5):
        for year in (2026, 2027):
            event = make_event(
                f"extra-{year}-{number}",
                datetime(year, 3, 1 + number, 10, tzinfo=PARIS),
                datetime(year, 3, 1 + number, 12, tzinfo=PARIS),
                organiser=organiser,
            )
            event.towns.set(towns)
            event.programmes.set(programmes)
    Event.objects.get(slug="week-end-franco-allemand-2027").towns.set(towns)
    assert count_queries(client, url) == before


# --- Duplicating an edition for next year -----------------------------------


def test_duplicate_copies_the_edition_one_year_later_unpublished():
    weekend = Event.objects.get(slug="week-end-franco-allemand-2027")
    copy = services.event_duplicate_for_next_year(event=weekend)
    assert copy.pk != weekend.pk
    assert copy.slug == "week-end-franco-allemand-2028"
    assert copy.title_fr == "Week-end franco-allemand 2028"
    assert copy.title_en == "Franco-German weekend 2028"
    assert copy.description_en == weekend.description_en
    assert copy.start == datetime(2028, 6, 12, 10, tzinfo=PARIS)
    assert copy.end == datetime(2028, 6, 13, 19, tzinfo=PARIS)
    assert not copy.is_published
    assert copy.organiser == weekend.organiser
    assert list(copy.towns.values_list("slug", flat=True)) == ["mainz"]
    assert list(copy.programmes.values_list("slug", flat=True)) == [
        "volontariat-franco-allemand"
    ]


def test_duplicate_keeps_paris_wall_clock_time_across_summer_time(make_event):
    # 27 March 2027 is winter time, 27 March 2028 summer time in Paris.
    event = make_event(
        "spring-talk",
        datetime(2027, 3, 27, 18, tzinfo=PARIS),
        datetime(2027, 3, 27, 20, tzinfo=PARIS),
    )
    copy = services.event_duplicate_for_next_year(event=event)
    assert copy.start.astimezone(PARIS).hour == 18
    assert copy.slug == "spring-talk-2028"


def test_duplicate_never_reuses_a_slug():
    weekend = Event.objects.get(slug="week-end-franco-allemand-2027")
    first = services.event_duplicate_for_next_year(event=weekend)
    second = services.event_duplicate_for_next_year(event=weekend)
    assert first.slug == "week-end-franco-allemand-2028"
    assert second.slug == "week-end-franco-allemand-2028-2"


def test_duplicate_is_an_admin_action(client):
    user = get_user_model().objects.create_superuser(
        "editor", "editor@example.org", "a-long-test-password"
    )
    client.force_login(user)
    festival = Event.objects.get(slug="fenetres-sur-courts-2027")
    response = client.post(
        "/en/admin/programmes/event/",
        {"action": "duplicate_for_next_year", "_selected_action": [festival.pk]},
        follow=True,
    )
    assert response.status_code == 200
    assert "1 edition copied one year later" in response.content.decode()
    copy = Event.objects.get(slug="fenetres-sur-courts-2028")
    assert not copy.is_published
    assert copy.organiser.slug == "plan-9"


def test_admin_marks_seeded_dates_to_confirm(client):
    user = get_user_model().objects.create_superuser(
        "editor", "editor@example.org", "a-long-test-password"
    )
    client.force_login(user)
    festival = Event.objects.get(slug="fenetres-sur-courts-2027")
    page = body(client, f"/fr/admin/programmes/event/{festival.pk}/change/")
    assert "Dates à confirmer" in page
    checkbox = re.search(r'<input[^>]*name="dates_to_confirm"[^>]*>', page).group()
    assert "checked" in checkbox
    assert 'id="id_title_en"' in page


def test_event_ending_before_it_starts_is_refused():
    event = Event(
        slug="backwards",
        title_fr="À l'envers",
        start=datetime(2027, 1, 2, tzinfo=PARIS),
        end=datetime(2027, 1, 1, tzinfo=PARIS),
    )
    with pytest.raises(ValidationError):
        event.full_clean()
