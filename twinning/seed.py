"""The brochure's twin towns and Dijon's own facts, in French and English.

`load()` is called by `manage.py load_initial_data`. It only creates what is
missing (looked up by slug), so running it again never duplicates a record nor
overwrites what staff have edited since.
"""

from collections import Counter

from django.db import transaction

from twinning.models import HomeCity, Organisation, Region, Town


def create_missing(model, lookup, values, report):
    """Create `model(**lookup, **values)` unless a record matches `lookup`."""
    obj, created = model.objects.get_or_create(**lookup, defaults=values)
    if created:
        report[model._meta.label] += 1
    return obj


DIJON = {
    "name_fr": "Dijon",
    "name_en": "Dijon",
    "title_fr": "Capitale de la Bourgogne-Franche-Comté",
    "title_en": "Capital of Burgundy-Franche-Comté",
    "population": 252_000,
    "unesco_recognitions_fr": (
        "Les Climats du vignoble de Bourgogne\nLe Repas gastronomique des Français"
    ),
    "unesco_recognitions_en": (
        "Climates of Burgundy's Vineyards\nThe Gastronomic Meal of the French"
    ),
    "nationalities": 126,
    "foreign_students": 3000,
    "latitude": "47.322047",
    "longitude": "5.041480",
    "tagline_fr": "Dijon, une capitale régionale au rayonnement international",
    "tagline_en": "Dijon, a regional capital with an international standing",
    "introduction_fr": (
        "La double reconnaissance de Dijon par l'Unesco, avec le Repas "
        "gastronomique des Français et les Climats du vignoble de Bourgogne, "
        "confirme le prestige mondial et l'attractivité internationale de notre "
        "ville. Notre région a la chance d'être identifiée comme un haut lieu de "
        "la gastronomie, du vin et du patrimoine historique. Les centaines de "
        "milliers de touristes qui viennent chaque année à Dijon, et dont le "
        "nombre augmente, en témoignent.\n\n"
        "Depuis quinze ans, nous avons mis en œuvre une stratégie ambitieuse, à "
        "la mesure de nos moyens et de notre taille : plus d'un milliard d'euros "
        "investis dans de grandes infrastructures ont fait de Dijon une véritable "
        "métropole régionale. Le Grand Dijon est l'une des rares aires urbaines "
        "du Grand Est de la France dont la population ne cesse de croître et, "
        "depuis le 1er janvier 2016, il compte parmi les grandes capitales "
        "régionales françaises.\n\n"
        "Dijon est une ville cosmopolite, qui accueille quelque 126 nationalités, "
        "plusieurs consulats et centres culturels étrangers. Avec plus de 3 000 "
        "étudiants étrangers chaque année, sa présence dans de grands salons "
        "professionnels et touristiques, ses événements culturels et sportifs "
        "européens et les entreprises internationales renommées qui s'y sont "
        "installées, Dijon est résolument ouverte sur le monde : la version "
        "moderne d'une histoire prestigieuse, celle des Ducs de Bourgogne, qui "
        "furent à la tête de la plus grande puissance politique et artistique "
        "de leur temps."
    ),
    "introduction_en": (
        "Unesco's dual recognition of Dijon, with the Gastronomic meal of the "
        "French and the Climates of Burgundy's Vineyards, confirms our city's "
        "worldwide prestige and international appeal. Our region is fortunate "
        "to be identified as a key place of gastronomy, wine and historical "
        "heritage. The hundreds of thousands of tourists who come to Dijon each "
        "year attest to just how vibrant our city is, and their numbers are on "
        "the rise.\n\n"
        "Over the past 15 years, we have implemented an ambitious strategy which "
        "is commensurate with our means and size: we have invested more than one "
        "billion euros in major infrastructures, making Dijon a true metropolitan "
        "regional city. Greater Dijon is one of the few urban areas in Greater "
        "Eastern France with a continually increasing population and, since "
        "1st January 2016, it is ranked among France's top regional capitals.\n\n"
        "Dijon is a cosmopolitan city with some 126 different nationalities and "
        "several consulates and foreign cultural centres. With more than 3,000 "
        "foreign students each year, its participation in important trade and "
        "tourism fairs, its European cultural and sporting events and the "
        "well-known international firms set up in the city, Dijon is globally "
        "minded: the modern-day version of its history with the Dukes of "
        "Burgundy, who were at the head of the biggest political and artistic "
        "power of their time."
    ),
}

