from xml.etree import ElementTree

import pytest
from django.apps import apps
from django.utils import translation

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
    for town in Town.objects.published():
        assert f"http://testserver/fr/villes-jumelles/{town.slug}/" in urls
        assert f"http://testserver/en/twin-towns/{town.slug}/" in urls


def test_sitemap_leaves_out_unpublished_towns(client):
    Town.objects.filter(slug="dakar").update(is_published=False)
    assert not [url for url in locations(client) if "dakar" in url]


def test_sitemap_gives_hreflang_alternates_and_x_default(client):
    for url in sitemap(client).iterfind("s:url", NS):
        if url.find("s:loc", NS).text == "http://testserver/en/twin-towns/york/":
            links = {
                link.get("hreflang"): link.get("href")
                for link in url.iterfind("x:link", NS)
            }
            break
    assert links == {
        "fr": "http://testserver/fr/villes-jumelles/york/",
        "en": "http://testserver/en/twin-towns/york/",
        "x-default": "http://testserver/fr/villes-jumelles/york/",
    }


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
