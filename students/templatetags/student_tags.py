from django import template

register = template.Library()


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


@register.filter
def paragraphs(text):
    """Split a text on blank lines into paragraphs (escaped by the template)."""
    return [block.strip() for block in (text or "").split("\n\n") if block.strip()]
