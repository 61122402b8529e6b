"""Content in bulk, to show that a page's cost does not grow with the data.

`multiply_content(10)` gives every model of the content apps ten times as
many records as the loaded content has (model-bakery fills the fields),
attached to existing records through their foreign keys. New models of these
apps are multiplied without code; give one fixed values in `OVERRIDES` when
random ones would hide it from the public pages (unpublished, past...).
"""

import random
from datetime import timedelta
from functools import partial
from itertools import count, cycle

from django.apps import apps
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from model_bakery import baker, generators, random_gen
from modeltranslation.translator import NotRegistered, translator

from core.publishing import Publishable

# model-bakery picks a field's generator by its exact class.
generators.add("core.fields.HttpsURLField", random_gen.gen_url)

MULTIPLIED_APPS = ["twinning", "programmes", "students"]

# Models with a single record by design, or not to multiply (label).
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
        if label in SINGLETONS or not existing or _closed_set(model):
            continue
        attrs = _existing_parents(model)
        attrs.update(_within_validators(model))
        attrs.update(_translations(model))
        attrs.update(OVERRIDES.get(label, {}))
        if issubclass(model, Publishable):
            # Live, as the loaded content is: a random window would hide it.
            attrs.update(is_published=True, publish_from=None, publish_until=None)
        made = baker.make(
            model,
            _quantity=existing * (factor - 1),
            _fill_optional=_optional_fields(model, attrs),
            **attrs,
        )
        _link_many_to_many(model, made)


def _closed_set(model):
    """One record per choice of a unique field (e.g. one text per domain)."""
    return any(field.unique and field.choices for field in model._meta.fields)


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


def _link_many_to_many(model, made):
    """Each new record is linked to a few existing ones, as real ones are."""
    for field in model._meta.local_many_to_many:
        if not field.remote_field.through._meta.auto_created:
            continue  # a model of its own: multiplied with the others
        targets = list(field.related_model._default_manager.all()[:3])
        for obj in made:
            getattr(obj, field.name).set(targets)


def _within_validators(model):
    """A choice among the field's choices; numbers between its declared
    Min/MaxValueValidator (a year stays a year, a month a month)."""
    attrs = {}
    for field in model._meta.fields:
        if field.primary_key:
            continue
        if field.choices:
            values = [value for value, _label in field.flatchoices if value != ""]
            attrs[field.name] = partial(random.choice, values)
            continue
        if not isinstance(field, models.IntegerField | models.DecimalField):
            continue
        declared = field._validators  # not the database's own integer range
        low = [v.limit_value for v in declared if isinstance(v, MinValueValidator)]
        high = [v.limit_value for v in declared if isinstance(v, MaxValueValidator)]
        if low and high:
            attrs[field.name] = partial(random.randint, int(max(low)), int(min(high)))
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
