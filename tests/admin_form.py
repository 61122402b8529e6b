"""Build an admin change form's POST data from the form the admin rendered."""

from django.db.models import Model
from django.db.models.fields.files import FieldFile
from django.forms import SplitDateTimeField
from django.utils import timezone


def _as_post_value(value):
    if isinstance(value, Model):
        return str(value.pk)
    if isinstance(value, list | tuple):
        return [_as_post_value(item) for item in value]
    if hasattr(value, "all"):  # a queryset of related objects
        return [str(item.pk) for item in value.all()]
    return str(value)


def _form_values(form, data):
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if callable(value):
            value = value()
        key = form.add_prefix(name)
        if value is None or isinstance(value, FieldFile):
            continue  # files are not posted back: the admin keeps them
        if isinstance(field, SplitDateTimeField):
            # The admin's date and time boxes, in the current time zone.
            moment = timezone.localtime(value)
            data[f"{key}_0"] = moment.date().isoformat()
            data[f"{key}_1"] = moment.time().isoformat(timespec="seconds")
            continue
        if isinstance(value, bool):
            if value:
                data[key] = "on"
            continue
        data[key] = _as_post_value(value)


def admin_form_data(response):
    """The values a browser would post back unchanged, inlines included."""
    data = {}
    _form_values(response.context["adminform"].form, data)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        for name in management.fields:
            value = management.initial.get(name)
            if value is not None:
                data[management.add_prefix(name)] = str(value)
        for form in formset.forms:
            _form_values(form, data)
    return data
