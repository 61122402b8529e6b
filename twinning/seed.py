"""The brochure's twin towns, Dijon's own facts, organisations, partnerships,
networks and the International Relations Department, in French and English.

`load()` is called by `manage.py load_initial_data`. It only creates what is
missing (looked up by slug), so running it again never duplicates a record nor
overwrites what staff have edited since.
"""

from collections import Counter

from django.db import transaction

from twinning.models import (
    ActionAxis,
    Department,
    Domain,
    DomainText,
    HomeCity,
    NetworkMembership,
    Organisation,
    Partnership,
    Region,
    Town,
)


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


D = Domain
S = Partnership.Status

# The brochure's cooperation projects, with its facts, in French and English.
# Towns and organisations are referred to by slug.
PARTNERSHIPS = [
    {
        "slug": "charte-engagement-climat-cop21",
        "title_fr": "Charte d'engagement pour le climat",
        "title_en": "Climate Commitment Charter",
        "domain": D.CLIMATE,
        "start_year": 2015,
        "start_month": 12,
        "status": S.COMPLETED,
        "summary_fr": (
            "À l'occasion de la COP21, en décembre 2015, Dijon a organisé des "
            "rencontres pour le climat et signé une charte d'engagement pour le "
            "climat avec ses villes partenaires."
        ),
        "summary_en": (
            "During COP21, in December 2015, Dijon organised climate meetings and "
            "signed a Climate Commitment Charter with its partner cities."
        ),
        "body_fr": (
            "Dans le cadre de la COP21, la conférence des Nations unies sur les "
            "changements climatiques, la ville de Dijon a organisé en décembre 2015 "
            "des rencontres pour le climat et signé une charte d'engagement pour le "
            "climat avec ses villes partenaires.\n\n"
            "Cette initiative, unique en France, illustre parfaitement la volonté "
            "de ces villes d'être de véritables actrices de la lutte contre le "
            "réchauffement climatique."
        ),
        "body_en": (
            "Within the framework of COP21, the United Nations Conference on "
            "Climate Change, in December 2015, the city of Dijon organised climate "
            "meetings and signed a Climate Commitment Charter with its partner "
            "cities.\n\n"
            "This initiative is unique in France and perfectly illustrates these "
            "cities' will to be true actors in the fight against global warming."
        ),
    },
    {
        "slug": "delegations-chefs-entreprise",
        "title_fr": "Accueil de délégations de chefs d'entreprise",
        "title_en": "Welcoming delegations of company directors",
        "domain": D.ECONOMY,
        "start_year": 2015,
        "status": S.ONGOING,
        "organisations": ["cci-cote-d-or", "dijon-developpement"],
        "summary_fr": (
            "Pour soutenir et faciliter les relations économiques, Dijon accueille "
            "avec la CCI de Côte-d'Or et Dijon Développement des délégations de "
            "chefs d'entreprise du monde entier."
        ),
        "summary_en": (
            "To support and facilitate economic relations, Dijon welcomes "
            "delegations of company directors from all around the world with the "
            "CCI of Côte-d'Or and Dijon Développement."
        ),
        "body_fr": (
            "En partenariat avec la Chambre de commerce et d'industrie de "
            "Côte-d'Or et Dijon Développement, la ville de Dijon accueille des "
            "délégations de chefs d'entreprise venues du monde entier.\n\n"
            "En 2015, deux groupes ont été reçus : l'un venu de la Sarre "
            "(Allemagne), l'autre de République tchèque."
        ),
        "body_en": (
            "In partnership with the Chamber of Commerce and Industry of "
            "Côte-d'Or and Dijon Développement, the city of Dijon welcomes "
            "delegations of company directors from all around the world.\n\n"
            "In 2015 there were two groups, one from Saarland (Sarre, Germany) "
            "and one from the Czech Republic."
        ),
    },
    {
        "slug": "cite-gastronomie-vin-exposition-milan",
        "title_fr": (
            "La Cité internationale de la gastronomie et du vin "
            "à l'Exposition universelle de Milan"
        ),
        "title_en": (
            "The International Gastronomy and Wine Exhibition Centre "
            "at the Milan Universal Exhibition"
        ),
        "domain": D.ATTRACTIVENESS,
        "start_year": 2015,
        "start_month": 10,
        "status": S.COMPLETED,
        "summary_fr": (
            "En octobre 2015, la ville de Dijon a présenté son projet de Cité "
            "internationale de la gastronomie et du vin à l'Exposition universelle "
            "de Milan."
        ),
        "summary_en": (
            "In October 2015, the city of Dijon unveiled its International "
            "Gastronomy and Wine Exhibition Centre project at the Universal "
            "Exhibition in Milan."
        ),
        "body_fr": (
            "Promouvoir les atouts et les savoir-faire du territoire : en octobre "
            "2015, la ville de Dijon a dévoilé son projet de Cité internationale "
            "de la gastronomie et du vin à l'Exposition universelle de Milan "
            "(Italie)."
        ),
        "body_en": (
            "Promoting the region's assets and knowhow: in October 2015, the city "
            "of Dijon unveiled its International Gastronomy and Wine Exhibition "
            "Centre project at the Universal Exhibition in Milan (Italy)."
        ),
    },
    {
        "slug": "vitagora",
        "title_fr": "Vitagora, pôle de compétitivité Goût-Nutrition-Santé",
        "title_en": "Vitagora, the Taste-Health-Nutrition cluster",
        "domain": D.ECONOMY,
        "status": S.ONGOING,
        "organisations": ["vitagora"],
        "summary_fr": (
            "La ville de Dijon s'est associée à Vitagora pour promouvoir ses "
            "entreprises, leur expertise, ses laboratoires et ses établissements "
            "d'enseignement supérieur."
        ),
        "summary_en": (
            "The city of Dijon has joined forces with Vitagora to promote its "
            "companies and their expertise, its laboratories and its institutions "
            "of higher education."
        ),
        "body_fr": (
            "La ville de Dijon s'est associée à Vitagora, pôle de compétitivité "
            "Goût-Nutrition-Santé, qui contribue à faire connaître les entreprises "
            "dijonnaises et leur savoir-faire, ainsi que la qualité des "
            "laboratoires et des établissements d'enseignement supérieur de la "
            "ville."
        ),
        "body_en": (
            "The city of Dijon has joined forces with Vitagora, the "
            "Taste-Health-Nutrition cluster, which contributes to promoting "
            "Dijon's companies and their expertise, as well as promoting the "
            "city's quality laboratories and institutions of higher education."
        ),
    },
    {
        "slug": "bourgogne-cooperation",
        "title_fr": "Bourgogne Coopération, pour la solidarité internationale",
        "title_en": "Bourgogne Coopération, acting for international solidarity",
        "domain": D.SOLIDARITY,
        "start_year": 2011,
        "status": S.ONGOING,
        "organisations": ["bourgogne-cooperation", "ritmo"],
        "summary_fr": (
            "Créée par la ville de Dijon en 2011, Bourgogne Coopération fédère 110 "
            "associations locales actives dans plus de trente pays."
        ),
        "summary_en": (
            "Created by the city of Dijon in 2011, Bourgogne Coopération brings "
            "together 110 local associations active in more than thirty countries."
        ),
        "body_fr": (
            "En 2011, la ville de Dijon a créé Bourgogne Coopération, une "
            "fédération d'associations qui favorise la coopération et la "
            "solidarité internationales.\n\n"
            "Cette structure permet de mutualiser les moyens, répartis entre ses "
            "110 associations locales actives dans plus de trente pays.\n\n"
            "Bourgogne Coopération est le relais, à Dijon, du Réseau "
            "d'information sur la solidarité internationale et le développement "
            "durable (Ritmo)."
        ),
        "body_en": (
            "In 2011, the city of Dijon created Bourgogne Coopération, a "
            "federation of associations that fosters international cooperation "
            "and solidarity.\n\n"
            "This organisation helps to aggregate the means which are distributed "
            "to its 110 local associations active in more than thirty countries."
            "\n\n"
            "Bourgogne Coopération is the intermediary, set up in Dijon, of the "
            "National Network of Information about International Solidarity and "
            "Sustainable Development (Ritmo)."
        ),
    },
    {
        "slug": "amitie-franco-allemande-mayence",
        "title_fr": "L'amitié franco-allemande avec Mayence",
        "title_en": "Franco-German friendship with Mainz",
        "domain": D.ATTRACTIVENESS,
        "start_year": 1958,
        "status": S.ONGOING,
        "towns": ["mainz"],
        "organisations": ["maison-rhenanie-palatinat"],
        "summary_fr": (
            "Chaque année en juin, la Maison de Rhénanie-Palatinat fête plus de "
            "cinquante ans de partenariat entre Dijon et Mayence."
        ),
        "summary_en": (
            "Every June, La Maison de Rhénanie-Palatinat celebrates the partnership "
            "of more than fifty years between Dijon and Mainz."
        ),
        "body_fr": (
            "En juin, la Maison de Rhénanie-Palatinat organise un week-end de fête "
            "exceptionnel. Dans une ambiance festive et conviviale, cet événement "
            "est un temps fort de « l'année internationale » de Dijon : il met à "
            "l'honneur plus de cinquante ans de partenariat entre Dijon et "
            "Mayence, entre la Bourgogne et la Rhénanie-Palatinat."
        ),
        "body_en": (
            "In June, La Maison de Rhénanie-Palatinat organises an exceptional "
            "weekend of celebration. In a festive and convivial atmosphere, this "
            "event is a highlight in Dijon's “international year”, showcasing the "
            "50 year plus partnership between Dijon and Mainz, between Burgundy "
            "and Rhineland-Palatinate."
        ),
    },
    {
        "slug": "festival-fenetres-sur-courts",
        "title_fr": (
            "Le festival « Fenêtres sur courts », ouvert aux cinéastes étrangers"
        ),
        "title_en": "The “Fenêtres sur courts” festival, open to foreign film makers",
        "domain": D.CULTURE,
        "status": S.ONGOING,
        "organisations": ["plan-9"],
        "summary_fr": (
            "Avec l'aide de la ville, le festival de courts métrages organisé "
            "chaque année par l'association Plan 9 s'est ouvert aux réalisateurs "
            "étrangers."
        ),
        "summary_en": (
            "With the city's help, the short film festival organised every year by "
            "the association Plan 9 is now open to foreign film makers."
        ),
        "body_fr": (
            "La ville de Dijon encourage les porteurs de projets à donner une "
            "dimension internationale à leurs événements et les soutient "
            "financièrement.\n\n"
            "Le festival de courts métrages « Fenêtres sur courts », organisé "
            "chaque année par l'association Plan 9, en est un parfait exemple. "
            "Avec l'aide de la ville, il est désormais ouvert aux réalisateurs "
            "étrangers : compétition européenne, accueil de réalisateurs "
            "étrangers, sous-titrage des films…"
        ),
        "body_en": (
            "The city of Dijon encourages project initiators to give an "
            "international dimension to their events, and provides financial aid "
            "to help them.\n\n"
            "A perfect example is the “Fenêtres sur courts” short film festival, "
            "which is organised every year by the association Plan 9. With the "
            "help of the city, it is now open to foreign film makers: European "
            "competition, welcoming foreign film makers, film subtitles, etc."
        ),
    },
    {
        "slug": "sciences-po-campus-europeen",
        "title_fr": "Sciences Po, un campus européen à Dijon",
        "title_en": "Sciences Po, a European campus in Dijon",
        "domain": D.YOUTH,
        "status": S.ONGOING,
        "organisations": ["sciences-po"],
        "summary_fr": (
            "Sciences Po a installé à Dijon son campus consacré à l'Europe "
            "centrale et orientale."
        ),
        "summary_en": (
            "Sciences Po has its campus for Central and Eastern Europe in Dijon."
        ),
        "body_fr": (
            "L'Institut d'études politiques de Paris (Sciences Po) a installé à "
            "Dijon son campus consacré à l'Europe centrale et orientale. La moitié "
            "des étudiants de ce campus international sont originaires d'Europe "
            "centrale et orientale."
        ),
        "body_en": (
            "L'Institut d'études politiques de Paris (Sciences Po) has a campus in "
            "Dijon for Central and Eastern Europe. Half of the students studying "
            "at this international institute are from Central and Eastern Europe."
        ),
    },
]

