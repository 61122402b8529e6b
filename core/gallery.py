"""Photo galleries: the abstract photo each app's gallery extends (a town's,
an event's, a reception's), so every gallery asks the same of staff: an alt
text and a credit for each photo, renditions made by core/images.py."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.fields import PublicImageField


class GalleryPhoto(models.Model):
    """One photo of a gallery; subclasses add the foreign key to their page."""

    image = PublicImageField(_("photo"), upload_to="galleries/", blank=False)
    alt = models.CharField(
        _("photo description (alt text)"),
        max_length=250,
        help_text=_("What the photo shows, for visitors who cannot see it."),
    )
    credit = models.CharField(
        _("photo credit"),
        max_length=200,
        help_text=_("The author (and agency), printed under the photo."),
    )
    caption = models.CharField(_("caption"), max_length=250, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        abstract = True
        ordering = ["order", "pk"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def __str__(self):
        return self.alt
