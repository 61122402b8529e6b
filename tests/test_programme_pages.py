import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from programmes.models import Direction, Event, Programme
from tests.content import edition
from twinning.models import Town

pytestmark = pytest.mark.django_db

LIST_EN = "/en/youth-mobility/"
LIST_FR = "/fr/mobilite-des-jeunes/"
RECIPROCITY_EN = "/en/youth-mobility/jeunesse-volontariat-reciprocite/"
RECIPROCITY_FR = "/fr/mobilite-des-jeunes/jeunesse-volontariat-reciprocite/"


@pytest.fixture(autouse=True)
def content(initial_data):
    return initial_data


def body(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status
    return response.content.decode()


def test_list_answers_going_abroad_and_coming_to_dijon_in_english(client):
    page = body(client, LIST_EN)
    assert "<h1>Youth mobility: go abroad, come to Dijon</h1>" in page
    assert "Going abroad from Dijon" in page
    assert "Coming to Dijon from abroad" in page
    assert "Franco-German volunteer programme" in page
    assert "Six young people a year" in page


def test_list_in_french(client):
    page = body(client, LIST_FR)
    assert "Partir de Dijon à l&#x27;étranger" in page
    assert "Venir de l&#x27;étranger à Dijon" in page
    assert "Jeunesse, volontariat et réciprocité" in page
    assert "Volontariat franco-allemand" in page


def test_going_abroad_filter_leaves_out_incoming_programmes(client):
    page = body(client, LIST_EN + "?direction=outgoing")
    assert "International travel workshop" in page
    assert "European Voluntary Service" in page
    assert "Franco-German volunteer programme" not in page
    assert "Coming to Dijon from abroad" not in page


def test_coming_to_dijon_filter_leaves_out_outgoing_programmes(client):
    page = body(client, LIST_FR + "?direction=incoming")
    assert "Volontariat franco-allemand" in page
    assert "Service volontaire européen" in page
    assert "Atelier des voyages internationaux" not in page


def test_filters_are_plain_links_marking_the_current_one(client):
    page = body(client, LIST_EN + "?direction=incoming")
    assert (
        '<a href="/en/youth-mobility/?direction=incoming" aria-current="page">' in page
    )
    assert '<a href="/en/youth-mobility/?direction=outgoing">' in page


@pytest.mark.parametrize(
    "value", ["sideways", "both", "OUTGOING", "%3Cscript%3E", "x" * 500, "%00"]
)
def test_unknown_direction_is_a_translated_400_with_no_programme(client, value):
    page = body(client, f"{LIST_FR}?direction={value}", status=400)
    assert "Sens de mobilité inconnu" in page
    assert "Volontariat franco-allemand" not in page


def test_unpublished_programme_is_hidden(client):
    Programme.objects.filter(slug="volontariat-franco-allemand").update(
        is_published=False
    )
    assert "Franco-German volunteer" not in body(client, LIST_EN)
    body(client, "/en/youth-mobility/volontariat-franco-allemand/", status=404)
    assert "Franco-German volunteer" not in body(client, "/en/twin-towns/mainz/")


def test_unknown_programme_is_a_404(client):
    body(client, "/en/youth-mobility/erasmus-on-mars/", status=404)


def test_programme_page_in_english_links_its_partner_towns(client):
    page = body(client, RECIPROCITY_EN)
    assert "<h1>Youth, Volunteering and Reciprocity</h1>" in page
    assert '<a href="/en/twin-towns/cluj-napoca/">Cluj-Napoca</a>' in page
    assert '<a href="/en/twin-towns/reggio-emilia/">Reggio Emilia</a>' in page
    assert "Ministry of Foreign Affairs and International Development" in page
    assert "From 18 to 25 years old" in page
    assert "RI@ville-dijon.fr" in page


def test_programme_page_in_french(client):
    page = body(client, RECIPROCITY_FR)
    assert "<h1>Jeunesse, volontariat et réciprocité</h1>" in page
    assert (
        '<a href="/fr/villes-jumelles/reggio-emilia/">Reggio d&#x27;Émilie</a>' in page
    )
    assert "Six jeunes par an" in page
    assert "De 18 à 25 ans" in page


def test_programme_page_links_the_organisations_website(client):
    programme = Programme.objects.get(slug="volontariat-franco-allemand")
    organisation = programme.partner_organisations.get()
    organisation.website = "https://www.maison-rhenanie-palatinat.org/"
    organisation.save()
    page = body(client, "/en/youth-mobility/volontariat-franco-allemand/")
    assert 'href="https://www.maison-rhenanie-palatinat.org/"' in page


def test_programme_page_hides_unpublished_partner_town(client):
    Town.objects.filter(slug="reggio-emilia").update(is_published=False)
    page = body(client, RECIPROCITY_EN)
    assert "/en/twin-towns/reggio-emilia/" not in page
    assert "/en/twin-towns/cluj-napoca/" in page


def test_programme_page_lists_its_upcoming_events(client):
    weekend = edition(Event, "week-end-franco-allemand")
    page = body(client, "/en/youth-mobility/volontariat-franco-allemand/")
    assert f'href="/en/events/{weekend.slug}/"' in page


def test_twin_town_page_lists_its_programmes_and_events_in_english(client):
    weekend = edition(Event, "week-end-franco-allemand")
    page = body(client, "/en/twin-towns/mainz/")
    assert "Youth mobility with Mainz" in page
    assert 'href="/en/youth-mobility/volontariat-franco-allemand/"' in page
    assert f'href="/en/events/{weekend.slug}/"' in page
    assert weekend.title_en in page
    assert weekend.title_en.startswith("Franco-German weekend 20")


def test_twin_town_page_lists_its_programmes_in_french(client):
    page = body(client, "/fr/villes-jumelles/cluj-napoca/")
    assert "Mobilité des jeunes avec Cluj-Napoca" in page
    assert 'href="/fr/mobilite-des-jeunes/jeunesse-volontariat-reciprocite/"' in page


def test_twin_town_without_programme_has_no_empty_section(client):
    page = body(client, "/en/twin-towns/york/")
    assert "Youth mobility with" not in page
    assert "Upcoming events" not in page


def test_main_menu_links_programmes_and_events_in_each_language(client):
    english = body(client, "/en/")
    assert '<a href="/en/youth-mobility/">Youth mobility</a>' in english
    assert '<a href="/en/events/">Events</a>' in english
    french = body(client, LIST_FR)
    assert (
        '<a href="/fr/mobilite-des-jeunes/" aria-current="true">Mobilité des jeunes'
        in french
    )
    assert '<a href="/fr/evenements/">Événements</a>' in french


def test_language_switcher_keeps_the_programme_page(client):
    page = body(client, RECIPROCITY_FR)
    assert f'<a href="{RECIPROCITY_EN}" hreflang="en" lang="en">' in page


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return len(queries)


def add_programmes(count):
    towns = list(Town.objects.all())
    for number in range(count):
        programme = Programme.objects.create(
            slug=f"extra-{number}",
            name_fr=f"Programme {number}",
            direction=Direction.BOTH,
            is_published=True,
        )
        programme.partner_towns.set(towns)


@pytest.mark.parametrize(
    "url",
    [LIST_EN, RECIPROCITY_EN, "/en/twin-towns/cluj-napoca/"],
)
def test_pages_run_a_fixed_number_of_queries(client, url):
    before = count_queries(client, url)
    add_programmes(5)
    assert count_queries(client, url) == before


def test_programme_age_range_must_not_be_upside_down():
    programme = Programme(
        slug="upside-down",
        name_fr="À l'envers",
        direction=Direction.BOTH,
        minimum_age=30,
        maximum_age=18,
    )
    with pytest.raises(ValidationError):
        programme.full_clean()
