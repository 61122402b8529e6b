"""Uploaded photos are served as resized AVIF/WebP renditions with a fallback."""

import io
import re
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Template
from PIL import Image

from core import images
from tests.test_admin import CHANGE_URL, form_data
from twinning.models import Town

pytestmark = pytest.mark.django_db


def photo_bytes(size=(2000, 1333), image_format="JPEG", mode="RGB"):
    picture = Image.linear_gradient("L").resize(size).convert(mode)
    buffer = io.BytesIO()
    picture.save(buffer, format=image_format)
    return buffer.getvalue()


@pytest.fixture
def town(initial_data):
    return Town.objects.get(slug="mainz")


def with_photo(town, content, name="mainz.jpg"):
    town.photo.save(name, ContentFile(content), save=False)
    town.photo_alt_en = "The cathedral"
    town.save()
    return town


def media_file(media_root, url):
    return Path(media_root) / url.removeprefix("/media/")


def render(template, **context):
    return Template("{% load images %}" + template).render(Context(context))


def test_uploaded_photo_is_served_in_modern_formats_with_a_fallback(
    client, initial_data, media_root
):
    from django.contrib.auth import get_user_model

    staff = get_user_model().objects.create_superuser("e", "e@example.org", "pw-long-1")
    client.force_login(staff)
    town = Town.objects.get(slug="mainz")
    data = form_data(client, town)
    data["photo"] = SimpleUploadedFile("mainz.jpg", photo_bytes(), "image/jpeg")
    data["photo_alt_en"] = "Mainz Cathedral"
    assert client.post(CHANGE_URL.format(pk=town.pk), data).status_code == 302
    client.logout()

    body = client.get("/en/twin-towns/mainz/").content.decode()
    assert '<source type="image/avif"' in body
    assert '<source type="image/webp"' in body
    webp = re.search(r'type="image/webp" srcset="([^"]+)"', body).group(1)
    assert [entry.split()[1] for entry in webp.split(", ")] == ["480w", "960w", "1440w"]
    url_480 = webp.split(", ")[0].split()[0]
    with Image.open(media_file(media_root, url_480)) as made:
        assert made.format == "WEBP"
        assert made.size == (480, 320)
    img = re.search(r"<img [^>]+>", body[body.index("<picture>") :]).group(0)
    assert 'width="1440" height="960"' in img
    assert 'alt="Mainz Cathedral"' in img
    assert 'sizes="' in img
    fallback = re.search(r' src="([^"]+)"', img).group(1)
    with Image.open(media_file(media_root, fallback)) as made:
        assert made.format == "JPEG"


def test_renditions_are_smaller_than_the_upload(town, media_root):
    with_photo(town, photo_bytes())
    found = images.renditions(town.photo)
    upload = Path(town.photo.path).stat().st_size
    assert found.sources
    for _mime, items in found.sources:
        assert media_file(media_root, items[-1].url).stat().st_size < upload


def test_small_photo_is_never_enlarged(town):
    with_photo(town, photo_bytes(size=(300, 200)))
    html = render("{% picture photo %}", photo=town.photo)
    assert 'width="300" height="200"' in html
    assert "480w" not in html


def test_transparent_png_keeps_a_png_fallback(town, media_root):
    with_photo(town, photo_bytes((600, 400), "PNG", "RGBA"), name="logo.png")
    found = images.renditions(town.photo)
    assert found.largest.url.endswith(".png")
    with Image.open(media_file(media_root, found.largest.url)) as made:
        assert made.mode == "RGBA"


def test_picture_is_lazy_below_the_fold_by_default(town):
    with_photo(town, photo_bytes((800, 600)))
    assert 'loading="lazy"' in render("{% picture p %}", p=town.photo)
    assert 'loading="eager"' in render("{% picture p lazy=False %}", p=town.photo)


def test_alt_text_is_escaped(town):
    with_photo(town, photo_bytes((800, 600)))
    html = render("{% picture p alt=alt %}", p=town.photo, alt='<b>"x"</b>')
    assert 'alt="&lt;b&gt;&quot;x&quot;&lt;/b&gt;"' in html


def test_renditions_are_made_only_once(town, monkeypatch):
    from django.core.cache import cache

    with_photo(town, photo_bytes((1000, 700)))
    images.renditions(town.photo)
    cache.clear()  # even when the cache forgot them, the files are reused
    saved = []
    monkeypatch.setattr(images, "_save", lambda *args: saved.append(args))
    assert images.renditions(town.photo) is not None
    assert saved == []


def test_missing_photo_file_renders_nothing_instead_of_an_error(town, client):
    with_photo(town, photo_bytes((800, 600)))
    Path(town.photo.path).unlink()
    assert render("{% picture p %}", p=town.photo) == ""
    assert client.get("/en/twin-towns/mainz/").status_code == 200
