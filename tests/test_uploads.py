"""Images staff upload: only clean copies of real images reach the storage."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image, PngImagePlugin

from tests.test_admin import CHANGE_URL, form_data, png_bytes
from twinning.models import Town

pytestmark = pytest.mark.django_db

GPS = ExifTags.IFD.GPSInfo


@pytest.fixture
def staff_client(admin_client, initial_data):
    return admin_client


def jpeg_with_gps(size=(60, 40), orientation=None):
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PhoneMaker"
    exif[ExifTags.Base.Artist] = "Jane Doe"
    if orientation:
        exif[ExifTags.Base.Orientation] = orientation
    exif.get_ifd(GPS).update(
        {
            ExifTags.GPS.GPSLatitudeRef: "N",
            ExifTags.GPS.GPSLatitude: (47.0, 19.0, 20.0),
            ExifTags.GPS.GPSLongitudeRef: "E",
            ExifTags.GPS.GPSLongitude: (5.0, 2.0, 30.0),
        }
    )
    buffer = io.BytesIO()
    Image.new("RGB", size, (138, 21, 56)).save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


def truncated_jpeg():
    """A JPEG cut in the middle: its header is fine, its pixels are not."""
    buffer = io.BytesIO()
    Image.effect_noise((400, 300), 50).convert("RGB").save(buffer, "JPEG")
    return buffer.getvalue()[: len(buffer.getvalue()) // 2]


def upload(client, content, name="holiday-of-jane-doe.jpg", kind="image/jpeg"):
    town = Town.objects.get(slug="york")
    data = form_data(client, town)
    data["photo"] = SimpleUploadedFile(name, content, kind)
    data["photo_alt_en"] = "York Minster"
    response = client.post(CHANGE_URL.format(pk=town.pk), data)
    town.refresh_from_db()
    return response, town


def stored_files(media_root):
    return [path for path in media_root.rglob("*") if path.is_file()]


def test_the_test_photo_really_carries_gps_data():
    with Image.open(io.BytesIO(jpeg_with_gps())) as image:
        assert image.getexif().get_ifd(GPS)[ExifTags.GPS.GPSLatitudeRef] == "N"


def test_gps_position_and_all_exif_data_are_removed(staff_client, media_root):
    response, town = upload(staff_client, jpeg_with_gps())
    assert response.status_code == 302
    (stored,) = stored_files(media_root)
    with Image.open(stored) as image:
        assert image.format == "JPEG"
        assert image.size == (60, 40)
        assert not image.getexif()
        assert "exif" not in image.info
    assert b"Jane Doe" not in stored.read_bytes()
    assert b"PhoneMaker" not in stored.read_bytes()


def test_a_photo_taken_sideways_is_turned_upright(staff_client, media_root):
    # Orientation 6: the camera was turned; viewers rotate it to 40 x 60.
    upload(staff_client, jpeg_with_gps(size=(60, 40), orientation=6))
    (stored,) = stored_files(media_root)
    with Image.open(stored) as image:
        assert image.size == (40, 60)


def test_text_hidden_in_a_png_is_removed(staff_client, media_root):
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Jane Doe, 12 rue des Forges")
    buffer = io.BytesIO()
    Image.new("RGBA", (30, 30), (0, 0, 0, 0)).save(buffer, "PNG", pnginfo=info)
    response, _town = upload(staff_client, buffer.getvalue(), "plan.png", "image/png")
    assert response.status_code == 302
    (stored,) = stored_files(media_root)
    assert stored.suffix == ".png"
    assert b"Jane Doe" not in stored.read_bytes()
    with Image.open(stored) as image:
        assert image.mode == "RGBA"


def test_data_appended_after_the_image_is_dropped(staff_client, media_root):
    payload = png_bytes() + b"<?php system($_GET['c']); ?>"
    upload(staff_client, payload, "york.png", "image/png")
    (stored,) = stored_files(media_root)
    assert b"<?php" not in stored.read_bytes()


def test_stored_names_are_random_and_reveal_nothing(staff_client, media_root):
    _response, town = upload(staff_client, jpeg_with_gps())
    first = town.photo.name
    _response, town = upload(staff_client, jpeg_with_gps())
    second = town.photo.name
    assert "jane" not in first and "holiday" not in first
    assert first.startswith("towns/") and first.endswith(".jpg")
    assert len(first.removeprefix("towns/").removesuffix(".jpg")) == 32
    assert first != second


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"%PDF-1.4 not an image at all", "not a valid image"),
        (truncated_jpeg(), "damaged or incomplete"),
        (b"GIF89a" + b"\x00" * 40, "not a valid image"),
    ],
    ids=["not-an-image", "truncated", "malformed-header"],
)
def test_a_bad_file_gets_a_form_error_and_writes_nothing(
    staff_client, media_root, content, message
):
    response, town = upload(staff_client, content, "york.png", "image/png")
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not town.photo
    assert stored_files(media_root) == []


def test_an_oversized_file_gets_a_form_error_and_writes_nothing(
    staff_client, media_root, settings
):
    settings.IMAGE_MAX_UPLOAD_BYTES = 1000
    response, town = upload(staff_client, jpeg_with_gps(size=(400, 400)))
    assert response.status_code == 200
    assert "This file is too large" in response.content.decode()
    assert stored_files(media_root) == []


def test_a_decompression_bomb_is_refused_before_being_decoded(staff_client, media_root):
    buffer = io.BytesIO()
    Image.new("1", (12000, 12000)).save(buffer, "PNG")  # 144 million pixels
    assert len(buffer.getvalue()) < 1024 * 1024
    response, town = upload(staff_client, buffer.getvalue(), "bomb.png", "image/png")
    assert response.status_code == 200
    assert "too many pixels" in response.content.decode()
    assert stored_files(media_root) == []
