import re
import secrets
import unicodedata

from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from students.models import PartnerInstitution, Registration, StudyLevel
from students.services import RegistrationDetails

OTHER = "other"
TOKEN = re.compile(r"[A-Za-z0-9_-]{16,64}")
# Names are plain text: no markup characters, no control characters.
NAME_FORBIDDEN = re.compile(r"[<>{}\[\]\\/@#$%^*=|~`\x00-\x1f]")


def validate_name(value):
    # Invisible or direction-changing characters (U+200B, U+202E...) would
    # make a name look blank or spoofed on staff lists, exports and emails.
    invisible = any(unicodedata.category(c) in ("Cf", "Co", "Cs") for c in value)
    if invisible or NAME_FORBIDDEN.search(value):
        raise forms.ValidationError(
            _("Please use letters only (no symbols such as < > / @)."),
            code="invalid_name",
        )


class InstitutionChoiceField(forms.ChoiceField):
    """A partner institution (by id) or "other"."""

    def __init__(self, **kwargs):
        super().__init__(choices=(), **kwargs)

    def set_institutions(self, institutions):
        self.institutions = {str(i.pk): i for i in institutions}
        self.choices = [
            ("", _("Choose your institution")),
            *((str(i.pk), i.name) for i in institutions),
            (OTHER, _("Other institution")),
        ]


class RegistrationForm(forms.Form):
    """The public sign-up form; validation here, the rules in `services`."""

    first_name = forms.CharField(
        label=_("First name"),
        max_length=100,
        validators=[validate_name],
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label=_("Last name"),
        max_length=100,
        validators=[validate_name],
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    email = forms.EmailField(
        label=_("Email"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_("We send the confirmation link to this address."),
    )
    nationality = forms.ChoiceField(label=_("Nationality"))
    institution = InstitutionChoiceField(label=_("Institution"))
    institution_other = forms.CharField(
        label=_("Name of your institution (if other)"),
        max_length=200,
        required=False,
        validators=[validate_name],
    )
    study_level = forms.ChoiceField(
        label=_("Level of study"),
        choices=[("", _("Choose a level")), *StudyLevel.choices],
    )
    language = forms.ChoiceField(
        label=_("Language for our emails"),
        choices=Registration.Language.choices,
        widget=forms.RadioSelect,
    )
    consent = forms.BooleanField(
        label=_(
            "I have read the privacy notice and agree that my data is used to "
            "organise this reception."
        ),
        error_messages={"required": _("Please accept the privacy notice to register.")},
    )
    # Bots fill every field; people never see this one (hidden by CSS).
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    # One token per displayed form: posting the same form twice is harmless.
    submission = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args, language="fr", questions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for question in self.questions:
            self.fields[question.field_name] = question.form_field()
            if question.health_data:
                self.fields[question.consent_field_name] = question.consent_field()
        self.fields["institution"].set_institutions(PartnerInstitution.objects.all())
        # Country names in the visitor's language, sorted for it.
        self.fields["nationality"].choices = [("", _("Choose a country")), *countries]
        self.fields["language"].initial = language
        if not self.is_bound:
            self.initial["submission"] = secrets.token_urlsafe(24)
        elif not TOKEN.fullmatch(str(self.data.get("submission", ""))):
            # Missing or mangled: give this form a fresh token rather than an
            # error on a field nobody can see.
            self.data = self.data.copy()
            self.data["submission"] = secrets.token_urlsafe(24)

    def clean_consent(self):
        # A browser sends "on" for a ticked box; "0", "no" and the like from a
        # script are not consent, whatever Python's truthiness says.
        if str(self.data.get("consent", "")).lower() not in ("on", "true", "1"):
            raise forms.ValidationError(
                self.fields["consent"].error_messages["required"], code="required"
            )
        return True

    def details(self):
        """The validated answers, as `services.registration_create` takes them."""
        data = self.cleaned_data
        return RegistrationDetails(
            first_name=data["first_name"],
            last_name=data["last_name"],
            email=data["email"],
            nationality=data["nationality"],
            study_level=data["study_level"],
            language=data["language"],
            consent=data["consent"],
            institution=data["institution"],
            institution_other=data["institution_other"],
            answers=tuple(
                (question, question.to_json(data.get(question.field_name)))
                for question in self.questions
            ),
        )

    def question_fields(self):
        """`(field, consent field or None)` of the reception's questions, in order."""
        return [
            (
                self[question.field_name],
                self[question.consent_field_name] if question.health_data else None,
            )
            for question in self.questions
        ]

    @property
    def is_spam(self):
        return bool(self.data.get("website"))

    def clean_institution(self):
        value = self.cleaned_data["institution"]
        if value == OTHER:
            return None
        return self.fields["institution"].institutions[value]

    def clean(self):
        data = super().clean()
        for question in self.questions:
            answered = question.to_json(data.get(question.field_name)) is not None
            if (
                question.health_data
                and answered
                and not data.get(question.consent_field_name)
            ):
                self.add_error(
                    question.consent_field_name,
                    _(
                        "Please tick the consent so that we may keep this answer, "
                        "or leave the question empty."
                    ),
                )
        if (
            "institution" in data
            and data["institution"] is None
            and not data.get("institution_other", "").strip()
            and "institution_other" not in self.errors
        ):
            self.add_error(
                "institution_other", _("Please give the name of your institution.")
            )
        return data


class ResendForm(forms.Form):
    email = forms.EmailField(label=_("Email"), max_length=254)


class CheckInSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Name or reference"),
        max_length=100,
        required=False,
        help_text=_("Type a name or a reference, or scan the QR code into this field."),
    )
