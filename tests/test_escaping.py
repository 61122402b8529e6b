"""Staff text is plain text: HTML typed in any field shows as text on every
public page, never as markup."""

import pytest
from django.apps import apps
from django.db import models

from tests.public_pages import PROJECT_APPS, public_page_urls

pytestmark = pytest.mark.django_db

MARKUP = '<script>alert("x")</script><b>'
ESCAPED = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;b&gt;"


def fill_every_staff_text_field_with_markup():
    for model in apps.get_models():
        if model._meta.app_label not in PROJECT_APPS:
            continue
        changes = {}
        for field in model._meta.get_fields():
            if (
                isinstance(field, models.CharField | models.TextField)
                and not isinstance(field, models.SlugField | models.URLField)
                and not isinstance(field, models.EmailField)
                and not field.choices
                and not field.unique
                and (field.max_length or 1000) >= len(MARKUP)
            ):
                changes[field.attname] = MARKUP
        if changes:
            model._default_manager.update(**changes)


def test_html_typed_by_staff_is_shown_escaped_on_every_public_page(
    client, initial_data
):
    fill_every_staff_text_field_with_markup()
    shown = 0
    for url in public_page_urls():
        response = client.get(url)
        if not response["Content-Type"].startswith("text/html"):
            continue  # calendars are plain text, where markup is just text
        body = response.content.decode()
        assert MARKUP not in body, url
        shown += body.count(ESCAPED)
    assert shown > 0


def test_a_town_title_with_html_is_shown_as_text(client, initial_data):
    town = apps.get_model("twinning", "Town").objects.get(slug="mainz")
    town.title_en = "Capital <em>of</em> wine"
    town.save()
    body = client.get("/en/twin-towns/mainz/").content.decode()
    assert "Capital &lt;em&gt;of&lt;/em&gt; wine" in body
    assert "<em>of</em>" not in body
