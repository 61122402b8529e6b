"""Business rules of the programmes app: what staff do to events and programmes."""

import re
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from programmes.models import Event


def _same_wall_clock_next_year(moment: datetime) -> datetime:
    """The same Paris wall-clock time one year later (29 February becomes the 28th)."""
    local = timezone.localtime(moment)
    naive = local.replace(tzinfo=None)
    try:
        shifted = naive.replace(year=naive.year + 1)
    except ValueError:
        shifted = naive.replace(year=naive.year + 1, day=28)
    return timezone.make_aware(shifted, local.tzinfo)


def _next_year_text(text: str, year: int) -> str:
    """Replace the edition's year in a title or slug, if it is there."""
    return re.sub(rf"(?<!\d){year}(?!\d)", str(year + 1), text)


def _free_slug(base: str) -> str:
    max_length = Event._meta.get_field("slug").max_length
    slug, number = base[:max_length], 2
    while Event.objects.filter(slug=slug).exists():
        suffix = f"-{number}"
        slug = base[: max_length - len(suffix)] + suffix
        number += 1
    return slug


@transaction.atomic
def event_duplicate_for_next_year(*, event: Event) -> Event:
    """Copy an edition one year later, unpublished, for staff to check and publish.

    Dates keep their Paris wall-clock time; the year in the slug and titles is
    moved on (or appended to the slug); related towns and programmes are copied.
    """
    year = timezone.localtime(event.start).year
    if re.search(rf"(?<!\d){year}(?!\d)", event.slug):
        base_slug = _next_year_text(event.slug, year)
    else:
        base_slug = f"{event.slug}-{year + 1}"
    copy = Event(
        slug=_free_slug(base_slug),
        start=_same_wall_clock_next_year(event.start),
        end=_same_wall_clock_next_year(event.end),
        address=event.address,
        organiser=event.organiser,
        website=event.website,
        image=event.image.name if event.image else "",
        is_published=False,
        dates_to_confirm=True,
    )
    for code, _name in settings.LANGUAGES:
        for field in ("title", "description", "venue", "image_alt"):
            name = f"{field}_{code}"
            value = getattr(event, name)
            if field == "title" and value:
                value = _next_year_text(value, year)
            setattr(copy, name, value)
    copy.save()
    copy.towns.set(event.towns.all())
    copy.programmes.set(event.programmes.all())
    return copy
