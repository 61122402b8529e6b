"""Issue 12, tried as the city's IT team would: gunicorn with production
settings on a PostgreSQL cluster and a Redis of the test's own, which the
tests stop, freeze and start again (tests/services.py).

- Redis stopped: every public page 200, /healthz "degraded", a registration
  succeeds; an edit made meanwhile shows on every page once Redis is back.
- Redis frozen: no request takes 2 s; an edit made meanwhile shows on every
  page once it thaws, though Redis still holds the pages from before.
- PostgreSQL stopped: pages that need it answer the site's 503 page with
  Retry-After; cached pages 200; back to 200 without restarting gunicorn.
"""

import json
import secrets
import time

import pytest

from tests.production import python
from tests.servers import Browser, Deployment
from tests.services import PostgresCluster, RedisServer
from tests.test_production_servers import OPEN_RECEPTION

RECEPTION = "/en/student-receptions/open-today/"
MAINZ = "/en/twin-towns/mainz/"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("outages")
    postgres = PostgresCluster().init().start()
    redis = RedisServer(tmp_path).start()
    deployment = Deployment(tmp_path, postgres.url, redis.url)
    deployment.env.update(WEB_CONCURRENCY="2", REDIS_RETRY_SECONDS="1")
    deployment.postgres, deployment.redis = postgres, redis
    try:
        # The README's production steps (no staff account needed here).
        deployment.run("migrate", "--noinput")
        deployment.run("collectstatic", "--noinput", "--verbosity", "0")
        deployment.run("load_initial_data")
        listed = python(
            OPEN_RECEPTION + "import json\nfrom tests.public_pages import "
            "public_page_urls\nprint(json.dumps(public_page_urls()))",
            env=deployment.env,
        )
        assert listed.returncode == 0, listed.stderr[-3000:]
        # Every public page (one per model), and the one the edits change.
        urls = json.loads(listed.stdout.strip().splitlines()[-1])
        deployment.pages = sorted({*urls, MAINZ})
        deployment.server = deployment.start_server()
        yield deployment
    finally:
        deployment.stop()
        redis.stop()
        postgres.remove()


@pytest.fixture
def redis_back(site):
    """Whatever a test does to Redis, the next finds it running."""
    yield site.redis
    if site.redis.process.poll() is None:
        site.redis.thaw()
    else:
        site.redis.start()


def timed_get(browser, server, path):
    started = time.monotonic()
    response = browser.get(server, path)
    return response, time.monotonic() - started


def set_mainz_title(site, title):
    """A management-command edit (any process, not a server's)."""
    site.run(
        "shell",
        "--command",
        "from twinning.models import Town\n"
        "town = Town.objects.get(slug='mainz')\n"
        f"town.title_en = {title!r}\n"
        "town.save()\n",
    )


def english_pages_showing(site, text):
    browser = Browser()
    return [
        path
        for path in site.pages
        if path.startswith("/en/") and text in browser.get(site.server, path).body
    ]


def register(server, email):
    student = Browser()
    form = student.form(server, RECEPTION, "first_name")
    return student.submit(
        server,
        RECEPTION,
        "first_name",
        {
            "first_name": "Ana",
            "last_name": "Pereira",
            "email": email,
            "nationality": "PT",
            "institution": next(v for v in form.choices["institution"] if v.isdigit()),
            "study_level": next(v for v in form.choices["study_level"] if v),
            "language": "en",
            "consent": "on",
        },
    )


def warm(site, paths=None, rounds=1):
    browser = Browser()
    for _ in range(rounds):
        for path in paths or site.pages:
            browser.get(site.server, path)


# --- Redis -----------------------------------------------------------------------


def test_redis_stopped_every_public_page_answers_and_registration_works(
    site, redis_back
):
    warm(site)
    site.redis.stop()
    browser = Browser()
    failures = {}
    for path in site.pages:
        response, seconds = timed_get(browser, site.server, path)
        if response.status != 200 or seconds > 2:
            failures[path] = (response.status, round(seconds, 2))
    assert failures == {}
    health = Browser().get(site.server, "/healthz", https=False)
    assert health.status == 200
    assert json.loads(health.body) == {
        "status": "degraded",
        "checks": {"database": "ok", "cache": "unavailable"},
    }
    sent = register(site.server, f"redis-down-{secrets.token_hex(3)}@example.org")
    assert sent.status == 302, sent.body[:2000]


def test_an_edit_made_while_redis_is_stopped_shows_everywhere_once_it_is_back(
    site, redis_back
):
    before = english_pages_showing(site, "Capital of Rhineland-Palatinate")
    assert MAINZ in before
    site.redis.stop()
    set_mainz_title(site, "Edited while Redis was down")
    site.redis.start()
    time.sleep(1.2)  # REDIS_RETRY_SECONDS: each process tries Redis again
    assert english_pages_showing(site, "Edited while Redis was down") == before
    assert english_pages_showing(site, "Capital of Rhineland-Palatinate") == []


def test_redis_frozen_no_request_waits_and_an_edit_shows_once_it_thaws(
    site, redis_back
):
    before = english_pages_showing(site, "Edited while Redis was down")
    english_pages_showing(site, "")  # stored by the other worker too
    assert MAINZ in before
    site.redis.freeze()
    browser = Browser()
    slow = {}
    for path in [*site.pages, RECEPTION, "/en/admin/login/"]:
        response, seconds = timed_get(browser, site.server, path)
        if response.status != 200 or seconds >= 2:
            slow[path] = (response.status, round(seconds, 2))
    assert slow == {}
    set_mainz_title(site, "Edited while Redis was frozen")
    site.redis.thaw()  # with every page stored before the edit
    time.sleep(1.2)
    assert english_pages_showing(site, "Edited while Redis was frozen") == before


# --- PostgreSQL ------------------------------------------------------------------


def test_postgres_stopped_uncached_pages_503_cached_pages_200_then_back(site):
    warm(site, ["/en/twin-towns/"], rounds=6)  # stored, seen by both workers
    pid = site.server.process.pid
    site.postgres.stop()
    try:
        browser = Browser()
        cached = browser.get(site.server, "/en/twin-towns/")
        assert cached.status == 200
        for path in ["/en/twin-towns/?page-not-stored=1", RECEPTION, "/fr/?x=1"]:
            response = browser.get(site.server, path)
            assert response.status == 503, (path, response.status)
            assert response.headers["Retry-After"] == "30"
            assert response.headers["Content-Security-Policy"]
            assert response.headers["X-Frame-Options"] == "DENY"
            assert "Traceback" not in response.body
        assert "temporarily unavailable" in browser.get(site.server, RECEPTION).body
        assert "momentanément indisponible" in (
            browser.get(site.server, "/fr/?x=1").body
        )
        health = Browser().get(site.server, "/healthz", https=False)
        assert health.status == 503
        assert json.loads(health.body)["checks"]["database"] == "unavailable"
    finally:
        site.postgres.start()
    browser = Browser()
    for path in ["/en/twin-towns/?page-not-stored=1", RECEPTION, "/healthz"]:
        assert browser.get(site.server, path, https=path != "/healthz").status == 200
    assert site.server.process.pid == pid and site.server.process.poll() is None
