import os
from io import StringIO
from urllib.parse import urlsplit

import pytest
from django.conf import settings as django_settings
from django.core.cache import caches
from django.core.management import call_command
from django.test import override_settings
from django.utils import translation


@pytest.fixture(autouse=True, scope="session")
def static_root(tmp_path_factory):
    """WhiteNoise serves STATIC_ROOT, which only `collectstatic` fills (the
    release step; tests that need it collect their own): an empty folder here,
    not a missing one it would warn about."""
    with override_settings(STATIC_ROOT=tmp_path_factory.mktemp("static")):
        yield


@pytest.fixture(autouse=True, scope="session")
def tasks_run_at_once():
    """Background tasks (emails) run inside the test, when enqueued, as they
    did before the task worker; tests of the worker start it themselves."""
    immediate = {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}
    with override_settings(TASKS={"default": immediate}):
        yield


@pytest.fixture(autouse=True, scope="session")
def redis_database_per_worker():
    """Clearing a Redis cache empties its whole database, so each pytest-xdist
    worker (gw0, gw1...) gets one of its own: REDIS_URL's number plus the
    worker's, here and in the servers the tests start (Redis has 16)."""
    url = os.environ.get("REDIS_URL", "")
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    if not url or not worker:
        yield
        return
    parts = urlsplit(url)
    number = int(parts.path.strip("/") or 0) + int(worker.removeprefix("gw"))
    own = parts._replace(path=f"/{number}").geturl()
    own_caches = {
        alias: {**config, "LOCATION": own} if config.get("LOCATION") == url else config
        for alias, config in django_settings.CACHES.items()
    }
    with pytest.MonkeyPatch.context() as patch, override_settings(CACHES=own_caches):
        patch.setenv("REDIS_URL", own)
        yield


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """pytest-django's test databases, dropped at the end without a race: a
    server a test stopped (gunicorn, a thread of a race test) closes its
    connection, but PostgreSQL ends that session a moment later, and DROP
    DATABASE refuses while it lasts ("being accessed by other users")."""
    yield
    from django.db import connections

    with django_db_blocker.unblock():
        for connection in connections.all():
            if connection.vendor != "postgresql":
                continue
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )


def _caches_outside_the_database():
    """Rate-limit counters live in the test database (core/counters.py): its
    rollback or flush empties them, and a test without database access must
    not touch them."""
    from core.counters import DatabaseCounterCache

    return [c for c in caches.all() if not isinstance(c, DatabaseCounterCache)]


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with empty caches (pages; Redis in CI)."""
    for cache in _caches_outside_the_database():
        cache.clear()
    yield
    for cache in _caches_outside_the_database():
        cache.clear()


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the default language: a request through the test
    client leaves its language active, and a test must not depend on the one
    that ran before it in the same process (pytest-xdist changes the order)."""
    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def media_root(tmp_path, settings):
    """Uploaded files go to a temporary folder, never into the repository."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def initial_data(db):
    """The brochure's content, as `make run` loads it."""
    call_command("load_initial_data", stdout=StringIO())


# --- Programmes and events --------------------------------------------------
@pytest.fixture
def make_event(db):
    """Create a published event in Paris time: make_event("slug", start, end)."""
    from programmes.models import Event

    def make(slug, start, end, **values):
        values.setdefault("title_fr", f"Événement {slug}")
        values.setdefault("title_en", f"Event {slug}")
        values.setdefault("is_published", True)
        return Event.objects.create(slug=slug, start=start, end=end, **values)

    return make


# --- Student receptions ------------------------------------------------------


@pytest.fixture
def make_reception(db):
    """An open, published reception; keyword arguments override the defaults."""
    from datetime import timedelta

    from django.utils import timezone

    from students.models import Reception

    def make(**overrides):
        now = timezone.now()
        values = {
            "title_fr": "Accueil des étudiants étrangers",
            "title_en": "Welcome reception for foreign students",
            "slug": f"reception-{Reception.objects.count() + 1}",
            "academic_year": "2026-2027",
            "term": "spring",
            "starts_at": now + timedelta(days=30),
            "ends_at": now + timedelta(days=30, hours=2),
            "venue_fr": "Salle des États, Hôtel de Ville",
            "capacity": 2,
            "registration_opens_at": now - timedelta(days=1),
            "registration_closes_at": now + timedelta(days=28),
            "description_fr": "Discours du maire.",
            "description_en": "The Mayor's speech.",
            "is_published": True,
        }
        values.update(overrides)
        return Reception.objects.create(**values)

    return make


@pytest.fixture
def reception(make_reception):
    return make_reception()


@pytest.fixture
def institution(db):
    from students.models import PartnerInstitution

    return PartnerInstitution.objects.create(
        name_fr="Lycée Carnot",
        name_en="Carnot secondary school",
        slug="lycee-carnot",
        agreement_signed=True,
    )


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """`with committed():` runs the on-commit callbacks (emails) at its end."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def register(institution, committed):
    """Create a pending registration through the service, emails sent."""
    from itertools import count

    from students import services

    numbers = count(1)

    def make(reception, confirm=False, submission_token=None, now=None, **overrides):
        n = next(numbers)
        values = {
            "first_name": "Ana",
            "last_name": f"Student{n}",
            "email": f"student{n}@example.org",
            "nationality": "PT",
            "institution": institution,
            "study_level": "master",
            "language": "en",
            "consent": True,
        }
        values.update(overrides)
        with committed():
            registration = services.registration_create(
                reception=reception,
                details=services.RegistrationDetails(**values),
                submission_token=submission_token,
                now=now,
            )
        if confirm:
            with committed():
                services.registration_confirm(registration=registration)
            registration.refresh_from_db()
        return registration

    return make


@pytest.fixture
def wsgi():
    """The production WSGI entry point's page cache in front of Django."""
    # As Django's test client does: keep the test's database connection open.
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    from tests.wsgi import WSGIClient

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield WSGIClient()
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)
