from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from students.models import Registration

pytestmark = pytest.mark.django_db


@pytest.fixture
def old_reception(make_reception, register, time_machine):
    """A reception that ended 200 days ago, with registrations."""
    time_machine.move_to(timezone.now() - timedelta(days=240))
    reception = make_reception(capacity=2)
    register(reception, confirm=True, nationality="JP")
    register(reception, confirm=True, nationality="JP")
    register(reception, confirm=True, nationality="BR", access_needs="Wheelchair")
    time_machine.move_to(timezone.now() + timedelta(days=240))
    return reception


def run(*args):
    call_command("purge_registrations", *args, stdout=StringIO())


def test_purge_anonymises_old_registrations_and_keeps_counts(old_reception):
    run()
    registrations = list(Registration.objects.filter(reception=old_reception))
    assert all(r.email == "" and r.first_name == "" for r in registrations)
    assert all(r.last_name == "" and r.access_needs == "" for r in registrations)
    assert all(r.anonymised_at for r in registrations)
    assert sorted(r.nationality.code for r in registrations) == ["BR", "JP", "JP"]
    statuses = sorted(r.status for r in registrations)
    assert statuses == ["confirmed", "confirmed", "waitlisted"]


def test_purge_is_idempotent(old_reception):
    run()
    first = dict(Registration.objects.values_list("pk", "anonymised_at"))
    run()
    assert dict(Registration.objects.values_list("pk", "anonymised_at")) == first


def test_purge_keeps_recent_receptions(old_reception, reception, register):
    recent = register(reception, confirm=True)
    run()
    recent.refresh_from_db()
    assert recent.email != ""


def test_purge_respects_the_retention_setting(old_reception, settings):
    settings.REGISTRATION_RETENTION_DAYS = 365
    run()
    assert Registration.objects.filter(anonymised_at__isnull=True).count() == 3


def test_expire_registrations_command_frees_seats(reception, register, time_machine):
    pending = register(reception)
    time_machine.move_to(timezone.now() + timedelta(hours=49))
    call_command("expire_registrations", stdout=StringIO())
    pending.refresh_from_db()
    assert pending.status == Registration.Status.EXPIRED
