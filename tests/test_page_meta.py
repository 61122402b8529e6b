import re

import pytest
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def content(initial_data):
    return initial_data


def meta(body, name):
    match = re.search(
        rf'<meta (?:property|name)="{re.escape(name)}" content="([^"]*)"', body
    )
    return match.group(1) if match else None


def test_every_page_has_open_graph_and_twitter_card_tags(client):
    body = client.get("/en/").content.decode()
    assert meta(body, "og:title") == "Dijon international"
    assert meta(body, "og:url") == "http://testserver/en/"
    assert meta(body, "og:locale") == "en_GB"
    assert meta(body, "og:image") == "http://testserver/static/img/og-image-en.png"
    assert meta(body, "twitter:card") == "summary_large_image"


def test_town_page_shares_the_towns_name_and_title(client):
    body = client.get("/fr/villes-jumelles/mainz/").content.decode()
    assert meta(body, "og:title") == "Mayence, ville jumelle de Dijon"
    assert meta(body, "og:description") == (
        "Capitale de la Rhénanie-Palatinat · Allemagne"
    )
    assert meta(body, "og:type") == "article"
    assert meta(body, "og:locale") == "fr_FR"


def test_pages_link_their_icons_and_the_icons_exist(client):
    body = client.get("/fr/").content.decode()
    for name in ("favicon.svg", "apple-touch-icon.png", "og-image-fr.png"):
        assert finders.find(f"img/{name}")
    assert 'rel="icon" href="/static/img/favicon.svg"' in body
    assert 'rel="apple-touch-icon" href="/static/img/apple-touch-icon.png"' in body


def test_pages_name_their_canonical_url(client):
    body = client.get("/en/twin-towns/?utm_source=x").content.decode()
    assert '<link rel="canonical" href="http://testserver/en/twin-towns/">' in body


def test_templates_carry_no_inline_style_or_script(client):
    for url in ("/fr/", "/en/twin-towns/", "/en/twin-towns/york/"):
        body = client.get(url).content.decode()
        assert "style=" not in body
        assert "<script" not in body
        assert not re.search(r"\son[a-z]+=", body)


def test_french_pages_share_the_french_card(client):
    body = client.get("/fr/").content.decode()
    assert meta(body, "og:image") == "http://testserver/static/img/og-image-fr.png"
    assert finders.find("img/og-image-en.png")


def test_pages_share_their_own_title_and_description(client):
    body = client.get("/en/twin-towns/").content.decode()
    assert meta(body, "og:title") == "Twin towns"
    assert meta(body, "og:description") == meta(body, "description")
    assert meta(body, "og:description").startswith("Dijon's ")


def test_no_two_public_pages_of_a_language_share_an_og_title(client):
    from tests.public_pages import public_page_urls

    titles = {}
    # The admin's own pages (password reset) have the admin's layout, no card.
    urls = {url.split("#")[0] for url in public_page_urls() if "/admin/" not in url}
    for url in urls:
        response = client.get(url)
        if response.status_code == 200 and "text/html" in response["Content-Type"]:
            title = meta(response.content.decode(), "og:title")
            titles.setdefault((url[:4], title), []).append(url)
    shared = {title: urls for title, urls in titles.items() if len(urls) > 1}
    assert shared == {}
