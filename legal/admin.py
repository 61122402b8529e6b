from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin

from legal.models import LegalPage


@admin.register(LegalPage)
class LegalPageAdmin(TabbedTranslationAdmin):
    list_display = ("title", "kind", "compliance", "audit_date", "updated_at")
    fields = ("kind", "title", "body", "compliance", "audit_date")

    def get_readonly_fields(self, request, obj=None):
        # Each page has its fixed address: its kind does not change.
        return ("kind",) if obj else ()

    def view_on_site(self, obj):
        return obj.get_absolute_url()
