"""iCalendar (RFC 5545) export of events, built with the `icalendar` library.

Times are written in Europe/Paris with a VTIMEZONE block, so calendar apps show
them right whatever the subscriber's own time zone. Texts are in the active
language (the language of the URL the calendar was fetched from).
"""

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar
from icalendar import Event as CalendarEvent

TIMEZONE_MARGIN = timedelta(days=366)
PRODID = "-//Ville de Dijon//Dijon international//FR"


def _location(event):
    return ", ".join(part for part in (event.venue, event.address) if part)


def _description(event, url):
    parts = [event.description.strip()] if event.description else []
    if event.organiser:
        parts.append(_("Organiser: %(name)s") % {"name": event.organiser.name})
    parts.append(url)
    return "\n\n".join(parts)


def _calendar_event(event, build_url):
    url = build_url(event.get_absolute_url())
    item = CalendarEvent()
    item.add("uid", event.uid)
    item.add("dtstamp", event.updated_at)
    item.add("last-modified", event.updated_at)
    item.add("dtstart", timezone.localtime(event.start))
    item.add("dtend", timezone.localtime(event.end))
    item.add("summary", event.title)
    item.add("description", _description(event, url))
    location = _location(event)
    if location:
        item.add("location", location)
    item.add("url", url)
    return item


def events_calendar(events, *, name, build_url):
    """An iCalendar document (bytes) for `events`.

    `build_url` turns a path into an absolute URL (e.g. `request.build_absolute_uri`).
    """
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", timezone.get_current_timezone_name())
    calendar.add("x-wr-caldesc", name)
    calendar.add("name", name)
    events = list(events)
    for event in events:
        calendar.add_component(_calendar_event(event, build_url))
    if events:
        # Describe the time zone's rules only around the events: a short block.
        calendar.add_missing_timezones(
            first_date=min(e.start for e in events).date() - TIMEZONE_MARGIN,
            last_date=max(e.end for e in events).date() + TIMEZONE_MARGIN,
        )
    return calendar.to_ical()
