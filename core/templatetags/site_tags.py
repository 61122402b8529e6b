import datetime
import re
from decimal import Decimal

from django import template
from django.conf import settings
from django.template import NodeList
from django.template.loader_tags import BlockNode
from django.urls import reverse
from django.utils import dateformat, timezone
from django.utils.formats import get_format, get_format_modules, number_format
from django.utils.html import escape, format_html, urlize
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def lang_of(obj, field):
    """` lang="en"` when the page shows `field` in another language (a fallback)."""
    from core.translations import shown_language

    language = shown_language(obj, field)
    if language == (get_language() or "")[:2]:
        return ""
    return format_html(' lang="{}"', language)


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


def _locale_format(name, fallback):
    """A format the active language's format modules name (FORMAT_MODULE_PATH
    first), for the names Django's get_format does not know."""
    for module in get_format_modules(get_language()):
        if hasattr(module, name):
            return getattr(module, name)
    return get_format(fallback)


def _locale_separator(name, default):
    """A separator the active language's format modules name, or `default`."""
    for module in get_format_modules(get_language()):
        if hasattr(module, name):
            return getattr(module, name)
    return default


def _local(value):
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


@register.filter
def date_long(value, style=""):
    """A date as the language writes it in a sentence: “1er septembre 2027”,
    “1 September 2027”; `date_long:"weekday"` adds the day's name."""
    if value in (None, ""):
        return ""
    value = _local(value)
    prefix = "WEEKDAY_" if style == "weekday" else ""
    if value.day == 1:
        fmt = _locale_format(f"FIRST_DAY_{prefix}DATE_FORMAT", f"{prefix}DATE_FORMAT")
    else:
        fmt = _locale_format(f"{prefix}DATE_FORMAT", "DATE_FORMAT")
    return dateformat.format(value, fmt)


@register.filter
def time_short(value):
    """A time as the language writes it: “9 h”, “9 h 30”, “09:00”."""
    if value in (None, ""):
        return ""
    value = _local(value)
    if value.minute == 0:
        fmt = _locale_format("WHOLE_HOUR_TIME_FORMAT", "TIME_FORMAT")
    else:
        fmt = get_format("TIME_FORMAT")
    return dateformat.time_format(value, fmt)


@register.filter
def datetime_long(value):
    """A date and time: “1er septembre 2027 à 9 h”, “1 September 2027, 09:00”."""
    if value in (None, ""):
        return ""
    separator = _locale_format("DATETIME_SEPARATOR", "DATETIME_FORMAT")
    return f"{date_long(value)}{separator}{time_short(value)}"


@register.simple_tag
def datetime_range(start, end, style="", text=False):
    """From a start to an end, each in a <time> element: “1er septembre 2027
    de 9 h à 11 h 30”, “1 September 2027, 09:00–11:30”; over several days,
    “Du 12 juin 2027 à 10 h au 13 juin 2027 à 19 h”. `style` as for
    `date_long`; `text=True` for a plain-text email."""
    if start in (None, "") or end in (None, ""):
        return datetime_long(start)
    if _local(start).date() == _local(end).date():
        separator = _locale_separator("DATETIME_RANGE_SEPARATOR", ", ")
        start_text = f"{date_long(start, style)}{separator}{time_short(start)}"
        end_text = time_short(end)
        pattern = "{start}" + _locale_separator("TIME_RANGE_SEPARATOR", "–") + "{end}"
    else:
        start_text, end_text = datetime_long(start), datetime_long(end)
        pattern = _("From %(start)s to %(end)s") % {
            "start": "{start}",
            "end": "{end}",
        }
    if text:
        return pattern.format(start=start_text, end=end_text)
    element = '<time datetime="{}">{}</time>'
    return format_html(
        escape(pattern),
        start=format_html(element, _local(start).isoformat(), start_text),
        end=format_html(element, _local(end).isoformat(), end_text),
    )


@register.simple_tag(takes_context=True)
def block_text(context, name):
    """What the page's block `name` renders, once more: base.html shares the
    page's own title and description as its og:title and og:description
    without every template writing them twice."""
    return mark_safe(BlockNode(name, NodeList()).render(context).strip())


@register.filter
def rich_text(text):
    """Staff's plain text as HTML: blank lines separate paragraphs, “## ” and
    “### ” start headings, lines starting with “- ” make a list; addresses
    and emails become links. Everything else is escaped."""
    html = []
    for block in (text or "").replace("\r\n", "\n").split("\n\n"):
        lines = [line.rstrip() for line in block.strip().split("\n") if line.strip()]
        if not lines:
            continue
        if len(lines) == 1 and (match := re.match(r"^(#{2,3}) (.+)$", lines[0])):
            level = len(match.group(1))
            html.append(f"<h{level}>{escape(match.group(2))}</h{level}>")
        elif all(line.lstrip().startswith("- ") for line in lines):
            items = "".join(
                f"<li>{urlize(escape(line.lstrip()[2:]))}</li>" for line in lines
            )
            html.append(f"<ul>{items}</ul>")
        else:
            text = "<br>".join(urlize(escape(line)) for line in lines)
            html.append(f"<p>{text}</p>")
    return mark_safe("\n".join(html))


@register.simple_tag
def privacy_notice_url():
    """The site's page on personal data (settings.PRIVACY_NOTICE_URL_NAME names
    it, so that apps link to it without naming the app that serves it)."""
    return reverse(settings.PRIVACY_NOTICE_URL_NAME)
