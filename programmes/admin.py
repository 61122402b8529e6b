from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline

from core.admin import (
    PUBLICATION,
    PublicationStateFilter,
    PublishableAdmin,
    TranslationStatusAdmin,
)
from core.versions import VersionedAdmin
from programmes import services
from programmes.models import Event, EventPhoto, Programme


@admin.register(Programme)
class ProgrammeAdmin(
    TranslationStatusAdmin, PublishableAdmin, VersionedAdmin, TabbedTranslationAdmin
):
    list_display = (
        "name",
        "direction",
        "places_per_year",
        "funding",
        "order",
        "is_published",
        "publication",
    )
    list_editable = ("order", "is_published")
    list_filter = ("direction", PublicationStateFilter, "partner_towns")
    search_fields = ("name_fr", "name_en", "summary_fr", "summary_en", "slug")
    prepopulated_fields = {"slug": ("name_fr",)}
    autocomplete_fields = ("partner_towns", "partner_organisations")
    fieldsets = (
        (None, {"fields": ("name", "slug", "summary", "direction", "description")}),
        (
            _("Who and how many"),
            {
                "fields": (
                    "audience",
                    "minimum_age",
                    "maximum_age",
                    "duration",
                    "places_per_year",
                    "funding",
                )
            },
        ),
        (_("Partners"), {"fields": ("partner_towns", "partner_organisations")}),
        (
            _("Applying"),
            {"fields": ("how_to_apply", "contact", "contact_email", "website")},
        ),
        (_("Publication"), {"fields": (*PUBLICATION, "order")}),
    )


class EventPhotoInline(TranslationTabularInline):
    model = EventPhoto
    extra = 0
    fields = ("image", "alt", "credit", "caption", "order")


@admin.register(Event)
class EventAdmin(
    TranslationStatusAdmin, PublishableAdmin, VersionedAdmin, TabbedTranslationAdmin
):
    inlines = [EventPhotoInline]
    list_display = ("title", "start", "end", "venue", "organiser", "publication")
    list_filter = (PublicationStateFilter, "dates_to_confirm", "organiser", "towns")
    search_fields = ("title_fr", "title_en", "venue_fr", "venue_en", "slug")
    date_hierarchy = "start"
    prepopulated_fields = {"slug": ("title_fr",)}
    autocomplete_fields = ("organiser", "towns", "programmes")
    actions = ("duplicate_for_next_year",)
    fieldsets = (
        (None, {"fields": ("title", "slug", "description", "website")}),
        (
            _("When and where"),
            {
                "fields": ("start", "end", "venue", "address", "dates_to_confirm"),
            },
        ),
        (_("Who and what"), {"fields": ("organiser", "towns", "programmes")}),
        (_("Image"), {"fields": ("image", "image_alt")}),
        (_("Publication"), {"fields": PUBLICATION}),
    )

    @admin.action(description=_("Duplicate for next year (unpublished)"))
    def duplicate_for_next_year(self, request, queryset):
        copies = [
            services.event_duplicate_for_next_year(event=event)
            for event in queryset.order_by("start")
        ]
        self.message_user(
            request,
            ngettext(
                "%(count)d edition copied one year later, unpublished: check it, "
                "then publish it.",
                "%(count)d editions copied one year later, unpublished: check them, "
                "then publish them.",
                len(copies),
            )
            % {"count": len(copies)},
            messages.SUCCESS,
        )
