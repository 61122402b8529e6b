from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StudentsConfig(AppConfig):
    name = "students"
    verbose_name = _("Student receptions")

    def ready(self):
        from core import health
        from core.caching import PAGES, invalidate_on_change
        from core.search import site_search
        from students import tasks
        from students.models import Reception
        from students.views.public import reception_pages

        # Stored reception pages show seats and content: any change drops them
        # (not the outbox, which the pages do not show and which changes often).
        shown = [
            model
            for model in self.get_models()
            if model._meta.model_name not in {"message", "announcement"}
        ]
        invalidate_on_change(shown, reception_pages.generation)
        # The public pages (the receptions list) show receptions: an edit
        # shows at once; seat counts within RECEPTION_PAGE_SECONDS.
        invalidate_on_change([Reception], PAGES)
        site_search.register(
            "receptions",
            label=_("Welcome receptions for foreign students"),
            queryset=lambda: Reception.objects.published(),
            fields=["title", "description", "venue"],
            snippet="description",
            order=70,
        )
        # /healthz: "degraded" when the periodic work (holds, reminders, the
        # purge) is late: its chain broke or no worker runs.
        health.register("periodic_work", tasks.periodic_work_health)
