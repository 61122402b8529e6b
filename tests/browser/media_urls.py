"""The site's URLs plus its uploaded files, for browser tests that show photos:
the live server runs with DEBUG off, where the site serves no media."""

from django.conf import settings
from django.urls import re_path
from django.views.static import serve

from dijon_site.urls import handler404, handler500
from dijon_site.urls import urlpatterns as site_patterns

__all__ = ["handler404", "handler500", "urlpatterns"]


def media(request, path):
    # MEDIA_ROOT read per request: each test points it at its own folder.
    return serve(request, path, document_root=settings.MEDIA_ROOT)


urlpatterns = [re_path(r"^media/(?P<path>.*)$", media), *site_patterns]
