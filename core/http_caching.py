"""What browsers and shared caches (nginx, a CDN) may keep, and for how long.

- **Public pages** (those `core.caching.PageCacheMiddleware` may store: the
  same bytes for every anonymous visitor) say `public, max-age=0,
  s-maxage=HTTP_CACHE_SECONDS, stale-while-revalidate=HTTP_CACHE_STALE_SECONDS`
  with a strong `ETag` (a hash of the page, computed once when the page is
  rendered and stored with it). Browsers revalidate at every visit and get a
  `304 Not Modified` while the page is unchanged; a shared cache keeps the
  page a short, configured time, so an edit shows everywhere within
  HTTP_CACHE_SECONDS + HTTP_CACHE_STALE_SECONDS. A page that asks for a
  shorter life (`cache_public_page(seconds=...)`, e.g. the receptions list
  and its seat counts) gets that as `s-maxage` and nothing stale.
- **Every other page** (a form, personal data, the admin, a preview, an
  error) says `private, no-store` unless its view chose its own header.

`HttpCachingMiddleware` sits right after `PageCacheMiddleware`, so stored
pages keep these headers; Django's `ConditionalGetMiddleware`, before it,
answers conditional requests; `ConditionalGetWSGI` does the same for pages
served before Django (`core.caching.PageCacheWSGI`).
"""

import hashlib

from django.conf import settings
from django.utils.http import parse_etags

from core.caching import SECONDS_ATTR, page_key, storable

PRIVATE = "private, no-store"


def public_cache_control(seconds=None):
    """The Cache-Control of a public page (see the module's docstring)."""
    shared = settings.HTTP_CACHE_SECONDS
    stale = settings.HTTP_CACHE_STALE_SECONDS
    if seconds is not None and seconds < shared:
        # Whole seconds (a scheduled change may leave a fraction), never more.
        shared, stale = int(seconds), 0
    directives = ["public", "max-age=0", f"s-maxage={shared}"]
    if stale:
        directives.append(f"stale-while-revalidate={stale}")
    return ", ".join(directives)


def content_etag(content):
    """A strong validator: the page's bytes, hashed."""
    return '"' + hashlib.blake2b(content, digest_size=16).hexdigest() + '"'


def _file_prefixes():
    return tuple(
        url for url in (settings.STATIC_URL, settings.MEDIA_URL) if url and url != "/"
    )


class HttpCachingMiddleware:
    """Cache-Control and ETag on every page (static and media files aside)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path_info.startswith(_file_prefixes()):
            return response
        if (
            request.method in ("GET", "HEAD")
            and page_key({**request.META, "REQUEST_METHOD": "GET"}) is not None
            and storable(request, response)
        ):
            response["Cache-Control"] = public_cache_control(
                getattr(response, SECONDS_ATTR, None)
            )
            if not response.has_header("ETag"):
                response["ETag"] = content_etag(response.content)
        elif not response.has_header("Cache-Control"):
            response["Cache-Control"] = PRIVATE
        return response


# What a 304 repeats of the 200 it stands for (RFC 9110, 15.4.5), as Django's
# own ConditionalGetMiddleware does.
NOT_MODIFIED_HEADERS = {
    "cache-control",
    "content-location",
    "date",
    "etag",
    "expires",
    "last-modified",
    "vary",
    "x-request-id",
}


def etag_matches(etag, if_none_match):
    """If-None-Match's weak comparison (RFC 9110, 13.1.2)."""
    if not etag or not if_none_match:
        return False
    wanted = parse_etags(if_none_match)
    if "*" in wanted:
        return True
    return etag.removeprefix("W/") in {tag.removeprefix("W/") for tag in wanted}


class ConditionalGetWSGI:
    """`304 Not Modified` for pages answered before Django (the WSGI page cache).

    Wraps the WSGI application outside `PageCacheWSGI`: a conditional GET
    whose If-None-Match names the page's current ETag gets the headers only.
    Pages Django builds are answered by `ConditionalGetMiddleware` already.
    """

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        if_none_match = environ.get("HTTP_IF_NONE_MATCH")
        if not if_none_match or environ.get("REQUEST_METHOD") not in ("GET", "HEAD"):
            return self.application(environ, start_response)
        not_modified = []

        def conditional_start(status, headers, exc_info=None):
            etag = next((v for k, v in headers if k.lower() == "etag"), None)
            if status.startswith("200 ") and etag_matches(etag, if_none_match):
                not_modified.append(True)
                kept = [(k, v) for k, v in headers if k.lower() in NOT_MODIFIED_HEADERS]
                return start_response("304 Not Modified", kept)
            return start_response(status, headers, exc_info)

        body = self.application(environ, conditional_start)
        if not_modified:
            if hasattr(body, "close"):
                body.close()
            return []
        return body
