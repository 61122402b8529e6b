import datetime
import math
import re

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.dates import MONTHS
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from core.fields import HttpsURLField, PublicImageField
from core.publishing import Publishable, PublishableQuerySet


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


class TownQuerySet(PublishableQuerySet):
    def in_timeline_order(self):
        return self.order_by(models.F("twinned_since").asc(nulls_last=True), "slug")


class Town(Publishable):
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
    website = HttpsURLField(_("official website"), blank=True)
    photo = PublicImageField(_("photo"), upload_to="towns/")
    photo_alt = models.CharField(
        _("photo description (alt text)"),
        max_length=250,
        blank=True,
        help_text=_("What the photo shows, for visitors who cannot see it."),
    )
    photo_credit = models.CharField(_("photo credit"), max_length=200, blank=True)
    association_name = models.CharField(
        _("twinning association"),
        max_length=200,
        blank=True,
        help_text=_("The association that runs the twinning in Dijon, if any."),
    )
    association_contact = models.TextField(
        _("association's contact"),
        blank=True,
        help_text=_("Address, telephone or email, one per line."),
    )
    association_website = HttpsURLField(_("association's website"), blank=True)
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

    @property
    def association_contact_lines(self):
        return lines(self.association_contact)

    def distance_km(self, home_city):
        """The great-circle distance from `home_city` (Dijon), in whole km."""
        if home_city is None:
            return None
        return round(
            great_circle_km(
                home_city.latitude, home_city.longitude, self.latitude, self.longitude
            )
        )


def great_circle_km(latitude1, longitude1, latitude2, longitude2):
    """The haversine distance between two points of the Earth, in km."""
    lat1, lon1, lat2, lon2 = (
        math.radians(float(value))
        for value in (latitude1, longitude1, latitude2, longitude2)
    )
    a = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


EARTH_RADIUS_KM = 6371.0088


class Milestone(models.Model):
    """A date in a twinning's story: its signing, an anniversary, an exchange."""

    town = models.ForeignKey(
        Town,
        on_delete=models.CASCADE,
        related_name="milestones",
        verbose_name=_("twin town"),
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(1900), MaxValueValidator(2100)]
    )
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"), blank=True)

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["town", "year", "pk"]

    def __str__(self):
        return f"{self.year}: {self.title}"

    def get_absolute_url(self):
        return self.town.get_absolute_url()


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
    website = HttpsURLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("twinning:organisation_detail", kwargs={"slug": self.slug})


YEAR_VALIDATORS = [MinValueValidator(1900), MaxValueValidator(2100)]
MONTH_CHOICES = list(MONTHS.items())


class Domain(models.TextChoices):
    """The fields of Dijon's international action; the values appear in URLs."""

    ECONOMY = "economy", _("Economic development")
    ATTRACTIVENESS = "attractiveness", _("Attractiveness and international profile")
    CULTURE = "culture", _("Culture")
    CLIMATE = "climate", _("Sustainable development and climate")
    SOLIDARITY = "solidarity", _("International solidarity")
    YOUTH = "youth", _("Youth and education")


class PartnershipQuerySet(PublishableQuerySet):
    def in_domain(self, domain):
        return self.filter(domain=domain)

    def involving_town(self, town):
        return self.filter(towns=town)

    def with_public_relations(self):
        """Prefetch what public pages show: published towns and the partners."""
        return self.prefetch_related(
            models.Prefetch("towns", queryset=Town.objects.published()),
            "organisations",
        )


