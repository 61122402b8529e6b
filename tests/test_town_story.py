"""Town pages tell the twinning's story (issue 16): milestones edited in the
admin and seeded from the brochure, the twinning association's contact, the
town's website and its distance from Dijon."""

import pytest
from django.core.files.base import ContentFile

from tests.test_images import photo_bytes
from twinning.models import HomeCity, Milestone, Town, great_circle_km

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def content(initial_data):
    return initial_data


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_signing_year_is_seeded_from_the_brochure(client):
    body = page(client, "/fr/villes-jumelles/mainz/")
    assert "Histoire du jumelage" in body
    assert '<span class="timeline__year">1958</span>' in body


def test_milestones_are_in_year_order(client):
    body = page(client, "/en/twin-towns/pecs/")
    assert body.index(">1966<") < body.index(">2010<")
    assert "European capital of culture" in body


def test_a_town_without_a_story_shows_no_empty_section(client):
    body = page(client, "/fr/villes-jumelles/dakar/")
    assert 'id="story-title"' not in body
    assert 'id="association-title"' not in body


def test_a_milestone_added_in_the_admin_shows_on_the_page(admin_client, client):
    town = Town.objects.get(slug="york")
    Milestone.objects.create(
        town=town, year=2023, title_fr="70 ans du jumelage", title_en="70 years"
    )
    assert "70 ans du jumelage" in page(client, "/fr/villes-jumelles/york/")
    admin = admin_client.get(f"/fr/admin/twinning/town/{town.pk}/change/")
    assert "70 ans du jumelage" in admin.content.decode()


def test_the_twinning_associations_contact_shows(client):
    Town.objects.filter(slug="mainz").update(
        association_name="Comité de jumelage Dijon-Mayence",
        association_contact="contact@example.org\n03 80 00 00 00",
        association_website="https://example.org/",
    )
    body = page(client, "/fr/villes-jumelles/mainz/")
    assert "Comité de jumelage Dijon-Mayence" in body
    assert 'href="mailto:contact@example.org"' in body
    assert 'href="https://example.org/"' in body


def test_the_page_gives_the_distance_from_dijon(client):
    body = page(client, "/en/twin-towns/mainz/")
    assert "Distance from Dijon" in body
    assert " km as the crow flies" in body


def test_distance_is_the_great_circle_one():
    dijon = HomeCity.load()
    mainz = Town.objects.get(slug="mainz")
    assert 350 < mainz.distance_km(dijon) < 420
    # Paris–New York, a known distance: about 5,837 km.
    assert round(great_circle_km(48.8566, 2.3522, 40.7128, -74.0060)) in range(
        5800, 5880
    )


def test_the_official_website_is_linked(client):
    Town.objects.filter(slug="york").update(website="https://www.york.gov.uk/")
    assert 'href="https://www.york.gov.uk/"' in page(client, "/en/twin-towns/york/")


def test_the_side_box_is_named_for_what_it_holds(client):
    assert 'aria-label="Carte"' in page(client, "/fr/villes-jumelles/mainz/")


def test_the_side_box_names_the_photo_once_there_is_one(client):
    town = Town.objects.get(slug="mainz")
    town.photo.save("mainz.jpg", ContentFile(photo_bytes((800, 533))), save=False)
    town.photo_alt_fr = "La cathédrale"
    town.save()
    assert 'aria-label="Photo et carte"' in page(client, "/fr/villes-jumelles/mainz/")
