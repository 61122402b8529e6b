"""The upcoming receptions as an iCalendar (RFC 5545) feed.

Times in Europe/Paris with a VTIMEZONE block; texts in the language of the
URL the calendar was fetched from.
"""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

PRODID = "-//Ville de Dijon//Dijon international receptions//FR"
TIMEZONE_MARGIN = timedelta(days=366)
DEFAULT_UID_DOMAIN = "international.dijon.fr"


def reception_uid(reception):
    """A calendar identifier that never changes for this reception."""
    domain = getattr(settings, "CALENDAR_UID_DOMAIN", DEFAULT_UID_DOMAIN)
    return f"reception-{reception.pk}@{domain}"


def _description(reception, url):
    parts = [reception.description.strip()] if reception.description else []
    parts.append(
        _("Free, on registration: %(url)s") % {"url": url},
    )
    return "\n\n".join(parts)


def receptions_calendar(receptions, *, name, build_url, now=None):
    """An iCalendar document (bytes) of `receptions`.

    `build_url` turns a path into an absolute URL. DTSTAMP is the start of
    the day, so the feed stays the same (and cacheable) all day long.
    """
    now = now or timezone.now()
    stamp = now.replace(hour=0, minute=0, second=0, microsecond=0)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", timezone.get_current_timezone_name())
    calendar.add("name", name)
    receptions = list(receptions)
    for reception in receptions:
        url = build_url(reception.get_absolute_url())
        item = Event()
        item.add("uid", reception_uid(reception))
        item.add("dtstamp", stamp)
        item.add("dtstart", timezone.localtime(reception.starts_at))
        item.add("dtend", timezone.localtime(reception.ends_at))
        item.add("summary", reception.title)
        item.add("description", _description(reception, url))
        item.add("location", f"{reception.venue}, {reception.address}")
        item.add("url", url)
        calendar.add_component(item)
    if receptions:
        calendar.add_missing_timezones(
            first_date=min(r.starts_at for r in receptions).date() - TIMEZONE_MARGIN,
            last_date=max(r.ends_at for r in receptions).date() + TIMEZONE_MARGIN,
        )
    return calendar.to_ical()
