"""Checks on files staff upload, so only real, reasonably sized images get in."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}


def validate_image(file):
    """Refuse files that are too large, not images, or decompression bombs."""
    max_bytes = settings.IMAGE_MAX_UPLOAD_BYTES
    if file.size > max_bytes:
        raise ValidationError(
            _("This file is too large (%(size)s). The maximum is %(max)s.")
            % {"size": filesizeformat(file.size), "max": filesizeformat(max_bytes)},
            code="file_too_large",
        )
    # A stored file (an item saved again, restored or recovered) is opened
    # here only to be read: closed again below, not left to the garbage
    # collector.
    was_closed = getattr(file, "closed", False)
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        file.seek(0)
        with Image.open(file) as image:
            image_format = image.format
            width, height = image.size
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise ValidationError(
            _("This file is not a valid image. Upload a JPEG, PNG, WebP or GIF."),
            code="invalid_image",
        ) from exc
    except Image.DecompressionBombError as exc:
        raise ValidationError(_too_many_pixels(), code="too_many_pixels") from exc
    finally:
        if was_closed:
            file.close()
        else:
            file.seek(position)
    if image_format not in ALLOWED_FORMATS:
        raise ValidationError(
            _("This image format is not accepted. Upload a JPEG, PNG, WebP or GIF."),
            code="invalid_image_format",
        )
    if width * height > settings.IMAGE_MAX_PIXELS:
        raise ValidationError(_too_many_pixels(), code="too_many_pixels")


def _too_many_pixels():
    return _("This image has too many pixels (at most %(max)s million).") % {
        "max": settings.IMAGE_MAX_PIXELS // 1_000_000
    }
