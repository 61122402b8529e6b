from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

CONTENT_APPS = ("twinning", "programmes")
CONTENT_MODELS_HERE = ("reception", "partnerinstitution")


def grant_content_editors(sender, using="default", **kwargs):
    """Give "Content editors" every permission on content models, new ones too.

    The group is created by a migration; content models added by later
    migrations of other apps get their permissions only after all migrations
    ran, so they are granted here, after every `migrate`. Registrations are
    never included.
    """
    from django.contrib.auth.models import Group, Permission
    from django.db.models import Q

    group = Group.objects.using(using).filter(name="Content editors").first()
    if group is None:
        return
    permissions = Permission.objects.using(using).filter(
        Q(content_type__app_label__in=CONTENT_APPS)
        | Q(
            content_type__app_label="students",
            content_type__model__in=CONTENT_MODELS_HERE,
        )
    )
    group.permissions.add(*permissions)


class StudentsConfig(AppConfig):
    name = "students"
    verbose_name = _("Student receptions")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from students import pages

        post_migrate.connect(grant_content_editors, sender=self)
        # Stored reception pages show seats and content: any change drops them.
        for model in self.get_models():
            post_save.connect(pages.bump_generation, sender=model)
            post_delete.connect(pages.bump_generation, sender=model)