# The five networks the brochure lists, in its order.
NETWORKS = [
    {
        "slug": "afccre",
        "name_fr": (
            "Association française du Conseil des communes et régions d'Europe (AFCCRE)"
        ),
        "name_en": (
            "The French branch of the Council of European Municipalities and "
            "Regions (CEMR)"
        ),
        "website": "https://www.afccre.org/",
        "description_fr": (
            "La section française du Conseil des communes et régions d'Europe "
            "(CCRE), qui rassemble les collectivités locales et régionales "
            "d'Europe."
        ),
        "description_en": (
            "The French branch of the Council of European Municipalities and "
            "Regions (CEMR), which brings together Europe's local and regional "
            "governments."
        ),
    },
    {
        "slug": "villes-amies-des-aines",
        "name_fr": "Réseau des villes amies des aînés",
        "name_en": "The Network of Friends of the Elderly",
        "description_fr": (
            "Un réseau de villes qui s'engagent à mieux prendre en compte les "
            "personnes âgées dans la vie de la cité."
        ),
        "description_en": (
            "A network of cities committed to giving older people a better place "
            "in city life."
        ),
    },
    {
        "slug": "coalition-mondiale-peine-de-mort",
        "name_fr": "Coalition mondiale contre la peine de mort",
        "name_en": "The World Coalition against the Death Penalty",
        "website": "https://worldcoalition.org/",
        "description_fr": (
            "Une alliance d'organisations, de barreaux et de collectivités locales "
            "qui œuvre pour l'abolition universelle de la peine de mort."
        ),
        "description_en": (
            "An alliance of organisations, bar associations and local authorities "
            "working for the universal abolition of the death penalty."
        ),
    },
    {
        "slug": "coalition-europeenne-villes-contre-racisme",
        "name_fr": "Coalition européenne des villes contre le racisme",
        "name_en": "The European Coalition of Cities against Racism",
        "website": "https://www.eccar.info/",
        "description_fr": (
            "Un réseau de villes européennes, lancé à l'initiative de l'Unesco, "
            "engagées dans la lutte contre le racisme, les discriminations et la "
            "xénophobie."
        ),
        "description_en": (
            "A network of European cities, launched at Unesco's initiative, "
            "committed to fighting racism, discrimination and xenophobia."
        ),
    },
    {
        "slug": "villes-pour-la-paix",
        "name_fr": "Villes pour la paix",
        "name_en": "Cities for Peace",
        "description_fr": (
            "Un réseau de villes qui agissent ensemble pour la paix et une culture "
            "de la paix."
        ),
        "description_en": (
            "A network of cities working together for peace and a culture of peace."
        ),
    },
]

