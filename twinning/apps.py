from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TwinningConfig(AppConfig):
    name = "twinning"
    verbose_name = _("Twin towns and partnerships")

    def ready(self):
        from django.db.models import Prefetch

        from core.caching import invalidate_on_change
        from core.search import site_search
        from twinning.models import NetworkMembership, Organisation, Partnership, Town
        from twinning.sections import town_sections

        # Every public page may show twinning content (menus, maps, footer).
        invalidate_on_change(self.get_models())
        # Its story first: the milestones and the twinning association.
        town_sections.register(
            "story",
            template="twinning/includes/town_story.html",
            prefetch=lambda: Prefetch("milestones"),
            order=5,
        )
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
        site_search.register(
            "towns",
            label=_("Twin towns"),
            queryset=lambda: Town.objects.published(),
            fields=["name", "title", "description", "distinctions", "status_note"],
            snippet=["title", "description"],
            order=10,
        )
        site_search.register(
            "partnerships",
            label=_("Partnerships"),
            queryset=lambda: Partnership.objects.published(),
            fields=["title", "summary", "body"],
            snippet="summary",
            order=20,
        )
        site_search.register(
            "organisations",
            label=_("Partners"),
            queryset=lambda: Organisation.objects.all(),
            fields=["name", "description"],
            snippet="description",
            order=30,
        )
        site_search.register(
            "networks",
            label=_("International networks"),
            queryset=lambda: NetworkMembership.objects.published(),
            fields=["name", "description"],
            snippet="description",
            order=40,
        )
