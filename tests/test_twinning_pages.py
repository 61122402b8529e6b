import pytest

from twinning.models import Town

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def content(initial_data):
    return initial_data


def test_root_redirects_to_the_visitors_language(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert response.status_code == 302
    assert response["Location"] == "/en/"


def test_root_redirects_to_french_by_default(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="de")
    assert response["Location"] == "/fr/"


@pytest.mark.parametrize(
    ("url", "text"),
    [
        ("/fr/", "Une capitale régionale au rayonnement international"),
        ("/en/", "A regional capital with an international standing"),
    ],
)
def test_home_page_presents_dijon_in_each_language(client, url, text):
    response = client.get(url)
    assert response.status_code == 200
    assert text in response.content.decode()


def test_home_page_shows_dijon_facts_from_the_database(client):
    body = client.get("/en/").content.decode()
    assert "252,000" in body
    assert "Climates of Burgundy&#x27;s Vineyards" in body


def test_html_lang_matches_the_language(client):
    assert '<html lang="fr">' in client.get("/fr/").content.decode()
    assert '<html lang="en">' in client.get("/en/").content.decode()


def test_town_list_groups_towns_by_region(client):
    body = client.get("/en/twin-towns/").content.decode()
    for region in (
        "The Anglo-Saxon world",
        "From Europe to Asia",
        "From the Mediterranean basin to Africa",
    ):
        assert region in body
    assert body.count('href="/en/twin-towns/york/"') >= 2  # region and timeline


def test_town_list_timeline_runs_from_1953(client):
    body = client.get("/fr/villes-jumelles/").content.decode()
    timeline = body[body.index("Chronologie des jumelages") :]
    assert timeline.index("York") < timeline.index("Dallas") < timeline.index("Opole")
    assert timeline.index("Prague") < timeline.index("Dakar")


def test_town_page_in_french(client):
    body = client.get("/fr/villes-jumelles/mainz/").content.decode()
    assert "<h1>Mayence</h1>" in body
    assert "Capitale de la Rhénanie-Palatinat" in body
    assert "200\xa0000 habitants" in body
    assert "depuis 1958" in body


def test_town_page_in_english(client):
    body = client.get("/en/twin-towns/mainz/").content.decode()
    assert "<h1>Mainz</h1>" in body
    assert "200,000 inhabitants" in body


def test_population_in_millions_follows_the_language(client):
    assert "1,3 million" in client.get("/fr/villes-jumelles/dallas/").content.decode()
    assert "1.3 million" in client.get("/en/twin-towns/dallas/").content.decode()


def test_soon_to_be_twin_town_says_so(client):
    body = client.get("/en/twin-towns/dakar/").content.decode()
    assert "Soon to be twinned" in body


def test_suspended_town_shows_its_public_note(client):
    Town.objects.filter(slug="volgograd").update(
        status=Town.Status.SUSPENDED, status_note_en="Relations are suspended."
    )
    body = client.get("/en/twin-towns/volgograd/").content.decode()
    assert "Relations suspended" in body
    assert "Relations are suspended." in body


def test_english_falls_back_to_french_when_missing(client):
    Town.objects.filter(slug="york").update(title_en="", name_en="")
    body = client.get("/en/twin-towns/york/").content.decode()
    assert "<h1>York</h1>" in body
    assert "Capitale du Yorkshire" in body


def test_unpublished_town_is_hidden(client):
    Town.objects.filter(slug="york").update(is_published=False)
    assert client.get("/en/twin-towns/york/").status_code == 404
    assert "/en/twin-towns/york/" not in client.get("/en/twin-towns/").content.decode()


def test_unknown_town_is_a_translated_404(client):
    response = client.get("/fr/villes-jumelles/atlantis/")
    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()


def test_unknown_language_is_a_404(client):
    assert client.get("/de/").status_code == 404
    assert client.get("/de/twin-towns/").status_code == 404


def test_hostile_slug_is_a_404_not_an_error(client):
    response = client.get("/en/twin-towns/%3Cscript%3E/")
    assert response.status_code == 404


def test_robots_txt_answers_head_requests(client):
    assert client.head("/robots.txt").status_code == 200
