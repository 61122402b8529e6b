from django.apps import AppConfig
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from PIL import Image


class TwinningConfig(AppConfig):
    name = "twinning"
    verbose_name = _("Twin towns and partnerships")

    def ready(self):
        # Pillow itself refuses to decode images past our pixel limit
        # (decompression bombs), wherever an image is opened.
        Image.MAX_IMAGE_PIXELS = settings.IMAGE_MAX_PIXELS
