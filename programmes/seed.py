"""The brochure's youth-mobility programmes and European events, in French and English.

`load()` is called by `manage.py load_initial_data`, after the twinning seed
(whose towns and organisations are referred to by slug). It only creates what
is missing, so running it again never duplicates a record nor overwrites what
staff have edited since. The events are the 2027 editions, with plausible
placeholder dates and venues that staff check in the admin.
"""

from collections import Counter
from datetime import datetime
from zoneinfo import ZoneInfo

from django.db import transaction

from programmes.models import Direction, Event, Programme
from twinning.models import Organisation, Town
from twinning.seed import create_missing

PARIS = ZoneInfo("Europe/Paris")

DEPARTMENT_CONTACT_FR = (
    "Direction des relations internationales de la Ville de Dijon\n"
    "11, rue de l'Hôpital - 21000 Dijon\n"
    "Téléphone : +33 (0)380 747 148"
)
DEPARTMENT_CONTACT_EN = (
    "International Relations Department of the City of Dijon\n"
    "11, rue de l'Hôpital - 21000 Dijon (France)\n"
    "Telephone: +33 (0)380 747 148"
)
DEPARTMENT_EMAIL = "RI@ville-dijon.fr"

APPLY_FR = (
    "Contactez la Direction des relations internationales de la Ville de Dijon : "
    "elle vous présente les places ouvertes, les structures partenaires et les "
    "étapes de la candidature."
)
APPLY_EN = (
    "Contact the International Relations Department of the City of Dijon: it "
    "will tell you about the places available, the partner organisations and "
    "the steps to apply."
)

YOUNG_ABROAD_FR = (
    "La Ville de Dijon encourage les expériences internationales des jeunes. "
    "Étudier ou vivre une expérience professionnelle à l'étranger est un atout "
    "pour l'épanouissement personnel et le parcours de nos jeunes concitoyens."
)
YOUNG_ABROAD_EN = (
    "The city of Dijon fosters international experiences for the young. Studying "
    "or having a professional experience abroad is an asset in the personal "
    "growth and development of our young citizens."
)

