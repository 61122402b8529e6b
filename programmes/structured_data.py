"""schema.org structured data for event pages, as a JSON-LD block.

The JSON is built in Python and escaped like Django's `json_script`, so no text
typed by staff can close the `<script>` element.
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext

# Same escapes as django.utils.html.json_script.
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def event_data(event, *, build_url):
    """The schema.org `Event` describing `event`, as a dictionary."""
    location = {"@type": "Place", "name": event.venue or event.address or "Dijon"}
    if event.address:
        # Staff type the address as one line: schema.org accepts it as text.
        location["address"] = event.address
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "startDate": timezone.localtime(event.start).isoformat(),
        "endDate": timezone.localtime(event.end).isoformat(),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": location,
        "url": build_url(event.get_absolute_url()),
        "inLanguage": get_language(),
    }
    if event.description:
        data["description"] = event.description
    if event.image:
        data["image"] = [build_url(event.image.url)]
    if event.organiser:
        organiser = {"@type": "Organization", "name": event.organiser.name}
        if event.organiser.website:
            organiser["url"] = event.organiser.website
        data["organizer"] = organiser
    else:
        data["organizer"] = {
            "@type": "Organization",
            "name": gettext("City of Dijon"),
            "url": "https://www.dijon.fr",
        }
    return data


def json_ld(data):
    """A `<script type="application/ld+json">` element holding `data`, escaped."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(text.translate(_JSON_ESCAPES)),  # noqa: S308  (escaped above)
    )
