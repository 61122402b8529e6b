"""Registration rate limits that fit a campus, counted in the database.

Per network address (high: a campus shares one), per email address and per
reception; the counters are rows of `core.RateCounter`, shared by every
process whatever the cache configuration (tests/test_rate_limit_servers.py
runs them through two servers).
"""

import threading

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.utils import timezone

from core.models import RateCounter
from students.models import Registration
from tests.production import production_env, python
from tests.test_registration_pages import form_data, post

pytestmark = pytest.mark.django_db


def sign_up(committed, reception, institution, n, address="203.0.113.9", **values):
    data = form_data(
        institution,
        email=values.pop("email", f"student{n}@example.org"),
        submission=f"{n:032d}",
        **values,
    )
    return post(Client(REMOTE_ADDR=address), committed, reception, data)


def test_a_campus_address_is_not_blocked_when_registration_opens(
    committed, make_reception, institution
):
    """Forty students behind one campus address, with the default settings."""
    reception = make_reception(capacity=50)
    statuses = [
        sign_up(committed, reception, institution, n).status_code for n in range(40)
    ]
    assert statuses == [302] * 40
    assert Registration.objects.count() == 40


def test_the_per_address_ceiling_still_holds(
    committed, reception, institution, settings
):
    settings.REGISTRATION_RATE_LIMIT = "3/h"
    statuses = [
        sign_up(committed, reception, institution, n).status_code for n in range(4)
    ]
    assert statuses == [302, 302, 302, 429]


def test_one_email_address_is_limited_from_any_network(
    committed, make_reception, institution, settings
):
    settings.REGISTRATION_RATE_LIMIT_PER_EMAIL = "2/h"
    first, second = make_reception(), make_reception()
    email = "ana@example.org"
    sent = [
        sign_up(committed, first, institution, 1, "203.0.113.1", email=email),
        sign_up(committed, second, institution, 2, "203.0.113.2", email=email),
        sign_up(
            committed, first, institution, 3, "203.0.113.3", email="ANA@example.org"
        ),
    ]
    assert [r.status_code for r in sent] == [302, 302, 429]
    other = sign_up(committed, first, institution, 4, "203.0.113.3")
    assert other.status_code == 302


def test_resending_the_link_counts_against_the_same_email(
    committed, reception, institution, settings, register
):
    settings.REGISTRATION_RATE_LIMIT_PER_EMAIL = "2/h"
    registration = register(reception)
    url = f"/en/student-receptions/{reception.slug}/resend-link/"
    statuses = []
    for n in range(3):
        client = Client(REMOTE_ADDR=f"203.0.113.{n + 1}")
        with committed():
            statuses.append(client.post(url, {"email": registration.email}).status_code)
    assert statuses == [302, 302, 429]


def test_a_form_without_email_is_not_counted_by_email(
    committed, reception, institution, settings
):
    settings.REGISTRATION_RATE_LIMIT_PER_EMAIL = "1/h"
    statuses = [
        sign_up(committed, reception, institution, n, email="").status_code
        for n in range(3)
    ]
    assert statuses == [422, 422, 422]


def test_one_reception_is_limited_over_all_addresses(
    committed, make_reception, institution, settings
):
    settings.REGISTRATION_RATE_LIMIT_PER_RECEPTION = "3/h"
    flooded, other = make_reception(capacity=10), make_reception(capacity=10)
    statuses = [
        sign_up(committed, flooded, institution, n, f"198.51.100.{n}").status_code
        for n in range(1, 5)
    ]
    assert statuses == [302, 302, 302, 429]
    assert sign_up(committed, other, institution, 9, "198.51.100.9").status_code == 302


def test_the_honeypot_still_answers_with_success_and_creates_nothing(
    committed, reception, institution
):
    response = sign_up(committed, reception, institution, 1, website="http://x.test")
    assert response.status_code == 302
    assert Registration.objects.count() == 0


def test_counters_are_rows_of_the_database_not_of_a_process_cache(
    committed, reception, institution
):
    sign_up(committed, reception, institution, 1)
    # One row per limit: address, email, reception; no email or address in it.
    keys = list(RateCounter.objects.values_list("cache_key", flat=True))
    assert len(keys) == 3
    assert not [k for k in keys if "example.org" in k or "203.0.113" in k]


def test_the_rate_limits_are_set_from_the_environment_and_never_use_redis():
    code = (
        "from django.conf import settings\n"
        "print(settings.REGISTRATION_RATE_LIMIT,"
        " settings.REGISTRATION_RATE_LIMIT_PER_EMAIL,"
        " settings.REGISTRATION_RATE_LIMIT_PER_RECEPTION,"
        " settings.CACHES[settings.RATELIMIT_USE_CACHE]['BACKEND'])"
    )
    env = production_env(
        REDIS_URL="redis://127.0.0.1:6379/0",
        REGISTRATION_RATE_LIMIT="900/h",
        REGISTRATION_RATE_LIMIT_PER_EMAIL="4/h",
        REGISTRATION_RATE_LIMIT_PER_RECEPTION="2000/h",
    )
    result = python(code, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "900/h",
        "4/h",
        "2000/h",
        "core.counters.DatabaseCounterCache",
    ]


# --- The counter store ----------------------------------------------------------


def test_the_counter_cache_adds_increments_and_expires(time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    cache = caches["ratelimit"]
    assert cache.add("k", 1, 60)
    assert not cache.add("k", 1, 60)
    assert cache.incr("k") == 2
    assert cache.get("k") == 2
    time_machine.shift(61)
    assert cache.get("k") is None
    with pytest.raises(ValueError):
        cache.incr("k")
    assert cache.add("k", 1, 60)  # an expired counter starts again
    assert cache.get("k") == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_increments_are_never_lost():
    if connection.vendor != "postgresql":
        pytest.skip("concurrent connections to one test database: PostgreSQL")
    cache = caches["ratelimit"]
    cache.add("busy", 0, 600)
    barrier = threading.Barrier(8)

    def hammer():
        barrier.wait()
        for _ in range(25):
            cache.incr("busy")
        connection.close()

    threads = [threading.Thread(target=hammer) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert cache.get("busy") == 200


def test_the_rate_limit_holds_while_redis_is_down(
    committed, make_reception, institution, settings
):
    """Redis plays no part in the counts: with the site's cache on a Redis
    that does not answer, the limit trips at the same count."""
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "core.redis_cache.ResilientRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.25, "SOCKET_TIMEOUT": 0.5},
        },
    }
    settings.REGISTRATION_RATE_LIMIT = "3/h"
    reception = make_reception(capacity=10)
    statuses = [
        sign_up(committed, reception, institution, n).status_code for n in range(4)
    ]
    assert statuses == [302, 302, 302, 429]
