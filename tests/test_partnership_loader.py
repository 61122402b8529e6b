from io import StringIO

import pytest
from django.core.management import call_command
from django.utils.translation import override

from twinning.models import (
    ActionAxis,
    Department,
    Domain,
    DomainText,
    NetworkMembership,
    Organisation,
    Partnership,
    Town,
)

pytestmark = pytest.mark.django_db

BROCHURE_PARTNERSHIPS = {
    # slug: (domain, start year, start month, towns, organisations)
    "charte-engagement-climat-cop21": (Domain.CLIMATE, 2015, 12, set(), set()),
    "delegations-chefs-entreprise": (
        Domain.ECONOMY,
        2015,
        None,
        set(),
        {"cci-cote-d-or", "dijon-developpement"},
    ),
    "cite-gastronomie-vin-exposition-milan": (
        Domain.ATTRACTIVENESS,
        2015,
        10,
        set(),
        set(),
    ),
    "vitagora": (Domain.ECONOMY, None, None, set(), {"vitagora"}),
    "bourgogne-cooperation": (
        Domain.SOLIDARITY,
        2011,
        None,
        set(),
        {"bourgogne-cooperation", "ritmo"},
    ),
    "amitie-franco-allemande-mayence": (
        Domain.ATTRACTIVENESS,
        1958,
        None,
        {"mainz"},
        {"maison-rhenanie-palatinat"},
    ),
    "festival-fenetres-sur-courts": (Domain.CULTURE, None, None, set(), {"plan-9"}),
    "sciences-po-campus-europeen": (
        Domain.YOUTH,
        None,
        None,
        set(),
        {"sciences-po"},
    ),
}


def load():
    call_command("load_initial_data", stdout=StringIO())


def partnership(slug):
    return Partnership.objects.get(slug=slug)


def test_loads_every_partnership_of_the_brochure_with_its_facts():
    load()
    assert set(Partnership.objects.values_list("slug", flat=True)) == set(
        BROCHURE_PARTNERSHIPS
    )
    for slug, (domain, year, month, towns, partners) in BROCHURE_PARTNERSHIPS.items():
        loaded = partnership(slug)
        assert loaded.domain == domain, slug
        assert loaded.start_year == year, slug
        assert loaded.start_month == month, slug
        assert {t.slug for t in loaded.towns.all()} == towns, slug
        assert {o.slug for o in loaded.organisations.all()} == partners, slug
        assert loaded.is_published


def test_every_partnership_is_written_in_french_and_english():
    load()
    partnerships = list(Partnership.objects.all())
    assert len(partnerships) == len(BROCHURE_PARTNERSHIPS)
    for loaded in partnerships:
        for field in ("title", "summary", "body"):
            french = getattr(loaded, f"{field}_fr")
            english = getattr(loaded, f"{field}_en")
            assert french and english, (loaded.slug, field)
            assert french != english, (loaded.slug, field)


def test_climate_charter_was_signed_at_cop21_in_december_2015():
    load()
    charter = partnership("charte-engagement-climat-cop21")
    assert charter.title_en == "Climate Commitment Charter"
    assert "COP21" in charter.body_en and "COP21" in charter.body_fr
    assert "partner cities" in charter.body_en
    assert "unique en France" in charter.body_fr
    with override("en"):
        assert charter.period == "December 2015"
    with override("fr"):
        assert charter.period == "décembre 2015"


def test_delegations_of_2015_came_from_the_saarland_and_the_czech_republic():
    load()
    delegations = partnership("delegations-chefs-entreprise")
    assert "Sarre" in delegations.body_fr
    assert "République tchèque" in delegations.body_fr
    assert "Czech Republic" in delegations.body_en
    assert "2015" in delegations.body_en


def test_gastronomy_centre_was_unveiled_in_milan_in_october_2015():
    load()
    milan = partnership("cite-gastronomie-vin-exposition-milan")
    assert "Universal Exhibition in Milan" in milan.body_en
    assert "Cité internationale de la gastronomie et du vin" in milan.title_fr
    with override("en"):
        assert milan.period == "October 2015"


def test_bourgogne_cooperation_figures():
    load()
    federation = partnership("bourgogne-cooperation")
    assert "2011" in federation.body_en
    assert "110 local associations" in federation.body_en
    assert "more than thirty countries" in federation.body_en
    assert "Ritmo" in federation.body_en
    assert "110 associations locales" in federation.body_fr
    assert "plus de trente pays" in federation.body_fr


def test_franco_german_friendship_with_mainz_celebrated_in_june():
    load()
    friendship = partnership("amitie-franco-allemande-mayence")
    assert "In June" in friendship.body_en
    assert "50 year plus partnership" in friendship.body_en
    assert "En juin" in friendship.body_fr
    assert "plus de cinquante ans" in friendship.body_fr
    assert list(Town.objects.get(slug="mainz").partnerships.all()) == [friendship]


