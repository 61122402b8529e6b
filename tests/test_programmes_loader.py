from datetime import datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from programmes import seed
from programmes.models import Direction, Event, Programme
from twinning.models import Town

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")


def load():
    call_command("load_initial_data", stdout=StringIO())


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


def test_loads_the_2027_edition_of_each_event_in_paris_time():
    load()
    events = {event.slug: event for event in Event.objects.all()}
    assert set(events) == {
        "printemps-de-l-europe-2027",
        "week-end-franco-allemand-2027",
        "fenetres-sur-courts-2027",
    }
    assert events["printemps-de-l-europe-2027"].start.astimezone(PARIS).month == 5
    weekend = events["week-end-franco-allemand-2027"]
    assert weekend.start == datetime(2027, 6, 12, 10, tzinfo=PARIS)
    assert weekend.organiser.slug == "maison-rhenanie-palatinat"
    assert list(weekend.towns.values_list("slug", flat=True)) == ["mainz"]
    festival = events["fenetres-sur-courts-2027"]
    assert festival.organiser.slug == "plan-9"
    assert "foreign film makers" in festival.description_en
    assert all(event.end > event.start for event in events.values())


def test_loading_twice_creates_nothing_new():
    load()
    assert seed.load() == {}
    assert Programme.objects.count() == 4
    assert Event.objects.count() == 3


def test_loading_again_keeps_staff_edits():
    load()
    Programme.objects.filter(slug="volontariat-franco-allemand").update(
        name_en="Franco-German volunteering", is_published=False
    )
    reciprocity = programme("jeunesse-volontariat-reciprocite")
    reciprocity.partner_towns.remove(Town.objects.get(slug="reggio-emilia"))
    Event.objects.filter(slug="fenetres-sur-courts-2027").update(venue_en="Cinema")
    load()
    edited = programme("volontariat-franco-allemand")
    assert edited.name_en == "Franco-German volunteering"
    assert not edited.is_published
    assert list(reciprocity.partner_towns.values_list("slug", flat=True)) == [
        "cluj-napoca"
    ]
    assert Event.objects.get(slug="fenetres-sur-courts-2027").venue_en == "Cinema"


def test_deleted_item_is_loaded_again_but_nothing_else():
    load()
    Event.objects.filter(slug="week-end-franco-allemand-2027").delete()
    assert seed.load() == {"programmes.Event": 1}
