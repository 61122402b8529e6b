from django.shortcuts import get_object_or_404, render

from core.caching import cache_public_page
from legal.models import LegalPage


@cache_public_page
def legal_page(request, kind):
    page = get_object_or_404(LegalPage, kind=kind)
    return render(request, "legal/page.html", {"page": page})
