"""Layout rules checkable without a browser (issue 16); the browser checks are
in tests/browser/test_layout.py."""

import pytest

from twinning.models import Town

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def content(initial_data):
    return initial_data


def legend(client, url):
    body = client.get(url).content.decode()
    return body[body.index('<ul class="map-legend">') :].split("</ul>")[0]


@pytest.mark.parametrize("url", ["/fr/", "/fr/villes-jumelles/"])
def test_legend_leaves_out_statuses_no_town_has(client, url):
    assert not Town.objects.filter(status="suspended").exists()
    assert "Relations suspendues" not in legend(client, url)
    assert "Bientôt jumelée" in legend(client, url)


def test_legend_shows_a_status_once_a_town_has_it(client):
    Town.objects.filter(slug="volgograd").update(status="suspended")
    assert "Relations suspendues" in legend(client, "/fr/")


def test_the_menu_folds_into_a_details_element_for_phones(client):
    body = client.get("/fr/").content.decode()
    assert '<details class="phone-menu">' in body
    assert "<summary>Menu</summary>" in body


def test_the_wide_menu_leaves_home_to_the_brand_link(client):
    body = client.get("/fr/").content.decode()
    wide = body[body.index('<nav class="main-nav"') :].split("</nav>")[0]
    assert 'href="/fr/villes-jumelles/"' in wide
    assert ">Accueil<" not in wide
