from django import template
from django.utils.translation import gettext as _

from twinning import maps

register = template.Library()


def town_label(town):
    """The accessible name of a town on the map: name, country, status."""
    if town.status == town.Status.TWINNED and town.twinned_since:
        status = _("twin town since %(year)s") % {"year": town.twinned_since}
    else:
        status = town.get_status_display()
    return f"{town.name} ({town.country.name}), {status}"


@register.inclusion_tag("twinning/includes/map.html")
def network_map(home_city, towns, map_id="network-map"):
    """The SVG map of Dijon and its twin towns, each town a link."""
    if not home_city:
        return {"map": None}
    towns = list(towns)
    return {
        "map": maps.network_map(
            home_city, towns, labels={town.pk: town_label(town) for town in towns}
        ),
        "map_id": map_id,
        "links": True,
        "title": _("Map of Dijon's twin towns"),
        "description": _(
            "Lines join Dijon to each of its twin towns, from Dallas in the west "
            "to Volgograd in the east; the list of towns follows the map."
        ),
        "css_class": "map map--network",
        "frame_class": "map-frame--network",
    }


@register.inclusion_tag("twinning/includes/map.html")
def locator_map(home_city, town, map_id="locator-map"):
    """A small SVG map placing one town and Dijon."""
    if not home_city:
        return {"map": None}
    return {
        "map": maps.locator_map(home_city, town),
        "map_id": map_id,
        "links": False,
        "title": _("Where %(town)s lies") % {"town": town.name},
        "description": _("Map showing %(town)s, %(country)s, and Dijon, France.")
        % {"town": town.name, "country": town.country.name},
        "css_class": "map map--locator",
        "frame_class": "map-frame--locator",
    }


@register.inclusion_tag("twinning/includes/map_legend.html")
def map_legend(towns):
    """The map's legend: Dijon and only the statuses the map's towns have."""
    return {"statuses": {town.status for town in towns}}


@register.inclusion_tag("twinning/includes/map_key.html")
def map_key(towns):
    """The numbered list of the map's towns, which the phone's map labels by
    number (twinning/maps.py numbers them in the same order)."""
    return {"towns": towns}
