from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, Permission
from django.utils.translation import gettext_lazy as _
from django_tasks_db.admin import DBTaskResultAdmin
from django_tasks_db.models import DBTaskResult
from modeltranslation.admin import TabbedTranslationAdmin

from core.admin import TranslationStatusAdmin
from core.versions import VersionedAdmin
from dijon_site.models import PageText
from dijon_site.roles import permission_label


@admin.register(PageText)
class PageTextAdmin(TranslationStatusAdmin, VersionedAdmin, TabbedTranslationAdmin):
    list_display = ("label", "key")
    search_fields = ("label_fr", "label_en", "text_fr", "text_en", "key")
    fields = ("label", "text", "key")

    def get_readonly_fields(self, request, obj=None):
        # The templates look texts up by key: only a new one gets to choose it.
        return ("key",) if obj else ()

    def has_delete_permission(self, request, obj=None):
        return False


class PermissionLabelsMixin:
    """The permissions to choose from, named in the staff member's language."""

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        formfield = super().formfield_for_manytomany(db_field, request, **kwargs)
        if db_field.related_model is Permission:
            formfield.label_from_instance = permission_label
        return formfield


admin.site.unregister(Group)
admin.site.unregister(get_user_model())


@admin.register(Group)
class RoleAdmin(PermissionLabelsMixin, GroupAdmin):
    pass


@admin.register(get_user_model())
class StaffAdmin(PermissionLabelsMixin, UserAdmin):
    pass


admin.site.unregister(DBTaskResult)


@admin.register(DBTaskResult)
class BackgroundTaskAdmin(DBTaskResultAdmin):
    """django-tasks-db's list of tasks, its own columns named in our language."""

    @admin.display(description=_("task name"))
    def task_name(self, obj):
        return obj.task_name

    @admin.display(description=_("traceback"))
    def formatted_traceback(self, obj):
        return super().formatted_traceback(obj)

    @admin.display(description=_("run after"))
    def display_run_after(self, obj):
        return super().display_run_after(obj)
