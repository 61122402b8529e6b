"""When a part fails (issue 12): the site's own 500 and 503 pages wherever the
failure happens, a health check that names the failed part, a page cache whose
generation check cannot fail, and `check --deploy` on shared state.

In-process tests; real servers stopped and frozen: tests/test_outage_servers.py.
"""

import json
import time

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.db import OperationalError, ProgrammingError
from django.test import Client

from core import caching, errors
from core.caching import PAGES, PageCacheWSGI
from core.checks import shared_state
from core.errors import ErrorPagesWSGI
from core.models import CacheGeneration
from dijon_site import views
from tests.wsgi import wsgi_environ

pytestmark = pytest.mark.django_db

SITE_HEADERS = (
    "Content-Security-Policy",
    "X-Content-Type-Options",
    "X-Frame-Options",
    "Referrer-Policy",
    "Cross-Origin-Opener-Policy",
    "Permissions-Policy",
)


def down(*args, **kwargs):
    raise OperationalError("could not connect to server: secret-db-host:5432")


def broken(*args, **kwargs):
    raise RuntimeError("secret detail of a bug")


def call(application, path, **environ):
    """(status line, headers, body) of a WSGI call, as gunicorn makes it."""
    started = {}

    def start_response(status, headers, exc_info=None):
        started.update(status=status, headers=dict(headers))

    result = application(wsgi_environ(path, **environ), start_response)
    body = b"".join(result)
    if hasattr(result, "close"):
        result.close()
    return started["status"], started["headers"], body.decode()


@pytest.fixture
def entry_point():
    """The production WSGI stack: error pages around the page cache around
    Django (dijon_site/wsgi.py), keeping the test's database connection."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield ErrorPagesWSGI(PageCacheWSGI(WSGIHandler()))
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


# --- A 500 is always the site's own page ---------------------------------------


def test_the_production_entry_point_has_the_error_pages_outermost():
    from dijon_site import wsgi

    assert isinstance(wsgi.application, ErrorPagesWSGI)


def test_a_failure_in_the_wsgi_page_cache_answers_the_site_s_500_page(
    entry_point, monkeypatch
):
    monkeypatch.setattr(caching, "page_key", broken)
    status, headers, body = call(entry_point, "/en/")
    assert status == "500 Internal Server Error"
    assert "Something went wrong" in body
    assert "secret detail" not in body and "Traceback" not in body
    for name in SITE_HEADERS:
        assert headers.get(name), name
    assert headers["X-Frame-Options"] == "DENY"
    assert len(headers["X-Request-ID"]) == 32


def test_the_wsgi_500_page_carries_hsts_over_https(entry_point, monkeypatch, settings):
    settings.SECURE_HSTS_SECONDS = 3600
    monkeypatch.setattr(caching, "page_key", broken)
    _status, headers, _body = call(entry_point, "/en/", **{"wsgi.url_scheme": "https"})
    assert headers["Strict-Transport-Security"].startswith("max-age=3600")


def test_a_failure_in_a_middleware_before_the_security_headers_gets_them(
    monkeypatch,
):
    # The page cache middleware runs before SecurityMiddleware and the CSP's.
    monkeypatch.setattr(caching, "look_up", broken)
    response = Client(raise_request_exception=False).get("/en/")
    assert response.status_code == 500
    for name in SITE_HEADERS:
        assert response.get(name), name
    assert "secret detail" not in response.content.decode()


def test_when_the_500_handler_itself_fails_the_wsgi_guard_answers(
    entry_point, monkeypatch
):
    monkeypatch.setattr(views.HomeCity, "load", broken)
    monkeypatch.setattr(views, "error_response", broken)
    status, headers, body = call(entry_point, "/fr/")
    assert status.startswith("500")
    assert "Une erreur est survenue" in body
    assert headers["Content-Security-Policy"]


def test_an_error_page_that_cannot_be_rendered_falls_back_to_plain_text(monkeypatch):
    monkeypatch.setattr(errors, "render_to_string", broken)
    assert b"Something went wrong" in errors.render_page(500, "/en/")


# --- The database down: a translated 503 page -----------------------------------


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("/fr/", "Le site est momentanément indisponible"),
        ("/en/", "The site is temporarily unavailable"),
    ],
)
def test_the_database_down_answers_a_translated_503_page(monkeypatch, path, text):
    monkeypatch.setattr(views.HomeCity, "load", down)
    response = Client(raise_request_exception=False).get(path)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert text in response.content.decode()
    assert "secret-db-host" not in response.content.decode()
    for name in SITE_HEADERS:
        assert response.get(name), name


def test_retry_after_comes_from_the_settings(monkeypatch, settings):
    settings.RETRY_AFTER_SECONDS = 120
    monkeypatch.setattr(views.HomeCity, "load", down)
    response = Client(raise_request_exception=False).get("/en/")
    assert response["Retry-After"] == "120"


def test_a_query_error_is_a_500_not_a_503(monkeypatch):
    def bad_query():
        raise ProgrammingError("column does not exist")

    monkeypatch.setattr(views.HomeCity, "load", bad_query)
    assert Client(raise_request_exception=False).get("/en/").status_code == 500


def test_the_database_down_outside_django_is_a_503_too(entry_point, monkeypatch):
    def app(environ, start_response):
        raise OperationalError("server closed the connection unexpectedly")

    status, headers, body = call(ErrorPagesWSGI(app), "/en/")
    assert status == "503 Service Unavailable"
    assert headers["Retry-After"] == "30"
    assert "temporarily unavailable" in body


# --- The generation check never fails ------------------------------------------


def test_cached_pages_keep_serving_when_the_database_does_not_answer(
    client, monkeypatch
):
    first = client.get("/en/twin-towns/")
    monkeypatch.setattr(caching, "_read_tokens", down)
    again = client.get("/en/twin-towns/")
    assert again.status_code == 200
    assert again.content == first.content


def test_the_generation_falls_back_to_the_cache_s_copy(monkeypatch):
    PAGES.bump()
    PAGES._copy_to_cache()
    stored = PAGES.current()
    monkeypatch.setattr(PAGES, "_last_seen", {})
    monkeypatch.setattr(caching, "_read_tokens", down)
    assert PAGES.current() == stored


def test_no_generation_known_means_no_page_from_the_cache(monkeypatch):
    from django.core.cache import cache

    cache.delete(PAGES.key)
    monkeypatch.setattr(PAGES, "_last_seen", {})
    monkeypatch.setattr(caching, "_read_tokens", down)
    assert PAGES.current() is None


def test_a_change_made_by_another_process_is_seen_at_once(client):
    """Another worker or server changes the row (its save bumps it): this
    process's stored page, in its own memory, is not served again."""
    client.get("/en/twin-towns/")
    assert client.get("/en/twin-towns/").templates == []
    CacheGeneration.objects.filter(key=PAGES.key).update(nonce="elsewhere")
    assert client.get("/en/twin-towns/").templates


