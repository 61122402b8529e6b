from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin

from core.admin import TranslationStatusAdmin
from core.versions import VersionedAdmin
from dijon_site.models import PageText


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
