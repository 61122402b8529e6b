"""`{% picture %}`: a responsive, modern-format image from an upload.

    {% load images %}
    {% picture town.photo alt=town.photo_alt sizes="(min-width: 72rem) 70rem, 100vw" %}

Renders a `<picture>` with an AVIF/WebP `<source>` per format (each with a
`srcset` of widths and `sizes`), and an `<img>` in JPEG or PNG with explicit
width and height (no layout shift), `loading="lazy"` unless `lazy=False` (use
that for an image near the top of the page) and `decoding="async"`. Renders
nothing when the file is missing or unreadable. Any app's template may load it.
"""

from django import template
from django.utils.html import format_html, format_html_join

from core.images import renditions

register = template.Library()

DEFAULT_SIZES = "100vw"


def _srcset(items):
    return ", ".join(f"{r.url} {r.width}w" for r in items)


@register.simple_tag
def picture(image, alt="", sizes=DEFAULT_SIZES, lazy=True, css_class=""):
    found = renditions(image)
    if found is None:
        return ""
    largest = found.largest
    sources = format_html_join(
        "",
        '<source type="{}" srcset="{}" sizes="{}">',
        ((mime, _srcset(items), sizes) for mime, items in found.sources),
    )
    return format_html(
        '<picture>{}<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}"'
        ' alt="{}"{}{} decoding="async"></picture>',
        sources,
        largest.url,
        _srcset(found.fallback),
        sizes,
        largest.width,
        largest.height,
        alt,
        format_html(' class="{}"', css_class) if css_class else "",
        format_html(' loading="{}"', "lazy" if lazy else "eager"),
    )
