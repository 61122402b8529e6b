"""The questions staff add to a reception, and the students' answers.

A question has a kind (short text, long text, one choice, several choices,
yes/no, date, country), a label and help in French and English, and, for the
choice kinds, one choice per line (the same lines, in the same order, in both
languages). Answers are stored as JSON: text, a choice's line number, a list
of them, true/false, an ISO date or a country code, and are shown in the
active language. A question about health (access needs) asks for its own
explicit consent (GDPR art. 9) before its answer is kept.
"""

import datetime

from django import forms
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_countries import countries


class QuestionKind(models.TextChoices):
    SHORT_TEXT = "short_text", _("Short text")
    LONG_TEXT = "long_text", _("Long text")
    ONE_CHOICE = "one_choice", _("One choice")
    SEVERAL_CHOICES = "several_choices", _("Several choices")
    YES_NO = "yes_no", _("Yes or no")
    DATE = "date", _("Date")
    COUNTRY = "country", _("Country")


# Free text the student typed: erased with the rest of their personal data.
FREE_TEXT_KINDS = (QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT)
CHOICE_KINDS = (QuestionKind.ONE_CHOICE, QuestionKind.SEVERAL_CHOICES)
# What the dashboard charts: answers out of a fixed list.
CHARTED_KINDS = (*CHOICE_KINDS, QuestionKind.YES_NO)


class Question(models.Model):
    """A question staff ask the students registering for one reception."""

    Kind = QuestionKind

    reception = models.ForeignKey(
        "students.Reception",
        verbose_name=_("reception"),
        on_delete=models.CASCADE,
        related_name="questions",
    )
    position = models.PositiveSmallIntegerField(
        _("position"), default=0, help_text=_("Smaller numbers come first.")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=QuestionKind.choices)
    label = models.CharField(_("question"), max_length=200)
    help_text = models.CharField(_("help text"), max_length=300, blank=True)
    choices = models.TextField(
        _("choices"),
        blank=True,
        help_text=_(
            "For “one choice” and “several choices”: one choice per line, the "
            "same lines in the same order in each language."
        ),
    )
    required = models.BooleanField(_("required"), default=False)
    health_data = models.BooleanField(
        _("health data"),
        default=False,
        help_text=_(
            "The answer may reveal the student's health (access needs, "
            "diet for medical reasons): it is kept only with the student's own "
            "explicit consent, asked just below the question."
        ),
    )

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["reception", "position", "pk"]

    def __str__(self):
        return self.label

    def get_absolute_url(self):
        return self.reception.get_absolute_url()

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.kind in CHOICE_KINDS:
            lengths = {
                len(_lines(getattr(self, f"choices_{code}", "") or ""))
                for code in ("fr", "en")
            } - {0}
            if not lengths or 0 in lengths:
                raise ValidationError(
                    {"choices_fr": _("Give at least one choice, one per line.")}
                )
            if len(lengths) > 1:
                raise ValidationError(
                    {
                        "choices_en": _(
                            "Give as many choices in English as in French, in "
                            "the same order."
                        )
                    }
                )

    def choice_list(self):
        """The choices in the active language, French when not translated."""
        return _lines(self.choices) or _lines(getattr(self, "choices_fr", ""))

    @property
    def field_name(self):
        return f"question_{self.pk}"

    @property
    def consent_field_name(self):
        return f"question_{self.pk}_consent"

    def form_field(self):
        """The form field that asks this question, validated like built-in ones."""
        common = {
            "label": self.label,
            "required": self.required,
            "help_text": self.help_text,
        }
        kind = self.kind
        if kind == QuestionKind.SHORT_TEXT:
            return forms.CharField(max_length=200, **common)
        if kind == QuestionKind.LONG_TEXT:
            return forms.CharField(
                max_length=1000, widget=forms.Textarea(attrs={"rows": 3}), **common
            )
        if kind == QuestionKind.ONE_CHOICE:
            return forms.TypedChoiceField(
                choices=list(enumerate(self.choice_list())),
                coerce=int,
                empty_value=None,
                widget=forms.RadioSelect,
                **common,
            )
        if kind == QuestionKind.SEVERAL_CHOICES:
            return forms.TypedMultipleChoiceField(
                choices=list(enumerate(self.choice_list())),
                coerce=int,
                widget=forms.CheckboxSelectMultiple,
                **common,
            )
        if kind == QuestionKind.YES_NO:
            return forms.TypedChoiceField(
                choices=[("yes", gettext("Yes")), ("no", gettext("No"))],
                coerce=lambda value: value == "yes",
                empty_value=None,
                widget=forms.RadioSelect,
                **common,
            )
        if kind == QuestionKind.DATE:
            return forms.DateField(
                widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                **common,
            )
        return forms.ChoiceField(
            choices=[("", gettext("Choose a country")), *countries], **common
        )

    def consent_field(self):
        return forms.BooleanField(
            label=_(
                "I agree that the City of Dijon uses this answer, which may concern "
                "my health, only to welcome me at this reception; it is deleted "
                "with my other data."
            ),
            required=False,
        )

    def to_json(self, value):
        """A cleaned form value as stored; None when there is no answer."""
        if value in (None, "", []):
            return None
        if isinstance(value, datetime.date):
            return value.isoformat()
        return value

    def display(self, value):
        """A stored answer as words in the active language."""
        if value in (None, "", []):
            return ""
        kind = self.kind
        if kind in CHOICE_KINDS:
            choices = self.choice_list()
            numbers = value if isinstance(value, list) else [value]
            return ", ".join(
                choices[n] if isinstance(n, int) and 0 <= n < len(choices) else "?"
                for n in numbers
            )
        if kind == QuestionKind.YES_NO:
            return gettext("Yes") if value else gettext("No")
        if kind == QuestionKind.DATE:
            try:
                return datetime.date.fromisoformat(value).strftime("%Y-%m-%d")
            except (TypeError, ValueError):
                return str(value)
        if kind == QuestionKind.COUNTRY:
            return countries.name(value) or value
        return str(value)


def _lines(text):
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class Answer(models.Model):
    """A student's answer to one of the reception's questions."""

    registration = models.ForeignKey(
        "students.Registration",
        verbose_name=_("registration"),
        on_delete=models.CASCADE,
        related_name="answers",
    )
    question = models.ForeignKey(
        Question,
        verbose_name=_("question"),
        on_delete=models.CASCADE,
        related_name="answers",
    )
    value = models.JSONField(_("answer"), null=True, blank=True)
    consent_at = models.DateTimeField(
        _("consent to the use of health data"), null=True, blank=True
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["question__position", "question__pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "question"], name="one_answer_per_question"
            )
        ]

    def __str__(self):
        return f"{self.question}: {self.display()}"

    def get_absolute_url(self):
        return self.registration.get_absolute_url()

    def display(self):
        return self.question.display(self.value)
