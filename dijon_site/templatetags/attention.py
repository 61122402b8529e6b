from django import template

from dijon_site.attention import attention_items

register = template.Library()


@register.simple_tag(takes_context=True)
def needs_attention(context):
    """What the signed-in staff member should look at (dijon_site/attention.py)."""
    return attention_items(context["request"].user)
