"""Content history in the admin: who changed what, and restore (django-reversion).

A content app's ModelAdmin inherits `VersionedAdmin`: every save in the admin
stores a version of the item (its inlines too), with who and when. The
history page lists the versions, newest first, each with the fields it
changed, old and new value, in the staff member's language (labels and
values are translated when the page is shown, not when the version was
saved; a per-language copy reads "Title (English)"); "Restore" opens the
form as it was, and "Recover deleted …" on the list brings a deleted item
back: a deletion in the admin first records the item as it is (seeded items
were never saved in the admin), with the links other items had to it (a
town's partnerships and events), which recovery makes again. Registrations
are never versioned: their personal data must go when the retention rules
say so.
"""

import reversion
from django.apps import apps
from django.contrib.admin.utils import quote, unquote
from django.db import models, transaction
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


def _links_to(obj):
    """[{model, pk, field, target}] for each other item whose field points at
    `obj` and which deleting `obj` would unlink rather than delete."""
    target = [obj._meta.label, str(obj.pk)]
    for relation in obj._meta.related_objects:
        if not (relation.many_to_many or relation.on_delete is models.SET_NULL):
            continue
        field = relation.field
        pks = relation.related_model._base_manager.filter(
            **{field.name: obj}
        ).values_list("pk", flat=True)
        for pk in pks:
            yield {
                "model": relation.related_model._meta.label,
                "pk": pk,
                "field": field.name,
                "target": target,
            }


def record_deletion(user, objects):
    """A revision of `objects` (their inlines too) as they are before they are
    deleted, so that any of them can be recovered, even one never saved in the
    admin, with the links other items had to it."""
    from core.models import RemovedLinks

    with reversion.create_revision():
        reversion.set_user(user)
        links = []
        for obj in objects:
            reversion.add_to_revision(obj)
            links.extend(_links_to(obj))
        reversion.add_meta(RemovedLinks, links=links)


def restore_links(version):
    """Link a recovered item again to the other items that pointed at it when
    it was deleted (and still exist), leaving their other fields as they are."""
    from core.models import RemovedLinks

    removed = RemovedLinks.objects.filter(revision_id=version.revision_id).first()
    if removed is None:
        return
    model = version.content_type.model_class()
    target = model._default_manager.filter(pk=version.object_id).first()
    if target is None:
        return
    with transaction.atomic():
        for link in removed.links:
            if link["target"] != [model._meta.label, str(target.pk)]:
                continue
            linked_model = apps.get_model(link["model"])
            linked = linked_model._base_manager.filter(pk=link["pk"]).first()
            if linked is None:
                continue
            field = linked_model._meta.get_field(link["field"])
            if field.many_to_many:
                getattr(linked, field.name).add(target)
            elif getattr(linked, field.attname) is None:
                setattr(linked, field.name, target)
                linked.save(update_fields=[field.name])


class VersionedAdmin(VersionAdmin):
    object_history_template = "admin/versions/object_history.html"

    def delete_model(self, request, obj):
        record_deletion(request.user, [obj])
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        record_deletion(request.user, list(queryset))
        super().delete_queryset(request, queryset)

    def recover_view(self, request, version_id, extra_context=None):
        response = super().recover_view(request, version_id, extra_context)
        if request.method == "POST" and response.status_code == 302:
            restore_links(Version.objects.get(pk=version_id))
        return response

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
