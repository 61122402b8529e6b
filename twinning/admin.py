from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from twinning.models import HomeCity, Organisation, Town


@admin.register(Town)
class TownAdmin(TabbedTranslationAdmin):
    list_display = (
        "thumbnail",
        "name",
        "country",
        "twinned_since",
        "status",
        "region",
        "is_published",
    )
    list_display_links = ("thumbnail", "name")
    list_filter = ("status", "region", "is_published", "country")
    search_fields = ("name_fr", "name_en", "title_fr", "title_en", "slug")
    prepopulated_fields = {"slug": ("name_fr",)}
    fieldsets = (
        (None, {"fields": ("name", "slug", "title", "country", "region")}),
        (
            _("Twinning"),
            {"fields": ("status", "status_note", "twinned_since", "is_published")},
        ),
        (
            _("Facts"),
            {
                "fields": (
                    "population",
                    "unesco_recognitions",
                    "distinctions",
                    "description",
                    "website",
                )
            },
        ),
        (_("Map position"), {"fields": ("latitude", "longitude")}),
        (_("Photo"), {"fields": ("photo", "photo_alt", "photo_credit")}),
    )

    @admin.display(description=_("photo"))
    def thumbnail(self, town):
        if not town.photo:
            return "—"
        return format_html(
            '<img src="{}" alt="" width="64" height="48">',
            town.photo.url,
        )


@admin.register(HomeCity)
class HomeCityAdmin(TabbedTranslationAdmin):
    list_display = ("name", "title", "population")

    def has_add_permission(self, request):
        return not HomeCity.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Organisation)
class OrganisationAdmin(TabbedTranslationAdmin):
    list_display = ("name", "kind", "town", "website")
    list_filter = ("kind", "town")
    search_fields = ("name_fr", "name_en", "description_fr", "description_en")
    prepopulated_fields = {"slug": ("name_fr",)}
    autocomplete_fields = ("town",)
