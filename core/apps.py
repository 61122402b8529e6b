from django.apps import AppConfig
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from PIL import Image


class CoreConfig(AppConfig):
    """What every app of the site shares: page cache, images, logging, tags."""

    name = "core"
    verbose_name = _("Site infrastructure")

    def ready(self):
        # Pillow itself refuses to decode images past our pixel limit
        # (decompression bombs), wherever an image is opened.
        Image.MAX_IMAGE_PIXELS = settings.IMAGE_MAX_PIXELS
        from core import (
            caching,
            checks,  # noqa: F401  (registers the deploy checks)
            publishing,
        )

        # A cached page never outlives the next scheduled publication change.
        if publishing.seconds_until_next_change not in caching.PAGE_LIFETIME_LIMITS:
            caching.PAGE_LIFETIME_LIMITS.append(publishing.seconds_until_next_change)
