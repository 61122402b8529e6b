from django.apps import AppConfig, apps
from django.conf import settings
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.translation import gettext_lazy as _


class DijonSiteConfig(AppConfig):
    name = "dijon_site"
    verbose_name = _("Site")

    def ready(self):
        connect_page_cache_invalidation()


def _content_changed(sender, **kwargs):
    from twinning.caching import bump_generation

    bump_generation()


def connect_page_cache_invalidation():
    """Empty the page cache whenever any model of a content app changes.

    Every model of the apps in `PAGE_CACHE_INVALIDATING_APPS` (and the
    through tables of their many-to-many fields) is connected, so models added
    later are covered without touching this code.
    """
    for label in settings.PAGE_CACHE_INVALIDATING_APPS:
        config = apps.app_configs.get(label)
        if config is None:
            continue
        for model in config.get_models():
            uid = f"page-cache:{model._meta.label}"
            post_save.connect(_content_changed, sender=model, dispatch_uid=uid)
            post_delete.connect(_content_changed, sender=model, dispatch_uid=uid)
            for field in model._meta.local_many_to_many:
                m2m_changed.connect(
                    _content_changed,
                    sender=field.remote_field.through,
                    dispatch_uid=f"{uid}.{field.name}",
                )