CITY_CENTRE_FR = "Centre historique"
CITY_CENTRE_EN = "Historic city centre"

# slug, name fr/en, country, region, title fr/en, population, year,
# and optional extras. Facts exactly as the brochure states them.
TOWNS = [
    {
        "slug": "york",
        "name_fr": "York",
        "name_en": "York",
        "country": "GB",
        "region": Region.ANGLO_SAXON,
        "title_fr": "Capitale du Yorkshire",
        "title_en": "Capital of Yorkshire",
        "population": 200_000,
        "twinned_since": 1953,
        "latitude": "53.959000",
        "longitude": "-1.081500",
    },
    {
        "slug": "dallas",
        "name_fr": "Dallas",
        "name_en": "Dallas",
        "country": "US",
        "region": Region.ANGLO_SAXON,
        "population": 1_300_000,
        "twinned_since": 1957,
        "latitude": "32.776700",
        "longitude": "-96.797000",
    },
    {
        "slug": "mainz",
        "name_fr": "Mayence",
        "name_en": "Mainz",
        "country": "DE",
        "region": Region.EUROPE_ASIA,
        "title_fr": "Capitale de la Rhénanie-Palatinat",
        "title_en": "Capital of Rhineland-Palatinate",
        "population": 200_000,
        "twinned_since": 1958,
        "latitude": "49.992900",
        "longitude": "8.247300",
    },
    {
        "slug": "volgograd",
        "name_fr": "Volgograd",
        "name_en": "Volgograd",
        "country": "RU",
        "region": Region.EUROPE_ASIA,
        "title_fr": "Capitale de l'oblast de Volgograd",
        "title_en": "Capital of Volgograd Oblast",
        "population": 1_000_000,
        "twinned_since": 1959,
        "latitude": "48.708000",
        "longitude": "44.513300",
    },
    {
        "slug": "skopje",
        "name_fr": "Skopje",
        "name_en": "Skopje",
        "country": "MK",
        "region": Region.EUROPE_ASIA,
        "title_fr": "Capitale de la République de Macédoine",
        "title_en": "Capital of the Republic of Macedonia",
        "population": 500_000,
        "twinned_since": 1961,
        "latitude": "41.998100",
        "longitude": "21.425400",
    },
    {
        "slug": "cluj-napoca",
        "name_fr": "Cluj-Napoca",
        "name_en": "Cluj-Napoca",
        "country": "RO",
        "region": Region.EUROPE_ASIA,
        "title_fr": "Capitale historique de la Transylvanie",
        "title_en": "Historical capital of Transylvania",
        "population": 325_000,
        "twinned_since": 1962,
        "latitude": "46.771200",
        "longitude": "23.623600",
    },
    {
        "slug": "reggio-emilia",
        "name_fr": "Reggio d'Émilie",
        "name_en": "Reggio Emilia",
        "country": "IT",
        "region": Region.MEDITERRANEAN_AFRICA,
        "population": 180_000,
        "twinned_since": 1964,
        "latitude": "44.698300",
        "longitude": "10.631200",
    },
    {
        "slug": "pecs",
        "name_fr": "Pécs",
        "name_en": "Pécs",
        "country": "HU",
        "region": Region.EUROPE_ASIA,
        "distinctions_fr": "Capitale européenne de la culture 2010",
        "distinctions_en": "European capital of culture 2010",
        "population": 150_000,
        "twinned_since": 1966,
        "latitude": "46.072700",
        "longitude": "18.232300",
    },
    {
        "slug": "opole",
        "name_fr": "Opole",
        "name_en": "Opole",
        "country": "PL",
        "region": Region.EUROPE_ASIA,
        "title_fr": "Capitale de la voïvodie d'Opole",
        "title_en": "Capital of Opole Voivodeship",
        "population": 130_000,
        "twinned_since": 2009,
        "latitude": "50.675100",
        "longitude": "17.921300",
    },
    {
        "slug": "guimaraes",
        "name_fr": "Guimarães",
        "name_en": "Guimarães",
        "country": "PT",
        "region": Region.MEDITERRANEAN_AFRICA,
        "distinctions_fr": "Capitale européenne de la culture 2012",
        "distinctions_en": "European capital of culture 2012",
        "unesco_recognitions_fr": CITY_CENTRE_FR,
        "unesco_recognitions_en": CITY_CENTRE_EN,
        "population": 160_000,
        "twinned_since": 2011,
        "latitude": "41.442500",
        "longitude": "-8.291800",
    },
    {
        "slug": "chefchaouen",
        "name_fr": "Chefchaouen",
        "name_en": "Chefchaouen",
        "country": "MA",
        "region": Region.MEDITERRANEAN_AFRICA,
        "unesco_recognitions_fr": "La diète méditerranéenne",
        "unesco_recognitions_en": "Mediterranean diet",
        "population": 36_000,
        "twinned_since": 2016,
        "latitude": "35.168800",
        "longitude": "-5.263600",
    },
    {
        "slug": "prague",
        "name_fr": "Prague",
        "name_en": "Prague",
        "country": "CZ",
        "region": Region.EUROPE_ASIA,
        "title_fr": (
            "Arrondissement de Prague, capitale de la République tchèque, "
            "capitale historique de la Bohême"
        ),
        "title_en": (
            "District of Prague, capital of the Czech Republic, "
            "historical capital of Bohemia"
        ),
        "unesco_recognitions_fr": CITY_CENTRE_FR,
        "unesco_recognitions_en": CITY_CENTRE_EN,
        "population": 100_000,
        "twinned_since": 2016,
        "latitude": "50.070600",
        "longitude": "14.403300",
    },
    {
        "slug": "dakar",
        "name_fr": "Dakar",
        "name_en": "Dakar",
        "country": "SN",
        "region": Region.MEDITERRANEAN_AFRICA,
        "title_fr": "Capitale du Sénégal",
        "title_en": "Capital of Senegal",
        "population": 1_000_000,
        "twinned_since": None,
        "status": Town.Status.SOON,
        "latitude": "14.716700",
        "longitude": "-17.467700",
    },
]


