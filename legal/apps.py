from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LegalConfig(AppConfig):
    name = "legal"
    verbose_name = _("Legal pages")

    def ready(self):
        from core.caching import invalidate_on_change

        # The footer of every page reads the accessibility status.
        invalidate_on_change(self.get_models())
