import re

import pytest
from django.utils import translation

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


def network():
    return maps.network_map(HomeCity.load(), published_towns())


def by_name(drawn):
    return {place.name: place for place in drawn.towns}


def test_towns_are_placed_by_their_coordinates():
    drawn = network()
    towns = by_name(drawn)
    york, dakar, volgograd = towns["York"], towns["Dakar"], towns["Volgograd"]
    assert york.x < drawn.home.x < volgograd.x  # west to east
    assert york.y < drawn.home.y < dakar.y  # north to south
    assert (york.x, york.y) == maps.project(york.longitude, york.latitude)


def test_network_map_is_cropped_to_europe_and_africa():
    drawn = network()
    left, top, width, height = drawn.view_box
    dallas = by_name(drawn)["Dallas"]
    far_west, _ = maps.project(dallas.longitude, dallas.latitude)
    assert far_west < left  # the Americas are not on the main map
    assert width < 600 and height < 400  # Europe and Africa fill it


def test_dallas_sits_in_the_framed_inset():
    with translation.override("en"):
        drawn = network()
    dallas = by_name(drawn)["Dallas"]
    left, top, width, height = drawn.inset.box
    assert dallas.in_inset
    assert left < dallas.x < left + width and top < dallas.y < top + height
    assert drawn.inset.land  # North America's outline
    assert drawn.inset.caption == "United States of America"
    assert [p.name for p in drawn.towns if p.in_inset] == ["Dallas"]


def test_inset_is_framed_and_captioned_in_the_svg(client):
    svg = svg_of(client.get("/fr/villes-jumelles/").content.decode(), "map--network")
    assert '<g class="map__inset" aria-hidden="true">' in svg
    assert 'class="map__inset-frame"' in svg
    assert ">États-Unis d&#x27;Amérique</text>" in svg


def test_line_to_dallas_ends_at_the_inset_frame():
    drawn = network()
    dallas = by_name(drawn)["Dallas"]
    end_x = float(dallas.curve.split()[-2])
    assert end_x == pytest.approx(drawn.inset.right, abs=0.1)


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


def labels_of(drawn, label_set):
    """(place, label) for every label of one set, Dijon's first."""
    css = f" map__label--{label_set}"
    return [
        (place, label)
        for place in [drawn.home, *drawn.towns]
        for label in place.labels
        if label.css == css
    ]


@pytest.mark.parametrize("label_set", ["wide", "narrow"])
def test_no_two_labels_of_the_network_map_overlap(label_set):
    labels = labels_of(network(), label_set)
    assert len(labels) == len(published_towns()) + 1
    for i, (place, label) in enumerate(labels):
        for other, other_label in labels[:i]:
            assert maps.overlap(label.box, other_label.box) == 0, (place, other)


@pytest.mark.parametrize("label_set", ["wide", "narrow"])
def test_no_label_covers_another_towns_dot(label_set):
    labels = labels_of(network(), label_set)
    for place, label in labels:
        for other, other_label in labels:
            if other is not place:
                r = other_label.dot
                dot = (other.x - r, other.y - r, other.x + r, other.y + r)
                assert maps.overlap(label.box, dot) == 0, (place.name, other.name)


@pytest.mark.parametrize("label_set", ["wide", "narrow"])
def test_labels_stay_in_their_part_of_the_map(label_set):
    drawn = network()
    left, top, width, height = drawn.view_box
    frame = (left, top, left + width, top + height)
    x, y, w, h = drawn.inset.box
    inset = (x, y, x + w, y + h)
    for place, label in labels_of(drawn, label_set):
        if place.in_inset:
            assert maps.inside(label.box, inset), place.name
        else:
            assert maps.inside(label.box, frame), place.name
            assert maps.overlap(label.box, inset) == 0, place.name


@pytest.mark.parametrize("label_set", ["wide", "narrow"])
def test_each_label_stands_near_its_own_dot(label_set):
    for place, label in labels_of(network(), label_set):
        reach = label.dot + label.size * (0.15 + maps.MAX_LEADER) + 0.01
        assert maps._distance_to_box(place.x, place.y, label.box) <= reach
        if label.leader:  # a leader line joins a label set apart to its dot
            assert label.leader.startswith("M")


def test_prague_and_pecs_are_labelled_beside_their_dots_on_a_wide_screen():
    labels = {
        place.name: (place, label) for place, label in labels_of(network(), "wide")
    }
    for name in ("Prague", "Pécs", "Dijon"):
        place, label = labels[name]
        assert not label.leader, name
        assert maps._distance_to_box(place.x, place.y, label.box) <= (
            label.dot + label.size * 0.2
        ), name


@pytest.mark.parametrize(
    ("label_set", "screen_width"), [("wide", 768), ("narrow", 320), ("narrow", 390)]
)
def test_labels_are_at_least_12_px_high_where_their_set_is_shown(
    label_set, screen_width
):
    """The CSS shows the wide set from 768 px on (the map then at least 720 px
    wide) and the narrow set below, the map then 2 × 20 px + 2 × 1 px
    narrower than the screen."""
    drawn = network()
    map_width = 720 if label_set == "wide" else screen_width - 42
    for _, label in labels_of(drawn, label_set):
        assert label.size * map_width / drawn.view_box[2] >= 12


def test_phone_labels_are_the_numbers_of_the_key_under_the_map(client):
    body = client.get("/en/twin-towns/").content.decode()
    key = re.search(r'<ol class="map-key">(.*?)</ol>', body, re.S).group(1)
    in_key = re.findall(r'<a href="([^"]+)">', key)
    svg = svg_of(body, "map--network")
    numbers = dict(
        re.findall(
            r'<a class="map__town[^"]*" href="([^"]+)".*?'
            r'class="map__label map__label--narrow"[^>]*>(\d+)</text>',
            svg,
        )
    )
    assert len(in_key) == len(published_towns())
    assert [numbers[href] for href in in_key] == [
        str(n) for n in range(1, len(in_key) + 1)
    ]


def test_label_placement_is_deterministic():
    def boxes():
        return [
            (place.name, label.box) for place, label in labels_of(network(), "narrow")
        ]

    first = boxes()
    maps._cached_placement.cache_clear()
    assert boxes() == first


def test_french_map_numbers_keep_their_decimal_point(client):
    svg = svg_of(client.get("/fr/villes-jumelles/").content.decode(), "map--network")
    assert not re.search(r'="-?\d+,\d', svg)
