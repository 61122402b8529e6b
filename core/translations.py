"""Which public texts exist in one language only, for the admin and the pages.

Every field registered with modeltranslation has a copy per language
(`description_fr`, `description_en`). The public site shows the other
language's text when one is empty (MODELTRANSLATION_FALLBACK_LANGUAGES, both
ways); `shown_language` says which language a page actually shows, so the
template marks the passage with its `lang`. The admin lists and filters the
items with a missing translation (`missing_q`) and warns on save
(`missing_fields`).
"""

from django.conf import settings
from django.db.models import Q
from django.utils.translation import get_language
from modeltranslation.translator import NotRegistered, translator
from modeltranslation.utils import build_localized_fieldname

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def translated_fields(model):
    """The names of the model's translated fields (without language suffix)."""
    try:
        return list(translator.get_options_for_model(model).all_fields)
    except NotRegistered:
        return []


def _value(obj, field, language):
    return getattr(obj, build_localized_fieldname(field, language), None) or ""


def shown_language(obj, field):
    """The language of the text shown for `field` on a page in the active one."""
    active = (get_language() or settings.LANGUAGE_CODE)[:2]
    if _value(obj, field, active):
        return active
    for code in LANGUAGE_CODES:
        if code != active and _value(obj, field, code):
            return code
    return active


def missing_fields(obj, language):
    """Translated fields with a text in another language but none in this one."""
    missing = []
    for field in translated_fields(type(obj)):
        if _value(obj, field, language):
            continue
        if any(_value(obj, field, code) for code in LANGUAGE_CODES if code != language):
            missing.append(field)
    return missing


def missing_q(model, language):
    """A filter for the items with at least one text missing in `language`."""
    condition = Q(pk__in=[])
    for field in translated_fields(model):
        empty = Q(**{build_localized_fieldname(field, language): ""}) | Q(
            **{f"{build_localized_fieldname(field, language)}__isnull": True}
        )
        present_elsewhere = Q(pk__in=[])
        for code in LANGUAGE_CODES:
            if code != language:
                name = build_localized_fieldname(field, code)
                present_elsewhere |= Q(**{f"{name}__gt": ""})
        condition |= empty & present_elsewhere
    return condition