PROGRAMMES = [
    {
        "slug": "service-volontaire-europeen",
        "order": 10,
        "direction": Direction.BOTH,
        "minimum_age": 17,
        "maximum_age": 30,
        "name_fr": "Service volontaire européen (Erasmus+)",
        "name_en": "European Voluntary Service (Erasmus+)",
        "summary_fr": (
            "Chaque année, Dijon accueille deux à trois jeunes Européens en "
            "Service volontaire européen et envoie à son tour de jeunes Dijonnais "
            "à l'étranger."
        ),
        "summary_en": (
            "Every year Dijon welcomes two to three young Europeans doing their "
            "European Voluntary Service and, in turn, sends young people from "
            "Dijon abroad."
        ),
        "description_fr": (
            "Dans le cadre du programme européen Erasmus+, Dijon accueille chaque "
            "année deux à trois jeunes qui effectuent leur Service volontaire "
            "européen dans notre ville et, en retour, envoie de jeunes Dijonnais "
            "à l'étranger.\n\n" + YOUNG_ABROAD_FR
        ),
        "description_en": (
            "Within the framework of the Erasmus+ European programme, every year "
            "Dijon welcomes between two to three young people who carry out their "
            "European Voluntary Service in our city, and, in turn, sends young "
            "people from Dijon abroad.\n\n" + YOUNG_ABROAD_EN
        ),
        "audience_fr": (
            "Jeunes Européens qui souhaitent s'engager comme volontaires à Dijon, "
            "et jeunes Dijonnais qui veulent vivre un volontariat dans un autre "
            "pays d'Europe."
        ),
        "audience_en": (
            "Young Europeans who wish to volunteer in Dijon, and young people "
            "from Dijon who want to volunteer in another European country."
        ),
        "duration_fr": "De 2 à 12 mois",
        "duration_en": "2 to 12 months",
        "places_per_year_fr": "2 à 3 jeunes accueillis à Dijon chaque année",
        "places_per_year_en": "2 to 3 young people welcomed in Dijon each year",
        "funding_fr": "Programme européen Erasmus+",
        "funding_en": "Erasmus+ European programme",
        "towns": [],
        "organisations": [],
    },
    {
        "slug": "volontariat-franco-allemand",
        "order": 20,
        "direction": Direction.INCOMING,
        "minimum_age": 18,
        "maximum_age": 25,
        "name_fr": "Volontariat franco-allemand",
        "name_en": "Franco-German volunteer programme",
        "summary_fr": (
            "Avec La Maison de Rhénanie-Palatinat, une douzaine de jeunes Allemands "
            "et plus viennent chaque année s'engager dans les associations "
            "dijonnaises."
        ),
        "summary_en": (
            "With La Maison de Rhénanie-Palatinat, a dozen plus young Germans come "
            "to Dijon every year to take part in its associations."
        ),
        "description_fr": (
            "La Ville de Dijon soutient un programme de volontariat franco-allemand "
            "avec La Maison de Rhénanie-Palatinat : chaque année, une douzaine de "
            "jeunes Allemands et plus viennent à Dijon et s'engagent dans des "
            "associations.\n\n"
            "Ce programme fait vivre au quotidien le partenariat de plus de "
            "cinquante ans entre Dijon et Mayence, entre la Bourgogne et la "
            "Rhénanie-Palatinat."
        ),
        "description_en": (
            "The city also supports a Franco-German volunteer programme with La "
            "Maison de Rhénanie-Palatinat: every year a dozen plus young Germans "
            "come to Dijon and participate in associations.\n\n"
            "The programme brings to everyday life the 50 year plus partnership "
            "between Dijon and Mainz, between Burgundy and Rhineland-Palatinate."
        ),
        "audience_fr": (
            "Jeunes Allemands qui souhaitent passer une année de volontariat dans "
            "une association à Dijon."
        ),
        "audience_en": (
            "Young Germans who wish to spend a volunteer year with an association "
            "in Dijon."
        ),
        "duration_fr": "Environ un an",
        "duration_en": "About a year",
        "places_per_year_fr": "Une douzaine de jeunes Allemands et plus chaque année",
        "places_per_year_en": "A dozen plus young Germans each year",
        "funding_fr": "Ville de Dijon, avec La Maison de Rhénanie-Palatinat",
        "funding_en": "City of Dijon, with La Maison de Rhénanie-Palatinat",
        "towns": ["mainz"],
        "organisations": ["maison-rhenanie-palatinat"],
    },
    {
        "slug": "jeunesse-volontariat-reciprocite",
        "order": 30,
        "direction": Direction.BOTH,
        "minimum_age": 18,
        "maximum_age": 25,
        "name_fr": "Jeunesse, volontariat et réciprocité",
        "name_en": "Youth, Volunteering and Reciprocity",
        "summary_fr": (
            "Six jeunes par an en service civique international entre Dijon, "
            "Cluj-Napoca et Reggio d'Émilie, avec le soutien du ministère des "
            "Affaires étrangères."
        ),
        "summary_en": (
            "Six young people a year doing their international civic service "
            "between Dijon, Cluj-Napoca and Reggio Emilia, backed by the Ministry "
            "of Foreign Affairs."
        ),
        "description_fr": (
            "Le projet « Jeunesse, volontariat et réciprocité », soutenu par le "
            "ministère des Affaires étrangères et du Développement international, "
            "permet chaque année l'échange de six jeunes effectuant leur service "
            "civique international entre Dijon, Cluj-Napoca (Roumanie) et Reggio "
            "d'Émilie (Italie).\n\n"
            "La réciprocité est au cœur du projet : de jeunes Dijonnais partent "
            "dans les villes jumelles pendant que de jeunes Roumains et Italiens "
            "viennent à Dijon."
        ),
        "description_en": (
            "The “Jeunesse, volontariat et réciprocité” (Youth, Volunteering and "
            "Reciprocity) project, which is backed by the Ministry of Foreign "
            "Affairs and International Development, allows a yearly exchange of "
            "six youth doing their international civic service between Dijon, "
            "Cluj-Napoca (Romania) and Reggio Emilia (Italy).\n\n"
            "Reciprocity is at the heart of the project: young people from Dijon "
            "go to the twin towns while young Romanians and Italians come to Dijon."
        ),
        "audience_fr": (
            "Jeunes de Dijon, Cluj-Napoca et Reggio d'Émilie qui effectuent un "
            "service civique international."
        ),
        "audience_en": (
            "Young people from Dijon, Cluj-Napoca and Reggio Emilia doing an "
            "international civic service."
        ),
        "duration_fr": "Durée d'un service civique (de 6 à 12 mois)",
        "duration_en": "The length of a civic service (6 to 12 months)",
        "places_per_year_fr": "Six jeunes par an",
        "places_per_year_en": "Six young people a year",
        "funding_fr": (
            "Ministère des Affaires étrangères et du Développement international"
        ),
        "funding_en": "Ministry of Foreign Affairs and International Development",
        "towns": ["cluj-napoca", "reggio-emilia"],
        "organisations": ["ministere-affaires-etrangeres"],
    },
    {
        "slug": "atelier-voyages-internationaux-leo-lagrange",
        "order": 40,
        "direction": Direction.OUTGOING,
        "minimum_age": None,
        "maximum_age": None,
        "name_fr": "Atelier des voyages internationaux de la Fédération Léo Lagrange",
        "name_en": "International travel workshop of the Fédération Léo Lagrange",
        "summary_fr": (
            "La Ville a signé une convention avec la Fédération Léo Lagrange, dont "
            "l'atelier aide les jeunes à préparer leurs projets de voyage à "
            "l'étranger."
        ),
        "summary_en": (
            "The city has signed an agreement with the Fédération Léo Lagrange, "
            "whose workshop helps young people prepare their travel projects "
            "abroad."
        ),
        "description_fr": (
            "Faciliter la mobilité internationale des jeunes : la Ville de Dijon a "
            "signé une convention avec la Fédération Léo Lagrange, dont l'atelier "
            "des voyages internationaux est un véritable accélérateur des "
            "initiatives qui favorisent les voyages des jeunes à l'étranger.\n\n"
            + YOUNG_ABROAD_FR
        ),
        "description_en": (
            "Facilitating international youth travel: the city of Dijon has signed "
            "an agreement with the Fédération Léo Lagrange, whose international "
            "travel workshop is a genuine accelerator of initiatives encouraging "
            "international youth travel.\n\n" + YOUNG_ABROAD_EN
        ),
        "audience_fr": (
            "Jeunes Dijonnais qui ont un projet de voyage ou d'initiative à l'étranger."
        ),
        "audience_en": (
            "Young people from Dijon with a plan to travel or to start a project "
            "abroad."
        ),
        "duration_fr": "Selon le projet",
        "duration_en": "Depends on the project",
        "places_per_year_fr": "",
        "places_per_year_en": "",
        "funding_fr": (
            "Convention entre la Ville de Dijon et la Fédération Léo Lagrange"
        ),
        "funding_en": (
            "Agreement between the City of Dijon and the Fédération Léo Lagrange"
        ),
        "towns": [],
        "organisations": ["federation-leo-lagrange"],
    },
]