K = Organisation.Kind

# Organisations the brochure names, shared by every app's content (partnerships,
# programmes, events refer to them by slug). Websites are left for staff to add.
ORGANISATIONS = [
    (
        "bourgogne-cooperation",
        "Bourgogne Coopération",
        "Bourgogne Coopération",
        K.NETWORK,
    ),
    ("vitagora", "Vitagora", "Vitagora", K.CLUSTER),
    (
        "cci-cote-d-or",
        "Chambre de commerce et d'industrie de Côte-d'Or",
        "Chamber of Commerce and Industry of Côte-d'Or",
        K.PUBLIC_BODY,
    ),
    (
        "dijon-developpement",
        "Dijon Développement",
        "Dijon Développement",
        K.PUBLIC_BODY,
    ),
    (
        "maison-rhenanie-palatinat",
        "La Maison de Rhénanie-Palatinat",
        "La Maison de Rhénanie-Palatinat",
        K.ASSOCIATION,
    ),
    ("plan-9", "Association Plan 9", "Plan 9 association", K.ASSOCIATION),
    (
        "federation-leo-lagrange",
        "Fédération Léo Lagrange",
        "Fédération Léo Lagrange",
        K.ASSOCIATION,
    ),
    ("sciences-po", "Sciences Po", "Sciences Po", K.HIGHER_EDUCATION),
    (
        "ritmo",
        "Réseau d'information sur la solidarité internationale "
        "et le développement durable (Ritmo)",
        "National Network of Information about International Solidarity "
        "and Sustainable Development (Ritmo)",
        K.NETWORK,
    ),
    (
        "ministere-affaires-etrangeres",
        "Ministère des Affaires étrangères et du Développement international",
        "Ministry of Foreign Affairs and International Development",
        K.PUBLIC_BODY,
    ),
]


@transaction.atomic
def load():
    """Create the home city and the twin towns that are not there yet."""
    report = Counter()
    if not HomeCity.objects.exists():
        HomeCity.objects.create(**DIJON)
        report[HomeCity._meta.label] += 1
    for town in TOWNS:
        values = dict(town)
        slug = values.pop("slug")
        create_missing(Town, {"slug": slug}, values, report)
    for slug, name_fr, name_en, kind in ORGANISATIONS:
        create_missing(
            Organisation,
            {"slug": slug},
            {"name_fr": name_fr, "name_en": name_en, "kind": kind},
            report,
        )
    return report
