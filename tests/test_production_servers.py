"""The site as deployed: gunicorn with DEBUG off behind a TLS proxy.

The scale-out tests run two gunicorn processes on one PostgreSQL database and
one Redis, as two app servers behind a load balancer would: what a person
does through one server must show through the other at once. They run in CI
(which has both); elsewhere they are skipped only when PostgreSQL or Redis
cannot be reached. The other tests run one server on whatever is available
(SQLite otherwise).
"""

import os

import environ
import psycopg2
import pytest
import redis

from tests.servers import Browser, Deployment, admin_count, link_to

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def postgres_url():
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://", "pgsql://")):
        return url
    return "postgres://postgres@127.0.0.1:5432/postgres"


def redis_url():
    return os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"


def postgres_admin_connection(url):
    config = environ.Env.db_url_config(url)
    connection = psycopg2.connect(
        dbname="postgres",
        user=config.get("USER") or None,
        password=config.get("PASSWORD") or None,
        host=config.get("HOST") or None,
        port=config.get("PORT") or None,
        connect_timeout=3,
    )
    connection.autocommit = True
    return connection


def redis_reachable():
    try:
        redis.Redis.from_url(redis_url(), socket_connect_timeout=3).ping()
    except redis.RedisError:
        return False
    return True


def unreachable_services():
    """Why the two-server set-up cannot be built here, or None."""
    try:
        postgres_admin_connection(postgres_url()).close()
    except psycopg2.Error as exc:
        return f"PostgreSQL unreachable at {postgres_url()}: {exc}".strip()
    try:
        redis.Redis.from_url(redis_url(), socket_connect_timeout=3).ping()
    except redis.RedisError as exc:
        return f"Redis unreachable at {redis_url()}: {exc}"
    return None


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """A deployment on PostgreSQL + Redis when reachable, else SQLite, with
    one server running; `site.scaled_out` tells which."""
    tmp_path = tmp_path_factory.mktemp("deployment")
    reason = unreachable_services()
    database = None
    if reason is None:
        base = environ.Env.db_url_config(postgres_url())["NAME"] or "dijon"
        name = f"{base}_scaleout_{os.getpid()}"
        admin = postgres_admin_connection(postgres_url())
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
            cursor.execute(f'CREATE DATABASE "{name}"')
        database = (admin, name)
        url = postgres_url().rsplit("/", 1)[0] + "/" + name
        deployment = Deployment(tmp_path, url, redis_url())
    else:
        deployment = Deployment(
            tmp_path,
            f"sqlite:///{tmp_path / 'site.sqlite3'}",
            redis_url() if redis_reachable() else "",
        )
    deployment.scaled_out = reason is None
    deployment.unreachable = reason
    try:
        deployment.install()
        deployment.a = deployment.start_server()
        if deployment.scaled_out:
            deployment.b = deployment.start_server()
        yield deployment
    finally:
        deployment.stop()
        if database:
            admin, name = database
            with admin.cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            admin.close()


@pytest.fixture
def two_servers(site):
    """Servers A and B sharing one PostgreSQL database and one Redis."""
    if not site.scaled_out:
        if IN_CI:
            pytest.fail(f"CI must run the scale-out tests: {site.unreachable}")
        pytest.skip(f"needs PostgreSQL and Redis: {site.unreachable}")
    return site.a, site.b


# --- Two servers ------------------------------------------------------------


def town_change_path(browser, server, search):
    changelist = browser.get(server, f"/en/admin/twinning/town/?q={search}")
    return link_to(changelist.body, r"/en/admin/twinning/town/\d+/change/")


def test_a_staff_login_on_one_server_is_valid_on_the_other(two_servers):
    a, b = two_servers
    staff = Browser()
    staff.log_in(a)
    assert staff.get(b, "/en/admin/").status == 200
    assert Browser().get(b, "/en/admin/").status == 302


def test_a_content_edit_through_one_server_shows_through_the_other_at_once(
    two_servers,
):
    a, b = two_servers
    visitor = Browser()
    before = visitor.get(b, "/en/twin-towns/mainz/")
    assert "Capital of Rhineland-Palatinate" in before.body
    assert "Gateway to the Rhine valley" not in before.body

    staff = Browser()
    staff.log_in(a)
    path = town_change_path(staff, a, "Mainz")
    saved = staff.submit(
        a, path, "title_en", {"title_en": "Gateway to the Rhine valley"}
    )
    assert saved.status == 302, saved.body[:3000]

    assert "Gateway to the Rhine valley" in visitor.get(b, "/en/twin-towns/mainz/").body
    # The edit is in the history, whichever server shows it.
    history = staff.get(b, path.replace("/change/", "/history/"))
    assert "Title (English)" in history.body


def test_a_record_created_through_one_server_is_counted_through_the_other(
    two_servers,
):
    """The pattern for anything visitors or staff create (a registration from
    the public form works the same way: `Browser().submit(a, form page, a
    field of the form, values)`, then count it through B)."""
    a, b = two_servers
    staff_on_b = Browser()
    staff_on_b.log_in(b)
    organisations = "/en/admin/twinning/organisation/"
    before = admin_count(staff_on_b, b, organisations)

    staff_on_a = Browser()
    staff_on_a.log_in(a)
    created = staff_on_a.submit(
        a,
        organisations + "add/",
        "name_fr",
        {
            "name_fr": "Comité de jumelage Dijon-Mayence",
            "name_en": "Dijon-Mainz twinning committee",
            "slug": "comite-jumelage-dijon-mayence",
            "kind": "association",
        },
    )
    assert created.status == 302, created.body[:3000]

    assert admin_count(staff_on_b, b, organisations) == before + 1
    listing = staff_on_b.get(b, organisations + "?q=Mayence")
    assert "Dijon-Mainz twinning committee" in listing.body


