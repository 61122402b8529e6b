from decimal import Decimal

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def population(value):
    """A population as the brochure writes it: “1,3 million” / “1.3 million”."""
    if value in (None, ""):
        return ""
    value = int(value)
    if value >= 1_000_000:
        millions = Decimal(value) / Decimal(1_000_000)
        decimals = 0 if millions == millions.to_integral_value() else 1
        return _("%(number)s million") % {
            "number": number_format(millions, decimal_pos=decimals)
        }
    return number_format(value, force_grouping=True)


@register.filter
def number(value):
    """An integer grouped by thousands the way the active language writes it."""
    if value in (None, ""):
        return ""
    return number_format(value, force_grouping=True)


@register.filter
def paragraphs(text):
    """Split a text on blank lines into paragraphs (escaped by the template)."""
    return [block.strip() for block in (text or "").split("\n\n") if block.strip()]


@register.simple_tag
def field_widget(field):
    """The field's widget, tied to its help text and errors for screen readers."""
    described_by = []
    if field.help_text:
        described_by.append(f"{field.auto_id}_help")
    attrs = {}
    if field.errors:
        described_by.append(f"{field.auto_id}_error")
        attrs["aria-invalid"] = "true"
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    return field.as_widget(attrs=attrs)