DEPARTMENT = {
    "name_fr": "Direction des relations internationales de la Ville de Dijon",
    "name_en": "International Relations Department of the City of Dijon",
    "headline_fr": "Une ville attractive, ouverte sur le monde et solidaire",
    "headline_en": (
        "A highly attractive city with a global outlook and a strong sense of "
        "solidarity"
    ),
    "tagline_fr": (
        "Le goût du monde : Dijon, une métropole régionale attractive et solidaire"
    ),
    "tagline_en": (
        "A taste for the world: Dijon, an attractive regional city with a strong "
        "sense of solidarity"
    ),
    "axes_introduction_fr": (
        "Aujourd'hui, l'action internationale de Dijon s'articule autour de trois axes."
    ),
    "axes_introduction_en": (
        "Today, Dijon's international action is focused on three axes."
    ),
    "domains_title_fr": "Agir à l'international",
    "domains_title_en": "Acting internationally",
    "domains_introduction_fr": (
        "Développement économique, attractivité, culture et développement durable : "
        "dans le cadre des partenariats qu'elle a noués avec plus de dix villes à "
        "travers le monde, et grâce aux excellentes relations qu'elle entretient "
        "avec ses acteurs locaux, la ville de Dijon soutient activement toutes les "
        "actions en faveur du développement des relations internationales dans ces "
        "quatre domaines stratégiques."
    ),
    "domains_introduction_en": (
        "Economic development, attractiveness, culture and sustainable development: "
        "within the framework of the partnerships Dijon has created, linking us to "
        "more than ten cities across the world, and thanks to the excellent "
        "relationships it has with its local players, the city of Dijon actively "
        "supports all of the actions taken towards developing international "
        "relations in these four strategic domains."
    ),
    "networks_introduction_fr": (
        "Dijon est engagée dans les réseaux internationaux et membre active de :"
    ),
    "networks_introduction_en": (
        "Dijon is involved in international networks and is an active member of:"
    ),
    "address_fr": "11, rue de l'Hôpital\n21000 Dijon\nFrance",
    "address_en": "11, rue de l'Hôpital\n21000 Dijon\nFrance",
    "telephone": "+33 (0)3 80 74 71 48",
    "email": "RI@ville-dijon.fr",
    "website": "https://www.dijon.fr/",
    "deputy_mayor_name": "Sladana Zivkovic",
    "deputy_mayor_title_fr": "Adjointe au maire déléguée aux relations internationales",
    "deputy_mayor_title_en": "Deputy Mayor of International Relations",
    "deputy_mayor_message_fr": (
        "Aujourd'hui, l'action internationale de Dijon s'articule autour de trois "
        "axes : la coopération et les partenariats, avec un accent tout "
        "particulier mis sur l'économie ; le renforcement du rayonnement "
        "international du territoire ; le développement de la mobilité "
        "internationale des jeunes.\n\n"
        "Pour mener à bien ces projets, Dijon travaille main dans la main avec "
        "les forces vives de la ville : associations, entreprises et "
        "établissements d'enseignement supérieur. Accroître notre reconnaissance "
        "internationale, c'est renforcer nos partenariats avec ces acteurs et "
        "rassembler les acteurs locaux et ceux de la société civile."
    ),
    "deputy_mayor_message_en": (
        "Today, Dijon's international action is focused on three axes: "
        "cooperation and partnerships, with a particularly strong accent put on "
        "the economy; enhancing the region's international profile; increasing "
        "the international mobility of young people.\n\n"
        "To successfully carry out these projects, Dijon is working hand in hand "
        "with the city's driving forces: associations, companies, and "
        "institutions of higher education. Broadening our international "
        "recognition means reinforcing our partnerships with these stakeholders "
        "and bringing local and civil society players together."
    ),
    "mission_fr": (
        "L'un de nos objectifs majeurs est d'aider les Dijonnaises et les "
        "Dijonnais à devenir de véritables « citoyens du monde » et de faire de "
        "Dijon, riche de son passé et de son avenir prometteur, une ville encore "
        "plus ouverte sur le monde, attractive et solidaire."
    ),
    "mission_en": (
        "One of our major objectives is to help the men and women of Dijon to "
        "truly become “citizens of the world” and to make Dijon, with its rich "
        "past and exciting future, an even more global and attractive city with a "
        "strong sense of solidarity."
    ),
}

