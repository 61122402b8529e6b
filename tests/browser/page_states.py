"""Pages in the states a layout must survive (issue 16): a town with its whole
story and photos, a town with one section, an event with photos and a long
text, an event with a line of text and no photo. Each function adds what the
brochure's content lacks and returns the page's path."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from django.utils import timezone, translation

from programmes.models import Event, EventPhoto
from tests.content import edition
from tests.test_images import photo_bytes
from twinning.models import Milestone, Town, TownPhoto

PARIS = ZoneInfo("Europe/Paris")
LONG_TEXT = "\n\n".join(
    [
        "Chaque année en juin, la Maison de Rhénanie-Palatinat fête le partenariat"
        " de plus de cinquante ans entre Dijon et Mayence : concerts, marché de"
        " producteurs, dégustations de vins des deux régions et rencontres entre"
        " les associations des deux villes.",
        "Le samedi, les lycéens qui ont passé l'année scolaire à Mayence racontent"
        " leur séjour ; le dimanche, les chorales des deux villes chantent ensemble"
        " dans la cour de l'hôtel de ville.",
    ]
    * 3
)


def url(instance, language="fr"):
    with translation.override(language):
        return instance.get_absolute_url()


def add_photos(model, count, **parent):
    for number in range(1, count + 1):
        photo = model(
            alt_fr=f"Vue n° {number}",
            alt_en=f"View no. {number}",
            caption_fr=f"Photo {number}",
            credit="Ville de Dijon",
            **parent,
        )
        photo.image.save(
            f"photo{number}.jpg", ContentFile(photo_bytes((1200, 800))), save=True
        )


def town_with_full_story():
    """Mainz with milestones, its association, its website, a photo and a gallery."""
    town = Town.objects.get(slug="mainz")
    for year, title in [(1978, "20 ans du jumelage"), (2008, "50 ans du jumelage")]:
        Milestone.objects.create(town=town, year=year, title_fr=title, title_en=title)
    town.association_name = "Maison de Rhénanie-Palatinat"
    town.association_contact = "29 rue Buffon, 21000 Dijon\n03 80 68 07 00"
    town.association_website = "https://www.maison-rhenanie-palatinat.org/"
    town.website = "https://www.mainz.de/"
    town.photo.save("mainz.jpg", ContentFile(photo_bytes((1600, 1067))), save=False)
    town.photo_alt_fr = town.photo_alt_en = "La cathédrale de Mayence"
    town.photo_credit = "Ville de Mayence"
    town.save()
    add_photos(TownPhoto, 3, town=town)
    return url(town)


def town_with_one_section():
    """Cluj-Napoca: one youth mobility programme, nothing else after its facts."""
    return url(Town.objects.get(slug="cluj-napoca"))


def event_with_photos_and_long_text():
    event = edition(Event, "week-end-franco-allemand")
    event.description_fr = LONG_TEXT
    event.save()
    add_photos(EventPhoto, 3, event=event)
    return url(event)


def event_with_a_line_and_no_photo():
    # In two months, whatever today is.
    day = (timezone.now() + timedelta(days=60)).astimezone(PARIS).date()
    start = datetime.combine(day, time(18, 30), tzinfo=PARIS)
    event = Event.objects.create(
        slug=f"conference-europe-{day.year}",
        title_fr="Conférence sur l'Europe",
        title_en="A talk on Europe",
        description_fr="Une heure pour parler de l'Europe.",
        description_en="An hour to talk about Europe.",
        start=start,
        end=start + timedelta(hours=1),
        is_published=True,
    )
    return url(event)
