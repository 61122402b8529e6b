"""The admin's history of changes, in the staff member's language.

Django stores what an admin save changed in `LogEntry.change_message`: JSON
naming the changed fields by their form labels, taken in English
(`translation_override(None)`), and translated with gettext when the history
page shows them. Two kinds of label come out in English in the French admin:

- a model field's label, which the form capitalises ("Twinned since", "Staff
  status") while the catalogues translate the verbose name ("twinned since");
- modeltranslation's per-language copies ("Photo description (alt text) [fr]"),
  which no catalogue has.

`change_message(entry)` reads each stored label back to the model's field and
shows the field's own label in the active language, a per-language copy as
"Description (anglais)". Every admin's history page uses it
(templates/admin/object_history.html), for entries stored before it too. The
content history (core/versions.py) names its fields with `field_label`.
"""

import json
import re
from functools import cache

from django.utils import translation
from django.utils.text import capfirst, get_text_list
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.fields import TranslationField

# One wording per language, as "French missing" in core/admin.py: a
# language's name does not fit every sentence the same way.
IN_LANGUAGE = {"fr": _("%(label)s (French)"), "en": _("%(label)s (English)")}
# How modeltranslation labels a per-language copy: "Title [fr]".
PER_LANGUAGE = re.compile(r"(?P<label>.+) \[(?P<language>[a-z]{2})\]")


def field_label(field):
    """A model field's label in the active language; "Title (English)" for
    modeltranslation's `title_en`."""
    if isinstance(field, TranslationField) and field.language in IN_LANGUAGE:
        label = capfirst(field.translated_field.verbose_name)
        return IN_LANGUAGE[field.language] % {"label": label}
    return capfirst(field.verbose_name)


@cache
def _fields_by_stored_label(model):
    """{the label Django's admin stores for a field of `model`: the field}."""
    with translation.override(None):
        return {
            str(capfirst(field.verbose_name)): field
            for field in model._meta.get_fields()
            if getattr(field, "verbose_name", None)
        }


def stored_label(label, models=()):
    """A field label the admin stored in English, in the active language.

    Looked up among the fields of `models` first; a label no field has (a
    form's own field, a field since renamed) goes through the catalogues.
    """
    for model in models:
        field = _fields_by_stored_label(model).get(label)
        if field is not None:
            return str(field_label(field))
    match = PER_LANGUAGE.fullmatch(label)
    if match and match["language"] in IN_LANGUAGE:
        original = stored_label(match["label"])
        return str(IN_LANGUAGE[match["language"]] % {"label": original})
    translated = gettext(label)
    if translated == label and label[:1].isupper():
        lowered = label[:1].lower() + label[1:]
        if gettext(lowered) != lowered:
            return capfirst(gettext(lowered))
    return translated


def _models_named(model, name):
    """The models of a sub-message: its inline's (by verbose name), then `model`."""
    if model is None:
        return []
    if not name:
        return [model]
    related = [rel.related_model for rel in model._meta.related_objects]
    with translation.override(None):
        named = [item for item in related if str(item._meta.verbose_name) == name]
    return [*named, model]


def _model_name(models, name):
    for model in models:
        with translation.override(None):
            matches = str(model._meta.verbose_name) == name
        if matches:
            return str(model._meta.verbose_name)
    return gettext(name)


def _sentence(key, part, model):
    """One sub-message, worded as Django's `LogEntry.get_change_message` does."""
    if key == "added" and not part:
        return gettext("Added.")
    models = _models_named(model, part.get("name"))
    values = dict(part)
    if "name" in part:
        values["name"] = _model_name(models, part["name"])
    if key == "added":
        return gettext("Added {name} “{object}”.").format(**values)
    if key == "deleted":
        return gettext("Deleted {name} “{object}”.").format(**values)
    values["fields"] = get_text_list(
        [stored_label(label, models) for label in part.get("fields", [])],
        gettext("and"),
    )
    if "name" in part:
        return gettext("Changed {fields} for {name} “{object}”.").format(**values)
    return gettext("Changed {fields}.").format(**values)


def change_message(entry):
    """`entry.get_change_message()`, every field named in the active language."""
    text = entry.change_message
    try:
        parts = json.loads(text) if text.startswith("[") else None
    except json.JSONDecodeError:
        parts = None
    if not isinstance(parts, list):
        return entry.get_change_message()
    model = entry.content_type.model_class() if entry.content_type_id else None
    sentences = []
    for part in parts:
        for key in ("added", "changed", "deleted"):
            if isinstance(part, dict) and key in part:
                sentences.append(_sentence(key, part[key] or {}, model))
                break
    return " ".join(capfirst(sentence) for sentence in sentences) or gettext(
        "No fields changed."
    )
