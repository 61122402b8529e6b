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


class RemovedLinks(models.Model):
    """What a deletion in the admin unlinked besides the item itself: the
    many-to-many links and the foreign keys set to null that point at it
    from other items (a town's partnerships, events, organisations). Kept
    with the deletion's revision, so that "recover deleted" links them again
    without rolling those other items back to an older state."""

    revision = models.OneToOneField(
        "reversion.Revision",
        on_delete=models.CASCADE,
        related_name="removed_links",
        verbose_name=_("revision"),
    )
    links = models.JSONField(_("links"), default=list)

    class Meta:
        verbose_name = _("links removed by a deletion")
        verbose_name_plural = _("links removed by deletions")
        ordering = ["revision"]

    def __str__(self):
        return str(self.revision)
