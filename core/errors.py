"""The site's own error pages, whatever fails and wherever it fails.

- `error_response(request)`: Django's 500 handler (dijon_site.views). An
  exception caused by a database that does not answer becomes a translated
  503 page with `Retry-After`; anything else the 500 page. Both carry the
  site's security headers themselves, since an exception raised by an early
  middleware skips the middleware that would add them.
- `ErrorPagesWSGI`: the outermost WSGI wrapper (dijon_site/wsgi.py), for what
  fails outside Django's handler (the WSGI page cache, a WSGI-level guard, or
  Django's 500 handler itself): the same pages instead of the WSGI server's
  bare "Internal Server Error".

Error pages are rendered without the database and without a request (no
context processor runs), in the language of the URL's prefix, and never show
a traceback; the error goes to the log with the request id.
"""

import logging
import sys
from http import HTTPStatus

from csp.utils import build_policy
from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation
from django_permissions_policy import PermissionsPolicyMiddleware

from core.logging import request_id_from, request_id_var

logger = logging.getLogger(__name__)

# Errors raised when the database cannot be reached or has gone away (Django
# wraps the driver's own); a query error (bad SQL, constraint) is not one.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)

# Pages shown when nothing else can be: no template, no translation needed.
LAST_RESORT = {
    500: b"<!doctype html><html lang=fr><meta charset=utf-8><title>Erreur / Error"
    b"</title><h1>Une erreur est survenue / Something went wrong</h1>",
    503: b"<!doctype html><html lang=fr><meta charset=utf-8><title>Indisponible /"
    b" Unavailable</title><h1>Site momentan\xc3\xa9ment indisponible / Site "
    b"temporarily unavailable</h1>",
}


def database_unavailable(exc):
    """Was EXC (or what caused it) the database not answering?"""
    seen = set()
    while exc is not None and id(exc) not in seen:
        if isinstance(exc, DATABASE_UNAVAILABLE):
            return True
        seen.add(id(exc))
        exc = exc.__cause__ or exc.__context__
    return False


def status_for(exc):
    return 503 if database_unavailable(exc) else 500


def language_of(path):
    """The language of the URL's prefix (/fr/, /en/), else the default."""
    code = translation.get_language_from_path(path or "/")
    return code or settings.LANGUAGE_CODE


def render_page(status, path):
    """The error page's HTML as bytes; never raises."""
    template = "503.html" if status == 503 else "500.html"
    language = language_of(path)
    try:
        with translation.override(language):
            context = {"language": language, "retry_after": retry_after()}
            return render_to_string(template, context).encode()
    except Exception:  # a broken template or static manifest: the bare page
        logger.exception("The %s error page could not be rendered", status)
        return LAST_RESORT[status]


def retry_after():
    return getattr(settings, "RETRY_AFTER_SECONDS", 30)


def site_headers(secure):
    """The headers every page of the site carries (see settings, Security),
    as the middleware would have added them."""
    headers = {
        "Content-Type": "text/html; charset=utf-8",
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": settings.SECURE_REFERRER_POLICY,
        "Cross-Origin-Opener-Policy": settings.SECURE_CROSS_ORIGIN_OPENER_POLICY,
        "X-Frame-Options": settings.X_FRAME_OPTIONS,
    }
    try:
        headers["Content-Security-Policy"] = build_policy()
    except Exception:  # never the reason an error page fails
        headers["Content-Security-Policy"] = "default-src 'self'"
    try:
        policy = PermissionsPolicyMiddleware.compute_header_value(
            settings.PERMISSIONS_POLICY, name="PERMISSIONS_POLICY"
        )
        if policy:
            headers["Permissions-Policy"] = policy
    except Exception:
        pass
    if secure and settings.SECURE_HSTS_SECONDS:
        value = f"max-age={settings.SECURE_HSTS_SECONDS}"
        if settings.SECURE_HSTS_INCLUDE_SUBDOMAINS:
            value += "; includeSubDomains"
        if settings.SECURE_HSTS_PRELOAD:
            value += "; preload"
        headers["Strict-Transport-Security"] = value
    return headers


def error_response(request, exc=None):
    """The 500 (or 503 when the database is down) page for a Django request.

    Headers already set by the middleware are kept; missing ones are added.
    """
    exc = exc if exc is not None else sys.exc_info()[1]
    status = status_for(exc)
    response = HttpResponse(render_page(status, request.path_info), status=status)
    try:
        secure = request.is_secure()
    except Exception:
        secure = False
    for name, value in site_headers(secure).items():
        response[name] = value
    if status == 503:
        response["Retry-After"] = str(retry_after())
    return response


class ErrorPagesWSGI:
    """The site's error pages for exceptions no Django handler turned into one."""

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        # The id the request log, the error log and the visitor all see.
        request_id = request_id_from(environ.get("HTTP_X_REQUEST_ID", ""))
        environ["HTTP_X_REQUEST_ID"] = request_id
        try:
            return self.application(environ, start_response)
        except Exception as exc:
            status = status_for(exc)
            token = request_id_var.set(request_id)
            try:
                logger.error(
                    "Unhandled error outside Django's handler",
                    exc_info=True,
                    extra={"status": status},
                )
            finally:
                request_id_var.reset(token)
            headers = site_headers(_secure(environ))
            headers["X-Request-ID"] = request_id
            if status == 503:
                headers["Retry-After"] = str(retry_after())
            body = render_page(status, environ.get("PATH_INFO", ""))
            headers["Content-Length"] = str(len(body))
            start_response(
                f"{status} {HTTPStatus(status).phrase}",
                list(headers.items()),
                sys.exc_info(),
            )
            return [body]


def _secure(environ):
    from core.caching import _scheme

    try:
        return _scheme(environ) == "https"
    except Exception:
        return False
