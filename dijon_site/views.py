from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from twinning.caching import cache_public_page
from twinning.models import HomeCity, Region, Town


@cache_public_page
def home(request):
    towns = list(Town.objects.published().in_timeline_order())
    return render(
        request,
        "home.html",
        {
            "home_city": HomeCity.load(),
            "towns": towns,
            "regions": [
                (label, [t for t in towns if t.region == value])
                for value, label in Region.choices
            ],
        },
    )


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /fr/" + _admin_path(),
        "Disallow: /en/" + _admin_path(),
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


def _admin_path():
    return reverse("admin:index").split("/", 2)[2]


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)
