from django.conf import settings
from django.urls import translate_url
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language, get_language_info

from legal.models import LegalPage
from twinning.models import Department


def site(request):
    """The language switcher's links: this same page in every language."""
    current = get_language()
    path = request.get_full_path()
    alternates = []
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        alternates.append(
            {
                "code": code,
                "name": info["name_local"],
                "url": _translated(path, current, code),
                "is_current": code == current,
            }
        )
    return {"language_alternates": alternates}


def _translated(path, current, code):
    """This page in another language; for an unknown page (a 404), the same
    path under the other language prefix, so the visitor reads the 404 there."""
    url = translate_url(path, code)
    prefix = f"/{current}/"
    if url == path and code != current and path.startswith(prefix):
        url = f"/{code}/" + path[len(prefix) :]
    return url


def department(request):
    """The department's contact, for the footer on every page.

    Lazy: the single query runs only when a template shows it, and only once per
    page. A view that passes its own `department` replaces it.
    """
    return {"department": SimpleLazyObject(Department.load)}


def legal(request):
    """The accessibility status the footer of every page declares, as set in
    the admin: one query, run only when a template reads it."""
    return {"accessibility_status": SimpleLazyObject(_accessibility_status)}


def _accessibility_status():
    value = LegalPage.objects.accessibility_status()
    return LegalPage.Compliance(value).label if value else ""
