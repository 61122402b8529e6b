"""Forms render faster (core.form_renderer) and exactly as before."""

import re

import pytest
from django import forms
from django.contrib.auth import get_user_model
from django.forms.renderers import DjangoTemplates
from django_countries.fields import CountryField

from core.form_renderer import FastFormRenderer


class SampleForm(forms.Form):
    name = forms.CharField(label="Name", help_text="As on your passport", max_length=50)
    email = forms.EmailField()
    country = CountryField().formfield()
    level = forms.ChoiceField(
        choices=[
            ("", "—"),
            ("Licence", [("l1", "L1 <first>"), ("l2", "L2 d'été")]),
            ("master", "Master & more"),
        ]
    )
    languages = forms.MultipleChoiceField(
        choices=[("fr", "Français"), ("en", "English")]
    )
    consent = forms.BooleanField()
    notes = forms.CharField(widget=forms.Textarea, required=False)


def squeeze(html):
    """Whitespace and the spelling of an escaped apostrophe aside."""
    return re.sub(r"\s+", " ", html.replace("&#39;", "&#x27;")).replace("> <", "><")


@pytest.mark.parametrize(
    "data",
    [
        None,
        {"name": "Ana <b>", "country": "DE", "level": "l2", "languages": ["fr", "en"]},
    ],
)
def test_forms_render_the_same_html_as_django(data):
    fast = SampleForm(data=data, renderer=FastFormRenderer()).render()
    django = SampleForm(data=data, renderer=DjangoTemplates()).render()
    assert squeeze(fast) == squeeze(django)


@pytest.mark.parametrize("field", ["country", "level", "languages"])
def test_select_is_byte_for_byte_djangos(field):
    data = {"country": "CI", "level": "l1", "languages": ["en"]}
    fast = SampleForm(data=data, renderer=FastFormRenderer())[field].as_widget()
    django = SampleForm(data=data, renderer=DjangoTemplates())[field].as_widget()
    assert fast == django
    assert "selected" in fast


def test_the_site_uses_the_fast_renderer(settings):
    assert settings.FORM_RENDERER == "core.form_renderer.FastFormRenderer"


@pytest.mark.django_db
def test_admin_widgets_drawn_by_djangos_engine_still_render(client):
    user = get_user_model().objects.create_superuser("a", "a@example.org", "pw-long-1")
    client.force_login(user)
    body = client.get("/en/admin/twinning/organisation/add/").content.decode()
    assert 'class="related-widget-wrapper"' in body
    assert '<select name="kind"' in body