AXES = [
    {
        "title_fr": "La coopération et les partenariats",
        "title_en": "Cooperation and partnerships",
        "description_fr": "Avec un accent tout particulier mis sur l'économie.",
        "description_en": "With a particularly strong accent put on the economy.",
    },
    {
        "title_fr": "Le rayonnement international du territoire",
        "title_en": "Enhancing the region's international profile",
        "description_fr": (
            "En rassemblant les acteurs du territoire et en accompagnant les "
            "projets européens et internationaux des Dijonnais."
        ),
        "description_en": (
            "By bringing the region's players together and accompanying the "
            "European and international projects of the people of Dijon."
        ),
    },
    {
        "title_fr": "La mobilité internationale des jeunes",
        "title_en": "Increasing the international mobility of young people",
        "description_fr": (
            "Étudier ou vivre une expérience professionnelle à l'étranger est un "
            "atout pour l'épanouissement personnel et professionnel des jeunes."
        ),
        "description_en": (
            "Studying or having a professional experience abroad is an asset in "
            "the personal growth and development of young citizens."
        ),
    },
]

# The brochure's words on each domain, shown on the International action page.
DOMAIN_TEXTS = {
    D.ECONOMY: {
        "title_fr": "Promouvoir les atouts et les savoir-faire du territoire",
        "title_en": "Promoting assets and regional knowhow",
        "text_fr": (
            "Avec ses partenaires, la ville de Dijon fait connaître ses entreprises "
            "et leur savoir-faire, ses laboratoires et ses établissements "
            "d'enseignement supérieur, et soutient et facilite les relations "
            "économiques en accueillant des délégations de chefs d'entreprise du "
            "monde entier."
        ),
        "text_en": (
            "With its partners, the city of Dijon promotes its companies and their "
            "expertise, its laboratories and institutions of higher education, and "
            "supports and facilitates economic relations by welcoming delegations "
            "of company directors from all around the world."
        ),
    },
    D.ATTRACTIVENESS: {
        "title_fr": "L'ouverture de Dijon sur le monde : oui, nous le pouvons !",
        "title_en": "Dijon's global outlook: Yes we can!",
        "text_fr": (
            "Dijon rassemble l'ensemble des acteurs du territoire pour renforcer le "
            "rayonnement international de la ville et accompagner les projets "
            "européens et internationaux de ses habitants. Elle soutient aussi les "
            "événements et les initiatives européennes qui font vivre au quotidien "
            "le sentiment d'appartenance à l'Europe des Dijonnais."
        ),
        "text_en": (
            "Dijon brings together the whole of the region's players to both "
            "enhance the city's international profile and to accompany its "
            "inhabitants' European and international projects. It also supports "
            "European events and initiatives that foster the feeling of belonging "
            "to Europe in the everyday lives of the people of Dijon."
        ),
    },
    D.CULTURE: {
        "title_fr": "Une culture sans frontières",
        "title_en": "Culture without borders",
        "text_fr": (
            "La ville de Dijon encourage les porteurs de projets à donner une "
            "dimension internationale à leurs événements et les soutient "
            "financièrement."
        ),
        "text_en": (
            "The city of Dijon encourages project initiators to give an "
            "international dimension to their events, and provides financial aid "
            "to help them."
        ),
    },
    D.CLIMATE: {
        "title_fr": "Agir pour le climat avec nos villes partenaires",
        "title_en": "Acting for the climate with our partner cities",
        "text_fr": (
            "Dijon et ses villes partenaires veulent être de véritables actrices de "
            "la lutte contre le réchauffement climatique : en décembre 2015, lors "
            "de la COP21, elles ont signé une charte d'engagement pour le climat, "
            "une initiative unique en France."
        ),
        "text_en": (
            "Dijon and its partner cities want to be true actors in the fight "
            "against global warming: in December 2015, during COP21, they signed a "
            "Climate Commitment Charter, an initiative unique in France."
        ),
    },
    D.SOLIDARITY: {
        "title_fr": "Agir pour la solidarité internationale",
        "title_en": "Acting for international solidarity",
        "text_fr": (
            "Avec Bourgogne Coopération, qu'elle a créée en 2011, la ville de Dijon "
            "soutient les associations locales qui œuvrent pour la coopération et "
            "la solidarité internationales dans plus de trente pays."
        ),
        "text_en": (
            "Through Bourgogne Coopération, which it created in 2011, the city of "
            "Dijon supports the local associations working for international "
            "cooperation and solidarity in more than thirty countries."
        ),
    },
    D.YOUTH: {
        "title_fr": "Des générations ouvertes sur le monde",
        "title_en": "Generations of globally minded people",
        "text_fr": (
            "La ville de Dijon favorise les expériences internationales des jeunes. "
            "Étudier ou vivre une expérience professionnelle à l'étranger est un "
            "atout pour l'épanouissement personnel et le développement de nos "
            "jeunes concitoyens."
        ),
        "text_en": (
            "The city of Dijon fosters international experiences for the young. "
            "Studying or having a professional experience abroad is an asset in "
            "the personal growth and development of our young citizens."
        ),
    },
}

