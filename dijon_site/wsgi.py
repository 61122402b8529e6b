"""WSGI entry point, used by gunicorn in production."""

import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dijon_site.settings")

application = get_wsgi_application()

# With DEBUG off, no emails printed into the logs (students' addresses and
# links) unless explicitly allowed: the server refuses to start.
from dijon_site.checks import refuse_console_email  # noqa: E402

refuse_console_email()

if settings.PAGE_CACHE_BEFORE_DJANGO:
    # Cached public pages are answered before Django builds a request (see
    # core/caching.py); everything else goes on to Django.
    from core.caching import PageCacheWSGI

    application = PageCacheWSGI(application)

# Conditional requests for cached pages (If-None-Match) get 304 Not Modified
# even when answered before Django (core/http_caching.py).
from core.http_caching import ConditionalGetWSGI  # noqa: E402

application = ConditionalGetWSGI(application)

# Outermost: whatever fails outside Django's own handler (the page cache
# above, Django's 500 handler itself) still answers the site's 500 or 503
# page with its security headers, never the WSGI server's bare one.
from core.errors import ErrorPagesWSGI  # noqa: E402

application = ErrorPagesWSGI(application)
