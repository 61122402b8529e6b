"""Sitemaps of the public pages, each in French and English with hreflang links.

Other apps add a class here and list it in SITEMAPS.
"""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from programmes.models import Event, Programme
from students.models import Reception
from twinning.models import Organisation, Partnership, Town


class I18nSitemap(Sitemap):
    """A page per language, each listing its alternates (and x-default)."""

    i18n = True
    alternates = True
    x_default = True

    def _urls(self, page, protocol, domain):
        # Django writes x-default as the French URL without its /fr/ prefix,
        # which only exists when the default language is unprefixed: ours is
        # prefixed, so point x-default at the French page itself.
        urls = super()._urls(page, protocol, domain)
        for url in urls:
            default = [
                alternate["location"]
                for alternate in url["alternates"]
                if alternate["lang_code"] == settings.LANGUAGE_CODE
            ]
            for alternate in url["alternates"]:
                if alternate["lang_code"] == "x-default" and default:
                    alternate["location"] = default[0]
        return urls


class StaticPagesSitemap(I18nSitemap):
    """Pages that are not model instances: the home page and the lists."""

    changefreq = "weekly"
    priority = 0.8

    def items(self):
        return [
            "home",
            "twinning:town_list",
            "twinning:international_action",
            "twinning:partnership_list",
            "twinning:network_list",
            "twinning:contact",
            "programmes:programme_list",
            "programmes:event_list",
            "programmes:event_archive",
            "students:reception_list",
        ]

    def location(self, item):
        return reverse(item)


class TownSitemap(I18nSitemap):
    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return Town.objects.published().order_by("slug")

    def lastmod(self, town):
        return town.updated_at


class PartnershipSitemap(I18nSitemap):
    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return Partnership.objects.published().order_by("slug")

    def lastmod(self, partnership):
        return partnership.updated_at


class OrganisationSitemap(I18nSitemap):
    """Every partner has a public page."""

    changefreq = "monthly"
    priority = 0.4

    def items(self):
        return Organisation.objects.order_by("slug")


class ProgrammeSitemap(I18nSitemap):
    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return Programme.objects.published().order_by("slug")

    def lastmod(self, programme):
        return programme.updated_at


class EventSitemap(I18nSitemap):
    changefreq = "weekly"
    priority = 0.5

    def items(self):
        return Event.objects.published().order_by("slug")

    def lastmod(self, event):
        return event.updated_at


class ReceptionSitemap(I18nSitemap):
    changefreq = "weekly"
    priority = 0.6

    def items(self):
        return Reception.objects.published().order_by("slug")


SITEMAPS = {
    "pages": StaticPagesSitemap,
    "towns": TownSitemap,
    "partnerships": PartnershipSitemap,
    "organisations": OrganisationSitemap,
    "programmes": ProgrammeSitemap,
    "events": EventSitemap,
    "receptions": ReceptionSitemap,
}