# The brochure's words on some organisations, set when they are first created.
ORGANISATION_DESCRIPTIONS = {
    "bourgogne-cooperation": (
        "Fédération d'associations créée par la ville de Dijon en 2011 pour "
        "favoriser la coopération et la solidarité internationales : elle "
        "rassemble 110 associations locales actives dans plus de trente pays et "
        "relaie à Dijon le réseau Ritmo.",
        "A federation of associations created by the city of Dijon in 2011 to "
        "foster international cooperation and solidarity: it brings together 110 "
        "local associations active in more than thirty countries and is the "
        "Ritmo network's intermediary in Dijon.",
    ),
    "vitagora": (
        "Pôle de compétitivité Goût-Nutrition-Santé, qui contribue à faire "
        "connaître les entreprises dijonnaises, leur savoir-faire, les "
        "laboratoires et les établissements d'enseignement supérieur de la ville.",
        "The Taste-Health-Nutrition cluster, which contributes to promoting "
        "Dijon's companies and their expertise, as well as the city's quality "
        "laboratories and institutions of higher education.",
    ),
    "maison-rhenanie-palatinat": (
        "Maison de la Rhénanie-Palatinat à Dijon : elle fait vivre l'amitié "
        "franco-allemande entre la Bourgogne et la Rhénanie-Palatinat, entre "
        "Dijon et Mayence.",
        "The house of Rhineland-Palatinate in Dijon: it keeps the Franco-German "
        "friendship alive between Burgundy and Rhineland-Palatinate, between "
        "Dijon and Mainz.",
    ),
    "plan-9": (
        "Association qui organise chaque année le festival de courts métrages "
        "« Fenêtres sur courts ».",
        "The association that organises the “Fenêtres sur courts” short film "
        "festival every year.",
    ),
    "sciences-po": (
        "L'Institut d'études politiques de Paris, dont le campus de Dijon est "
        "consacré à l'Europe centrale et orientale.",
        "L'Institut d'études politiques de Paris, whose Dijon campus is devoted to "
        "Central and Eastern Europe.",
    ),
    "ritmo": (
        "Réseau national d'information sur la solidarité internationale et le "
        "développement durable, relayé à Dijon par Bourgogne Coopération.",
        "The national network of information about international solidarity and "
        "sustainable development; Bourgogne Coopération is its intermediary in "
        "Dijon.",
    ),
}


