"""A shared cache of whole public pages, emptied at once when staff edit content.

Views opt in with `@cache_public_page`; `PageCacheMiddleware` (right after
RequestIdMiddleware, before every other) serves and stores them. A page is
stored only when it is the same for every visitor: an anonymous GET
answered 200 with no cookie set, no CSRF token used and no
`Cache-Control: private/no-store`. It is stored with
the headers all the other middleware added (security headers...), and a hit
is served before any of them, sessions, authentication, URL resolving and
templates: one cache round trip, no SQL. In production `PageCacheWSGI`
(dijon_site/wsgi.py) serves hits even before Django builds a request.

Invalidation: every stored page carries the cache *generation* that was
current when its request arrived; `bump_generation()` (called by signal
receivers whenever content changes, see `dijon_site.apps`) replaces the
generation with a new random token in the shared cache, so every process
stops serving older pages at once. A request that started before a save can
only store its page under the old generation, never the new one.

This module lives in `twinning` (the ground floor) so every content app can
decorate its views with it; it imports nothing from other apps.
"""

import hashlib
import re
import uuid
from functools import wraps
from http import HTTPStatus

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.http import HttpResponse
from django.utils.cache import cc_delim_re

GENERATION_KEY = "page-cache:generation"
PAGE_KEY_PREFIX = "page-cache:page:"
# Set on a response by the decorator; only such responses may be stored.
CACHEABLE_ATTR = "_public_page_cacheable"
# Query strings longer than this are never cached (no cache flooding).
MAX_QUERY_STRING = 200


def _cache():
    return caches[getattr(settings, "PAGE_CACHE_ALIAS", "default")]


def _timeout():
    return getattr(settings, "PAGE_CACHE_SECONDS", 600)


def cache_public_page(view=None, *, params=()):
    """Let `PageCacheMiddleware` keep this view's anonymous pages in the cache.

    Only for pages that are the same for every visitor: no form, no personal
    data. Responses that set a cookie or use a CSRF token are never stored
    anyway, whatever the decorator says. `params` names the query parameters
    the page reads (`@cache_public_page(params=["domain", "town"])`): a URL
    with any other parameter, or one given twice, is answered but never
    stored, so made-up query strings cannot flood the cache.
    """
    if view is None:
        return lambda view: cache_public_page(view, params=params)
    allowed = frozenset(params)

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        query = request.GET
        if set(query) <= allowed and all(len(query.getlist(k)) == 1 for k in query):
            setattr(response, CACHEABLE_ATTR, True)
        return response

    return wrapper


def current_generation(cache=None):
    """The current generation token, created when the cache holds none."""
    cache = cache or _cache()
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
        generation = cache.get(GENERATION_KEY)
    return generation


def bump_generation():
    """Make every cached page stale, in every process sharing the cache.

    Done at once (a save outside a transaction, and tests) and again when the
    current transaction commits: a page rendered from the data as it was
    before the commit would otherwise be stored under the new generation.
    """
    _new_generation()
    transaction.on_commit(_new_generation)


def _new_generation():
    _cache().set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)


def page_key(environ):
    """The cache key of a WSGI request's page, or None when it is not cached.

    Computed from the WSGI environ alone, so the WSGI wrapper (before Django)
    and the middleware (inside it) agree. The host is not validated here: only
    pages Django answered with 200, so for an allowed host, are ever stored.
    """
    if environ.get("REQUEST_METHOD") != "GET":
        return None
    path = environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", "")
    if path.startswith(_file_prefixes()):
        return None
    cookies = environ.get("HTTP_COOKIE", "")
    if cookies and settings.SESSION_COOKIE_NAME + "=" in cookies:
        # Signed-in staff, or a visitor with a session: always a fresh page.
        return None
    query = environ.get("QUERY_STRING", "")
    if len(query) > MAX_QUERY_STRING:
        return None
    # The language is in the path (/fr/, /en/); scheme and host appear in
    # the page (hreflang links), so they are part of the key too.
    raw = f"{_scheme(environ)}://{_host(environ)}{path}?{query}"
    return PAGE_KEY_PREFIX + hashlib.sha256(raw.encode()).hexdigest()


