"""The texts of the site's own pages are data, edited in the admin (PageText)."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client

from dijon_site.models import PageText
from tests.admin_form import admin_form_data

pytestmark = pytest.mark.django_db

KEYS = [
    "home-kicker",
    "home-towns-button",
    "home-map-button",
    "programme-list-intro",
    "event-list-intro",
    "reception-list-intro",
]


def test_the_loader_seeds_every_page_text_in_both_languages(initial_data):
    for key in KEYS:
        text = PageText.objects.get(key=key)
        assert text.text_fr and text.text_en


def test_the_seeded_intro_is_today_s_wording(client, initial_data):
    body = client.get("/en/youth-mobility/").content.decode()
    assert "Generations of globally minded people" in body


def test_an_edited_intro_shows_at_once_in_each_language(client, initial_data):
    client.get("/fr/")  # stored in the page cache
    PageText.objects.filter(key="home-kicker").update(
        text_fr="Dijon, ville ouverte", text_en="Dijon, an open city"
    )
    text = PageText.objects.get(key="home-kicker")
    text.save()  # as the admin does: the cached pages go stale
    assert "Dijon, ville ouverte" in client.get("/fr/").content.decode()
    assert "Dijon, an open city" in client.get("/en/").content.decode()


def test_an_english_page_shows_a_french_only_text_marked_french(client, initial_data):
    PageText.objects.filter(key="home-kicker").update(text_en="")
    PageText.objects.get(key="home-kicker").save()
    body = client.get("/en/").content.decode()
    assert 'lang="fr">Ville de Dijon · Direction des relations internationales' in body


@pytest.fixture
def editor(initial_data):
    user = get_user_model().objects.create_user(
        "editor", "editor@example.org", "a-long-test-password", is_staff=True
    )
    user.groups.add(Group.objects.get(name="Content editors"))
    client = Client()
    client.force_login(user)
    return client


def test_content_editors_edit_page_texts(editor):
    text = PageText.objects.get(key="event-list-intro")
    response = editor.get(f"/en/admin/dijon_site/pagetext/{text.pk}/change/")
    assert response.status_code == 200
    assert 'name="text_fr"' in response.content.decode()


def test_the_hero_buttons_read_today_s_wording(client, initial_data):
    body = client.get("/fr/").content.decode()
    assert ">Découvrir les villes jumelles</a>" in body
    assert ">Voir la carte</a>" in body


def test_a_staff_edit_of_a_hero_button_replaces_the_cached_home_page(client, editor):
    assert "Voir la carte" in client.get("/fr/").content.decode()  # now cached
    assert "See the map" in client.get("/en/").content.decode()
    text = PageText.objects.get(key="home-map-button")
    url = f"/fr/admin/dijon_site/pagetext/{text.pk}/change/"
    data = admin_form_data(editor.get(url))
    data.update(text_fr="La carte des jumelages", text_en="The twinning map")
    assert editor.post(url, data).status_code == 302
    assert ">La carte des jumelages</a>" in client.get("/fr/").content.decode()
    assert ">The twinning map</a>" in client.get("/en/").content.decode()
