"""The registration rate limits trip at the same count whichever process
answers: two gunicorn servers of two workers each, without Redis (the
configuration where every process used to count on its own).

On PostgreSQL (a database of the test's own) when it answers, as in CI, where
it must; elsewhere on an SQLite file the four processes share.
"""

import os

import environ
import psycopg2
import pytest

from tests.servers import Browser, Deployment
from tests.test_production_servers import (
    IN_CI,
    postgres_admin_connection,
    postgres_url,
)

RECEPTION = """
from datetime import timedelta
from django.utils import timezone
from students.models import Reception
now = timezone.now()
for slug in ("campus-a", "campus-b"):
    Reception.objects.create(
        slug=slug,
        title_fr="Accueil des étudiants étrangers",
        title_en="Welcome reception for foreign students",
        academic_year="2026-2027",
        term="spring",
        capacity=100,
        is_published=True,
        starts_at=now + timedelta(days=30),
        ends_at=now + timedelta(days=30, hours=2),
        registration_opens_at=now - timedelta(days=1),
        registration_closes_at=now + timedelta(days=28),
    )
"""


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("ratelimit")
    admin = name = None
    try:
        admin = postgres_admin_connection(postgres_url())
    except psycopg2.Error as exc:
        if IN_CI:
            pytest.fail(f"CI must run this on PostgreSQL: {exc}")
        url = f"sqlite:///{tmp_path / 'site.sqlite3'}"
    else:
        base = environ.Env.db_url_config(postgres_url())["NAME"] or "dijon"
        name = f"{base}_ratelimit_{os.getpid()}"
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
            cursor.execute(f'CREATE DATABASE "{name}"')
        url = postgres_url().rsplit("/", 1)[0] + "/" + name
    deployment = Deployment(tmp_path, url, redis_url="")
    deployment.env.update(
        WEB_CONCURRENCY="2",
        REGISTRATION_RATE_LIMIT="4/h",
        REGISTRATION_RATE_LIMIT_PER_EMAIL="2/h",
        REGISTRATION_RATE_LIMIT_PER_RECEPTION="1000/h",
    )
    try:
        deployment.run("migrate", "--noinput")
        deployment.run("collectstatic", "--noinput", "--verbosity", "0")
        deployment.run("shell", "--command", RECEPTION)
        yield deployment.start_server(), deployment.start_server()
    finally:
        deployment.stop()
        if admin:
            with admin.cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            admin.close()


def sign_up(server, slug, n, address, email=None):
    """A new visitor fills the form and sends it from ADDRESS."""
    path = f"/en/student-receptions/{slug}/"
    student = Browser()
    form = student.form(server, path, "first_name")
    data = form.data()
    level = next(v for v in form.choices["study_level"] if v)
    data.update(
        first_name="Ana",
        last_name=f"Student{n}",
        email=email or f"student{n}@example.org",
        nationality="PT",
        institution="other",
        institution_other="Université de Bourgogne",
        study_level=level,
        language="en",
        consent="on",
    )
    return student.post(server, path, data, headers={"X-Forwarded-For": address})


def test_the_address_limit_counts_across_servers_and_workers(servers):
    a, b = servers
    statuses = [
        sign_up((a, b)[n % 2], "campus-a", n, "203.0.113.7").status for n in range(6)
    ]
    # Counted per process, 4/h would let 4 x 4 processes through.
    assert statuses == [302, 302, 302, 302, 429, 429]


def test_the_email_limit_counts_across_servers_and_workers(servers):
    a, b = servers
    email = "same.student@example.org"
    statuses = [
        sign_up(server, slug, n, f"198.51.100.{n}", email=email).status
        for n, (server, slug) in enumerate(
            [(a, "campus-a"), (b, "campus-b"), (a, "campus-b"), (b, "campus-a")],
            start=10,
        )
    ]
    assert 429 not in statuses[:2]
    assert statuses[2:] == [429, 429]


def test_the_admin_lockout_counts_across_servers_and_workers(servers):
    """Failures spread over both servers and several addresses lock the
    account at the fifth, whichever process answers the next login."""
    a, b = servers
    statuses = []
    for n in range(6):
        intruder = Browser()
        server = (a, b)[n % 2]
        form = intruder.form(server, "/en/admin/login/", "username")
        data = {**form.data(), "username": "webmaster", "password": f"guess{n}"}
        response = intruder.post(
            server,
            "/en/admin/login/",
            data,
            headers={"X-Forwarded-For": f"192.0.2.{n + 1}"},
        )
        statuses.append(response.status)
    assert statuses == [200, 200, 200, 200, 429, 429]
