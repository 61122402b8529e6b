from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.fields import HttpsURLField, PublicImageField
from core.gallery import GalleryPhoto
from core.publishing import Publishable, PublishableQuerySet
from twinning.models import Organisation, Town

# Calendar UIDs must never change once published, whatever host serves the
# feed, so they use a fixed domain rather than the request's host.
DEFAULT_CALENDAR_UID_DOMAIN = "international.dijon.fr"


class Direction(models.TextChoices):
    """Which way young people travel in a programme."""

    OUTGOING = "outgoing", _("Young people from Dijon going abroad")
    INCOMING = "incoming", _("Young people coming to Dijon")
    BOTH = "both", _("Both ways")


class ProgrammeQuerySet(PublishableQuerySet):
    pass


class Programme(Publishable):
    """A youth-mobility programme the city runs or supports (volunteering, travel)."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    summary = models.CharField(
        _("summary"),
        max_length=300,
        blank=True,
        help_text=_("One sentence shown in the list of programmes."),
    )
    description = models.TextField(
        _("description"),
        blank=True,
        help_text=_("Separate paragraphs with a blank line."),
    )
    audience = models.TextField(
        _("who it is for"),
        blank=True,
        help_text=_("The young people it is meant for: situation, conditions."),
    )
    minimum_age = models.PositiveSmallIntegerField(
        _("minimum age"),
        null=True,
        blank=True,
        validators=[MinValueValidator(10), MaxValueValidator(99)],
    )
    maximum_age = models.PositiveSmallIntegerField(
        _("maximum age"),
        null=True,
        blank=True,
        validators=[MinValueValidator(10), MaxValueValidator(99)],
    )
    direction = models.CharField(
        _("direction"), max_length=10, choices=Direction.choices
    )
    duration = models.CharField(
        _("typical duration"),
        max_length=200,
        blank=True,
        help_text=_("E.g. “6 to 12 months”."),
    )
    places_per_year = models.CharField(
        _("places per year"),
        max_length=200,
        blank=True,
        help_text=_("As the city would say it, e.g. “2 to 3” or “a dozen or more”."),
    )
    funding = models.CharField(
        _("funding or framework"),
        max_length=300,
        blank=True,
        help_text=_("E.g. Erasmus+, a ministry, a partner."),
    )
    partner_towns = models.ManyToManyField(
        Town,
        verbose_name=_("partner towns"),
        blank=True,
        related_name="programmes",
    )
    partner_organisations = models.ManyToManyField(
        Organisation,
        verbose_name=_("partner organisations"),
        blank=True,
        related_name="programmes",
    )
    how_to_apply = models.TextField(
        _("how to apply"),
        blank=True,
        help_text=_("Separate paragraphs with a blank line."),
    )
    contact = models.TextField(
        _("contact"),
        blank=True,
        help_text=_("Who to ask, with an address or a phone number."),
    )
    contact_email = models.EmailField(_("contact email"), blank=True)
    website = HttpsURLField(_("website"), blank=True)
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Lower numbers come first in the list.")
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        verbose_name = _("youth mobility programme")
        verbose_name_plural = _("youth mobility programmes")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("programmes:programme_detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        if (
            self.minimum_age is not None
            and self.maximum_age is not None
            and self.minimum_age > self.maximum_age
        ):
            raise ValidationError(
                {"maximum_age": _("The maximum age cannot be below the minimum age.")}
            )

    @property
    def goes_abroad(self):
        """Sends young people from Dijon abroad."""
        return self.direction in (Direction.OUTGOING, Direction.BOTH)

    @property
    def comes_to_dijon(self):
        """Brings young people from abroad to Dijon."""
        return self.direction in (Direction.INCOMING, Direction.BOTH)


class EventQuerySet(PublishableQuerySet):
    def upcoming(self, now=None):
        """Events not over yet (including those under way), soonest first."""
        now = now or timezone.now()
        return self.filter(end__gte=now).order_by("start", "pk")

    def past(self, now=None):
        """Events that are over, most recent first."""
        now = now or timezone.now()
        return self.filter(end__lt=now).order_by("-start", "-pk")


class Event(Publishable):
    """One edition of a European or international event held in or around Dijon."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        unique=True,
        help_text=_(
            "Part of the page's address, filled in from the French title: give "
            "the title its year (“Printemps de l'Europe 2027”) to tell editions "
            "apart."
        ),
    )
    description = models.TextField(
        _("description"),
        blank=True,
        help_text=_("Separate paragraphs with a blank line."),
    )
    start = models.DateTimeField(
        _("start"),
        help_text=_("Paris time."),
    )
    end = models.DateTimeField(_("end"), help_text=_("Paris time."))
    dates_to_confirm = models.BooleanField(
        _("dates to confirm"),
        default=False,
        help_text=_(
            "Placeholder dates and venue, as loaded with the site: untick once "
            "the organiser has confirmed them."
        ),
    )
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    organiser = models.ForeignKey(
        Organisation,
        verbose_name=_("organiser"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="organised_events",
        help_text=_("Leave empty when the City of Dijon organises it."),
    )
    towns = models.ManyToManyField(
        Town, verbose_name=_("related towns"), blank=True, related_name="events"
    )
    programmes = models.ManyToManyField(
        Programme,
        verbose_name=_("related programmes"),
        blank=True,
        related_name="events",
    )
    website = HttpsURLField(_("website"), blank=True)
    image = PublicImageField(_("image"), upload_to="events/")
    image_alt = models.CharField(
        _("image description (alt text)"),
        max_length=250,
        blank=True,
        help_text=_("What the image shows, for visitors who cannot see it."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["start", "pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("programmes:event_detail", kwargs={"slug": self.slug})

    def get_calendar_url(self):
        return reverse("programmes:event_ical", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("An event cannot end before it starts.")})

    @property
    def uid(self):
        """A calendar identifier that never changes for this event."""
        domain = getattr(settings, "CALENDAR_UID_DOMAIN", DEFAULT_CALENDAR_UID_DOMAIN)
        return f"event-{self.pk}@{domain}"

    def is_past(self, now=None):
        return self.end < (now or timezone.now())

    @property
    def local_start(self):
        return timezone.localtime(self.start)

    @property
    def local_end(self):
        return timezone.localtime(self.end)

    @property
    def is_single_day(self):
        return self.local_start.date() == self.local_end.date()


class EventPhoto(GalleryPhoto):
    """A photo of the event's gallery."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="photos", verbose_name=_("event")
    )

    class Meta(GalleryPhoto.Meta):
        pass

    def get_absolute_url(self):
        return self.event.get_absolute_url()
