from django.contrib import admin
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin, TranslationStackedInline

from core.admin import (
    PUBLICATION,
    PublicationStateFilter,
    PublishableAdmin,
    TranslationStatusAdmin,
)
from core.versions import VersionedAdmin
from twinning.models import (
    ActionAxis,
    Department,
    DomainText,
    HomeCity,
    Milestone,
    NetworkMembership,
    Organisation,
    Partnership,
    Town,
)


@admin.display(description=_("partnerships"))
def partnership_links(obj):
    """The record's partnerships, linked to their admin pages (both sides shown)."""
    partnerships = list(obj.partnerships.all()) if obj.pk else []
    if not partnerships:
        return "—"
    return format_html_join(
        mark_safe("<br>"),
        '<a href="{}">{}</a>{}',
        (
            (
                reverse("admin:twinning_partnership_change", args=[item.pk]),
                item.title,
                "" if item.is_published else f" ({_('unpublished')})",
            )
            for item in partnerships
        ),
    )


class MilestoneInline(TranslationStackedInline):
    model = Milestone
    extra = 0
    fields = ("year", "title", "text")


@admin.register(Town)
class TownAdmin(
    TranslationStatusAdmin, PublishableAdmin, VersionedAdmin, TabbedTranslationAdmin
):
    inlines = [MilestoneInline]
    list_display = (
        "thumbnail",
        "name",
        "country",
        "twinned_since",
        "status",
        "region",
        "publication",
    )
    list_display_links = ("thumbnail", "name")
    list_filter = ("status", "region", PublicationStateFilter, "country")
    search_fields = ("name_fr", "name_en", "title_fr", "title_en", "slug")
    prepopulated_fields = {"slug": ("name_fr",)}
    fieldsets = (
        (None, {"fields": ("name", "slug", "title", "country", "region")}),
        (
            _("Twinning"),
            {"fields": ("status", "status_note", "twinned_since")},
        ),
        (_("Publication"), {"fields": PUBLICATION}),
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
        (
            _("Twinning association"),
            {
                "fields": (
                    "association_name",
                    "association_contact",
                    "association_website",
                )
            },
        ),
        (_("Map position"), {"fields": ("latitude", "longitude")}),
        (_("Photo"), {"fields": ("photo", "photo_alt", "photo_credit")}),
        (_("Partnerships"), {"fields": (partnership_links,)}),
    )
    readonly_fields = (partnership_links,)

    @admin.display(description=_("photo"))
    def thumbnail(self, town):
        if not town.photo:
            return "—"
        return format_html(
            '<img src="{}" alt="" width="64" height="48">',
            town.photo.url,
        )


@admin.register(HomeCity)
class HomeCityAdmin(VersionedAdmin, TabbedTranslationAdmin):
    list_display = ("name", "title", "population")

    def has_add_permission(self, request):
        return not HomeCity.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Organisation)
class OrganisationAdmin(TranslationStatusAdmin, VersionedAdmin, TabbedTranslationAdmin):
    list_display = ("name", "kind", "town", "website")
    list_filter = ("kind", "town")
    search_fields = ("name_fr", "name_en", "description_fr", "description_en", "slug")
    prepopulated_fields = {"slug": ("name_fr",)}
    autocomplete_fields = ("town",)
    readonly_fields = (partnership_links,)


@admin.register(Partnership)
class PartnershipAdmin(
    TranslationStatusAdmin, PublishableAdmin, VersionedAdmin, TabbedTranslationAdmin
):
    list_display = (
        "title",
        "domain",
        "start_year",
        "end_year",
        "status",
        "is_published",
        "publication",
    )
    list_filter = ("domain", "status", PublicationStateFilter, "towns", "organisations")
    list_editable = ("is_published",)
    search_fields = (
        "title_fr",
        "title_en",
        "summary_fr",
        "summary_en",
        "slug",
    )
    prepopulated_fields = {"slug": ("title_fr",)}
    autocomplete_fields = ("towns", "organisations")
    fieldsets = (
        (None, {"fields": ("title", "slug", "domain", "summary", "body")}),
        (_("Who takes part"), {"fields": ("towns", "organisations")}),
        (
            _("When"),
            {
                "fields": (
                    ("start_year", "start_month"),
                    ("end_year", "end_month"),
                    "status",
                )
            },
        ),
        (_("Publication"), {"fields": PUBLICATION}),
        (_("Image"), {"fields": ("image", "image_alt", "image_credit")}),
    )


@admin.register(NetworkMembership)
class NetworkMembershipAdmin(
    TranslationStatusAdmin, VersionedAdmin, TabbedTranslationAdmin
):
    list_display = ("name", "website", "order", "is_published")
    list_editable = ("order", "is_published")
    list_filter = ("is_published",)
    search_fields = ("name_fr", "name_en", "description_fr", "description_en")
    prepopulated_fields = {"slug": ("name_fr",)}


class ActionAxisInline(TranslationStackedInline):
    model = ActionAxis
    extra = 0
    fields = ("title", "description", "order")


class DomainTextInline(TranslationStackedInline):
    model = DomainText
    extra = 0
    max_num = len(DomainText._meta.get_field("domain").choices)
    fields = ("domain", "title", "text")


@admin.register(Department)
class DepartmentAdmin(VersionedAdmin, TabbedTranslationAdmin):
    """The department is one record: it can be edited, never added twice or deleted."""

    list_display = ("name", "telephone", "email", "deputy_mayor_name")
    inlines = (ActionAxisInline, DomainTextInline)
    fieldsets = (
        (
            _("Contact"),
            {"fields": ("name", "address", "telephone", "email", "website")},
        ),
        (
            _("Deputy mayor for international relations"),
            {
                "fields": (
                    "deputy_mayor_name",
                    "deputy_mayor_title",
                    "deputy_mayor_message",
                    "mission",
                    "deputy_mayor_photo",
                    "deputy_mayor_photo_alt",
                )
            },
        ),
        (
            _("International action page"),
            {
                "fields": (
                    "headline",
                    "tagline",
                    "axes_introduction",
                    "domains_title",
                    "domains_introduction",
                    "networks_introduction",
                )
            },
        ),
    )

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not Department.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        department = Department.load()
        if department is not None and self.has_change_permission(request, department):
            return redirect(
                reverse("admin:twinning_department_change", args=[department.pk])
            )
        return super().changelist_view(request, extra_context)
