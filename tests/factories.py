"""Content in bulk, to show that a page's cost does not grow with the data.

`multiply_content(10)` gives every model of the content apps ten times as
many records as the loaded content has (model-bakery fills the fields),
attached to existing records through their foreign keys. New models of these
apps are multiplied without code; give one fixed values in `OVERRIDES` when
random ones would hide it from the public pages (unpublished, past...).
"""

from datetime import timedelta
from itertools import count, cycle

from django.apps import apps
from django.db import models
from django.utils import timezone
from model_bakery import baker
from modeltranslation.translator import NotRegistered, translator

MULTIPLIED_APPS = ["twinning", "programmes", "students"]

# Models with a single record by design.
SINGLETONS = {"twinning.HomeCity"}


def _days(n):
    return lambda: timezone.now() + timedelta(days=n)


# Values for every multiplied record of a model (label -> field values;
# callables are called per record). Models not installed are ignored.
OVERRIDES = {
    "twinning.Town": {"is_published": True, "latitude": 47, "longitude": 5},
    "students.Reception": {
        "is_published": True,
        "registration_opens_at": _days(-1),
        "registration_closes_at": _days(29),
        "starts_at": _days(30),
        "ends_at": _days(31),
    },
}


def multiply_content(factor=10):
    """Give each content model `factor` times as many records as it has."""
    for model in _content_models():
        label = model._meta.label
        existing = model._default_manager.count()
        if label in SINGLETONS or not existing:
            continue
        attrs = _existing_parents(model)
        attrs.update(_translations(model))
        attrs.update(OVERRIDES.get(label, {}))
        baker.make(
            model,
            _quantity=existing * (factor - 1),
            _fill_optional=_optional_fields(model, attrs),
            **attrs,
        )


def _content_models():
    for label in MULTIPLIED_APPS:
        config = apps.app_configs.get(label)
        if config is not None:
            yield from config.get_models()


def _existing_parents(model):
    """Foreign keys point at records that already exist, in turn."""
    attrs = {}
    for field in model._meta.fields:
        if field.many_to_one or field.one_to_one:
            parents = list(field.related_model._default_manager.all()[:100])
            if parents and not field.one_to_one:
                attrs[field.name] = cycle(parents)
    return attrs


def _translations(model):
    """model-bakery cannot fill modeltranslation's fields: text for each one."""
    try:
        options = translator.get_options_for_model(model)
    except NotRegistered:
        return {}
    attrs = {}
    for name, fields in options.all_fields.items():
        for field in fields:
            if isinstance(field, models.CharField | models.TextField):
                limit = field.max_length or 1000
                attrs[field.name] = (
                    f"{name} {field.language} {n}"[:limit] for n in count(1)
                )
            elif field.null:
                attrs[field.name] = None
    return attrs


def _optional_fields(model, attrs):
    """Blank fields are filled too (so templates show them), files excepted."""
    return [
        field.name
        for field in model._meta.fields
        if field.blank
        and field.name not in attrs
        and not field.auto_created
        and not isinstance(field, models.FileField | models.ForeignKey)
    ]
