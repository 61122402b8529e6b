"""Sitemaps of the public pages, each in French and English with hreflang links.

Other apps add a class here and list it in SITEMAPS.
"""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from legal.models import LegalPage
from programmes.models import Event, Programme
from students.models import Reception
from twinning.models import Organisation, Partnership, Town


class I18nSitemap(Sitemap):
    """A page per language, each listing its alternates (and x-default).

    `heading` and `label(item)` name the section and its pages in the HTML
    site map, which lists the same pages as sitemap.xml."""

    i18n = True
    alternates = True
    x_default = True
    heading = ""

    def label(self, item):
        return str(item)

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
    heading = _("Main pages")
    LABELS = {
        "home": _("Home"),
        "twinning:town_list": _("Twin towns"),
        "twinning:international_action": _("International action"),
        "twinning:partnership_list": _("Partnerships"),
        "twinning:network_list": _("International networks"),
        "twinning:contact": _("Contact"),
        "programmes:programme_list": _("Youth mobility"),
        "programmes:event_list": _("Events"),
        "programmes:event_archive": _("Past events"),
        "students:reception_list": _("Foreign students"),
        "site_map": _("Site map"),
    }

    def items(self):
        return list(self.LABELS)

    def location(self, item):
        return reverse(item)

    def label(self, item):
        return self.LABELS[item]


class TownSitemap(I18nSitemap):
    heading = _("Twin towns")
    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return Town.objects.published().order_by("slug")

    def lastmod(self, town):
        return town.updated_at


class PartnershipSitemap(I18nSitemap):
    heading = _("Partnerships")
    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return Partnership.objects.published().order_by("slug")

    def lastmod(self, partnership):
        return partnership.updated_at


class OrganisationSitemap(I18nSitemap):
    heading = _("Partners")
    """Every partner has a public page."""

    changefreq = "monthly"
    priority = 0.4

    def items(self):
        return Organisation.objects.order_by("slug")


class ProgrammeSitemap(I18nSitemap):
    heading = _("Youth mobility programmes")
    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return Programme.objects.published().order_by("slug")

    def lastmod(self, programme):
        return programme.updated_at


class EventSitemap(I18nSitemap):
    heading = _("Events")
    changefreq = "weekly"
    priority = 0.5

    def items(self):
        return Event.objects.published().order_by("slug")

    def lastmod(self, event):
        return event.updated_at


class ReceptionSitemap(I18nSitemap):
    heading = _("Welcome receptions for foreign students")
    changefreq = "weekly"
    priority = 0.6

    def items(self):
        return Reception.objects.published().order_by("slug")


class LegalSitemap(I18nSitemap):
    changefreq = "yearly"
    priority = 0.3
    heading = _("Legal information")

    def items(self):
        return LegalPage.objects.order_by("kind")

    def lastmod(self, page):
        return page.updated_at


SITEMAPS = {
    "pages": StaticPagesSitemap,
    "towns": TownSitemap,
    "partnerships": PartnershipSitemap,
    "organisations": OrganisationSitemap,
    "programmes": ProgrammeSitemap,
    "events": EventSitemap,
    "receptions": ReceptionSitemap,
    "legal": LegalSitemap,
}
