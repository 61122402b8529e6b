import re

import pytest

from twinning import maps
from twinning.models import HomeCity, Town

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def content(initial_data):
    return initial_data


def svg_of(body, css_class):
    match = re.search(rf'<svg class="map {css_class}".*?</svg>', body, re.S)
    assert match, f"no {css_class} map"
    return match.group(0)


def published_towns():
    """The brochure's published towns: never an empty list to loop over."""
    towns = list(Town.objects.published())
    assert {"york", "mainz", "dakar", "dallas", "volgograd"} <= {t.slug for t in towns}
    return towns


def test_home_page_map_links_every_published_town(client):
    svg = svg_of(client.get("/en/").content.decode(), "map--network")
    towns = published_towns()
    assert svg.count("<a ") == len(towns)
    for town in towns:
        assert f'href="/en/twin-towns/{town.slug}/"' in svg


def test_town_list_map_links_every_published_town(client):
    svg = svg_of(client.get("/fr/villes-jumelles/").content.decode(), "map--network")
    assert svg.count("<a ") == len(published_towns())


def test_map_links_have_accessible_names_with_country_and_status(client):
    svg = svg_of(client.get("/en/").content.decode(), "map--network")
    assert 'aria-label="Mainz (Germany), twin town since 1958"' in svg
    assert 'aria-label="Dakar (Senegal), Soon to be twinned"' in svg


def test_map_names_are_translated(client):
    svg = svg_of(client.get("/fr/").content.decode(), "map--network")
    assert 'aria-label="Mayence (Allemagne), ville jumelle depuis 1958"' in svg
    assert "<title" in svg and "Carte des villes jumelles de Dijon" in svg


def test_map_has_a_title_and_a_description(client):
    svg = svg_of(client.get("/en/").content.decode(), "map--network")
    assert 'aria-labelledby="network-map-title"' in svg
    assert '<desc id="network-map-desc">' in svg


def test_unpublished_town_is_not_on_the_map(client):
    svg = svg_of(client.get("/en/").content.decode(), "map--network")
    assert "/twin-towns/york/" in svg and ">York<" in svg
    york = Town.objects.get(slug="york")
    york.is_published = False
    york.save()  # as staff do: the cached pages are refreshed
    svg = svg_of(client.get("/en/").content.decode(), "map--network")
    assert "/twin-towns/york/" not in svg
    assert ">York<" not in svg
    assert "/twin-towns/mainz/" in svg


def test_towns_are_placed_by_their_coordinates():
    home = HomeCity.load()
    towns = published_towns()
    drawn = maps.network_map(home, towns)
    by_name = {place.name: place for place in drawn.towns}
    york, dakar = by_name["York"], by_name["Dakar"]
    dallas, volgograd = by_name["Dallas"], by_name["Volgograd"]
    assert dallas.x < york.x < drawn.home.x < volgograd.x  # west to east
    assert york.y < drawn.home.y < dakar.y  # north to south
    assert (york.x, york.y) == maps.project(york.longitude, york.latitude)


def test_every_town_lies_inside_the_network_map():
    towns = published_towns()
    drawn = maps.network_map(HomeCity.load(), towns)
    assert len(drawn.towns) == len(towns)
    left, top, width, height = drawn.view_box
    for place in [drawn.home, *drawn.towns]:
        assert left < place.x < left + width
        assert top < place.y < top + height


def test_a_line_runs_from_dijon_to_each_town(client):
    svg = svg_of(client.get("/en/").content.decode(), "map--network")
    assert svg.count('class="map__line ') == len(published_towns())
    assert 'class="map__line map__line--suspended"' not in svg
    volgograd = Town.objects.get(slug="volgograd")
    volgograd.status = Town.Status.SUSPENDED
    volgograd.save()  # as staff do: the cached pages are refreshed
    svg = svg_of(client.get("/en/").content.decode(), "map--network")
    assert 'class="map__line map__line--suspended"' in svg


def test_town_page_shows_a_locator_map_of_the_town_and_dijon(client):
    svg = svg_of(client.get("/en/twin-towns/york/").content.decode(), "map--locator")
    assert ">York</text>" in svg
    assert ">Dijon</text>" in svg
    assert "Map showing York, United Kingdom, and Dijon, France." in svg


def test_map_has_land_outlines_and_no_style_attribute(client):
    svg = svg_of(client.get("/en/").content.decode(), "map--network")
    assert re.search(r'<path class="map__land" d="M-?\d', svg)
    assert "style=" not in svg


def test_home_page_with_the_map_stays_light(client):
    assert len(client.get("/fr/").content) < 80_000


def test_labels_of_the_network_map_neither_overlap_nor_leave_the_map():
    towns = published_towns()
    drawn = maps.network_map(HomeCity.load(), towns)
    assert len(drawn.towns) == len(towns)
    left, top, width, height = drawn.view_box
    boxes = []
    for place in [drawn.home, *drawn.towns]:
        size = drawn.label_size * (1.2 if place.kind == "home" else 1)
        box = maps._label_box(
            place.label_x,
            place.label_y,
            place.anchor,
            len(place.name) * size * 0.6,
            size,
        )
        assert left <= box[0] and box[2] <= left + width
        assert top <= box[1] and box[3] <= top + height
        assert all(maps._overlap(box, other) == 0 for other in boxes), place.name
        boxes.append(box)
