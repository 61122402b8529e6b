"""Admin pieces for `Publishable` models (core/publishing.py).

A content app's ModelAdmin inherits `PublishableAdmin` and shows the
`PUBLICATION` fields: the change form then links to the public page in each
language ("Preview" while the item is not live, "View on site" once it is),
and the list shows and filters the publication state.
"""

from django.conf import settings
from django.contrib import admin, messages
from django.utils import formats, timezone, translation
from django.utils.translation import gettext_lazy as _

from core.publishing import PUBLICATION_STATES, live_q
from core.translations import missing_fields, missing_q

PUBLICATION = ("is_published", ("publish_from", "publish_until"))


class PublicationStateFilter(admin.SimpleListFilter):
    title = _("publication")
    parameter_name = "publication"

    def lookups(self, request, model_admin):
        return list(PUBLICATION_STATES.items())

    def queryset(self, request, queryset):
        now = timezone.now()
        value = self.value()
        if value == "draft":
            return queryset.filter(is_published=False)
        if value == "scheduled":
            return queryset.filter(is_published=True, publish_from__gt=now)
        if value == "expired":
            return queryset.filter(is_published=True, publish_until__lte=now)
        if value == "live":
            return queryset.filter(live_q(now))
        return queryset


class PublishableAdmin(admin.ModelAdmin):
    change_form_template = "admin/publishing/change_form.html"
    # Replaced by a link per language (`public_links`).
    view_on_site = False

    @admin.display(description=_("publication"), ordering="is_published")
    def publication(self, obj):
        state = obj.publication_state()
        label = obj.get_publication_state_display()
        if state == "scheduled":
            when = formats.date_format(
                timezone.localtime(obj.publish_from), "SHORT_DATETIME_FORMAT"
            )
            return f"{label} ({when})"
        return label

    def public_links(self, obj):
        """(language name, code, URL of the public page) for each language."""
        links = []
        for code, name in settings.LANGUAGES:
            with translation.override(code):
                links.append((name, code, obj.get_absolute_url()))
        return links

    def render_change_form(self, request, context, *args, obj=None, **kwargs):
        if obj is not None and obj.pk:
            context["public_links"] = self.public_links(obj)
            context["is_live"] = obj.is_live()
        return super().render_change_form(request, context, *args, obj=obj, **kwargs)


# Per language: "English missing" and "English text missing: …" read better
# in French than a language name inserted in one sentence.
MISSING_LABELS = {"fr": _("French missing"), "en": _("English missing")}
MISSING_WARNINGS = {
    "fr": _(
        "French text missing: %(fields)s. Visitors reading in French see the "
        "English text instead."
    ),
    "en": _(
        "English text missing: %(fields)s. Visitors reading in English see the "
        "French text instead."
    ),
}


class MissingTranslationFilter(admin.SimpleListFilter):
    """Items whose public text exists in one language but not the other."""

    title = _("translations")
    parameter_name = "missing"

    def lookups(self, request, model_admin):
        return [(code, MISSING_LABELS[code]) for code, _name in settings.LANGUAGES]

    def queryset(self, request, queryset):
        if self.value() in MISSING_LABELS:
            return queryset.filter(missing_q(queryset.model, self.value()))
        return queryset


class TranslationStatusAdmin(admin.ModelAdmin):
    """A "translations" column and filter, and a warning on save."""

    @admin.display(description=_("translations"))
    def translations(self, obj):
        missing = [
            str(MISSING_LABELS[code])
            for code, _name in settings.LANGUAGES
            if missing_fields(obj, code)
        ]
        return ", ".join(missing) or _("Complete")

    def get_list_display(self, request):
        return (*super().get_list_display(request), "translations")

    def get_list_filter(self, request):
        return (*super().get_list_filter(request), MissingTranslationFilter)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        for code, _name in settings.LANGUAGES:
            fields = missing_fields(obj, code)
            if fields:
                labels = ", ".join(
                    str(obj._meta.get_field(field).verbose_name) for field in fields
                )
                messages.warning(request, MISSING_WARNINGS[code] % {"fields": labels})