def test_fenetres_sur_courts_opened_to_foreign_film_makers_with_plan_9():
    load()
    festival = partnership("festival-fenetres-sur-courts")
    assert "Plan 9" in festival.body_en
    assert "foreign film makers" in festival.body_en
    assert "sous-titrage" in festival.body_fr


def test_sciences_po_campus_for_central_and_eastern_europe():
    load()
    campus = partnership("sciences-po-campus-europeen")
    assert "Central and Eastern Europe" in campus.body_en
    assert "Half of the students" in campus.body_en
    assert "La moitié des étudiants" in campus.body_fr


def test_vitagora_is_the_taste_health_nutrition_cluster():
    load()
    cluster = partnership("vitagora")
    assert "Taste-Health-Nutrition" in cluster.title_en
    assert "Goût-Nutrition-Santé" in cluster.title_fr


def test_loads_the_five_networks_in_the_brochure_order():
    load()
    networks = list(NetworkMembership.objects.all())
    assert [n.name_en for n in networks] == [
        "The French branch of the Council of European Municipalities and "
        "Regions (CEMR)",
        "The Network of Friends of the Elderly",
        "The World Coalition against the Death Penalty",
        "The European Coalition of Cities against Racism",
        "Cities for Peace",
    ]
    assert all(n.name_fr and n.description_fr and n.description_en for n in networks)


def test_department_contact_is_the_brochures():
    load()
    department = Department.load()
    assert department.name_en == (
        "International Relations Department of the City of Dijon"
    )
    assert "11, rue de l'Hôpital" in department.address_fr
    assert "21000 Dijon" in department.address_en
    assert department.telephone == "+33 (0)3 80 74 71 48"
    assert department.telephone_uri == "tel:+33380747148"
    assert department.email == "RI@ville-dijon.fr"
    assert department.website_label == "www.dijon.fr"
    assert department.deputy_mayor_name == "Sladana Zivkovic"
    assert department.deputy_mayor_title_en == "Deputy Mayor of International Relations"


def test_deputy_mayor_message_and_mission_in_both_languages():
    load()
    department = Department.load()
    assert "hand in hand" in department.deputy_mayor_message_en
    assert "main dans la main" in department.deputy_mayor_message_fr
    assert "“citizens of the world”" in department.mission_en
    assert "« citoyens du monde »" in department.mission_fr


def test_the_three_axes_are_data_in_order():
    load()
    axes = list(Department.load().axes.all())
    assert [axis.title_en for axis in axes] == [
        "Cooperation and partnerships",
        "Enhancing the region's international profile",
        "Increasing the international mobility of young people",
    ]
    assert "economy" in axes[0].description_en
    assert all(axis.title_fr for axis in axes)


def test_every_domain_has_the_brochures_words():
    load()
    texts = {text.domain: text for text in DomainText.objects.all()}
    assert set(texts) == set(Domain.values)
    assert texts[Domain.YOUTH].title_en == "Generations of globally minded people"
    assert texts[Domain.ATTRACTIVENESS].title_en == (
        "Dijon's global outlook: Yes we can!"
    )
    assert texts[Domain.CULTURE].title_en == "Culture without borders"
    assert all(text.text_fr and text.text_en for text in texts.values())
    department = Department.load()
    assert department.domains_title_en == "Acting internationally"
    assert "four strategic domains" in department.domains_introduction_en
    assert department.tagline_en.startswith("A taste for the world")


def test_organisations_get_the_brochures_descriptions():
    load()
    federation = Organisation.objects.get(slug="bourgogne-cooperation")
    assert "110" in federation.description_en
    assert "110" in federation.description_fr
    assert "Taste-Health-Nutrition" in (
        Organisation.objects.get(slug="vitagora").description_en
    )


def test_organisations_are_not_created_twice():
    load()
    assert Organisation.objects.count() == 10


def test_running_twice_creates_nothing_twice():
    load()
    load()
    assert Partnership.objects.count() == len(BROCHURE_PARTNERSHIPS)
    assert NetworkMembership.objects.count() == 5
    assert Department.objects.count() == 1
    assert ActionAxis.objects.count() == 3
    assert DomainText.objects.count() == len(Domain.values)


def test_running_again_keeps_staff_edits():
    load()
    friendship = partnership("amitie-franco-allemande-mayence")
    friendship.title_en = "Edited by staff"
    friendship.is_published = False
    friendship.save()
    friendship.towns.clear()
    Department.objects.update(telephone="+33 3 00 00 00 00", mission_en="Edited")
    ActionAxis.objects.filter(order=3).delete()
    NetworkMembership.objects.filter(slug="villes-pour-la-paix").update(
        description_en="Edited network"
    )
    load()
    friendship.refresh_from_db()
    assert friendship.title_en == "Edited by staff"
    assert not friendship.is_published
    assert friendship.towns.count() == 0
    department = Department.load()
    assert department.telephone == "+33 3 00 00 00 00"
    assert department.mission_en == "Edited"
    assert ActionAxis.objects.count() == 2
    assert (
        NetworkMembership.objects.get(slug="villes-pour-la-paix").description_en
        == "Edited network"
    )
