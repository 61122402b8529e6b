from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from programmes.models import Event
from twinning.models import HomeCity, Region, Town

HOME_EVENT_COUNT = 3


def home(request):
    towns = list(Town.objects.published().in_timeline_order())
    return render(
        request,
        "home.html",
        {
            "home_city": HomeCity.load(),
            "towns": towns,
            "events": Event.objects.published()
            .upcoming()
            .select_related("organiser")[:HOME_EVENT_COUNT],
            "regions": [
                (label, [t for t in towns if t.region == value])
                for value, label in Region.choices
            ],
        },
    )


@require_GET
def robots_txt(request):
    """Everything public may be indexed; the sitemap lists it.

    The admin is not named here (that would point scanners at it): its pages
    carry their own noindex meta tag.
    """
    sitemap_url = request.build_absolute_uri(reverse("sitemap"))
    lines = ["User-agent: *", "Allow: /", f"Sitemap: {sitemap_url}"]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)
