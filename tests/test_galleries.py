"""Photo galleries on town, event and reception pages (issue 16): each photo
with its alt text and credit, served as renditions; the grid adapts to one
photo or twenty, and a page without photos shows no empty gallery."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils import translation

from programmes.models import EventPhoto
from students.models import ReceptionPhoto
from tests.test_images import photo_bytes
from twinning.models import Town, TownPhoto

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def content(initial_data):
    return initial_data


def add_photo(model, number=1, **parent):
    photo = model(
        alt_fr=f"Vue n° {number}", alt_en=f"View no. {number}", credit="A. Author"
    )
    for name, value in parent.items():
        setattr(photo, name, value)
    photo.image.save(f"photo{number}.jpg", ContentFile(photo_bytes((800, 600))))
    return photo


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_town_page_shows_its_photos_with_alt_and_credit(client):
    add_photo(TownPhoto, town=Town.objects.get(slug="mainz"))
    body = page(client, "/en/twin-towns/mainz/")
    assert 'id="gallery-title"' in body
    assert 'alt="View no. 1"' in body
    assert "Photo: A. Author" in body
    assert "image/webp" in body


def test_one_photo_gets_the_single_layout(client):
    add_photo(TownPhoto, town=Town.objects.get(slug="mainz"))
    assert 'class="gallery gallery--single"' in page(
        client, "/fr/villes-jumelles/mainz/"
    )


def test_twenty_photos_fill_a_grid(client):
    town = Town.objects.get(slug="mainz")
    for number in range(20):
        add_photo(TownPhoto, number, town=town)
    body = page(client, "/fr/villes-jumelles/mainz/")
    assert 'class="gallery"' in body
    assert body.count("<figure>") >= 20


def test_a_page_without_photos_has_no_gallery(client):
    assert 'id="gallery-title"' not in page(client, "/fr/villes-jumelles/mainz/")


def test_event_page_shows_its_photos(client):
    from programmes.models import Event

    event = Event.objects.published().order_by("pk").first()
    add_photo(EventPhoto, event=event)
    with translation.override("en"):
        url = event.get_absolute_url()
    assert 'alt="View no. 1"' in page(client, url)


def test_reception_page_shows_its_photos(client, make_reception):
    reception = make_reception()
    add_photo(ReceptionPhoto, reception=reception)
    with translation.override("en"):
        url = reception.get_absolute_url()
    assert "Photo: A. Author" in page(client, url)


@pytest.mark.parametrize("missing", ["alt_fr", "credit"])
def test_alt_text_and_credit_are_required(missing):
    photo = TownPhoto(
        town=Town.objects.get(slug="mainz"),
        alt_fr="Vue",
        credit="A. Author",
    )
    setattr(photo, missing, "")
    with pytest.raises(ValidationError) as error:
        photo.full_clean(exclude=["image"])
    assert missing.removesuffix("_fr") in str(error.value) or missing in str(
        error.value
    )
