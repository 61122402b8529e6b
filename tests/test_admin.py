import io

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from PIL import Image

from tests.admin_form import admin_form_data
from twinning.models import Town

pytestmark = pytest.mark.django_db

CHANGE_URL = "/en/admin/twinning/town/{pk}/change/"


@pytest.fixture
def staff_client(client, initial_data):
    user = get_user_model().objects.create_superuser(
        "editor", "editor@example.org", "a-long-test-password"
    )
    client.force_login(user)
    return client


def form_data(client, town):
    """The admin change form's current values, as a browser would post them."""
    # With the inlines' management forms (milestones, photos).
    return admin_form_data(client.get(CHANGE_URL.format(pk=town.pk)))


def png_bytes(size=(40, 30)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (138, 21, 56)).save(buffer, format="PNG")
    return buffer.getvalue()


def test_admin_lists_towns_with_country_year_and_status(staff_client):
    body = staff_client.get("/en/admin/twinning/town/").content.decode()
    assert "Mainz" in body
    assert "Germany" in body
    assert "1958" in body
    assert "Soon to be twinned" in body


def test_admin_search_finds_a_town_by_french_name(staff_client):
    body = staff_client.get("/en/admin/twinning/town/?q=Mayence").content.decode()
    assert "1 result" in body


def test_change_form_has_translation_tabs_served_locally(staff_client):
    town = Town.objects.get(slug="mainz")
    body = staff_client.get(CHANGE_URL.format(pk=town.pk)).content.decode()
    assert 'name="name_fr"' in body
    assert 'name="name_en"' in body
    assert "/static/vendor/jquery-ui/jquery-ui.min.js" in body
    assert "googleapis" not in body


def test_editing_english_text_shows_on_the_english_page(staff_client):
    town = Town.objects.get(slug="mainz")
    data = form_data(staff_client, town)
    data["title_en"] = "Capital of Rhineland-Palatinate, on the Rhine"
    response = staff_client.post(CHANGE_URL.format(pk=town.pk), data)
    assert response.status_code == 302
    page = staff_client.get("/en/twin-towns/mainz/").content.decode()
    assert "Capital of Rhineland-Palatinate, on the Rhine" in page
    french = staff_client.get("/fr/villes-jumelles/mainz/").content.decode()
    assert "Capitale de la Rhénanie-Palatinat" in french


def test_a_valid_photo_is_accepted(staff_client):
    town = Town.objects.get(slug="york")
    data = form_data(staff_client, town)
    data["photo"] = SimpleUploadedFile("york.png", png_bytes(), "image/png")
    data["photo_alt_en"] = "York Minster"
    response = staff_client.post(CHANGE_URL.format(pk=town.pk), data)
    assert response.status_code == 302
    town.refresh_from_db()
    assert town.photo


def test_a_file_that_is_not_an_image_is_refused(staff_client):
    town = Town.objects.get(slug="york")
    data = form_data(staff_client, town)
    data["photo"] = SimpleUploadedFile("york.png", b"not an image", "image/png")
    response = staff_client.post(CHANGE_URL.format(pk=town.pk), data)
    assert response.status_code == 200
    # core.validators refuses it before Django's own check ("Upload a valid
    # image...") could: the message names the formats the site accepts.
    assert (
        "This file is not a valid image. Upload a JPEG, PNG, WebP or GIF."
        in response.content.decode()
    )
    town.refresh_from_db()
    assert not town.photo


def test_a_too_large_photo_is_refused(staff_client, settings):
    settings.IMAGE_MAX_UPLOAD_BYTES = 100
    town = Town.objects.get(slug="york")
    data = form_data(staff_client, town)
    data["photo"] = SimpleUploadedFile("york.png", png_bytes(), "image/png")
    response = staff_client.post(CHANGE_URL.format(pk=town.pk), data)
    assert response.status_code == 200
    assert "This file is too large" in response.content.decode()
    town.refresh_from_db()
    assert not town.photo


def test_a_photo_with_too_many_pixels_is_refused(staff_client, settings):
    settings.IMAGE_MAX_PIXELS = 1000
    town = Town.objects.get(slug="york")
    data = form_data(staff_client, town)
    data["photo"] = SimpleUploadedFile("york.png", png_bytes((50, 50)), "image/png")
    response = staff_client.post(CHANGE_URL.format(pk=town.pk), data)
    assert response.status_code == 200
    assert "too many pixels" in response.content.decode()


def test_changes_are_recorded_in_the_admin_history(staff_client):
    town = Town.objects.get(slug="mainz")
    data = form_data(staff_client, town)
    data["title_en"] = "Edited"
    staff_client.post(CHANGE_URL.format(pk=town.pk), data)
    history = staff_client.get(f"/en/admin/twinning/town/{town.pk}/history/")
    assert "Title (English)" in history.content.decode()
    assert "Edited" in history.content.decode()


def test_every_url_field_reads_an_address_without_scheme_as_https():
    """Django 5.2's forms assume http:// (and warn); Django 6's and ours, https://."""
    url_fields = [
        field
        for model in apps.get_models()
        for field in model._meta.fields
        if isinstance(field, models.URLField)
    ]
    assert url_fields
    for field in url_fields:
        assert field.formfield().clean("example.org") == "https://example.org", field
