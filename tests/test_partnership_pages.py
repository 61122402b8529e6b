import io
import re

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image

from twinning.models import (
    NetworkMembership,
    Organisation,
    Partnership,
    Town,
)

pytestmark = pytest.mark.django_db

LIST_EN = "/en/international-action/partnerships/"
LIST_FR = "/fr/action-internationale/partenariats/"
FRIENDSHIP_EN = LIST_EN + "amitie-franco-allemande-mayence/"
FRIENDSHIP_FR = LIST_FR + "amitie-franco-allemande-mayence/"


@pytest.fixture(autouse=True)
def content(initial_data):
    return initial_data


def page(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


def card_titles(body):
    """Titles of the partnership cards listed on a page."""
    return re.findall(r'<h3 class="card__title"><a href="[^"]+">([^<]+)</a>', body)


def query_count(client, url):
    cache.clear()  # measure the page being built, not what the cache remembers
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def add_partnerships(number):
    """More published partnerships, each with towns and partners, for query counts."""
    towns = list(Town.objects.all()[:3])
    partners = list(Organisation.objects.all()[:3])
    for index in range(number):
        extra = Partnership.objects.create(
            slug=f"extra-{index}",
            title_fr=f"Projet {index}",
            summary_fr="Résumé",
            domain="culture",
            start_year=2020,
            is_published=True,
        )
        extra.towns.set(towns)
        extra.organisations.set(partners)


# International action page


def test_international_action_page_in_french(client):
    body = page(client, "/fr/action-internationale/")
    assert "<h1>Une ville attractive, ouverte sur le monde et solidaire</h1>" in body
    assert "Trois axes" in body
    assert "La coopération et les partenariats" in body
    assert "Agir à l&#x27;international" in body
    assert "quatre domaines stratégiques" in body
    assert "Sladana Zivkovic" in body
    assert "« citoyens du monde »" in body


def test_international_action_page_in_english(client):
    body = page(client, "/en/international-action/")
    assert "A taste for the world" in body
    assert "Increasing the international mobility of young people" in body
    assert "Acting internationally" in body
    assert "Generations of globally minded people" in body
    assert "Deputy Mayor of International Relations" in body
    assert "“citizens of the world”" in body


def test_each_domain_leads_to_its_partnerships(client):
    body = page(client, "/en/international-action/")
    link = re.search(r'href="([^"]*\?domain=solidarity)"', body).group(1)
    listed = card_titles(page(client, link))
    assert listed == ["Bourgogne Coopération, acting for international solidarity"]


def test_international_action_page_counts_published_partnerships(client):
    body = page(client, "/en/international-action/")
    assert "See the 2 partnerships in “Economic development”" in body
    vitagora = Partnership.objects.get(slug="vitagora")
    vitagora.is_published = False
    vitagora.save()  # as the admin does: the cached page is dropped
    body = page(client, "/en/international-action/")
    assert "See the partnership in “Economic development”" in body


# Partnership list and filters


def test_partnership_list_in_both_languages(client):
    english = card_titles(page(client, LIST_EN))
    french = card_titles(page(client, LIST_FR))
    assert len(english) == len(french) == Partnership.objects.count()
    assert "Climate Commitment Charter" in english
    assert "Charte d&#x27;engagement pour le climat" in french


def test_list_filtered_by_domain(client):
    listed = card_titles(page(client, LIST_EN + "?domain=economy"))
    assert sorted(listed) == [
        "Vitagora, the Taste-Health-Nutrition cluster",
        "Welcoming delegations of company directors",
    ]


def test_list_filtered_by_town(client):
    body = page(client, LIST_FR + "?town=mainz")
    assert card_titles(body) == ["L&#x27;amitié franco-allemande avec Mayence"]
    assert "Ville jumelle : Mayence." in body


def test_list_filtered_by_domain_and_town(client):
    assert card_titles(page(client, LIST_EN + "?domain=attractiveness&town=mainz"))
    body = page(client, LIST_EN + "?domain=culture&town=mainz")
    assert card_titles(body) == []
    assert "No partnership matches these filters yet." in body


def test_filter_state_is_kept_in_the_form_and_the_language_switcher(client):
    body = page(client, LIST_EN + "?domain=economy&town=mainz")
    assert '<option value="economy" selected>' in body
    assert '<option value="mainz" selected>' in body
    assert 'href="/fr/action-internationale/partenariats/?domain=economy&amp;' in body


def test_filter_form_works_without_javascript(client):
    body = page(client, LIST_EN)
    assert re.search(r'<form class="filter-form" method="get" action="' + LIST_EN, body)
    assert '<label for="id_domain">Domain</label>' in body
    assert '<label for="id_town">Twin town</label>' in body
    assert "<script" not in body


def test_filter_links_by_domain(client):
    body = page(client, LIST_EN + "?town=mainz")
    assert f'href="{LIST_EN}?domain=culture&amp;town=mainz"' in body


def test_town_filter_offers_only_towns_with_partnerships(client):
    body = page(client, LIST_EN)
    assert '<option value="mainz">Mainz</option>' in body
    assert 'value="york"' not in body


def test_a_town_without_partnerships_gives_an_empty_result(client):
    body = page(client, LIST_EN + "?town=york")
    assert card_titles(body) == []
    assert '<option value="york" selected>York</option>' in body
    assert "No partnership matches these filters yet." in body


@pytest.mark.parametrize(
    "query",
    [
        "?domain=astrology",
        "?town=atlantis",
        "?domain=economy&town=atlantis",
        "?domain=" + "x" * 5000,
        "?town=" + "é" * 3000,
        "?domain=%00",
        "?town=%00",
        "?domain=%3Cscript%3E",
    ],
)
def test_unknown_filter_values_give_a_400_with_a_message(client, query):
    body = page(client, LIST_EN + query, status=400)
    assert card_titles(body) == []
    assert "This filter is not recognised" in body
    assert "<script>" not in body


def test_unknown_filter_message_is_translated_and_tied_to_its_field(client):
    body = page(client, LIST_FR + "?domain=astrologie", status=400)
    assert "Ce domaine n&#x27;existe pas." in body
    assert 'aria-describedby="id_domain-error"' in body
    assert 'id="id_domain-error"' in body


def test_an_unpublished_town_is_an_unknown_filter(client):
    Town.objects.filter(slug="mainz").update(is_published=False)
    page(client, LIST_EN + "?town=mainz", status=400)


@pytest.mark.parametrize("query", ["?domain[]=economy", "?page=abc"])
def test_parameters_that_are_not_filters_are_ignored(client, query):
    everything = card_titles(page(client, LIST_EN))
    assert len(everything) == Partnership.objects.published().count() > 1
    assert card_titles(page(client, LIST_EN + query)) == everything


def test_a_repeated_filter_keeps_its_last_value(client):
    """As Django's QueryDict.get does; a form never sends a filter twice."""
    culture = card_titles(page(client, LIST_EN + "?domain=culture"))
    economy = card_titles(page(client, LIST_EN + "?domain=economy"))
    assert culture and culture != economy
    body = page(client, LIST_EN + "?domain=economy&domain=culture")
    assert card_titles(body) == culture


def test_unrelated_parameters_are_ignored(client):
    listed = card_titles(page(client, LIST_EN + "?domain[]=x&foo=bar"))
    assert len(listed) == Partnership.objects.count()


def test_list_query_count_does_not_grow_with_the_data(client):
    before = query_count(client, LIST_EN)
    add_partnerships(5)
    assert query_count(client, LIST_EN) == before
    assert query_count(client, LIST_EN + "?town=mainz") == before


# Partnership page


def test_partnership_page_in_english_links_its_town_and_partner(client):
    body = page(client, FRIENDSHIP_EN)
    assert "<h1>Franco-German friendship with Mainz</h1>" in body
    assert 'href="/en/twin-towns/mainz/">Mainz</a>' in body
    assert (
        'href="/en/international-action/partners/maison-rhenanie-palatinat/">'
        "La Maison de Rhénanie-Palatinat</a>"
    ) in body
    assert "Since 1958" in body
    assert f'href="{LIST_EN}?domain=attractiveness"' in body


def test_partnership_page_in_french(client):
    body = page(client, FRIENDSHIP_FR)
    assert "<h1>L&#x27;amitié franco-allemande avec Mayence</h1>" in body
    assert 'href="/fr/villes-jumelles/mainz/">Mayence</a>' in body
    assert "Depuis 1958" in body
    assert "Attractivité et rayonnement international" in body


def test_partnership_page_shows_its_month_and_year(client):
    body = page(client, LIST_FR + "charte-engagement-climat-cop21/")
    assert "Décembre 2015" in body


def unpublish(instance):
    """As staff do, so the stored pages are refreshed."""
    instance.is_published = False
    instance.save()


def test_partnership_page_does_not_link_an_unpublished_town(client):
    assert 'href="/en/twin-towns/mainz/"' in page(client, FRIENDSHIP_EN)
    unpublish(Town.objects.get(slug="mainz"))
    body = page(client, FRIENDSHIP_EN)
    assert "/en/twin-towns/mainz/" not in body
    assert "Franco-German friendship with Mainz" in body


def test_unknown_partnership_is_a_404(client):
    page(client, LIST_EN + "atlantis/", status=404)


def test_partnership_page_query_count_does_not_grow(client):
    url = LIST_EN + "extra-0/"
    add_partnerships(1)
    before = query_count(client, url)
    extra = Partnership.objects.get(slug="extra-0")
    extra.towns.set(Town.objects.all())
    extra.organisations.set(Organisation.objects.all())
    assert query_count(client, url) == before


# Both sides of the relations


def test_town_page_lists_its_partnerships(client):
    body = page(client, "/en/twin-towns/mainz/")
    assert "Partnerships with Mainz" in body
    assert f'href="{FRIENDSHIP_EN}"' in body
    french = page(client, "/fr/villes-jumelles/mainz/")
    assert "Partenariats avec Mayence" in french
    assert f'href="{FRIENDSHIP_FR}"' in french


def test_town_without_partnerships_shows_no_partnership_section(client):
    assert "Partnerships with" not in page(client, "/en/twin-towns/york/")


def test_town_page_query_count_does_not_grow(client):
    before = query_count(client, "/en/twin-towns/mainz/")
    add_partnerships(5)
    Partnership.objects.filter(slug__startswith="extra").first().towns.add(
        Town.objects.get(slug="mainz")
    )
    for extra in Partnership.objects.filter(slug__startswith="extra"):
        extra.towns.add(Town.objects.get(slug="mainz"))
    assert query_count(client, "/en/twin-towns/mainz/") == before
    assert "Projet 4" in page(client, "/en/twin-towns/mainz/")


def test_partner_page_lists_its_partnerships_in_both_languages(client):
    body = page(client, "/en/international-action/partners/bourgogne-cooperation/")
    assert "<h1>Bourgogne Coopération</h1>" in body
    assert "110 local associations" in body
    assert "Bourgogne Coopération, acting for international solidarity" in body
    french = page(client, "/fr/action-internationale/partenaires/ritmo/")
    assert "Bourgogne Coopération, pour la solidarité internationale" in french


def test_unknown_partner_is_a_404(client):
    page(client, "/en/international-action/partners/atlantis/", status=404)


# Unpublished partnerships


def test_unpublished_partnership_is_hidden_everywhere(client):
    partner = "/en/international-action/partners/maison-rhenanie-palatinat/"
    listing = [
        LIST_EN,
        LIST_EN + "?domain=attractiveness",
        "/en/twin-towns/mainz/",
        partner,
    ]
    for url in listing:
        assert FRIENDSHIP_EN in page(client, url), url
    unpublish(Partnership.objects.get(slug="amitie-franco-allemande-mayence"))
    page(client, FRIENDSHIP_EN, status=404)
    page(client, FRIENDSHIP_FR, status=404)
    for url in listing:
        assert FRIENDSHIP_EN not in page(client, url), url


# Networks


def test_networks_page_in_both_languages(client):
    english = page(client, "/en/international-action/networks/")
    assert "The World Coalition against the Death Penalty" in english
    assert "Cities for Peace" in english
    assert "active member" in english
    assert 'href="https://www.eccar.info/"' in english
    french = page(client, "/fr/action-internationale/reseaux/")
    assert "Coalition mondiale contre la peine de mort" in french
    assert "Villes pour la paix" in french


def test_networks_page_lists_all_five(client):
    body = page(client, "/en/international-action/networks/")
    assert body.count('<li class="card" id="network-') == 5


def test_unpublished_network_is_hidden(client):
    networks = "/en/international-action/networks/"
    assert "Cities for Peace" in page(client, networks)
    unpublish(NetworkMembership.objects.get(slug="villes-pour-la-paix"))
    body = page(client, networks)
    assert "Cities for Peace" not in body
    assert body.count('<li class="card" id="network-') == 4


# Menu and home


def test_menu_leads_to_the_new_pages(client):
    body = page(client, "/fr/")
    assert 'href="/fr/action-internationale/">Action internationale</a>' in body
    assert f'href="{LIST_FR}">Partenariats</a>' in body
    assert 'href="/fr/contact/">Contact</a>' in body


def test_menu_marks_the_current_section_only(client):
    body = page(client, LIST_EN)
    assert f'href="{LIST_EN}" aria-current="true"' in body
    assert 'href="/en/twin-towns/" aria-current' not in body


def test_home_page_points_to_international_action(client):
    body = page(client, "/en/")
    assert '<h2 id="action-title">Dijon\'s international action</h2>' in body
    assert 'class="button" href="/en/international-action/"' in body


@pytest.mark.parametrize(
    ("english", "french"),
    [
        ("/en/international-action/", "/fr/action-internationale/"),
        (LIST_EN, LIST_FR),
        (FRIENDSHIP_EN, FRIENDSHIP_FR),
        ("/en/international-action/networks/", "/fr/action-internationale/reseaux/"),
        ("/en/contact/", "/fr/contact/"),
    ],
)
def test_language_switcher_keeps_the_page(client, english, french):
    assert f'<a href="{french}" hreflang="fr"' in page(client, english)
    assert f'<a href="{english}" hreflang="en"' in page(client, french)


def test_partnership_image_is_shown_with_its_alt_text(client):
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (138, 21, 56)).save(buffer, format="PNG")
    friendship = Partnership.objects.get(slug="amitie-franco-allemande-mayence")
    friendship.image = SimpleUploadedFile("mainz.png", buffer.getvalue())
    friendship.image_alt_en = "The June weekend in Dijon"
    friendship.image_alt_fr = "Le week-end de juin à Dijon"
    friendship.save()
    assert 'alt="The June weekend in Dijon"' in page(client, FRIENDSHIP_EN)
    assert 'alt="Le week-end de juin à Dijon"' in page(client, FRIENDSHIP_FR)


@pytest.mark.parametrize(
    "url",
    [
        "/en/international-action/",
        "/en/international-action/partners/maison-rhenanie-palatinat/",
        "/en/international-action/networks/",
    ],
)
def test_query_count_does_not_grow_with_the_data(client, url):
    before = query_count(client, url)
    add_partnerships(5)
    partner = Organisation.objects.get(slug="maison-rhenanie-palatinat")
    for extra in Partnership.objects.filter(slug__startswith="extra"):
        extra.organisations.add(partner)
    for index in range(3):
        NetworkMembership.objects.create(
            slug=f"network-{index}", name_fr=f"Réseau {index}"
        )
    assert query_count(client, url) == before