def _scheme(environ):
    """As `HttpRequest.scheme` sees it (SECURE_PROXY_SSL_HEADER included)."""
    if settings.SECURE_PROXY_SSL_HEADER:
        header, secure_value = settings.SECURE_PROXY_SSL_HEADER
        value = environ.get(header)
        if value is not None:
            return "https" if value.split(",", 1)[0].strip() == secure_value else "http"
    return environ.get("wsgi.url_scheme", "http")


def _host(environ):
    """As `HttpRequest.get_host()` reads it, before validation."""
    if settings.USE_X_FORWARDED_HOST and "HTTP_X_FORWARDED_HOST" in environ:
        return environ["HTTP_X_FORWARDED_HOST"]
    if "HTTP_HOST" in environ:
        return environ["HTTP_HOST"]
    return f"{environ.get('SERVER_NAME', '')}:{environ.get('SERVER_PORT', '')}"


def _file_prefixes():
    """Static and media files are never pages: no cache look-up for them."""
    return tuple(
        url for url in (settings.STATIC_URL, settings.MEDIA_URL) if url and url != "/"
    )


def _lookup(key):
    """(stored entry or None, current generation), in one cache round trip."""
    cache = _cache()
    found = cache.get_many([GENERATION_KEY, key])
    generation = found.get(GENERATION_KEY)
    entry = found.get(key)
    if generation is not None and entry is not None and entry[0] == generation:
        return entry, generation
    if generation is None:
        generation = current_generation(cache)
    return None, generation


# The WSGI wrapper leaves the generation it read here for the middleware.
ENVIRON_GENERATION = "dijon.page_cache.generation"


class PageCacheMiddleware:
    """Serve and store the pages of views decorated with `cache_public_page`."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = page_key(request.META)
        if key is None:
            return self.get_response(request)
        generation = request.META.get(ENVIRON_GENERATION)
        if generation is None:
            entry, generation = _lookup(key)
            if entry is not None:
                return _rebuild(entry)
        response = self.get_response(request)
        if _storable(request, response):
            _cache().set(key, _freeze(generation, response), _timeout())
        return response


class PageCacheWSGI:
    """Serve cached pages before Django even builds a request.

    Wraps the WSGI application (`dijon_site/wsgi.py`): a hit costs one cache
    round trip and the bytes and headers Django sent the first time. Misses go
    on to Django, where `PageCacheMiddleware` stores what may be stored.
    """

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        key = page_key(environ)
        if key is not None:
            entry, generation = _lookup(key)
            if entry is not None:
                _generation, status, headers, content = entry
                headers = [*headers, ("X-Request-ID", _request_id(environ))]
                start_response(f"{status} {HTTPStatus(status).phrase}", headers)
                return [content]
            environ[ENVIRON_GENERATION] = generation
        return self.application(environ, start_response)


def _request_id(environ):
    """The proxy's request id when sane (as RequestIdMiddleware does), or a new one."""
    incoming = environ.get("HTTP_X_REQUEST_ID", "")
    return incoming if SANE_REQUEST_ID.fullmatch(incoming) else uuid.uuid4().hex


def _storable(request, response):
    if request.method != "GET" or not getattr(response, CACHEABLE_ATTR, False):
        return False
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.META.get(
        "CSRF_COOKIE_USED"
    ):
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False
    directives = {
        d.strip().lower() for d in cc_delim_re.split(response.get("Cache-Control", ""))
    }
    return not directives & {"private", "no-store", "no-cache"}


SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{8,128}")
# Headers that belong to one request, not to the page: never replayed.
PER_REQUEST_HEADERS = {"x-request-id"}


def _freeze(generation, response):
    headers = [
        (name, value)
        for name, value in response.items()
        if name.lower() not in PER_REQUEST_HEADERS
    ]
    return (generation, response.status_code, headers, response.content)


def _rebuild(entry):
    _generation, status, headers, content = entry
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    return response
