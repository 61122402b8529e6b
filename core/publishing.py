"""Drafts and scheduled publishing for the models the public site shows.

A `Publishable` model is *live* while it is published (`is_published`, off for
new items: they start as drafts) and inside its optional window, from
`publish_from` to `publish_until`. The window needs no cron job: every public
query asks for `published()`, which compares with the current minute, and the
page cache (core/caching.py) never keeps a page past the next `publish_from`
or `publish_until` of any item (`next_change`).

Staff with the change permission see drafts and scheduled items on the public
pages (`get_published_or_preview`): such a page carries a banner and is never
stored in, nor served from, any cache.

This module names no app of ours: an app's model inherits `Publishable` and
its QuerySet `PublishableQuerySet`.
"""

import logging
import math

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import DatabaseError, models
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import caching

logger = logging.getLogger(__name__)

# Set on a request whose page shows an item that is not live (a preview).
PREVIEW_ATTR = "publishing_preview"


def live_q(now=None, prefix=""):
    """A filter for the live items (`prefix`: a relation, e.g. "towns__")."""
    now = now or timezone.now()
    return (
        Q(**{f"{prefix}is_published": True})
        & (
            Q(**{f"{prefix}publish_from__isnull": True})
            | Q(**{f"{prefix}publish_from__lte": now})
        )
        & (
            Q(**{f"{prefix}publish_until__isnull": True})
            | Q(**{f"{prefix}publish_until__gt": now})
        )
    )


class PublishableQuerySet(models.QuerySet):
    def published(self, now=None):
        """What anonymous visitors see now: published and inside the window."""
        return self.filter(live_q(now))

    def drafts(self):
        return self.filter(is_published=False)

    def scheduled(self, now=None):
        """Published, but to appear later."""
        return self.filter(is_published=True, publish_from__gt=now or timezone.now())


class Publishable(models.Model):
    """Draft or published, with an optional window of publication."""

    is_published = models.BooleanField(
        _("published"),
        default=False,
        help_text=_(
            "Leave unticked to keep a draft: only staff can preview it on the site."
        ),
    )
    publish_from = models.DateTimeField(
        _("publish from"),
        null=True,
        blank=True,
        help_text=_("Optional, Paris time: the page appears at this minute."),
    )
    publish_until = models.DateTimeField(
        _("publish until"),
        null=True,
        blank=True,
        help_text=_("Optional, Paris time: the page disappears at this minute."),
    )

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if (
            self.publish_from
            and self.publish_until
            and self.publish_until <= self.publish_from
        ):
            raise ValidationError(
                {
                    "publish_until": _(
                        "The end of publication must come after its start."
                    )
                }
            )

    def is_live(self, now=None):
        now = now or timezone.now()
        return (
            self.is_published
            and (self.publish_from is None or self.publish_from <= now)
            and (self.publish_until is None or now < self.publish_until)
        )

    def publication_state(self, now=None):
        """ "draft", "scheduled", "expired" or "live"."""
        now = now or timezone.now()
        if not self.is_published:
            return "draft"
        if self.publish_from and now < self.publish_from:
            return "scheduled"
        if self.publish_until and self.publish_until <= now:
            return "expired"
        return "live"

    def get_publication_state_display(self, now=None):
        return PUBLICATION_STATES[self.publication_state(now)]

    def get_admin_url(self):
        opts = self._meta
        return reverse(
            f"admin:{opts.app_label}_{opts.model_name}_change", args=[self.pk]
        )


PUBLICATION_STATES = {
    "draft": _("Draft"),
    "scheduled": _("Scheduled"),
    "expired": _("Publication ended"),
    "live": _("Live"),
}


def publishable_models():
    return [
        model
        for model in apps.get_models()
        if issubclass(model, Publishable) and not model._meta.proxy
    ]


# --- Scheduled changes and the page cache ----------------------------------------


def next_change(now=None):
    """The first `publish_from` or `publish_until` after `now`, or None.

    One query, whatever the number of publishable models.
    """
    return _query_next_change(now or timezone.now())


def _query_next_change(now):
    queries = []
    for model in publishable_models():
        for field in ("publish_from", "publish_until"):
            queries.append(
                model._default_manager.filter(**{f"{field}__gt": now})
                .order_by()
                .values_list(field, flat=True)
            )
    if not queries:
        return None
    first, *others = queries
    return first.union(*others).order_by(first.query.values_select[0]).first()


def seconds_until_next_change(now):
    """Page lifetime limit for core/caching.py (None: no change to come)."""
    try:
        change = next_change(now)
    except DatabaseError:
        # A page already rendered is not failed for this: it keeps the
        # usual lifetime.
        logger.warning("Next scheduled publication unreadable: database error")
        return None
    if change is None:
        return None
    return math.floor((change - timezone.now()).total_seconds())


# --- Previews -----------------------------------------------------------------------


def can_preview(user, model):
    opts = model._meta
    return (
        user.is_active
        and user.is_staff
        and user.has_perm(f"{opts.app_label}.change_{opts.model_name}")
    )


def get_published_or_preview(request, queryset, **lookup):
    """The live item, or for staff who may change it any item: a preview.

    A preview marks the request (`is_preview`), so the page shows a banner and
    `cache_public_page` neither stores it nor lets browsers or proxies keep it.
    """
    try:
        return get_object_or_404(queryset.published(), **lookup)
    except Http404:
        if not can_preview(request.user, queryset.model):
            raise
    item = get_object_or_404(queryset, **lookup)
    setattr(request, PREVIEW_ATTR, item)
    setattr(request, caching.PRIVATE_ATTR, True)
    return item


def is_preview(request):
    return getattr(request, PREVIEW_ATTR, None) is not None