def paris(*args):
    return datetime(*args, tzinfo=PARIS)


# The 2027 editions. Dates and venues are plausible placeholders: the admin's
# help text asks staff to check them.
EVENTS = [
    {
        "slug": "printemps-de-l-europe-2027",
        "start": paris(2027, 5, 3, 10, 0),
        "end": paris(2027, 5, 30, 18, 0),
        "title_fr": "Printemps de l'Europe 2027",
        "title_en": "Printemps de l'Europe 2027",
        "description_fr": (
            "Chaque année en mai, la Ville de Dijon organise avec de nombreuses "
            "associations des événements dans le cadre du Printemps de l'Europe. "
            "Rencontres, expositions, conférences, dégustations, entre autres, "
            "réunissent les Dijonnais pour construire l'Europe de demain !\n\n"
            "La Ville soutient ainsi les événements et les initiatives européennes "
            "qui font vivre le sentiment d'appartenance à l'Europe dans le "
            "quotidien des Dijonnais."
        ),
        "description_en": (
            "Every May, the city of Dijon, in partnership with various "
            "associations, organises events within the framework of the Printemps "
            "de l'Europe. Meetings, exhibitions, conferences and tastings, to name "
            "just a few, bring the people of Dijon together to build the Europe of "
            "tomorrow!\n\n"
            "The city supports European events and initiatives that foster the "
            "feeling of belonging to Europe in the everyday lives of the people of "
            "Dijon."
        ),
        "venue_fr": "Hôtel de ville et lieux partenaires",
        "venue_en": "City hall and partner venues",
        "address": "Place de la Libération, 21000 Dijon",
        "organiser": None,
        "towns": [],
        "programmes": ["service-volontaire-europeen"],
    },
    {
        "slug": "week-end-franco-allemand-2027",
        "start": paris(2027, 6, 12, 10, 0),
        "end": paris(2027, 6, 13, 19, 0),
        "title_fr": "Week-end franco-allemand 2027",
        "title_en": "Franco-German weekend 2027",
        "description_fr": (
            "En juin, La Maison de Rhénanie-Palatinat organise un week-end de fête "
            "exceptionnel. Dans une ambiance festive et conviviale, ce rendez-vous "
            "est un temps fort de « l'année internationale » de Dijon : il célèbre "
            "le partenariat de plus de cinquante ans entre Dijon et Mayence, entre "
            "la Bourgogne et la Rhénanie-Palatinat."
        ),
        "description_en": (
            "In June, La Maison de Rhénanie-Palatinat organises an exceptional "
            "weekend of celebration. In a festive and convivial atmosphere, this "
            "event is a highlight in Dijon's “international year”, showcasing the "
            "50 year plus partnership between Dijon and Mainz, between Burgundy "
            "and Rhineland-Palatinate."
        ),
        "venue_fr": "La Maison de Rhénanie-Palatinat",
        "venue_en": "La Maison de Rhénanie-Palatinat",
        "address": "29, rue Buffon, 21000 Dijon",
        "organiser": "maison-rhenanie-palatinat",
        "towns": ["mainz"],
        "programmes": ["volontariat-franco-allemand"],
    },
    {
        "slug": "fenetres-sur-courts-2027",
        "start": paris(2027, 11, 16, 18, 0),
        "end": paris(2027, 11, 20, 23, 0),
        "title_fr": "Festival Fenêtres sur courts 2027",
        "title_en": "Fenêtres sur courts short film festival 2027",
        "description_fr": (
            "La Ville de Dijon encourage les porteurs de projets à donner une "
            "dimension internationale à leurs événements et les aide "
            "financièrement. Le festival de courts métrages « Fenêtres sur "
            "courts », organisé chaque année par l'association Plan 9, en est un "
            "parfait exemple.\n\n"
            "Avec l'aide de la Ville, il s'est ouvert aux cinéastes étrangers : "
            "compétition européenne, accueil de réalisateurs étrangers, films "
            "sous-titrés…"
        ),
        "description_en": (
            "The city of Dijon encourages project initiators to give an "
            "international dimension to their events, and provides financial aid "
            "to help them. A perfect example is the “Fenêtres sur courts” short "
            "film festival, which is organised every year by the association "
            "Plan 9.\n\n"
            "With the help of the city, it is now open to foreign film makers: "
            "European competition, welcoming foreign film makers, film subtitles, "
            "etc."
        ),
        "venue_fr": "Cinémas et lieux culturels de Dijon",
        "venue_en": "Cinemas and cultural venues in Dijon",
        "address": "21000 Dijon",
        "organiser": "plan-9",
        "towns": [],
        "programmes": [],
    },
]


