"""The brochure's partner institutions and the next two welcome receptions.

`load()` is called by `manage.py load_initial_data`; it only creates what is
missing (looked up by slug), so it never duplicates nor overwrites staff edits.
"""

from collections import Counter
from datetime import datetime
from zoneinfo import ZoneInfo

from django.db import transaction

from students.models import PartnerInstitution, Reception, Term

PARIS = ZoneInfo("Europe/Paris")

# Websites are left for staff to add.
# "The city of Dijon has signed cooperation agreements with Carnot secondary
# school, the University of Burgundy-Franche-Comté, Sciences Po, Burgundy
# School of Business, AgroSup, IAE and the École nationale supérieure d'art."
INSTITUTIONS = [
    ("lycee-carnot", "Lycée Carnot", "Carnot secondary school", ""),
    (
        "universite-bourgogne-franche-comte",
        "Université de Bourgogne-Franche-Comté",
        "University of Burgundy-Franche-Comté",
        "",
    ),
    ("sciences-po", "Sciences Po", "Sciences Po", ""),
    (
        "burgundy-school-of-business",
        "Burgundy School of Business",
        "Burgundy School of Business",
        "",
    ),
    (
        "agrosup-dijon",
        "AgroSup Dijon (Institut national supérieur des sciences agronomiques, "
        "de l'alimentation et de l'environnement)",
        "AgroSup Dijon (National Institute of Agronomy, Food Science and Environment)",
        "",
    ),
    (
        "iae-dijon",
        "IAE Dijon (Institut d'administration des entreprises)",
        "IAE Dijon (Institute of Business Administration)",
        "",
    ),
    (
        "ensa-dijon",
        "École nationale supérieure d'art de Dijon",
        "École nationale supérieure d'art (National Institute of Art)",
        "",
    ),
]

DESCRIPTION_FR = (
    "Deux fois par année universitaire, le maire de Dijon accueille les "
    "centaines d'étudiants étrangers qui ont choisi de poursuivre leurs études "
    "supérieures à Dijon. Ils sont reçus dans la prestigieuse salle des États "
    "de l'hôtel de ville.\n\n"
    "Au programme : le mot d'accueil du maire, la présentation de la ville et de "
    "ses services aux étudiants, puis un moment convivial pour rencontrer "
    "d'autres étudiants, les établissements partenaires et les associations.\n\n"
    "La Ville de Dijon a signé des conventions de coopération avec le lycée "
    "Carnot, l'université de Bourgogne-Franche-Comté, Sciences Po, Burgundy "
    "School of Business, AgroSup Dijon, l'IAE Dijon et l'École nationale "
    "supérieure d'art, pour faciliter l'accueil et l'intégration des étudiants "
    "étrangers. Entrée libre sur inscription ; présentez votre code QR à "
    "l'entrée."
)
DESCRIPTION_EN = (
    "Twice in the academic year, Dijon's Mayor welcomes hundreds of foreign "
    "students who have chosen to pursue their higher education in Dijon. They "
    "are received in the prestigious Salle des États at the city hall.\n\n"
    "What to expect: the Mayor's welcome speech, an introduction to the city and "
    "its services for students, then a friendly moment to meet other students, "
    "the partner institutions and student associations.\n\n"
    "The city of Dijon has signed cooperation agreements with Carnot secondary "
    "school, the University of Burgundy-Franche-Comté, Sciences Po, Burgundy "
    "School of Business, AgroSup Dijon, IAE Dijon and the École nationale "
    "supérieure d'art, with the aim to help with the welcome and integration of "
    "foreign students. Free admission on registration; show your QR code at the "
    "entrance."
)


def paris(*args):
    return datetime(*args, tzinfo=PARIS)


RECEPTIONS = [
    {
        "slug": "accueil-etudiants-printemps-2027",
        "title_fr": "Accueil des étudiants étrangers – printemps 2027",
        "title_en": "Welcome reception for foreign students – spring 2027",
        "academic_year": "2026-2027",
        "term": Term.SPRING,
        "starts_at": paris(2027, 2, 18, 18, 0),
        "ends_at": paris(2027, 2, 18, 20, 0),
        "capacity": 300,
        "registration_opens_at": paris(2026, 11, 23, 9, 0),
        "registration_closes_at": paris(2027, 2, 16, 23, 59),
    },
    {
        "slug": "accueil-etudiants-automne-2027",
        "title_fr": "Accueil des étudiants étrangers – automne 2027",
        "title_en": "Welcome reception for foreign students – autumn 2027",
        "academic_year": "2027-2028",
        "term": Term.AUTUMN,
        "starts_at": paris(2027, 10, 14, 18, 0),
        "ends_at": paris(2027, 10, 14, 20, 0),
        "capacity": 300,
        "registration_opens_at": paris(2027, 9, 1, 9, 0),
        "registration_closes_at": paris(2027, 10, 12, 23, 59),
    },
]


def create_missing(model, slug, values, report):
    obj, created = model.objects.get_or_create(slug=slug, defaults=values)
    if created:
        report[model._meta.label] += 1
    return obj


@transaction.atomic
def load():
    """Create the partner institutions and receptions that are not there yet."""
    report = Counter()
    for position, (slug, name_fr, name_en, website) in enumerate(INSTITUTIONS):
        create_missing(
            PartnerInstitution,
            slug,
            {
                "name_fr": name_fr,
                "name_en": name_en,
                "website": website,
                "agreement_signed": True,
                "position": position,
            },
            report,
        )
    for reception in RECEPTIONS:
        values = dict(reception)
        slug = values.pop("slug")
        values.update(
            venue_fr="Salle des États, Hôtel de Ville",
            venue_en="Salle des États, City Hall",
            address="Place de la Libération, 21000 Dijon",
            description_fr=DESCRIPTION_FR,
            description_en=DESCRIPTION_EN,
        )
        create_missing(Reception, slug, values, report)
    return report
