"""What every process of the site must agree on, kept in the database."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CacheGeneration(models.Model):
    """The version of some cached data (core/caching.py `Generation`).

    The one source of truth for "content changed": every worker and every
    server reads it from the database, whatever the cache is (Redis, process
    memory), so a page cached anywhere is never served after a change.
    `counter` only grows; `nonce` is new at each change, so a database
    restored from a backup never brings an old token back.
    """

    key = models.CharField(_("key"), max_length=100, primary_key=True)
    counter = models.BigIntegerField(_("counter"), default=0)
    nonce = models.CharField(_("nonce"), max_length=32)

    class Meta:
        verbose_name = _("cache generation")
        verbose_name_plural = _("cache generations")

    def __str__(self):
        return self.key

    @property
    def token(self):
        return f"{self.counter}.{self.nonce}"
