from datetime import UTC, datetime

import pytest

from students import seed
from students.models import PartnerInstitution, Reception

pytestmark = pytest.mark.django_db


def test_seed_loads_the_seven_partner_institutions(initial_data):
    names = set(PartnerInstitution.objects.values_list("name_en", flat=True))
    assert len(names) == 7
    assert "Carnot secondary school" in names
    assert "University of Burgundy-Franche-Comté" in names
    assert all(PartnerInstitution.objects.values_list("agreement_signed", flat=True))


def test_seed_loads_the_next_two_receptions_the_first_open(initial_data, time_machine):
    time_machine.move_to(datetime(2026, 11, 28, 12, tzinfo=UTC))
    receptions = list(Reception.objects.upcoming())
    assert [r.term for r in receptions] == ["spring", "autumn"]
    assert all("Salle des États" in r.venue_fr for r in receptions)
    assert all(r.capacity == 300 for r in receptions)
    assert list(Reception.objects.open_for_registration()) == receptions[:1]


def test_seed_is_idempotent(initial_data):
    assert sum(seed.load().values()) == 0
    assert Reception.objects.count() == 2
