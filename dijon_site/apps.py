from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DijonSiteConfig(AppConfig):
    name = "dijon_site"
    verbose_name = _("Site")