def test_a_save_changes_the_generation_in_the_database():
    from twinning.models import Organisation

    before = PAGES.current()
    Organisation.objects.create(name="Test", slug="test", kind="association")
    row = CacheGeneration.objects.get(key=PAGES.key)
    assert row.token != before
    assert int(row.token.split(".")[0]) > int(before.split(".")[0])


# --- /healthz ---------------------------------------------------------------------


def test_health_check_names_each_part(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok"},
    }


class BrokenConnection:
    def cursor(self):
        down()


def test_health_check_says_the_database_failed(client, monkeypatch):
    monkeypatch.setattr(views, "connection", BrokenConnection())
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["database"] == "unavailable"
    assert response.json()["status"] == "unavailable"
    assert "secret-db-host" not in response.content.decode()


def test_health_check_reports_the_cache_degraded_but_serving(client, monkeypatch):
    from django.core.cache import caches

    cache = caches["default"]
    # Redis: a real round trip (ping); other caches: a write and a read.
    monkeypatch.setattr(
        type(cache), "ping" if hasattr(cache, "ping") else "set", broken
    )
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "degraded",
        "checks": {"database": "ok", "cache": "unavailable"},
    }
    assert "secret detail" not in json.dumps(response.json())


# --- check --deploy -----------------------------------------------------------------


def test_deploy_check_reports_process_local_counters_with_several_workers(settings):
    settings.DEBUG = False
    settings.WEB_CONCURRENCY = 3
    settings.CACHES = {
        **settings.CACHES,
        "ratelimit": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }
    (warning,) = shared_state()
    assert warning.id == "core.W001"
    assert "REDIS_URL" in warning.hint


def test_deploy_check_accepts_one_worker_or_a_shared_cache(settings):
    settings.DEBUG = False
    settings.WEB_CONCURRENCY = 1
    settings.CACHES = {
        **settings.CACHES,
        "ratelimit": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }
    assert shared_state() == []
    settings.WEB_CONCURRENCY = 4
    settings.CACHES = {
        **settings.CACHES,
        "ratelimit": {"BACKEND": "django_redis.cache.RedisCache"},
    }
    assert shared_state() == []


@pytest.mark.django_db(transaction=True)
def test_bumps_in_opposite_orders_never_deadlock():
    """Two transactions bumping two generations in opposite orders (a town
    then a reception, a reception then a town) wait for each other instead."""
    import threading

    from django.db import connection, transaction

    if not connection.features.has_select_for_update:
        pytest.skip("SQLite serialises every write anyway")
    other = caching.Generation("test:other")
    other.current()
    PAGES.current()
    # No timed wait (Barrier, join with a timeout): under faketime, as CI
    # runs the suite a second time, a timed wait in a thread never ends.
    first_locked = threading.Event()
    errors = []

    def bump(first, second, *, leads):
        try:
            with transaction.atomic():
                if leads:
                    first.bump()
                    first_locked.set()
                    time.sleep(0.5)  # the other takes (or waits for) its lock
                else:
                    first_locked.wait()
                    first.bump()
                second.bump()
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=bump, args=(PAGES, other), kwargs={"leads": True}),
        threading.Thread(target=bump, args=(other, PAGES), kwargs={"leads": False}),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
