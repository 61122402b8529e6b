"""Views that exercise the page cache's refusals (used only by tests)."""

import time

from django.db import DatabaseError
from django.http import HttpResponse, StreamingHttpResponse
from django.middleware.csrf import get_token
from django.urls import path
from django.views.decorators.cache import never_cache

from core.caching import bump_generation, cache_public_page

calls = []
# Views named here fail once (a database that does not answer).
failing = set()


def _counted(name):
    calls.append(name)
    return HttpResponse(f"{name} #{calls.count(name)}")


@cache_public_page
def plain(request):
    return _counted("plain")


@cache_public_page
def sets_cookie(request):
    response = _counted("sets_cookie")
    response.set_cookie("seen", "1")
    return response


@cache_public_page
def uses_csrf(request):
    get_token(request)
    return _counted("uses_csrf")


@cache_public_page
def not_found(request):
    response = _counted("not_found")
    response.status_code = 404
    return response


@cache_public_page
@never_cache
def private(request):
    return _counted("private")


@cache_public_page
def content_changes_meanwhile(request):
    bump_generation()  # staff save while this page is being rendered
    return _counted("content_changes_meanwhile")


@cache_public_page
def no_cache(request):
    response = _counted("no_cache")
    response["Cache-Control"] = "no-cache"
    return response


@cache_public_page
def streams(request):
    calls.append("streams")
    return StreamingHttpResponse(iter([f"streams #{calls.count('streams')}"]))


@cache_public_page
def reads_session(request):
    # The page depends on the visitor (Vary: Cookie), though it sets nothing.
    request.session.get("seen")
    return _counted("reads_session")


@cache_public_page(seconds=1)
def slow_to_build(request):
    """Fresh one second; takes half a second to build."""
    time.sleep(0.5)
    return _counted("slow_to_build")


@cache_public_page
def flaky(request):
    if "flaky" in failing:
        failing.discard("flaky")
        raise DatabaseError("the database does not answer")
    return _counted("flaky")


def undecorated(request):
    return _counted("undecorated")


urlpatterns = [
    path(f"{view.__name__}/", view)
    for view in (
        plain,
        sets_cookie,
        uses_csrf,
        not_found,
        private,
        no_cache,
        streams,
        reads_session,
        content_changes_meanwhile,
        slow_to_build,
        flaky,
        undecorated,
    )
]
