from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TwinningConfig(AppConfig):
    name = "twinning"
    verbose_name = _("Twin towns and partnerships")

    def ready(self):
        from django.db.models import Prefetch

        from core.caching import invalidate_on_change
        from twinning.models import Partnership
        from twinning.sections import town_sections

        # Every public page may show twinning content (menus, maps, footer).
        invalidate_on_change(self.get_models())
        town_sections.register(
            "partnerships",
            template="twinning/includes/town_partnerships.html",
            prefetch=lambda: Prefetch(
                "partnerships",
                queryset=Partnership.objects.published(),
                to_attr="published_partnerships",
            ),
            order=10,
        )
