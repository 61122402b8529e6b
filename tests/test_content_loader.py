import io

import pytest
import yaml
from django.apps import apps
from django.core.management import call_command
from django.utils.translation import override

from tests.content import data_file
from twinning.models import HomeCity, Region, Town

pytestmark = pytest.mark.django_db

BROCHURE_TOWNS = {
    # slug: (English name, country, population, year twinned)
    "york": ("York", "GB", 200_000, 1953),
    "dallas": ("Dallas", "US", 1_300_000, 1957),
    "mainz": ("Mainz", "DE", 200_000, 1958),
    "volgograd": ("Volgograd", "RU", 1_000_000, 1959),
    "skopje": ("Skopje", "MK", 500_000, 1961),
    "cluj-napoca": ("Cluj-Napoca", "RO", 325_000, 1962),
    "reggio-emilia": ("Reggio Emilia", "IT", 180_000, 1964),
    "pecs": ("Pécs", "HU", 150_000, 1966),
    "opole": ("Opole", "PL", 130_000, 2009),
    "guimaraes": ("Guimarães", "PT", 160_000, 2011),
    "chefchaouen": ("Chefchaouen", "MA", 36_000, 2016),
    "prague": ("Prague", "CZ", 100_000, 2016),
    "dakar": ("Dakar", "SN", 1_000_000, None),
}


def load():
    call_command("load_initial_data", stdout=io.StringIO())


def test_loads_the_thirteen_towns_of_the_brochure():
    load()
    towns = {town.slug: town for town in Town.objects.all()}
    assert set(towns) == set(BROCHURE_TOWNS)
    for slug, (name, country, population, year) in BROCHURE_TOWNS.items():
        town = towns[slug]
        assert town.name_en == name
        assert town.country.code == country
        assert town.population == population
        assert town.twinned_since == year


def test_dakar_is_soon_to_be_twinned_and_the_others_are_twinned():
    load()
    assert Town.objects.get(slug="dakar").status == Town.Status.SOON
    assert Town.objects.exclude(slug="dakar").filter(status="twinned").count() == 12


def test_towns_have_french_names_and_titles():
    load()
    mainz = Town.objects.get(slug="mainz")
    assert mainz.name_fr == "Mayence"
    assert mainz.title_fr == "Capitale de la Rhénanie-Palatinat"
    assert mainz.title_en == "Capital of Rhineland-Palatinate"


def test_towns_are_grouped_in_the_brochure_regions():
    load()
    anglo_saxon = Town.objects.filter(region=Region.ANGLO_SAXON)
    assert set(anglo_saxon.values_list("slug", flat=True)) == {"york", "dallas"}
    assert Town.objects.filter(region="").count() == 0


def test_unesco_recognitions_and_european_capitals_of_culture():
    load()
    with override("en"):
        chefchaouen = Town.objects.get(slug="chefchaouen")
        assert chefchaouen.unesco_list == ["Mediterranean diet"]
        assert Town.objects.get(slug="pecs").distinction_list == [
            "European capital of culture 2010"
        ]
    assert Town.objects.get(slug="guimaraes").distinctions_en == (
        "European capital of culture 2012"
    )


def test_dijon_facts_are_data():
    load()
    dijon = HomeCity.load()
    assert dijon.population == 252_000
    assert dijon.title_en == "Capital of Burgundy-Franche-Comté"
    with override("fr"):
        assert dijon.unesco_list == [
            "Les Climats du vignoble de Bourgogne",
            "Le Repas gastronomique des Français",
        ]


def test_running_twice_creates_nothing_twice():
    load()
    load()
    assert Town.objects.count() == 13
    assert HomeCity.objects.count() == 1


def test_running_again_keeps_staff_edits():
    load()
    Town.objects.filter(slug="york").update(title_en="Edited by staff")
    HomeCity.objects.update(population=260_000)
    load()
    assert Town.objects.get(slug="york").title_en == "Edited by staff"
    assert HomeCity.load().population == 260_000


def test_the_command_says_what_it_created_by_model_then_the_total():
    out = io.StringIO()
    call_command("load_initial_data", stdout=out)
    lines = out.getvalue().splitlines()
    assert "twinning.Town: 13 created" in lines
    assert "programmes.Event: 3 created" in lines
    assert "students.Reception: 2 created" in lines
    assert "students.Question: 2 created" in lines  # access needs, each
    assert "dijon_site.PageText: 6 created" in lines
    assert lines[-1] == "Initial data loaded (88 new)."
    again = io.StringIO()
    call_command("load_initial_data", stdout=again)
    assert again.getvalue().splitlines() == ["Initial data loaded (0 new)."]


@pytest.mark.parametrize("app_label", ["twinning", "programmes", "students"])
def test_every_slug_a_data_file_names_is_loaded(app_label):
    """The loader leaves out a link to a slug it cannot find (staff may have
    renamed it); in the shipped files every such link must resolve."""
    load()
    sections = yaml.safe_load(data_file(app_label).read_text(encoding="utf-8"))
    checked = 0
    for section in sections:
        model = apps.get_model(section["model"])
        for record in section["records"]:
            for name, value in record.items():
                field = model._meta.get_field(name)
                if not (field.many_to_one or field.many_to_many) or value is None:
                    continue
                slugs = [value] if isinstance(value, str) else value
                found = field.related_model.objects.filter(slug__in=slugs)
                assert found.count() == len(slugs), (section["model"], name, slugs)
                checked += len(slugs)
    assert checked or app_label == "students"
