from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin

from core.versions import VersionedAdmin
from legal.models import LegalPage


@admin.register(LegalPage)
class LegalPageAdmin(VersionedAdmin, TabbedTranslationAdmin):
    """The legal pages, with their history: what the law's pages said, and
    when, is kept and can be restored like the rest of the content."""

    list_display = ("title", "kind", "compliance", "audit_date", "updated_at")
    fields = ("kind", "title", "body", "compliance", "audit_date")

    def get_readonly_fields(self, request, obj=None):
        # Each page has its fixed address: its kind does not change.
        return ("kind",) if obj else ()

    def view_on_site(self, obj):
        return obj.get_absolute_url()
