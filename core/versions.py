"""Content history in the admin: who changed what, and restore (django-reversion).

A content app's ModelAdmin inherits `VersionedAdmin`: every save in the admin
stores a version of the item (its inlines too), with who and when. The
history page lists the versions, newest first, each with the fields it
changed, old and new value, in the staff member's language (labels and
values are translated when the page is shown, not when the version was
saved; a per-language copy reads "Title (English)"); "Restore" opens the
form as it was, and "Recover deleted …" on the list brings a deleted item
back. Registrations are never versioned: their personal data must go when
the retention rules say so.
"""

from django.contrib.admin.utils import quote, unquote
from django.db import models
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _
from modeltranslation.translator import NotRegistered, translator
from reversion.admin import VersionAdmin
from reversion.models import Version

from core.history import field_label

# Bookkeeping fields that change at every save: not worth a line.
IGNORED_FIELDS = {"updated_at"}
# Whether and when an item is public is not its content: restoring an older
# text keeps the item's current publication (a live page stays live).
KEPT_ON_RESTORE = ("is_published", "publish_from", "publish_until")


def _display(field, value):
    """A stored value as staff read it in the admin."""
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(field, models.BooleanField):
        return _("Yes") if value else _("No")
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.ManyToManyField):
        related = field.related_model._default_manager.filter(pk__in=value)
        return ", ".join(sorted(str(item) for item in related)) or "—"
    if isinstance(field, models.ForeignKey):
        item = field.related_model._default_manager.filter(pk=value).first()
        return str(item) if item else f"#{value}"
    if isinstance(field, models.DateTimeField):
        from django.utils import timezone
        from django.utils.dateparse import parse_datetime

        moment = parse_datetime(value) if isinstance(value, str) else value
        if moment is None:
            return str(value)
        return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")
    return str(value)


def _translated_originals(model):
    """Fields modeltranslation copies per language: their `_fr`/`_en` speak."""
    try:
        return set(translator.get_options_for_model(model).all_fields)
    except NotRegistered:
        return set()


def version_changes(model, older, newer):
    """[(label, old, new)] for the fields that differ between two versions."""
    old = older.field_dict if older else {}
    new = newer.field_dict
    skipped = IGNORED_FIELDS | _translated_originals(model)
    changes = []
    for field in model._meta.get_fields():
        if not getattr(field, "concrete", False) or field.name in skipped:
            continue
        if field.auto_created or field.name not in new:
            continue
        before, after = old.get(field.name), new.get(field.name)
        if isinstance(field, models.ManyToManyField):
            before, after = sorted(before or []), sorted(after or [])
        if older is not None and before == after:
            continue
        if older is None and after in (None, "", []):
            continue
        changes.append(
            (
                str(field_label(field)),
                _display(field, before) if older else "",
                _display(field, after),
            )
        )
    return changes


class VersionedAdmin(VersionAdmin):
    object_history_template = "admin/versions/object_history.html"

    def revision_view(self, request, object_id, version_id, extra_context=None):
        names = [
            name
            for name in KEPT_ON_RESTORE
            if any(field.name == name for field in self.model._meta.fields)
        ]
        if names:
            current = (
                self.model._default_manager.filter(pk=unquote(object_id))
                .values(*names)
                .first()
            )
            request.kept_on_restore = current or {}
        return super().revision_view(request, object_id, version_id, extra_context)

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is not None:
            for name, value in getattr(request, "kept_on_restore", {}).items():
                setattr(obj, name, value)
        return obj

    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, object_id)
        entries = []
        if obj is not None:
            opts = self.model._meta
            versions = list(
                Version.objects.get_for_object(obj).select_related(
                    "revision", "revision__user"
                )
            )
            for index, version in enumerate(versions):
                older = versions[index + 1] if index + 1 < len(versions) else None
                entries.append(
                    {
                        "version": version,
                        "revision": version.revision,
                        "changes": version_changes(self.model, older, version),
                        "is_current": index == 0,
                        "url": reverse(
                            f"{self.admin_site.name}:{opts.app_label}_"
                            f"{opts.model_name}_revision",
                            args=(quote(version.object_id), version.pk),
                        ),
                    }
                )
        context = {"history_entries": entries, **(extra_context or {})}
        return super().history_view(request, object_id, context)
