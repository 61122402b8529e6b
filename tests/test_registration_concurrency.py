"""Capacity under simultaneous confirmations: needs PostgreSQL's row locks."""

import os
import threading
from datetime import timedelta

import pytest
from django.db import connection, connections
from django.utils import timezone

from students import services
from students.models import Registration

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def postgresql():
    """Skipped with the reason on SQLite (shown in the summary); in CI, which
    has PostgreSQL, they fail instead, so they can never silently not run."""
    if connection.vendor == "postgresql":
        return
    reason = (
        f"needs PostgreSQL, not {connection.vendor}: SQLite has no row locks "
        "(SELECT ... FOR UPDATE) and serialises writers, so the race only "
        "exists on PostgreSQL (set DATABASE_URL)"
    )
    if IN_CI:
        pytest.fail(f"CI must run the race tests: {reason}")
    pytest.skip(reason)


STUDENTS = 40
SEATS = 10


def test_forty_simultaneous_confirmations_for_ten_seats(make_reception, institution):
    reception = make_reception(capacity=SEATS)
    now = timezone.now()
    # Pending registrations that hold no seat yet, so every confirmation
    # competes for the same ten seats.
    Registration.objects.bulk_create(
        Registration(
            reception=reception,
            first_name="Student",
            last_name=f"{n:02d}",
            email=f"student{n}@example.org",
            nationality="DE",
            institution=institution,
            study_level="master",
            language="en",
            consent=True,
            status=Registration.Status.PENDING,
            holds_seat=False,
            expires_at=now + timedelta(hours=48),
        )
        for n in range(STUDENTS)
    )
    pending = list(Registration.objects.filter(reception=reception))
    barrier = threading.Barrier(STUDENTS)
    errors = []

    def confirm(registration):
        try:
            barrier.wait(timeout=30)
            services.registration_confirm(registration=registration)
        except Exception as exc:  # noqa: BLE001 - collected for the assert
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=confirm, args=(r,)) for r in pending]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert errors == []
    registrations = list(Registration.objects.filter(reception=reception))
    confirmed = [r for r in registrations if r.status == "confirmed"]
    waitlisted = [r for r in registrations if r.status == "waitlisted"]
    assert len(confirmed) == SEATS
    assert len(waitlisted) == STUDENTS - SEATS
    positions = sorted(r.waitlist_position() for r in waitlisted)
    assert positions == list(range(1, STUDENTS - SEATS + 1))
    assert len(registrations) == STUDENTS


def test_the_same_form_posted_five_times_at_once_makes_one_registration(
    make_reception, institution
):
    reception = make_reception(capacity=SEATS)
    details = services.RegistrationDetails(
        first_name="Ana",
        last_name="Silva",
        email="ana@example.org",
        nationality="PT",
        institution=institution,
        study_level="master",
        language="en",
        consent=True,
    )
    barrier = threading.Barrier(5)
    results, errors = [], []

    def submit():
        try:
            barrier.wait(timeout=30)
            results.append(
                services.registration_create(
                    reception=reception,
                    details=details,
                    submission_token="t" * 32,
                ).pk
            )
        except Exception as exc:  # noqa: BLE001 - collected for the assert
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit) for _ in range(5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    assert len(set(results)) == 1
    assert Registration.objects.filter(reception=reception).count() == 1