def load_department(report):
    """Create the department with its axes and domain texts, if there is none."""
    department = Department.load()
    if department is None:
        department = Department.objects.create(**DEPARTMENT)
        report[Department._meta.label] += 1
        for order, axis in enumerate(AXES, start=1):
            ActionAxis.objects.create(department=department, order=order, **axis)
            report[ActionAxis._meta.label] += 1
    for domain, values in DOMAIN_TEXTS.items():
        create_missing(
            DomainText,
            {"domain": domain},
            {"department": department, **values},
            report,
        )


def load_partnerships(report):
    """Create the brochure's partnerships, linked to their towns and partners."""
    towns = {town.slug: town for town in Town.objects.all()}
    organisations = {org.slug: org for org in Organisation.objects.all()}
    for entry in PARTNERSHIPS:
        values = dict(entry)
        slug = values.pop("slug")
        town_slugs = values.pop("towns", [])
        organisation_slugs = values.pop("organisations", [])
        partnership, created = Partnership.objects.get_or_create(
            slug=slug, defaults=values
        )
        if not created:
            continue
        report[Partnership._meta.label] += 1
        partnership.towns.set([towns[s] for s in town_slugs if s in towns])
        partnership.organisations.set(
            [organisations[s] for s in organisation_slugs if s in organisations]
        )


def load_networks(report):
    for order, entry in enumerate(NETWORKS, start=1):
        values = dict(entry)
        slug = values.pop("slug")
        create_missing(
            NetworkMembership, {"slug": slug}, {"order": order, **values}, report
        )


@transaction.atomic
def load():
    """Create whatever of the brochure's content is not there yet."""
    report = Counter()
    if not HomeCity.objects.exists():
        HomeCity.objects.create(**DIJON)
        report[HomeCity._meta.label] += 1
    for town in TOWNS:
        values = dict(town)
        slug = values.pop("slug")
        create_missing(Town, {"slug": slug}, values, report)
    for slug, name_fr, name_en, kind in ORGANISATIONS:
        description_fr, description_en = ORGANISATION_DESCRIPTIONS.get(slug, ("", ""))
        create_missing(
            Organisation,
            {"slug": slug},
            {
                "name_fr": name_fr,
                "name_en": name_en,
                "kind": kind,
                "description_fr": description_fr,
                "description_en": description_en,
            },
            report,
        )
    load_partnerships(report)
    load_networks(report)
    load_department(report)
    return report
