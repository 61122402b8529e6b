import pytest
from django.utils import timezone

from students import seed
from students.models import PartnerInstitution, Reception

pytestmark = pytest.mark.django_db


def test_seed_loads_the_seven_partner_institutions(initial_data):
    names = set(PartnerInstitution.objects.values_list("name_en", flat=True))
    assert len(names) == 7
    assert "Carnot secondary school" in names
    assert "University of Burgundy-Franche-Comté" in names
    assert all(PartnerInstitution.objects.values_list("agreement_signed", flat=True))


def test_seed_loads_the_next_two_receptions_one_open_now(initial_data):
    receptions = list(Reception.objects.upcoming())
    assert len(receptions) == 2
    assert all("Salle des États" in r.venue_fr for r in receptions)
    assert Reception.objects.open_for_registration().count() >= 1 or (
        timezone.now().year > 2026
    )


def test_seed_is_idempotent(initial_data):
    assert sum(seed.load().values()) == 0
    assert Reception.objects.count() == 2
