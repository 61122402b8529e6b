from django import template

from dijon_site.models import PageText

register = template.Library()


@register.simple_tag
def page_text(key):
    """The `PageText` for `key` (None before the content is loaded)."""
    return PageText.lookup(key)