class Partnership(Publishable):
    """A cooperation project of Dijon with its twin towns and local stakeholders."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        ONGOING = "ongoing", _("Ongoing")
        COMPLETED = "completed", _("Completed")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    summary = models.TextField(
        _("summary"), help_text=_("One or two sentences, shown in lists.")
    )
    body = models.TextField(
        _("text"),
        blank=True,
        help_text=_("Separate paragraphs with a blank line."),
    )
    domain = models.CharField(_("domain"), max_length=20, choices=Domain.choices)
    towns = models.ManyToManyField(
        Town,
        verbose_name=_("twin towns"),
        related_name="partnerships",
        blank=True,
    )
    organisations = models.ManyToManyField(
        Organisation,
        verbose_name=_("organisations"),
        related_name="partnerships",
        blank=True,
    )
    start_year = models.PositiveSmallIntegerField(
        _("start year"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    start_month = models.PositiveSmallIntegerField(
        _("start month"),
        null=True,
        blank=True,
        choices=MONTH_CHOICES,
        help_text=_("Optional; leave empty when only the year is known."),
    )
    end_year = models.PositiveSmallIntegerField(
        _("end year"),
        null=True,
        blank=True,
        validators=YEAR_VALIDATORS,
        help_text=_("Leave empty while the partnership goes on."),
    )
    end_month = models.PositiveSmallIntegerField(
        _("end month"), null=True, blank=True, choices=MONTH_CHOICES
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ONGOING
    )
    image = PublicImageField(_("image"), upload_to="partnerships/")
    image_alt = models.CharField(
        _("image description (alt text)"),
        max_length=250,
        blank=True,
        help_text=_("What the image shows, for visitors who cannot see it."),
    )
    image_credit = models.CharField(_("image credit"), max_length=200, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = PartnershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")
        ordering = [
            models.F("start_year").desc(nulls_last=True),
            models.F("start_month").desc(nulls_last=True),
            "slug",
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("twinning:partnership_detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        errors = {}
        if self.start_month and not self.start_year:
            errors["start_month"] = _("Give the year too, or leave the month empty.")
        if self.end_month and not self.end_year:
            errors["end_month"] = _("Give the year too, or leave the month empty.")
        if self.end_year and not self.start_year:
            errors["end_year"] = _("Give the start year first.")
        if self.start_year and self.end_year:
            start = (self.start_year, self.start_month or 1)
            end = (self.end_year, self.end_month or 12)
            if end < start:
                errors["end_year"] = _("The end cannot come before the start.")
        if errors:
            raise ValidationError(errors)

    @property
    def start_label(self):
        return _month_year(self.start_year, self.start_month)

    @property
    def end_label(self):
        return _month_year(self.end_year, self.end_month)

    @property
    def period(self):
        """When it happened, in the active language: “since 2011”, “October 2015”."""
        start, end = self.start_label, self.end_label
        if not start:
            return ""
        if end and end != start:
            return gettext("%(start)s – %(end)s") % {"start": start, "end": end}
        if not end and self.status == self.Status.ONGOING:
            return gettext("since %(date)s") % {"date": start}
        return start


def _month_year(year, month):
    if not year:
        return ""
    if not month:
        return str(year)
    return date_format(datetime.date(year, month, 1), "YEAR_MONTH_FORMAT")


class NetworkMembershipQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)


class NetworkMembership(models.Model):
    """An international network of cities or organisations Dijon belongs to."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    description = models.TextField(_("description"), blank=True)
    website = HttpsURLField(_("website"), blank=True)
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Smaller numbers come first.")
    )
    is_published = models.BooleanField(_("published"), default=True)

    objects = NetworkMembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("network membership")
        verbose_name_plural = _("network memberships")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("twinning:network_list") + f"#network-{self.slug}"


class Department(models.Model):
    """The International Relations Department: contact and words (one record)."""

    name = models.CharField(_("name"), max_length=200)
    headline = models.CharField(
        _("headline"),
        max_length=200,
        blank=True,
        help_text=_("Main title of the International action page."),
    )
    tagline = models.CharField(
        _("tagline"),
        max_length=250,
        blank=True,
        help_text=_("Shown under the headline and on the home page."),
    )
    axes_introduction = models.TextField(_("introduction to the axes"), blank=True)
    domains_title = models.CharField(
        _("title of the domains section"), max_length=200, blank=True
    )
    domains_introduction = models.TextField(
        _("introduction to the domains"), blank=True
    )
    networks_introduction = models.TextField(
        _("introduction to the networks"), blank=True
    )
    address = models.TextField(_("postal address"), help_text=_("One line per row."))
    telephone = models.CharField(
        _("telephone"),
        max_length=40,
        help_text=_("As visitors should read it, e.g. +33 (0)3 80 74 71 48."),
    )
    email = models.EmailField(_("email"))
    website = HttpsURLField(_("website"), blank=True)
    deputy_mayor_name = models.CharField(
        _("deputy mayor's name"), max_length=200, blank=True
    )
    deputy_mayor_title = models.CharField(
        _("deputy mayor's title"), max_length=200, blank=True
    )
    deputy_mayor_message = models.TextField(
        _("deputy mayor's message"),
        blank=True,
        help_text=_("Separate paragraphs with a blank line."),
    )
    mission = models.TextField(
        _("mission"),
        blank=True,
        help_text=_("The department's main objective, closing the message."),
    )
    deputy_mayor_photo = PublicImageField(
        _("deputy mayor's photo"), upload_to="department/"
    )
    deputy_mayor_photo_alt = models.CharField(
        _("photo description (alt text)"), max_length=250, blank=True
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("department")
        ordering = ["pk"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("twinning:contact")

    @classmethod
    def load(cls):
        """The single record, or None before the content is loaded."""
        return cls.objects.order_by("pk").first()

    @property
    def address_lines(self):
        return lines(self.address)

    @property
    def telephone_uri(self):
        """The number for a `tel:` link: “+33 (0)3 80…” becomes “+333 80…”."""
        number = self.telephone.replace("(0)", "")
        digits = re.sub(r"[^\d+]", "", number)
        return f"tel:{digits}" if digits else ""

    @property
    def website_label(self):
        return re.sub(r"^https?://", "", self.website).rstrip("/")


class ActionAxis(models.Model):
    """One of the axes of Dijon's international action, in the order shown."""

    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        on_delete=models.CASCADE,
        related_name="axes",
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("axis of international action")
        verbose_name_plural = _("axes of international action")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.title


class DomainText(models.Model):
    """The department's presentation of one domain on the International action page."""

    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        on_delete=models.CASCADE,
        related_name="domain_texts",
    )
    domain = models.CharField(
        _("domain"), max_length=20, choices=Domain.choices, unique=True
    )
    title = models.CharField(_("heading"), max_length=200, blank=True)
    text = models.TextField(_("text"), blank=True)

    class Meta:
        verbose_name = _("domain presentation")
        verbose_name_plural = _("domain presentations")
        ordering = ["domain"]

    def __str__(self):
        return self.get_domain_display()
