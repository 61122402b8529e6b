"""schema.org `Event` data of a reception, for search engines (JSON-LD).

The JSON is escaped like Django's `json_script`, so no text typed by staff can
close the `<script>` element.
"""

import json
import re

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext

_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}
# "Place de la Libération, 21000 Dijon": street, postal code, town.
FRENCH_ADDRESS = re.compile(r"^(?P<street>.+?),\s*(?P<code>\d{5})\s+(?P<town>.+)$")
ORGANIZER_URL = "https://www.dijon.fr"


def postal_address(text):
    """A schema.org `PostalAddress` from the one line staff type."""
    address = {"@type": "PostalAddress", "addressCountry": "FR"}
    match = FRENCH_ADDRESS.match((text or "").strip())
    if match:
        address["streetAddress"] = match["street"]
        address["postalCode"] = match["code"]
        address["addressLocality"] = match["town"]
    else:
        address["streetAddress"] = text or ""
        address["addressLocality"] = "Dijon"
    return address


def _availability(reception, now):
    state = reception.registration_state(now)
    if state == "not_yet_open":
        return "https://schema.org/PreOrder"
    if state != "open":
        return "https://schema.org/SoldOut"
    if reception.seats_left:
        return "https://schema.org/InStock"
    # Full, but the waiting list still takes students.
    return "https://schema.org/LimitedAvailability"


def reception_data(reception, *, build_url, now=None):
    """The `Event` describing `reception` (from `with_counts()`), as a dictionary."""
    now = now or timezone.now()
    url = build_url(reception.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": reception.title,
        "startDate": timezone.localtime(reception.starts_at).isoformat(),
        "endDate": timezone.localtime(reception.ends_at).isoformat(),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": {
            "@type": "Place",
            "name": reception.venue,
            "address": postal_address(reception.address),
        },
        "organizer": {
            "@type": "Organization",
            "name": gettext("City of Dijon"),
            "url": ORGANIZER_URL,
        },
        "isAccessibleForFree": True,
        "offers": {
            "@type": "Offer",
            "price": "0",
            "priceCurrency": "EUR",
            "availability": _availability(reception, now),
            "validFrom": timezone.localtime(
                reception.registration_opens_at
            ).isoformat(),
            "url": url,
        },
        "url": url,
        "inLanguage": get_language(),
    }
    if reception.description:
        data["description"] = reception.description
    # Its gallery's photos (prefetched by the page), the first ones first.
    images = [photo.image for photo in reception.photos.all() if photo.image]
    if images:
        data["image"] = [build_url(image.url) for image in images[:3]]
    return data


def json_ld(data):
    """A `<script type="application/ld+json">` element holding `data`, escaped."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(text.translate(_JSON_ESCAPES)),  # noqa: S308  (escaped above)
    )