OPEN_RECEPTION = """
from datetime import timedelta
from django.utils import timezone
from students.models import Reception
now = timezone.now()
Reception.objects.create(
    slug="open-today",
    is_published=True,
    title_fr="Accueil des étudiants étrangers",
    title_en="Welcome reception for foreign students",
    academic_year="2026-2027",
    term="spring",
    capacity=300,
    starts_at=now + timedelta(days=30),
    ends_at=now + timedelta(days=30, hours=2),
    registration_opens_at=now - timedelta(days=1),
    registration_closes_at=now + timedelta(days=28),
)
"""


def test_a_registration_through_one_server_is_counted_through_the_other(
    site, two_servers
):
    a, b = two_servers
    # The loaded receptions' registration is open only some months of the
    # year: this one is open whatever the date.
    site.run("shell", "--command", OPEN_RECEPTION)
    reception = "/en/student-receptions/open-today/"
    visitor = Browser()
    assert "300 seats left" in visitor.get(b, reception).body
    staff_on_b = Browser()
    staff_on_b.log_in(b)
    registrations = "/en/admin/students/registration/"
    before = admin_count(staff_on_b, b, registrations)

    student = Browser()
    form = student.form(a, reception, "first_name")
    partner = next(v for v in form.choices["institution"] if v.isdigit())
    level = next(v for v in form.choices["study_level"] if v)
    sent = student.submit(
        a,
        reception,
        "first_name",
        {
            "first_name": "Ana",
            "last_name": "Pereira",
            "email": "ana.pereira@example.org",
            "nationality": "PT",
            "institution": partner,
            "study_level": level,
            "language": "en",
            "consent": "on",
        },
    )
    assert sent.status == 302, sent.body[:3000]

    assert admin_count(staff_on_b, b, registrations) == before + 1
    assert "Pereira" in staff_on_b.get(b, registrations + "?q=Pereira").body
    # The pending registration holds its seat, on every server at once.
    assert "299 seats left" in visitor.get(b, reception).body
    # Its confirmation email went out through the configured mail backend,
    # sent by the task worker (README, production).
    site.run("db_worker", "--batch")
    mails = [path.read_text() for path in (a.log_path.parent / "mail").iterdir()]
    assert any("ana.pereira@example.org" in mail for mail in mails)


def test_a_login_lockout_on_one_server_holds_on_the_other(two_servers):
    a, b = two_servers
    # From an address of its own: the lockout also locks the address, which
    # must not be the one the other tests log in from.
    intruder = Browser(address="203.0.113.66")
    for _ in range(5):
        intruder.submit(
            a, "/en/admin/login/", "username", {"username": "intruder", "password": "x"}
        )
    response = intruder.submit(
        b, "/en/admin/login/", "username", {"username": "intruder", "password": "y"}
    )
    assert response.status == 429
    assert "Too many failed logins" in response.body


# --- One production server --------------------------------------------------


def test_pages_are_served_with_debug_off(site):
    response = Browser().get(site.a, "/fr/villes-jumelles/mainz/")
    assert response.status == 200
    assert "Mayence" in response.body


def test_the_not_found_page_is_the_site_s_own(site):
    response = Browser().get(site.a, "/en/nowhere/")
    assert response.status == 404
    assert 'lang="en"' in response.body
    assert "Traceback" not in response.body


def test_hashed_static_files_are_compressed_and_cached_for_ever(site):
    home = Browser().get(site.a, "/en/")
    stylesheet = link_to(home.body, r"/static/css/site\.[0-9a-f]{12}\.css")
    response = Browser().get(site.a, stylesheet, headers={"Accept-Encoding": "gzip"})
    assert response.status == 200
    assert response.headers["Content-Encoding"] == "gzip"
    cache_control = response.headers["Cache-Control"]
    assert "max-age=315360000" in cache_control
    assert "immutable" in cache_control


def test_plain_http_is_sent_to_https_except_the_health_check(site):
    response = Browser().get(site.a, "/en/", https=False)
    assert response.status == 301
    assert response.location.startswith("https://")
    assert Browser().get(site.a, "/healthz", https=False).status == 200


def test_cookies_are_secure_http_only_and_same_site(site):
    browser = Browser()
    page = browser.get(site.a, "/en/admin/login/")
    staff = Browser()
    login = staff.log_in(site.a)
    for header in [
        *page.headers.get_all("Set-Cookie"),
        *login.headers.get_all("Set-Cookie"),
    ]:
        assert "Secure" in header
        assert "HttpOnly" in header
        assert "SameSite=Lax" in header
    assert "sessionid" in staff.cookies


def test_hsts_is_sent_over_https(site):
    response = Browser().get(site.a, "/en/")
    assert response.headers["Strict-Transport-Security"] == (
        "max-age=31536000; includeSubDomains; preload"
    )


def test_server_logs_are_json_lines_with_the_request_id(site):
    response = Browser().get(site.a, "/en/twin-towns/?email=jane.doe@example.org")
    request_id = response.headers["X-Request-ID"]
    (line,) = [
        entry for entry in site.a.log_lines() if entry.get("request_id") == request_id
    ]
    assert line["status"] == 200
    assert line["route"] == "/en/twin-towns/"
    assert "jane" not in site.a.log_path.read_text()


def test_every_server_log_line_is_json(site):
    Browser().get(site.a, "/en/")
    lines = site.a.log_path.read_text().splitlines()
    assert any('"gunicorn.error"' in line for line in lines)
    assert all(line.startswith("{") for line in lines if line.strip()), lines
