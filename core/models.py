"""What every process of the site must agree on, kept in the database."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RateCounter(models.Model):
    """A rate limit's count for one key and time window (core/counters.py).

    In the database, so every worker and every server counts together, in
    every configuration (Redis or none), and a Redis outage changes nothing.
    """

    cache_key = models.CharField(_("key"), max_length=250, primary_key=True)
    value = models.BigIntegerField(_("count"))
    expires = models.BigIntegerField(_("expires (Unix time)"), db_index=True)

    class Meta:
        verbose_name = _("rate-limit counter")
        verbose_name_plural = _("rate-limit counters")
        ordering = ["cache_key"]

    def __str__(self):
        return self.cache_key
