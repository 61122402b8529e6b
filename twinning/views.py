from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404, render

from core.caching import cache_public_page
from core.publishing import get_published_or_preview, live_q
from twinning.forms import PartnershipFilterForm
from twinning.models import (
    Department,
    Domain,
    DomainText,
    HomeCity,
    NetworkMembership,
    Organisation,
    Partnership,
    Region,
    Town,
)
from twinning.sections import town_sections


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
    town = get_published_or_preview(
        request,
        Town.objects.prefetch_related(*town_sections.prefetches()),
        slug=slug,
    )
    home_city = HomeCity.load()
    return render(
        request,
        "twinning/town_detail.html",
        {
            "town": town,
            "home_city": home_city,
            "distance_km": town.distance_km(home_city),
            "town_sections": town_sections,
        },
    )


@cache_public_page
def international_action(request):
    department = Department.objects.prefetch_related("axes").order_by("pk").first()
    texts = {text.domain: text for text in DomainText.objects.all()}
    counts = dict(
        Partnership.objects.published()
        .values_list("domain")
        .annotate(total=Count("pk"))
        .order_by()
    )
    domains = [
        {
            "value": value,
            "label": label,
            "text": texts.get(value),
            "count": counts.get(value, 0),
        }
        for value, label in Domain.choices
    ]
    return render(
        request,
        "twinning/international_action.html",
        {"department": department, "domains": domains},
    )


@cache_public_page(params=["domain", "town"])
def partnership_list(request):
    towns = list(
        Town.objects.published().annotate(
            published_partnerships=Count(
                "partnerships", filter=live_q(prefix="partnerships__")
            )
        )
    )
    form = PartnershipFilterForm(
        request.GET,
        towns=towns,
        town_options=[
            town
            for town in towns
            if town.published_partnerships or town.slug == request.GET.get("town")
        ],
    )
    status = 200
    domain = town = None
    partnerships = Partnership.objects.none()
    if form.is_valid():
        domain = form.cleaned_data["domain"] or None
        town = form.cleaned_data["town"]
        partnerships = Partnership.objects.published()
        if domain:
            partnerships = partnerships.in_domain(domain)
        if town:
            partnerships = partnerships.involving_town(town)
        partnerships = partnerships.with_public_relations()
    else:
        status = 400
    return render(
        request,
        "twinning/partnership_list.html",
        {
            "form": form,
            "partnerships": list(partnerships),
            "domain": domain,
            "domain_label": Domain(domain).label if domain else "",
            "town": town,
            "domains": Domain.choices,
            "is_filtered": bool(domain or town),
        },
        status=status,
    )


@cache_public_page
def partnership_detail(request, slug):
    partnership = get_published_or_preview(
        request, Partnership.objects.with_public_relations(), slug=slug
    )
    return render(
        request, "twinning/partnership_detail.html", {"partnership": partnership}
    )


@cache_public_page
def organisation_detail(request, slug):
    organisation = get_object_or_404(
        Organisation.objects.select_related("town").prefetch_related(
            Prefetch("partnerships", queryset=Partnership.objects.published())
        ),
        slug=slug,
    )
    return render(
        request,
        "twinning/organisation_detail.html",
        {"organisation": organisation},
    )


@cache_public_page
def network_list(request):
    return render(
        request,
        "twinning/network_list.html",
        {"networks": list(NetworkMembership.objects.published())},
    )


@cache_public_page
def contact(request):
    return render(request, "twinning/contact.html")
