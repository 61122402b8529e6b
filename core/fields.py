"""Model fields the apps share: public images, web addresses."""

import io
import uuid
from pathlib import PurePosixPath

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.db import models
from django.utils.translation import gettext as _
from PIL import Image, ImageOps

from core.validators import validate_image

EXTENSIONS = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp", "GIF": ".gif"}
CONTENT_TYPES = {
    "JPEG": "image/jpeg",
    "PNG": "image/png",
    "WEBP": "image/webp",
    "GIF": "image/gif",
}


def reencode_image(file):
    """A fresh copy of an uploaded image with its pixels only.

    Decoding and encoding again drops everything else the file carried:
    EXIF (camera, date, GPS position), XMP, comments and text chunks, and any
    payload hidden after the image data. The EXIF orientation is applied
    first, so a photo taken upright stays upright.
    """
    file.seek(0)
    try:
        with Image.open(file) as original:
            image_format = original.format
            original.seek(0)  # the first frame of an animation
            image = ImageOps.exif_transpose(original)
            icc_profile = original.info.get("icc_profile")
            transparency = original.info.get("transparency")
            image.load()
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise ValidationError(
            _("This image is damaged or incomplete. Upload another file."),
            code="malformed_image",
        ) from exc
    image.info = {}
    options = {}
    if icc_profile:
        options["icc_profile"] = icc_profile
    if image_format == "JPEG":
        if image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        options.update(quality=88, optimize=True)
    elif image_format == "WEBP":
        options.update(quality=88)
    elif transparency is not None and image.mode in ("P", "L", "RGB"):
        options["transparency"] = transparency
    buffer = io.BytesIO()
    image.save(buffer, format=image_format, **options)
    return SimpleUploadedFile(
        "image" + EXTENSIONS[image_format],
        buffer.getvalue(),
        content_type=CONTENT_TYPES[image_format],
    )


class PublicImageFormField(forms.ImageField):
    """Checks an upload (size, then Pillow), then keeps only a clean copy."""

    def to_python(self, data):
        if isinstance(data, UploadedFile):
            # Before Pillow decodes anything: size and pixel count from the
            # header, so an oversized file or a decompression bomb is refused
            # without being expanded in memory.
            validate_image(data)
        checked = super().to_python(data)
        if isinstance(checked, UploadedFile):
            return reencode_image(checked)
        return checked


class PublicImageField(models.ImageField):
    """An image staff upload for the public site.

    Every app's public images use this field, so the rules for uploads live in
    one place: size and pixel-count limits, a Pillow check, a re-encoded copy
    without metadata (see `reencode_image`), and a random file name that
    reveals nothing of the original one.
    """

    def __init__(self, *args, **kwargs):
        validators = list(kwargs.pop("validators", ()))
        if validate_image not in validators:
            validators.append(validate_image)
        kwargs["validators"] = validators
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("validators", None)
        return name, path, args, kwargs

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": PublicImageFormField, **kwargs})

    def generate_filename(self, instance, filename):
        extension = PurePosixPath(filename).suffix.lower()
        if extension not in EXTENSIONS.values():
            extension = ""
        return super().generate_filename(instance, uuid.uuid4().hex + extension)


class HttpsURLField(models.URLField):
    """A web address; typed without a scheme ("example.org"), it is https://.

    Django 6.0 makes https the form field's default; Django 5.2 still assumes
    http and warns on every form. Passing `assume_scheme` is right for both.
    Migrations see a plain URLField: the column is the same.
    """

    def formfield(self, **kwargs):
        return super().formfield(**{"assume_scheme": "https", **kwargs})

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        return name, "django.db.models.URLField", args, kwargs
