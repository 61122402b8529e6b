from django import forms
from django.utils.translation import gettext_lazy as _

from twinning.models import Domain

MAX_FILTER_LENGTH = 100


class PartnershipFilterForm(forms.Form):
    """The partnership list's filters, read from the query string (GET)."""

    domain = forms.ChoiceField(
        label=_("Domain"),
        required=False,
        error_messages={
            "invalid_choice": _("This domain does not exist. Choose one in the list.")
        },
    )
    town = forms.CharField(label=_("Twin town"), required=False, widget=forms.Select)

    def __init__(self, data, *, towns, town_options):
        """`towns`: every town a visitor may filter on; `town_options`: those listed."""
        super().__init__(_single_values(data))
        self.fields["domain"].choices = [("", _("All domains")), *Domain.choices]
        self.fields["town"].widget.choices = [
            ("", _("All towns")),
            *((town.slug, town.name) for town in town_options),
        ]
        self._towns = {town.slug: town for town in towns}

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs.update(
                    {
                        "aria-invalid": "true",
                        "aria-describedby": f"{self[name].auto_id}-error",
                    }
                )

    def clean_town(self):
        slug = self.cleaned_data["town"]
        if not slug:
            return None
        if slug not in self._towns:
            raise forms.ValidationError(
                _("This town does not exist. Choose one in the list."),
                code="invalid_choice",
            )
        return self._towns[slug]


def _single_values(data):
    """Keep one value per filter, truncated: repeated or huge values never crash."""
    return {
        name: str(data.get(name, ""))[:MAX_FILTER_LENGTH]
        for name in ("domain", "town")
        if name in data
    }
