from django.core.exceptions import FieldDoesNotExist
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render

from twinning.models import HomeCity, Region, Town

# Other apps point at towns (related names on Town) without twinning importing
# them: related name -> (QuerySet method chain, attribute the list lands on).
TOWN_RELATED = {
    "programmes": (("published",), "published_programmes"),
    "events": (("published", "upcoming"), "upcoming_events"),
}


def town_list(request):
    towns = list(Town.objects.published().in_timeline_order())
    regions = [
        (label, [town for town in towns if town.region == value])
        for value, label in Region.choices
    ]
    return render(
        request,
        "twinning/town_list.html",
        {
            "regions": [(label, members) for label, members in regions if members],
            "timeline": towns,
            "towns": towns,
            "home_city": HomeCity.load(),
        },
    )


def _related_prefetches():
    """Published programmes and upcoming events involving a town, when installed."""
    prefetches = []
    for name, (methods, attribute) in TOWN_RELATED.items():
        try:
            related_model = Town._meta.get_field(name).related_model
        except FieldDoesNotExist:
            continue
        queryset = related_model.objects.all()
        for method in methods:
            queryset = getattr(queryset, method)()
        prefetches.append(Prefetch(name, queryset=queryset, to_attr=attribute))
    return prefetches


def town_detail(request, slug):
    town = get_object_or_404(
        Town.objects.published().prefetch_related(*_related_prefetches()), slug=slug
    )
    return render(
        request,
        "twinning/town_detail.html",
        {
            "town": town,
            "home_city": HomeCity.load(),
            "programmes": getattr(town, "published_programmes", []),
            "events": getattr(town, "upcoming_events", []),
        },
    )
