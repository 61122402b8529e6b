from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from twinning.fields import PublicImageField


def lines(text):
    """The non-blank lines of a one-item-per-line text field."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


LATITUDE_VALIDATORS = [MinValueValidator(-90), MaxValueValidator(90)]
LONGITUDE_VALIDATORS = [MinValueValidator(-180), MaxValueValidator(180)]


class Region(models.TextChoices):
    """The three groupings of twin towns used by the brochure."""

    ANGLO_SAXON = "anglo-saxon", _("The Anglo-Saxon world")
    EUROPE_ASIA = "europe-asia", _("From Europe to Asia")
    MEDITERRANEAN_AFRICA = (
        "mediterranean-africa",
        _("From the Mediterranean basin to Africa"),
    )


class TownQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def in_timeline_order(self):
        return self.order_by(models.F("twinned_since").asc(nulls_last=True), "slug")


class Town(models.Model):
    """A city Dijon is twinned with (or about to be), shown on the public site."""

    class Status(models.TextChoices):
        TWINNED = "twinned", _("Twinned")
        SOON = "soon", _("Soon to be twinned")
        SUSPENDED = "suspended", _("Relations suspended")
        ENDED = "ended", _("Twinning ended")

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    country = CountryField(_("country"))
    region = models.CharField(_("region"), max_length=30, choices=Region.choices)
    title = models.CharField(
        _("title"),
        max_length=200,
        blank=True,
        help_text=_("One line, e.g. “Capital of Rhineland-Palatinate”."),
    )
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    twinned_since = models.PositiveSmallIntegerField(
        _("twinned since"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
        help_text=_("Year the twinning was signed; empty while not yet signed."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.TWINNED
    )
    status_note = models.TextField(
        _("public note on the status"),
        blank=True,
        help_text=_("Shown to visitors, e.g. why relations are suspended."),
    )
    unesco_recognitions = models.TextField(
        _("UNESCO recognitions"), blank=True, help_text=_("One per line.")
    )
    distinctions = models.TextField(
        _("titles and distinctions"),
        blank=True,
        help_text=_("One per line, e.g. “European capital of culture 2010”."),
    )
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, validators=LATITUDE_VALIDATORS
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        validators=LONGITUDE_VALIDATORS,
    )
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("official website"), blank=True)
    photo = PublicImageField(_("photo"), upload_to="towns/")
    photo_alt = models.CharField(
        _("photo description (alt text)"),
        max_length=250,
        blank=True,
        help_text=_("What the photo shows, for visitors who cannot see it."),
    )
    photo_credit = models.CharField(_("photo credit"), max_length=200, blank=True)
    is_published = models.BooleanField(_("published"), default=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = TownQuerySet.as_manager()

    class Meta:
        verbose_name = _("twin town")
        verbose_name_plural = _("twin towns")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("twinning:town_detail", kwargs={"slug": self.slug})

    @property
    def unesco_list(self):
        return lines(self.unesco_recognitions)

    @property
    def distinction_list(self):
        return lines(self.distinctions)


class HomeCity(models.Model):
    """Dijon's own facts, kept as data so staff can update them (one record)."""

    name = models.CharField(_("name"), max_length=100)
    title = models.CharField(_("title"), max_length=200)
    population = models.PositiveIntegerField(_("population"))
    unesco_recognitions = models.TextField(
        _("UNESCO recognitions"), blank=True, help_text=_("One per line.")
    )
    nationalities = models.PositiveIntegerField(
        _("nationalities living in the city"), null=True, blank=True
    )
    foreign_students = models.PositiveIntegerField(
        _("foreign students each year"), null=True, blank=True
    )
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, validators=LATITUDE_VALIDATORS
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        validators=LONGITUDE_VALIDATORS,
    )
    tagline = models.CharField(_("tagline"), max_length=200, blank=True)
    introduction = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("Home page text; separate paragraphs with a blank line."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("home city")
        verbose_name_plural = _("home city")

    def __str__(self):
        return self.name

    @property
    def unesco_list(self):
        return lines(self.unesco_recognitions)

    @classmethod
    def load(cls):
        """The single record, or None before the content is loaded."""
        return cls.objects.order_by("pk").first()


class Organisation(models.Model):
    """A local stakeholder or foreign partner Dijon works with."""

    class Kind(models.TextChoices):
        ASSOCIATION = "association", _("Association")
        COMPANY = "company", _("Company")
        HIGHER_EDUCATION = "higher-education", _("Higher education")
        PUBLIC_BODY = "public-body", _("Public body")
        CLUSTER = "cluster", _("Cluster")
        NETWORK = "network", _("Network")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    town = models.ForeignKey(
        Town,
        verbose_name=_("town"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="organisations",
        help_text=_("Leave empty for an organisation based in Dijon."),
    )
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self):
        return self.name
