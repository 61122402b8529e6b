from django.db import models
from django.utils.translation import gettext_lazy as _


class PageText(models.Model):
    """A text of the site's own pages (a list's intro, the home page's hero)."""

    key = models.SlugField(
        _("key"),
        max_length=60,
        unique=True,
        help_text=_("Where the page looks the text up: never change it."),
    )
    label = models.CharField(_("where it appears"), max_length=200)
    text = models.TextField(_("text"), blank=True)

    class Meta:
        verbose_name = _("page text")
        verbose_name_plural = _("page texts")
        ordering = ["label"]

    def __str__(self):
        return self.label

    @classmethod
    def lookup(cls, key):
        """The text for `key`, or None before the content is loaded."""
        return cls.objects.filter(key=key).first()
