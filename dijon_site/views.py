import logging

from django.db import connection
from django.http import HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from core.caching import cache_public_page
from core.errors import error_response
from core.health import site_health
from core.search import MAX_QUERY_LENGTH, clean_query, site_search
from dijon_site.sitemaps import SITEMAPS
from programmes.models import Event
from twinning.models import HomeCity, Region, Town

logger = logging.getLogger(__name__)

HOME_EVENT_COUNT = 3


@cache_public_page
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


@require_safe
def search(request):
    """Site search over every kind of content the apps register (core.search).

    Not kept in the page cache: every query would be a page of its own."""
    query = clean_query(request.GET.get("q", ""))
    groups = site_search.search(query) if query else []
    return render(
        request,
        "search.html",
        {
            "query": query,
            "groups": groups,
            "count": sum(len(group.results) for group in groups),
            "max_length": MAX_QUERY_LENGTH,
        },
    )


@cache_public_page
def site_map(request):
    """The HTML site map: the pages of sitemap.xml, section by section."""
    sections = []
    for sitemap_class in SITEMAPS.values():
        sitemap = sitemap_class()
        pages = [
            (sitemap.label(item), sitemap.location(item)) for item in sitemap.items()
        ]
        if pages:
            sections.append((sitemap.heading, pages))
    return render(request, "site_map.html", {"sections": sections})


@require_safe
def robots_txt(request):
    """Everything public may be indexed; the sitemap lists it.

    The admin is not named here (that would point scanners at it): its pages
    carry their own noindex meta tag.
    """
    sitemap_url = request.build_absolute_uri(reverse("sitemap"))
    lines = ["User-agent: *", "Allow: /", f"Sitemap: {sitemap_url}"]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


@require_safe
def favicon(request):
    """Browsers ask for /favicon.ico on pages without an icon (the admin)."""
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


def csrf_failure(request, reason=""):
    """A form sent without its security token: explained, in the site's style.

    (Django's own page is English only and uses inline styles, which the
    Content-Security-Policy blocks.)"""
    return render(request, "403_csrf.html", status=403)


def server_error(request):
    """The 500 page, or a 503 with Retry-After when the database is down
    (core/errors.py): rendered without the database, headers included."""
    return error_response(request)


@never_cache
@require_safe
def healthz(request):
    """For the load balancer and monitoring: can this server answer pages?

    JSON naming each part and its state ("ok", "unavailable", or "late" for
    the periodic work), never why (the reason goes to the log, with the
    request id): 200 when the site can serve (the database answers; a cache
    that does not only slows it down, and late periodic work does not stop
    pages: both "degraded"), 503 otherwise.
    """
    health = site_health(connection)
    serving = health["status"] != "unavailable"
    return JsonResponse(health, status=200 if serving else 503)
