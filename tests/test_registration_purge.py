from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import models
from django.utils import timezone

from students import services
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


# Text that names nobody: codes and choices, kept for the counts.
KEPT_TEXT = {"reference", "status", "nationality", "study_level", "language"}


def personal_text(registration):
    return {
        field.name: getattr(registration, field.attname)
        for field in Registration._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField)
        and field.name not in KEPT_TEXT
    }


def test_erasure_on_request_and_by_purge_leave_no_personal_text(old_reception):
    """A text field added to registrations must be erased, or kept on purpose."""
    for n, registration in enumerate(Registration.objects.all()):
        registration.institution_other = "École polytechnique fédérale"
        registration.access_needs = "A hearing loop"
        registration.submission_token = f"token-{n:02d}-" + "x" * 24
        registration.last_email_error = f"confirmed: refused {registration.email}"
        registration.save()
    by_request, *by_purge = Registration.objects.order_by("pk")
    assert all(personal_text(by_request).values())
    services.registration_delete_data(registration=by_request)
    run()
    erased = [personal_text(r) for r in Registration.objects.order_by("pk")]
    assert len(erased) == 3
    assert all(value in ("", None) for row in erased for value in row.values())
    assert erased[0] == erased[1] == erased[2]


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
