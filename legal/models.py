"""The pages French law requires of a public service's site, edited by staff."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class LegalPageQuerySet(models.QuerySet):
    def accessibility_status(self):
        """The compliance status the accessibility statement declares, or ""."""
        return (
            self.filter(kind=LegalPage.Kind.ACCESSIBILITY)
            .values_list("compliance", flat=True)
            .first()
            or ""
        )


class LegalPage(models.Model):
    """One of the legal pages: accessibility statement, legal notice, personal data."""

    class Kind(models.TextChoices):
        ACCESSIBILITY = "accessibility", _("Accessibility statement")
        LEGAL_NOTICE = "legal-notice", _("Legal notice")
        PERSONAL_DATA = "personal-data", _("Personal data and cookies")

    class Compliance(models.TextChoices):
        NONE = "none", _("non-compliant")
        PARTIAL = "partial", _("partially compliant")
        FULL = "full", _("fully compliant")

    kind = models.CharField(_("page"), max_length=20, choices=Kind.choices, unique=True)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(
        _("text"),
        help_text=_(
            "Paragraphs separated by a blank line; a line starting with “## ” is a "
            "heading, lines starting with “- ” a list. Addresses and emails become "
            "links."
        ),
    )
    compliance = models.CharField(
        _("compliance status (RGAA)"),
        max_length=10,
        choices=Compliance.choices,
        blank=True,
        help_text=_(
            "Accessibility statement only: shown in the footer of every page. "
            "“Fully” or “partially compliant” needs an RGAA audit."
        ),
    )
    audit_date = models.DateField(
        _("audit date"),
        null=True,
        blank=True,
        help_text=_("Accessibility statement only: the date of the last audit."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = LegalPageQuerySet.as_manager()

    class Meta:
        verbose_name = _("legal page")
        verbose_name_plural = _("legal pages")
        ordering = ["kind"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(f"legal:{self.kind}")

    def clean(self):
        if self.kind == self.Kind.ACCESSIBILITY and not self.compliance:
            raise ValidationError(
                {"compliance": _("The accessibility statement declares a status.")}
            )
        if self.kind != self.Kind.ACCESSIBILITY and (
            self.compliance or self.audit_date
        ):
            raise ValidationError(
                _("Only the accessibility statement has a status and an audit date.")
            )
