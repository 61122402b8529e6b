import uuid

from django.apps import AppConfig
from django.conf import settings
from django.db.models.signals import post_migrate
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
        # Every page reads its generations with one query: their rows exist
        # from the start (else the first page of each creates its own).
        post_migrate.connect(create_generations, sender=self)


def create_generations(using, **kwargs):
    from core.caching import PAGE_GENERATIONS
    from core.models import CacheGeneration

    for generation in PAGE_GENERATIONS:
        CacheGeneration.objects.using(using).get_or_create(
            key=generation.key, defaults={"nonce": uuid.uuid4().hex}
        )
