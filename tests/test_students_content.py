import io
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from core import content
from students.models import PartnerInstitution, Reception
from tests.content import data_file, edition

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")


def load_on(day):
    with time_machine.travel(day, tick=False):
        call_command("load_initial_data", stdout=io.StringIO())


def test_loads_the_seven_partner_institutions_in_the_brochure_order(initial_data):
    institutions = list(PartnerInstitution.objects.order_by("position"))
    assert [i.slug for i in institutions] == [
        "lycee-carnot",
        "universite-bourgogne-franche-comte",
        "sciences-po",
        "burgundy-school-of-business",
        "agrosup-dijon",
        "iae-dijon",
        "ensa-dijon",
    ]
    names = {i.name_en for i in institutions}
    assert "Carnot secondary school" in names
    assert "University of Burgundy-Franche-Comté" in names
    assert all(i.agreement_signed and i.name_fr for i in institutions)


def test_loads_the_next_spring_and_autumn_receptions_from_today(initial_data):
    now = timezone.now()
    receptions = list(Reception.objects.upcoming())
    assert sorted(r.term for r in receptions) == ["autumn", "spring"]
    for reception in receptions:
        start = timezone.localtime(reception.starts_at, PARIS)
        assert now < reception.starts_at < now + timedelta(days=366)
        assert start.month == (2 if reception.term == "spring" else 10)
        assert (start.weekday(), start.hour) == (3, 18)  # Thursday, 18:00
        assert reception.ends_at - reception.starts_at == timedelta(hours=2)
        assert (
            reception.registration_opens_at
            < reception.registration_closes_at
            < reception.starts_at
        )
        assert str(start.year) in reception.slug
        assert str(start.year) in reception.title_fr
        assert "Salle des États" in reception.venue_fr
        assert reception.capacity == 300
        assert "QR code" in reception.description_en


def test_receptions_loaded_in_late_november_are_those_of_next_year():
    load_on(datetime(2026, 11, 28, 12, tzinfo=UTC))
    spring = Reception.objects.get(slug="accueil-etudiants-printemps-2027")
    autumn = Reception.objects.get(slug="accueil-etudiants-automne-2027")
    assert spring.title_en == "Welcome reception for foreign students – spring 2027"
    assert autumn.title_fr == "Accueil des étudiants étrangers – automne 2027"
    assert (spring.academic_year, autumn.academic_year) == ("2026-2027", "2027-2028")
    assert spring.starts_at == datetime(2027, 2, 18, 18, tzinfo=PARIS)
    assert spring.ends_at == datetime(2027, 2, 18, 20, tzinfo=PARIS)
    assert spring.registration_opens_at == datetime(2026, 11, 23, 9, tzinfo=PARIS)
    assert spring.registration_closes_at == datetime(2027, 2, 16, 23, 59, tzinfo=PARIS)
    assert autumn.starts_at == datetime(2027, 10, 14, 18, tzinfo=PARIS)
    assert autumn.registration_opens_at == datetime(2027, 9, 1, 9, tzinfo=PARIS)
    assert autumn.registration_closes_at == datetime(2027, 10, 12, 23, 59, tzinfo=PARIS)
    with time_machine.travel(datetime(2026, 11, 28, 12, tzinfo=UTC), tick=False):
        assert list(Reception.objects.upcoming()) == [spring, autumn]
        assert list(Reception.objects.open_for_registration()) == [spring]


def test_receptions_loaded_in_spring_are_this_autumns_and_next_springs():
    load_on(datetime(2029, 3, 1, 12, tzinfo=UTC))
    autumn = edition(Reception, "accueil-etudiants-automne")
    spring = edition(Reception, "accueil-etudiants-printemps")
    assert autumn.slug == "accueil-etudiants-automne-2029"
    assert spring.slug == "accueil-etudiants-printemps-2030"
    assert autumn.academic_year == spring.academic_year == "2029-2030"
    assert autumn.starts_at == datetime(2029, 10, 11, 18, tzinfo=PARIS)
    assert spring.starts_at == datetime(2030, 2, 21, 18, tzinfo=PARIS)


def test_loading_again_creates_nothing_new(initial_data):
    assert content.load(data_file("students")) == {}
    assert Reception.objects.count() == 2
    assert PartnerInstitution.objects.count() == 7


def test_loading_again_keeps_staff_edits(initial_data):
    spring = edition(Reception, "accueil-etudiants-printemps")
    Reception.objects.filter(pk=spring.pk).update(capacity=120, title_en="Edited")
    PartnerInstitution.objects.filter(slug="lycee-carnot").update(
        website="https://x.fr/"
    )
    call_command("load_initial_data", stdout=io.StringIO())
    spring.refresh_from_db()
    assert (spring.capacity, spring.title_en) == (120, "Edited")
    assert PartnerInstitution.objects.get(slug="lycee-carnot").website == (
        "https://x.fr/"
    )


def test_loading_in_a_later_year_adds_that_years_receptions_only():
    load_on(datetime(2026, 11, 28, 12, tzinfo=UTC))
    Reception.objects.update(capacity=250)
    load_on(datetime(2027, 11, 28, 12, tzinfo=UTC))
    assert set(Reception.objects.values_list("slug", "capacity")) == {
        ("accueil-etudiants-printemps-2027", 250),
        ("accueil-etudiants-automne-2027", 250),
        ("accueil-etudiants-printemps-2028", 300),
        ("accueil-etudiants-automne-2028", 300),
    }


def test_loaded_receptions_ask_about_access_needs_as_health_data(initial_data):
    for reception in Reception.objects.all():
        questions = list(reception.questions.all())
        assert [(q.label_en, q.kind, q.health_data) for q in questions] == [
            ("Access needs", "long_text", True)
        ]
