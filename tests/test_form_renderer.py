"""Forms render faster (core.form_renderer) and exactly as before."""

import hashlib
import re
from pathlib import Path

import pytest
from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.forms.renderers import DjangoTemplates, get_default_renderer
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from core.form_renderer import SELECT, FastFormRenderer, PythonSelect


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
    # Drawn by Django's Jinja2 copy of select_date.html (no PythonSelect):
    # the same HTML but for the whitespace Django's {% spaceless %} removes.
    arrival = forms.DateField(widget=forms.SelectDateWidget(years=[2026, 2027]))


def squeeze(html):
    """Whitespace and the spelling of an escaped apostrophe aside."""
    return re.sub(r"\s+", " ", html.replace("&#39;", "&#x27;")).replace("> <", "><")


@pytest.mark.parametrize(
    "data",
    [
        None,
        {
            "name": "Ana <b>",
            "country": "DE",
            "level": "l2",
            "languages": ["fr", "en"],
            "arrival_year": "2027",
            "arrival_month": "5",
            "arrival_day": "9",
        },
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


# --- PythonSelect is a copy of Django's select.html: every case, same bytes ---


class DisablingSelect(forms.Select):
    """Greys out some options, as a widget of ours might."""

    disabled_values = {"b", "l2"}

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        if value in self.disabled_values:
            option["attrs"]["disabled"] = True
        return option


PLAIN = [("a", "A"), ("b", "B"), ("c", "C")]
GROUPED = [
    ("", "—"),
    ("Licence", [("l1", "L1"), ("l2", "L2")]),
    ("Master & <more>", [("m1", "M1")]),
    ("d", "Doctorate"),
]
NEEDS_ESCAPING = [
    ('"><script>alert(1)</script>', "<b>Bold</b> & \"quoted\" 'single'"),
    ("a&b", mark_safe("<em>safe label</em>")),
    ("é ü 漢", "Unicode: é ü 漢"),
]
SELECTS = {
    "plain": (forms.ChoiceField(choices=PLAIN), None),
    "plain_selected": (forms.ChoiceField(choices=PLAIN), "b"),
    "optgroups": (forms.ChoiceField(choices=GROUPED), "l2"),
    "multiple": (forms.MultipleChoiceField(choices=GROUPED), ["l1", "d"]),
    "multiple_none": (forms.MultipleChoiceField(choices=PLAIN), None),
    "attrs": (
        forms.ChoiceField(
            choices=PLAIN,
            widget=forms.Select(
                attrs={
                    "class": "field field--wide",
                    "data-note": 'say "hi" & <bye>',
                    "autofocus": True,
                    "disabled": True,
                    "hidden": False,
                    "aria-describedby": "id_help",
                    "tabindex": 3,
                }
            ),
        ),
        "a",
    ),
    "escaping": (forms.ChoiceField(choices=NEEDS_ESCAPING), "a&b"),
    "disabled_options": (
        forms.ChoiceField(choices=PLAIN, widget=DisablingSelect),
        "c",
    ),
    "disabled_in_groups": (
        forms.ChoiceField(choices=GROUPED, widget=DisablingSelect),
        "l1",
    ),
    "numbers": (
        forms.TypedChoiceField(choices=[(1, "one"), (2, "two")], coerce=int),
        "2",
    ),
    "lazy_labels": (
        forms.ChoiceField(choices=[("yes", _("Yes")), ("no", _("No"))]),
        "no",
    ),
    "null_boolean": (forms.NullBooleanField(), "false"),
    "country": (CountryField().formfield(), "CI"),
    "country_blank": (CountryField(blank=True).formfield(), None),
    "countries_multiple": (CountryField(multiple=True).formfield(), ["FR", "DE"]),
}


def render_both(field, value, name="choice"):
    """The field's widget through our renderer and through Django's."""
    form_class = type("OneSelect", (forms.Form,), {name: field})
    data = None if value is None else {name: value}
    fast = form_class(data=data, renderer=FastFormRenderer())[name].as_widget()
    django = form_class(data=data, renderer=DjangoTemplates())[name].as_widget()
    return fast, django


@pytest.mark.parametrize("case", SELECTS)
@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_kind_of_select_is_byte_for_byte_djangos(case, language):
    field, value = SELECTS[case]
    with translation.override(language):
        fast, django = render_both(field, value)
    assert fast.count("<select") == 1 and "<option" in fast
    assert fast == django


def test_the_select_cases_show_what_they_claim():
    """The cases above exercise what PythonSelect has to get right."""
    with translation.override("en"):
        html = {case: render_both(*SELECTS[case])[0] for case in SELECTS}
    assert "<optgroup" in html["optgroups"] and "</optgroup>" in html["optgroups"]
    assert html["multiple"].count(" selected>") == 2 and " multiple" in html["multiple"]
    assert " selected" not in html["multiple_none"]
    assert ' data-note="say &quot;hi&quot; &amp; &lt;bye&gt;"' in html["attrs"]
    assert " autofocus disabled" in html["attrs"] and "hidden" not in html["attrs"]
    assert "&lt;script&gt;" in html["escaping"] and "<script>" not in html["escaping"]
    assert "<em>safe label</em>" in html["escaping"]
    assert '<option value="b" disabled>' in html["disabled_options"]
    assert '<option value="c" selected>' in html["disabled_options"]
    assert '<option value="l2" disabled>' in html["disabled_in_groups"]
    assert '<option value="2" selected>' in html["numbers"]
    assert '<option value="CI" selected>' in html["country"]
    assert html["countries_multiple"].count(" selected>") == 2


def test_djangos_select_templates_are_the_ones_python_select_copies():
    """PythonSelect copies these three templates of Django 5.2 by hand: when
    an upgrade changes one, compare core/form_renderer.py with it, then
    update the fingerprints here."""
    import django

    folder = Path(django.__file__).parent / "forms/templates/django/forms/widgets"
    fingerprints = {
        name: hashlib.sha256((folder / name).read_bytes()).hexdigest()
        for name in ("select.html", "select_option.html", "attrs.html")
    }
    assert fingerprints == {
        "select.html": (
            "ed4d11ce3784486f3b10dcd08cf45417bd60bcabc68d556f5dca6c5b6f814d1e"
        ),
        "select_option.html": (
            "37fa6c7742580aa361c767a1da8caf905d8a53676feccf66b4cc3fe012d8abc0"
        ),
        "attrs.html": (
            "f729483efe44660fabc76a8f2e0a1b464c3a66afd625233c92dd74e8fa5261ad"
        ),
    }


@pytest.mark.django_db
def test_model_choices_render_the_same():
    for name in ("Alpha & <Omega>", "Beta"):
        Group.objects.get_or_create(name=name)
    field = forms.ModelChoiceField(queryset=Group.objects.order_by("name"))
    selected = Group.objects.get(name="Beta").pk
    fast, django = render_both(field, str(selected))
    assert f'<option value="{selected}" selected>Beta</option>' in fast
    assert "Alpha &amp; &lt;Omega&gt;" in fast
    assert fast == django


@pytest.mark.django_db
def test_the_sites_forms_draw_their_selects_in_python_as_django_would():
    """FORM_RENDERER reaches the forms, and their selects go through
    PythonSelect: the reception form's nationality list, the longest one."""
    from students.forms import RegistrationForm

    renderer = get_default_renderer()
    assert isinstance(renderer, FastFormRenderer)
    assert isinstance(renderer.get_template(SELECT), PythonSelect)
    with translation.override("fr"):
        form = RegistrationForm(language="fr")
        fast = form["nationality"].as_widget()
        form.renderer = DjangoTemplates()
        django = form["nationality"].as_widget()
    assert fast.count("<option") > 200
    assert fast == django


@pytest.mark.django_db
def test_admin_widgets_drawn_by_djangos_engine_still_render(client):
    user = get_user_model().objects.create_superuser("a", "a@example.org", "pw-long-1")
    client.force_login(user)
    body = client.get("/en/admin/twinning/organisation/add/").content.decode()
    assert 'class="related-widget-wrapper"' in body
    assert '<select name="kind"' in body
