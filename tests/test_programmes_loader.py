from datetime import UTC, datetime, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from core import content
from programmes.models import Direction, Event, Programme
from tests.content import data_file, edition
from twinning.models import Town

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")


def load():
    call_command("load_initial_data", stdout=StringIO())


def load_on(day):
    with time_machine.travel(day, tick=False):
        load()


def load_programmes_again():
    return content.load(data_file("programmes"))


def programme(slug):
    return Programme.objects.get(slug=slug)


def test_loads_the_four_programmes_of_the_brochure():
    load()
    names = set(Programme.objects.values_list("name_en", flat=True))
    assert names == {
        "European Voluntary Service (Erasmus+)",
        "Franco-German volunteer programme",
        "Youth, Volunteering and Reciprocity",
        "International travel workshop of the Fédération Léo Lagrange",
    }


def test_every_programme_has_french_and_english_texts():
    load()
    for item in Programme.objects.all():
        for field in ("name", "summary", "description", "audience", "funding"):
            assert getattr(item, f"{field}_fr"), (item.slug, field)
            assert getattr(item, f"{field}_en"), (item.slug, field)


def test_european_voluntary_service_goes_both_ways_with_erasmus():
    load()
    evs = programme("service-volontaire-europeen")
    assert evs.direction == Direction.BOTH
    assert evs.places_per_year_en == "2 to 3 young people welcomed in Dijon each year"
    assert "Erasmus+" in evs.funding_en
    assert "sends young people from Dijon abroad" in evs.description_en


def test_franco_german_programme_brings_young_germans_with_the_maison():
    load()
    item = programme("volontariat-franco-allemand")
    assert item.direction == Direction.INCOMING
    assert "dozen plus young Germans" in item.places_per_year_en
    assert list(item.partner_organisations.values_list("slug", flat=True)) == [
        "maison-rhenanie-palatinat"
    ]
    assert list(item.partner_towns.values_list("slug", flat=True)) == ["mainz"]


def test_reciprocity_project_links_cluj_reggio_and_the_ministry():
    load()
    item = programme("jeunesse-volontariat-reciprocite")
    assert item.name_fr == "Jeunesse, volontariat et réciprocité"
    assert item.places_per_year_en == "Six young people a year"
    assert set(item.partner_towns.values_list("slug", flat=True)) == {
        "cluj-napoca",
        "reggio-emilia",
    }
    assert list(item.partner_organisations.values_list("slug", flat=True)) == [
        "ministere-affaires-etrangeres"
    ]


def test_travel_workshop_is_the_federation_leo_lagranges():
    load()
    item = programme("atelier-voyages-internationaux-leo-lagrange")
    assert item.direction == Direction.OUTGOING
    assert list(item.partner_organisations.values_list("slug", flat=True)) == [
        "federation-leo-lagrange"
    ]
    assert "genuine accelerator" in item.description_en


def test_loads_the_next_edition_of_each_event_from_today():
    load()
    now = timezone.now()
    events = {event.slug.rsplit("-", 1)[0]: event for event in Event.objects.all()}
    assert set(events) == {
        "printemps-de-l-europe",
        "week-end-franco-allemand",
        "fenetres-sur-courts",
    }
    for event in events.values():
        start = timezone.localtime(event.start, PARIS)
        assert now < event.start < now + timedelta(days=366)
        assert event.slug.endswith(f"-{start.year}")
        assert event.title_fr.endswith(str(start.year))
        assert event.title_en.endswith(str(start.year))
        assert event.end > event.start
    spring = timezone.localtime(events["printemps-de-l-europe"].start, PARIS)
    weekend = events["week-end-franco-allemand"]
    assert spring.month == 5
    assert timezone.localtime(weekend.start, PARIS).weekday() == 5  # Saturday
    assert timezone.localtime(weekend.end, PARIS).weekday() == 6


def test_loads_the_2027_editions_in_paris_time_late_in_2026():
    load_on(datetime(2026, 11, 28, 12, tzinfo=UTC))
    events = {event.slug: event for event in Event.objects.all()}
    assert set(events) == {
        "printemps-de-l-europe-2027",
        "week-end-franco-allemand-2027",
        "fenetres-sur-courts-2027",
    }
    spring = events["printemps-de-l-europe-2027"]
    assert spring.start == datetime(2027, 5, 3, 10, tzinfo=PARIS)
    assert spring.end == datetime(2027, 5, 30, 18, tzinfo=PARIS)
    assert spring.title_en == "Printemps de l'Europe 2027"
    assert list(spring.programmes.values_list("slug", flat=True)) == [
        "service-volontaire-europeen"
    ]
    assert spring.organiser is None
    weekend = events["week-end-franco-allemand-2027"]
    assert weekend.start == datetime(2027, 6, 12, 10, tzinfo=PARIS)
    assert weekend.end == datetime(2027, 6, 13, 19, tzinfo=PARIS)
    assert weekend.title_en == "Franco-German weekend 2027"
    assert weekend.organiser.slug == "maison-rhenanie-palatinat"
    assert list(weekend.towns.values_list("slug", flat=True)) == ["mainz"]
    assert list(weekend.programmes.values_list("slug", flat=True)) == [
        "volontariat-franco-allemand"
    ]
    festival = events["fenetres-sur-courts-2027"]
    assert festival.start == datetime(2027, 11, 16, 18, tzinfo=PARIS)
    assert festival.end == datetime(2027, 11, 20, 23, tzinfo=PARIS)
    assert festival.title_fr == "Festival Fenêtres sur courts 2027"
    assert festival.organiser.slug == "plan-9"
    assert "foreign film makers" in festival.description_en


def test_each_event_is_its_next_edition_whatever_the_month():
    # 20 June 2029: May's and June's editions are over, November's to come.
    load_on(datetime(2029, 6, 20, 12, tzinfo=UTC))
    assert set(Event.objects.values_list("slug", flat=True)) == {
        "printemps-de-l-europe-2030",
        "week-end-franco-allemand-2030",
        "fenetres-sur-courts-2029",
    }
    weekend = edition(Event, "week-end-franco-allemand")
    assert weekend.start == datetime(2030, 6, 8, 10, tzinfo=PARIS)


def test_loading_twice_creates_nothing_new():
    load()
    assert load_programmes_again() == {}
    assert Programme.objects.count() == 4
    assert Event.objects.count() == 3


def test_loading_again_keeps_staff_edits():
    load()
    Programme.objects.filter(slug="volontariat-franco-allemand").update(
        name_en="Franco-German volunteering", is_published=False
    )
    reciprocity = programme("jeunesse-volontariat-reciprocite")
    reciprocity.partner_towns.remove(Town.objects.get(slug="reggio-emilia"))
    festival = edition(Event, "fenetres-sur-courts")
    Event.objects.filter(pk=festival.pk).update(venue_en="Cinema")
    load()
    edited = programme("volontariat-franco-allemand")
    assert edited.name_en == "Franco-German volunteering"
    assert not edited.is_published
    assert list(reciprocity.partner_towns.values_list("slug", flat=True)) == [
        "cluj-napoca"
    ]
    assert Event.objects.get(pk=festival.pk).venue_en == "Cinema"


def test_deleted_item_is_loaded_again_but_nothing_else():
    load()
    edition(Event, "week-end-franco-allemand").delete()
    assert load_programmes_again() == {"programmes.Event": 1}
    assert edition(Event, "week-end-franco-allemand").towns.get().slug == "mainz"