def _created(model, lookup, values, report):
    """`create_missing`, telling whether the record is new (to set its links)."""
    before = report[model._meta.label]
    obj = create_missing(model, lookup, values, report)
    return obj, report[model._meta.label] > before


@transaction.atomic
def load():
    """Create the programmes and event editions that are not there yet."""
    report = Counter()
    for item in PROGRAMMES:
        values = dict(item)
        slug = values.pop("slug")
        towns = values.pop("towns")
        organisations = values.pop("organisations")
        values.update(
            how_to_apply_fr=APPLY_FR,
            how_to_apply_en=APPLY_EN,
            contact_fr=DEPARTMENT_CONTACT_FR,
            contact_en=DEPARTMENT_CONTACT_EN,
            contact_email=DEPARTMENT_EMAIL,
        )
        programme, created = _created(Programme, {"slug": slug}, values, report)
        if created:
            programme.partner_towns.set(Town.objects.filter(slug__in=towns))
            programme.partner_organisations.set(
                Organisation.objects.filter(slug__in=organisations)
            )
    for item in EVENTS:
        values = dict(item)
        slug = values.pop("slug")
        towns = values.pop("towns")
        programmes = values.pop("programmes")
        organiser = values.pop("organiser")
        values["organiser"] = (
            Organisation.objects.filter(slug=organiser).first() if organiser else None
        )
        event, created = _created(Event, {"slug": slug}, values, report)
        if created:
            event.towns.set(Town.objects.filter(slug__in=towns))
            event.programmes.set(Programme.objects.filter(slug__in=programmes))
    return report
