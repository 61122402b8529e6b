from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammesConfig(AppConfig):
    name = "programmes"
    verbose_name = _("Youth mobility and events")

    def ready(self):
        from django.db.models import Prefetch

        from core.caching import invalidate_on_change
        from core.search import site_search
        from programmes.models import Event, Programme
        from twinning.sections import town_sections

        invalidate_on_change(self.get_models())
        # A town's page lists the programmes and upcoming events with it.
        town_sections.register(
            "programmes",
            template="programmes/includes/town_programmes.html",
            prefetch=lambda: Prefetch(
                "programmes",
                queryset=Programme.objects.published(),
                to_attr="published_programmes",
            ),
            order=20,
        )
        town_sections.register(
            "events",
            template="programmes/includes/town_events.html",
            prefetch=lambda: Prefetch(
                "events",
                queryset=Event.objects.published().upcoming(),
                to_attr="upcoming_events",
            ),
            order=30,
        )
        site_search.register(
            "programmes",
            label=_("Youth mobility programmes"),
            queryset=lambda: Programme.objects.published(),
            fields=["name", "summary", "description", "audience"],
            snippet=["summary", "description"],
            order=50,
        )
        site_search.register(
            "events",
            label=_("Events"),
            queryset=lambda: Event.objects.published(),
            fields=["title", "description", "venue"],
            snippet="description",
            order=60,
        )
