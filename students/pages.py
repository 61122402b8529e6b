"""The registration page as any visitor first sees it, kept a few seconds.

A reception page carries a CSRF token and a one-time submission token, so it
can never come whole from a shared cache. What is the same for everybody (the
reception, its seats, the blank form with its long lists of countries and
institutions) is rendered once per language and kept with two placeholders,
which each request fills with its own tokens: a visitor's page costs a cache
read instead of a render when a crowd arrives as registration opens.

Any change to a reception, an institution or a registration replaces the
*generation* the keys are built on, in the shared cache, so every server
drops its pages at once; `RECEPTION_PAGE_SECONDS` bounds how long a page can
lag behind what only time changes (a pending seat expiring, registration
closing): the registration itself is always decided by the services.
"""

import secrets
import uuid

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.translation import get_language

GENERATION_KEY = "students:pages:generation"
CSRF_MARK = "csrf0placeholder0for0each0visitor"
SUBMISSION_MARK = "submission0placeholder0for0each0visitor"


def bump_generation(**_signal_kwargs):
    """Forget every stored reception page (called on every students save)."""
    cache.set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)


def _key(slug):
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
        generation = cache.get(GENERATION_KEY)
    return f"students:page:{generation}:{get_language()}:{slug}"


def cached_reception_page(request, slug):
    """The visitor's page from the stored one, or None when none is stored."""
    html = cache.get(_key(slug))
    return None if html is None else _personalise(request, html)


def store_reception_page(request, slug, html):
    """Keep HTML rendered with the marks and answer with a personalised copy."""
    cache.set(_key(slug), html, timeout=settings.RECEPTION_PAGE_SECONDS)
    return _personalise(request, html)


def _personalise(request, html):
    html = html.replace(CSRF_MARK, get_token(request)).replace(
        SUBMISSION_MARK, secrets.token_urlsafe(24)
    )
    response = HttpResponse(html)
    response["Cache-Control"] = "private, no-store"
    return response
