from django.shortcuts import get_object_or_404, render

from twinning.caching import cache_public_page
from twinning.models import HomeCity, Region, Town


@cache_public_page
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


@cache_public_page
def town_detail(request, slug):
    town = get_object_or_404(Town.objects.published(), slug=slug)
    return render(
        request,
        "twinning/town_detail.html",
        {"town": town, "home_city": HomeCity.load()},
    )
