"""Form widgets rendered several times faster, with the same HTML.

Django renders every `<option>` of a `<select>` through its template engine:
a nationality list of 250 countries cost about 15 ms per page here, most of
the reception page. `FastFormRenderer` (settings.FORM_RENDERER) draws
`<select>` in Python and every other built-in widget with Django's own Jinja2
copies of its widget templates; templates that only exist for Django's
engine (the admin's widgets, an app's own) are rendered by it as before.
"""

from django.forms.renderers import BaseRenderer, DjangoTemplates, Jinja2
from django.template import TemplateDoesNotExist
from django.utils.functional import cached_property
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

SELECT = "django/forms/widgets/select.html"
OPTION = "django/forms/widgets/select_option.html"


class FastFormRenderer(BaseRenderer):
    @cached_property
    def jinja2(self):
        return Jinja2()

    @cached_property
    def django(self):
        return DjangoTemplates()

    def get_template(self, template_name):
        if template_name == SELECT:
            return PythonSelect(self)
        try:
            return self.jinja2.get_template(template_name)
        except TemplateDoesNotExist:
            return self.django.get_template(template_name)


def _attrs(attrs):
    """django/forms/widgets/attrs.html"""
    return mark_safe(
        "".join(
            f" {conditional_escape(name)}"
            if value is True
            else f' {conditional_escape(name)}="{conditional_escape(str(value))}"'
            for name, value in attrs.items()
            if value is not False
        )
    )


class PythonSelect:
    """django/forms/widgets/select.html, byte for byte, without the engine."""

    def __init__(self, renderer):
        self.renderer = renderer

    def render(self, context=None, request=None):
        widget = context["widget"]
        groups = widget["optgroups"]
        if any(
            o["template_name"] != OPTION for _n, options, _i in groups for o in options
        ):
            # A custom option template: let the template engine draw it all.
            return self.renderer.django.get_template(SELECT).render(context, request)
        parts = [
            format_html('<select name="{}"{}>', widget["name"], _attrs(widget["attrs"]))
        ]
        for group_name, options, _index in groups:
            if group_name:
                parts.append(format_html('\n  <optgroup label="{}">', group_name))
            for option in options:
                parts.append(
                    f'\n  <option value="{conditional_escape(str(option["value"]))}"'
                    f"{_attrs(option['attrs'])}>{conditional_escape(option['label'])}"
                    "</option>\n"  # the option template's final newline
                )
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        return mark_safe("".join(parts))
