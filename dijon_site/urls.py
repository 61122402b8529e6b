"""Root URLs: public pages under /fr/ and /en/, the admin, and technical files."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from dijon_site import auth, views
from dijon_site.sitemaps import SITEMAPS

admin.site.site_header = _("Dijon international — administration")
admin.site.site_title = _("Dijon international")
admin.site.index_title = _("Content and registrations")

urlpatterns = [
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("healthz", views.healthz, name="healthz"),
    path("favicon.ico", views.favicon, name="favicon"),
    path(
        "sitemap.xml",
        sitemap,
        {"sitemaps": SITEMAPS},
        name="sitemap",
    ),
]

urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path(_("site-map/"), views.site_map, name="site_map"),
    path(_("search/"), views.search, name="search"),
    path("", include("legal.urls")),
    path("", include("twinning.urls")),
    path("", include("programmes.urls")),
    path("", include("students.urls")),
    # Staff who forgot their password, or whose account is locked, reset it
    # by email (dijon_site/auth.py); the admin's login page links here.
    path(
        f"{settings.ADMIN_URL}password-reset/",
        auth.PasswordResetView.as_view(),
        name="admin_password_reset",
    ),
    path(
        f"{settings.ADMIN_URL}password-reset/sent/",
        auth.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        f"{settings.ADMIN_URL}password-reset/<uidb64>/<token>/",
        auth.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        f"{settings.ADMIN_URL}password-reset/done/",
        auth.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path(settings.ADMIN_URL, admin.site.urls),
    prefix_default_language=True,
)

handler404 = "dijon_site.views.page_not_found"
handler500 = "dijon_site.views.server_error"

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
