from xml.etree import ElementTree

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.utils import translation

from dijon_site.sitemaps import SITEMAPS, I18nSitemap
from twinning.models import Town

pytestmark = pytest.mark.django_db

NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "x": "http://www.w3.org/1999/xhtml",
}


@pytest.fixture(autouse=True)
def content(initial_data):
    return initial_data


def sitemap(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    return ElementTree.fromstring(response.content)


def locations(client):
    return [loc.text for loc in sitemap(client).iterfind("s:url/s:loc", NS)]


def test_sitemap_lists_home_and_town_list_in_both_languages(client):
    urls = locations(client)
    for path in ("/fr/", "/en/", "/fr/villes-jumelles/", "/en/twin-towns/"):
        assert f"http://testserver{path}" in urls


def test_sitemap_lists_every_published_town_in_both_languages(client):
    urls = locations(client)
    towns = list(Town.objects.published())
    assert {"york", "mainz", "dakar"} <= {town.slug for town in towns}
    for town in towns:
        assert f"http://testserver/fr/villes-jumelles/{town.slug}/" in urls
        assert f"http://testserver/en/twin-towns/{town.slug}/" in urls


def test_sitemap_leaves_out_unpublished_towns(client):
    assert len([url for url in locations(client) if "dakar" in url]) == 2
    Town.objects.filter(slug="dakar").update(is_published=False)
    assert not [url for url in locations(client) if "dakar" in url]


def alternates(url):
    return {
        link.get("hreflang"): link.get("href") for link in url.iterfind("x:link", NS)
    }


def test_sitemap_gives_hreflang_alternates_and_x_default(client):
    york = [
        url
        for url in sitemap(client).iterfind("s:url", NS)
        if url.find("s:loc", NS).text == "http://testserver/en/twin-towns/york/"
    ]
    assert len(york) == 1
    assert alternates(york[0]) == {
        "fr": "http://testserver/fr/villes-jumelles/york/",
        "en": "http://testserver/en/twin-towns/york/",
        "x-default": "http://testserver/fr/villes-jumelles/york/",
    }


def test_x_default_is_the_french_page_in_every_section(client):
    """dijon_site/sitemaps.py fixes x-default by overriding Django's private
    `Sitemap._urls`: should an upgrade rename or reshape it, this fails."""
    assert "_urls" in vars(Sitemap), "Django's Sitemap._urls is gone"
    assert "_urls" in vars(I18nSitemap)
    assert settings.LANGUAGE_CODE == "fr"
    urls = list(sitemap(client).iterfind("s:url", NS))
    items = sum(len(section().items()) for section in SITEMAPS.values())
    assert all(section().items() for section in SITEMAPS.values())
    assert len(urls) == 2 * items > 0  # each page in French and English
    for url in urls:
        links = alternates(url)
        assert set(links) == {"fr", "en", "x-default"}, url.find("s:loc", NS).text
        assert links["fr"].startswith("http://testserver/fr/")
        assert links["en"].startswith("http://testserver/en/")
        assert links["x-default"] == links["fr"]
        assert url.find("s:loc", NS).text in (links["fr"], links["en"])


def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()


def test_robots_txt_does_not_reveal_the_admin(client, settings):
    body = client.get("/robots.txt").content.decode()
    assert "admin" not in body
    assert settings.ADMIN_URL.strip("/") not in body


def test_sitemap_lists_every_public_list_page(client):
    urls = locations(client)
    for path in (
        "/en/international-action/",
        "/en/international-action/partnerships/",
        "/en/international-action/networks/",
        "/en/contact/",
        "/en/youth-mobility/",
        "/en/events/",
        "/en/events/archive/",
        "/en/student-receptions/",
    ):
        assert f"http://testserver{path}" in urls


@pytest.mark.parametrize(
    "model_path",
    [
        "twinning.Partnership",
        "twinning.Organisation",
        "programmes.Programme",
        "programmes.Event",
        "students.Reception",
    ],
)
def test_sitemap_lists_every_published_item_in_both_languages(client, model_path):
    model = apps.get_model(model_path)
    manager = model.objects
    items = manager.published() if hasattr(manager, "published") else manager.all()
    assert items.exists()
    urls = locations(client)
    for item in items:
        for language in ("fr", "en"):
            with translation.override(language):
                assert f"http://testserver{item.get_absolute_url()}" in urls
