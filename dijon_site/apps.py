from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _
from django_tasks_db.apps import TasksAppConfig


class DijonSiteConfig(AppConfig):
    name = "dijon_site"
    verbose_name = _("Site")
    # This module has more than one app config (BackgroundTasksConfig).
    default = True

    def ready(self):
        from dijon_site import checks  # noqa: F401 (registers them)
        from dijon_site.roles import sync_roles

        # After each app's permissions are created (post_migrate is sent once
        # per app): the last call sees every model's permissions.
        post_migrate.connect(sync_roles, dispatch_uid="dijon_site.sync_roles")

        from core.caching import invalidate_on_change

        # The page texts appear on cached public pages.
        invalidate_on_change(self.get_models())


class BackgroundTasksConfig(TasksAppConfig):
    """django-tasks-db under a name staff read in their language (the app's
    own, "Tasks Database Backend", is not translatable)."""

    default = False
    verbose_name = _("Background tasks")
