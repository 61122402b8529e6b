from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class DijonSiteConfig(AppConfig):
    name = "dijon_site"
    verbose_name = _("Site")

    def ready(self):
        from dijon_site import checks  # noqa: F401 (registers them)
        from dijon_site.roles import sync_roles

        # After each app's permissions are created (post_migrate is sent once
        # per app): the last call sees every model's permissions.
        post_migrate.connect(sync_roles, dispatch_uid="dijon_site.sync_roles")

        from core.caching import invalidate_on_change

        # The page texts appear on cached public pages.
        invalidate_on_change(self.get_models())
