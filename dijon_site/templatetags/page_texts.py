from django import template

from dijon_site.models import PageText

register = template.Library()


@register.simple_tag(takes_context=True)
def page_text(context, key):
    """The `PageText` for `key` (None before the content is loaded).

    Every text of a page comes from one query, however many the page shows.
    """
    request = context.get("request")
    if request is None:
        return PageText.lookup(key)
    if not hasattr(request, "_page_texts"):
        request._page_texts = {text.key: text for text in PageText.objects.all()}
    return request._page_texts.get(key)
