"""Finds every public page and form from the URLconf and the data, so tests
that must cover "every page" keep covering pages added later."""

from dataclasses import dataclass, field
from html.parser import HTMLParser

from django.apps import apps
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation

# Apps whose pages are public; their models' get_absolute_url give the pages
# that take a parameter (a slug, an id).
PROJECT_APPS = ("dijon_site", "twinning", "programmes", "students", "legal")
NOT_PUBLIC = ("admin",)


def _named_routes(patterns, namespace="", parameters=False):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace in NOT_PUBLIC or entry.app_name in NOT_PUBLIC:
                continue
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            # A parameter in an include's prefix is a parameter of every page in it.
            yield from _named_routes(
                entry.url_patterns,
                inner,
                parameters or bool(getattr(entry.pattern, "converters", None)),
            )
        elif isinstance(entry, URLPattern) and entry.name:
            yield namespace + entry.name, parameters or bool(entry.pattern.converters)


def public_page_urls():
    """The URL of every public page in every language, one object per model."""
    urls = set()
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            for name, has_parameters in _named_routes(get_resolver().url_patterns):
                if not has_parameters:
                    urls.add(reverse(name))
            for model in apps.get_models():
                if model._meta.app_label not in PROJECT_APPS or not hasattr(
                    model, "get_absolute_url"
                ):
                    continue
                manager = model._default_manager
                queryset = (
                    manager.published() if hasattr(manager, "published") else manager
                )
                instance = queryset.order_by("pk").first()
                if instance is not None:
                    urls.add(instance.get_absolute_url())
    return sorted(
        url
        for url in urls
        # Calendars are not HTML: their text is iCalendar-escaped, not HTML-escaped.
        if not url.endswith((".txt", ".xml", ".ico", ".ics", "healthz"))
    )


@dataclass
class Form:
    """A form as a browser sees it: where it posts and what it would send."""

    page: str
    action: str
    method: str
    # name -> the values a browser sends untouched (checked boxes, selected
    # options, text), and name -> every value the page offers.
    fields: dict = field(default_factory=dict)
    choices: dict = field(default_factory=dict)

    def data(self):
        """What a browser would send without any change."""
        return {name: list(values) for name, values in self.fields.items()}


class _FormParser(HTMLParser):
    def __init__(self, page):
        super().__init__(convert_charrefs=True)
        self.page = page
        self.forms = []
        self._select = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append(
                Form(
                    page=self.page,
                    action=attrs.get("action") or self.page,
                    method=(attrs.get("method") or "get").lower(),
                )
            )
            return
        if not self.forms:
            return
        form = self.forms[-1]
        if tag == "option" and self._select is not None:
            name, multiple, selected = self._select
            value = attrs.get("value", "")
            form.choices.setdefault(name, []).append(value)
            if "selected" in attrs:
                selected.append(value)
            return
        if "name" not in attrs or "disabled" in attrs:
            return
        name = attrs["name"]
        if tag == "input":
            kind = attrs.get("type", "text").lower()
            if kind in {"submit", "button", "reset", "image"}:
                return
            value = attrs.get("value", "on" if kind in {"checkbox", "radio"} else "")
            form.choices.setdefault(name, []).append(value)
            values = form.fields.setdefault(name, [])
            if kind not in {"checkbox", "radio", "file"} or "checked" in attrs:
                values.append(value)
        elif tag == "select":
            self._select = (name, "multiple" in attrs, [])
            form.fields.setdefault(name, [])
        elif tag == "textarea":
            form.fields.setdefault(name, []).append("")
            self._textarea = form.fields[name]

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[-1] += data

    def handle_endtag(self, tag):
        if tag == "select" and self._select is not None:
            name, multiple, selected = self._select
            offered = self.forms[-1].choices.get(name, [])
            if not selected and not multiple and offered:
                selected = offered[:1]
            self.forms[-1].fields[name] += selected
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            # Browsers drop the line break that follows <textarea>.
            if self._textarea[-1].startswith("\n"):
                self._textarea[-1] = self._textarea[-1][1:]
            self._textarea = None

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)


def parse_forms(html, page):
    """Every form of an HTML page, with its fields and their current values."""
    parser = _FormParser(page)
    parser.feed(html)
    return parser.forms


def public_post_forms(client):
    """Every form that posts, on every public page, plus the admin login."""
    forms = []
    pages = [*public_page_urls(), reverse("admin:login")]
    for url in pages:
        response = client.get(url)
        if response.status_code != 200 or "html" not in response["Content-Type"]:
            continue
        forms += [
            form
            for form in parse_forms(response.content.decode(), url)
            if form.method == "post"
        ]
    return forms
