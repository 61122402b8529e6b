"""Issues 12 and 18, tried as the city's IT team would: gunicorn with
production settings on a PostgreSQL cluster and a Redis of the test's own,
which the tests stop, freeze and start again (tests/services.py). One
install for all (the slow part); four servers on it:

- "memory-a" and "memory-b" without REDIS_URL, three workers each (every
  worker keeps pages of its own), "redis-a" and "redis-b" sharing the Redis.
  An edit made through one server's admin, or by a management command, shows
  on every page that displays it, through every worker of every server,
  within 2 seconds (issue 18).

Then, through "redis-a" (issue 12):

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
from tests.test_production_servers import OPEN_RECEPTION, town_change_path

RECEPTION = "/en/student-receptions/open-today/"
MAINZ = "/en/twin-towns/mainz/"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("outages")
    postgres = PostgresCluster().init().start()
    redis = RedisServer(tmp_path).start()
    deployment = Deployment(tmp_path, postgres.url, redis.url)
    deployment.env.update(REDIS_RETRY_SECONDS="1")
    deployment.postgres, deployment.redis = postgres, redis
    try:
        deployment.install()
        listed = python(
            OPEN_RECEPTION + "import json\nfrom tests.public_pages import "
            "public_page_urls\nprint(json.dumps(public_page_urls()))",
            env=deployment.env,
        )
        assert listed.returncode == 0, listed.stderr[-3000:]
        # Every public page (one per model), and the one the edits change.
        urls = json.loads(listed.stdout.strip().splitlines()[-1])
        deployment.pages = sorted({*urls, MAINZ})
        deployment.servers_by_name = {}
        for name, redis_url, workers in [
            ("memory-a", "", 3),
            ("memory-b", "", 3),
            ("redis-a", redis.url, 2),
            ("redis-b", redis.url, 2),
        ]:
            deployment.env.update(REDIS_URL=redis_url, WEB_CONCURRENCY=str(workers))
            deployment.servers_by_name[name] = deployment.start_server()
        deployment.env.update(REDIS_URL=redis.url)  # for management commands
        deployment.server = deployment.servers_by_name["redis-a"]
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


# --- Issue 18: every worker, every server -----------------------------------------


OLD_TITLE = "Capital of Rhineland-Palatinate"
CANDIDATE_PAGES = ["/en/", "/en/twin-towns/", "/en/twin-towns/mainz/"]
# Requests per page and server: enough to reach each of its workers (the
# kernel hands each new connection to any of them).
VISITS = 12


def pages_showing(servers, text):
    browser = Browser()
    server = next(iter(servers.values()))
    return [path for path in CANDIDATE_PAGES if text in browser.get(server, path).body]


def visit_everywhere(servers, pages):
    """{(server, page): set of titles seen} over VISITS requests each."""
    browser = Browser()
    return {
        (name, page): {browser.get(server, page).body for _ in range(VISITS)}
        for name, server in servers.items()
        for page in pages
    }


def stale_after(servers, pages, new_title, deadline):
    """Pages still without NEW_TITLE on some worker when DEADLINE passes."""
    while True:
        seen = visit_everywhere(servers, pages)
        stale = sorted(
            key
            for key, bodies in seen.items()
            if any(new_title not in b for b in bodies)
        )
        if not stale or time.monotonic() > deadline:
            return stale, time.monotonic()


def test_edits_show_on_every_worker_of_every_server_within_two_seconds(site):
    deployment, started = site, site.servers_by_name
    pages = pages_showing(started, OLD_TITLE)
    assert "/en/twin-towns/mainz/" in pages
    visit_everywhere(started, pages)  # every worker stores the old pages

    # An admin save through a server without Redis.
    staff = Browser()
    staff.log_in(started["memory-a"])
    path = town_change_path(staff, started["memory-a"], "Mainz")
    saved = staff.submit(
        started["memory-a"], path, "title_en", {"title_en": "Saved in the admin"}
    )
    assert saved.status == 302, saved.body[:3000]
    stale, seen_at = stale_after(
        started, pages, "Saved in the admin", time.monotonic() + 2
    )
    assert stale == []

    # A management command: another process, on no server at all.
    deployment.run(
        "shell",
        "--command",
        "from twinning.models import Town\n"
        "town = Town.objects.get(slug='mainz')\n"
        "town.title_en = 'Changed by a command'\n"
        "town.save()\n",
    )
    stale, _seen_at = stale_after(
        started, pages, "Changed by a command", time.monotonic() + 2
    )
    assert stale == []

    # An admin save through a server with Redis.
    staff = Browser()
    staff.log_in(started["redis-b"])
    saved = staff.submit(
        started["redis-b"], path, "title_en", {"title_en": "Saved through Redis"}
    )
    assert saved.status == 302, saved.body[:3000]
    stale, _seen_at = stale_after(
        started, pages, "Saved through Redis", time.monotonic() + 2
    )
    assert stale == []


# --- Redis -----------------------------------------------------------------------


def test_redis_stopped_every_public_page_answers_and_registration_works(
    site, redis_back
):
    warm(site)
    staff = Browser()
    staff.log_in(site.server)
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
    health = json.loads(health.body)
    assert health["status"] == "degraded"
    # (No task worker runs here: "periodic_work" says "late" too.)
    assert (health["checks"]["database"], health["checks"]["cache"]) == (
        "ok",
        "unavailable",
    )
    sent = register(site.server, f"redis-down-{secrets.token_hex(3)}@example.org")
    assert sent.status == 302, sent.body[:2000]
    # Sessions are read from the database meanwhile: staff stay signed in.
    assert staff.get(site.server, "/en/admin/").status == 200


def test_an_edit_made_while_redis_is_stopped_shows_everywhere_once_it_is_back(
    site, redis_back
):
    set_mainz_title(site, "Before the outage")
    before = english_pages_showing(site, "Before the outage")
    assert MAINZ in before
    site.redis.stop()
    set_mainz_title(site, "Edited while Redis was down")
    site.redis.start()
    time.sleep(1.2)  # REDIS_RETRY_SECONDS: each process tries Redis again
    assert english_pages_showing(site, "Edited while Redis was down") == before
    assert english_pages_showing(site, "Before the outage") == []


def test_redis_frozen_no_request_waits_and_an_edit_shows_once_it_thaws(
    site, redis_back
):
    set_mainz_title(site, "Before the freeze")
    before = english_pages_showing(site, "Before the freeze")
    english_pages_showing(site, "")  # stored by the other worker too
    assert MAINZ in before
    site.redis.freeze()
    browser = Browser()
    slow = {}
    for path in [*site.pages, RECEPTION, "/en/admin/login/", "/healthz"]:
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
        # A link's tracking parameters get the stored page too.
        tracked = browser.get(site.server, "/en/twin-towns/?utm_source=news")
        assert tracked.status == 200
        for path in [
            "/en/international-action/partnerships/?domain=culture",
            RECEPTION,
            "/fr/?x=1",
        ]:
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
    for path in [
        "/en/international-action/partnerships/?domain=culture",
        RECEPTION,
        "/healthz",
    ]:
        assert browser.get(site.server, path, https=path != "/healthz").status == 200
    assert site.server.process.pid == pid and site.server.process.poll() is None
