"""The repository's nginx configuration (deploy/nginx/), run by Debian's nginx
with a self-signed certificate in front of two gunicorn servers on one
PostgreSQL database and one Redis, as the city's servers would run it.

Runs in CI; elsewhere skipped only when nginx, openssl, PostgreSQL or Redis
is missing.
"""

import http.client
import os
import re
import secrets
import shutil
import socket
import ssl
import time
from dataclasses import dataclass
from http.cookies import SimpleCookie
from urllib.parse import urlencode

import environ
import pytest

from scripts.nginx_config import FORM_ALLOWANCE, LocalNginx
from tests.servers import Deployment
from tests.test_production_servers import (
    IN_CI,
    OPEN_RECEPTION,
    postgres_admin_connection,
    postgres_url,
    redis_url,
    unreachable_services,
)

SHARED_SECONDS = 2  # HTTP_CACHE_SECONDS
STALE_SECONDS = 1  # HTTP_CACHE_STALE_SECONDS
UPLOAD_BYTES = 1024 * 1024  # IMAGE_MAX_UPLOAD_BYTES
RATE = 2  # registration POSTs per visitor address and day
FAILED_LOGINS = 2  # AXES_FAILURE_LIMIT


def missing_tools():
    for tool in ("nginx", "openssl"):
        if not (shutil.which(tool) or os.path.exists(f"/usr/sbin/{tool}")):
            return f"{tool} is not installed (Debian: apt-get install nginx-light)"
    return None


def missing():
    return missing_tools() or unreachable_services()


def free_ports(count):
    """COUNT different free ports (asked for all at once: the system may give
    a port it just gave again once its socket is closed)."""
    probes = [socket.socket() for _ in range(count)]
    try:
        for probe in probes:
            probe.bind(("127.0.0.1", 0))
        return [probe.getsockname()[1] for probe in probes]
    finally:
        for probe in probes:
            probe.close()


def free_port():
    return free_ports(1)[0]


@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")


class Visitor:
    """A browser at its own address (any 127.x.y.z is this machine), talking
    HTTPS to nginx and trusting its certificate only."""

    def __init__(self, proxy, address="127.0.0.1"):
        self.proxy = proxy
        self.address = address
        self.cookies = {}
        self.tls = ssl.create_default_context(cafile=str(proxy.certificate))

    def request(self, method, path, body=None, headers=None, https=True):
        if https:
            connection = http.client.HTTPSConnection(
                "127.0.0.1",
                self.proxy.https_port,
                context=self.tls,
                timeout=30,
                source_address=(self.address, 0),
            )
            origin = f"https://127.0.0.1:{self.proxy.https_port}"
        else:
            connection = http.client.HTTPConnection(
                "127.0.0.1",
                self.proxy.http_port,
                timeout=30,
                source_address=(self.address, 0),
            )
            origin = f"http://127.0.0.1:{self.proxy.http_port}"
        sent = {"Origin": origin, **(headers or {})}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        connection.request(method, path, body=body, headers=sent)
        raw = connection.getresponse()
        answer = Answer(raw.status, raw.headers, raw.read())
        connection.close()
        for header in answer.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return answer

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def post(self, path, data, headers=None):
        page = self.get(path)  # the form, a CSRF cookie and token
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
        body = urlencode({**data, "csrfmiddlewaretoken": token.group(1)})
        return self.request(
            "POST",
            path,
            body=body,
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                **(headers or {}),
            },
        )


@pytest.fixture(scope="module")
def proxy(tmp_path_factory):
    """nginx on free ports in front of gunicorn servers A and B."""
    reason = missing()
    if reason:
        if IN_CI:
            pytest.fail(f"CI must run the nginx tests: {reason}")
        pytest.skip(reason)
    tmp_path = tmp_path_factory.mktemp("nginx")
    base = environ.Env.db_url_config(postgres_url())["NAME"] or "dijon"
    name = f"{base}_nginx_{os.getpid()}"
    admin = postgres_admin_connection(postgres_url())
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    url = postgres_url().rsplit("/", 1)[0] + "/" + name
    deployment = Deployment(tmp_path, url, redis_url())
    deployment.env.update(
        HTTP_CACHE_SECONDS=str(SHARED_SECONDS),
        HTTP_CACHE_STALE_SECONDS=str(STALE_SECONDS),
        IMAGE_MAX_UPLOAD_BYTES=str(UPLOAD_BYTES),
        REGISTRATION_RATE_LIMIT=f"{RATE}/d",
        AXES_FAILURE_LIMIT=str(FAILED_LOGINS),
    )
    nginx = None
    try:
        # The README's production steps (no staff account needed here).
        deployment.run("migrate", "--noinput")
        deployment.run("collectstatic", "--noinput", "--verbosity", "0")
        deployment.run("load_initial_data")
        deployment.run("shell", "--command", OPEN_RECEPTION)
        (tmp_path / "media").mkdir(exist_ok=True)
        (tmp_path / "media" / "note.txt").write_text("an uploaded file")
        a = deployment.start_server()
        b = deployment.start_server()
        http_port, https_port = free_ports(2)
        nginx = LocalNginx(
            tmp_path / "nginx",
            upstreams=[f"127.0.0.1:{a.port}", f"127.0.0.1:{b.port}"],
            http_port=http_port,
            https_port=https_port,
            static_root=tmp_path / "static",
            media_root=tmp_path / "media",
            upload_bytes=UPLOAD_BYTES,
        ).start()
        nginx.deployment = deployment
        nginx.servers = (a, b)
        yield nginx
    finally:
        if nginx:
            nginx.stop()
        deployment.stop()
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def test_pages_are_served_over_https(proxy):
    answer = Visitor(proxy).get("/en/")
    assert answer.status == 200
    assert "Dijon" in answer.text
    # The app knows the request came over HTTPS (X-Forwarded-Proto).
    assert "max-age=31536000" in answer.headers["Strict-Transport-Security"]


def test_plain_http_is_redirected_to_https(proxy):
    answer = Visitor(proxy).get("/en/twin-towns/?x=1", https=False)
    assert answer.status == 301
    expected = f"https://127.0.0.1:{proxy.https_port}/en/twin-towns/?x=1"
    assert answer.headers["Location"] == expected


def test_a_public_page_comes_from_the_micro_cache_with_its_headers(proxy):
    visitor = Visitor(proxy)
    visitor.get("/en/twin-towns/")
    again = visitor.get("/en/twin-towns/")
    assert again.headers["X-Cache"] == "HIT"
    assert f"s-maxage={SHARED_SECONDS}" in again.headers["Cache-Control"]
    assert again.headers["ETag"]
    assert again.headers["Content-Security-Policy"]


def test_an_unchanged_page_answers_304(proxy):
    visitor = Visitor(proxy)
    etag = visitor.get("/en/international-action/partnerships/").headers["ETag"]
    answer = visitor.get(
        "/en/international-action/partnerships/", headers={"If-None-Match": etag}
    )
    assert answer.status == 304
    assert answer.body == b""


def test_a_page_with_a_form_is_never_kept(proxy):
    visitor = Visitor(proxy)
    visitor.get("/en/admin/login/")
    answer = visitor.get("/en/admin/login/")
    assert answer.headers["X-Cache"] != "HIT"
    assert "no-store" in answer.headers["Cache-Control"]


def test_an_edit_shows_through_the_proxy_within_the_configured_time(proxy):
    visitor = Visitor(proxy)
    page = "/en/twin-towns/mainz/"
    visitor.get(page)
    assert visitor.get(page).headers["X-Cache"] == "HIT"
    title = f"Gateway to the Rhine valley {secrets.token_hex(3)}"
    proxy.deployment.run(
        "shell",
        "--command",
        "from twinning.models import Town\n"
        "town = Town.objects.get(slug='mainz')\n"
        f"town.title_en = {title!r}\n"
        "town.save()\n",
    )
    edited = time.monotonic()
    deadline = edited + SHARED_SECONDS + STALE_SECONDS + 1
    while title not in visitor.get(page).text:
        assert time.monotonic() < deadline, "the edit did not show in time"
        time.sleep(0.2)


def hashed_stylesheet(proxy):
    home = Visitor(proxy).get("/en/").text
    return re.search(r'href="(/static/[^"]+\.[0-9a-f]{12}\.css)"', home).group(1)


def test_static_files_are_served_by_nginx_and_kept_a_year(proxy):
    answer = Visitor(proxy).get(
        hashed_stylesheet(proxy), headers={"Accept-Encoding": "gzip"}
    )
    assert answer.status == 200
    assert answer.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert answer.headers["Content-Encoding"] == "gzip"  # WhiteNoise's .gz file
    assert "X-Cache" not in answer.headers  # never went to the app


def test_media_files_are_served_and_never_run(proxy):
    answer = Visitor(proxy).get("/media/note.txt")
    assert answer.body == b"an uploaded file"
    assert answer.headers["Content-Security-Policy"] == "default-src 'none'"
    assert answer.headers["X-Content-Type-Options"] == "nosniff"


def test_bodies_larger_than_any_valid_form_are_refused(proxy):
    visitor = Visitor(proxy)
    path = "/en/student-receptions/open-today/"
    too_large = visitor.request("POST", path, body=b"x" * (UPLOAD_BYTES * 2 + 1))
    assert too_large.status == 413
    # An image at the site's limit, with the form around it, reaches the app
    # (which refuses this one for its missing CSRF token).
    at_limit = visitor.request(
        "POST", path, body=b"x" * (UPLOAD_BYTES + FORM_ALLOWANCE // 2)
    )
    assert at_limit.status == 403


def test_rate_limits_count_each_visitor_s_own_address(proxy):
    path = "/en/student-receptions/open-today/"
    first = Visitor(proxy, address="127.0.0.2")
    answers = [first.post(path, {"email": "x"}).status for _ in range(RATE + 1)]
    assert answers == [422] * RATE + [429]
    # Claiming another address is no help; another visitor is not limited.
    claims = {"X-Forwarded-For": "198.51.100.7"}
    assert first.post(path, {"email": "x"}, headers=claims).status == 429
    other = Visitor(proxy, address="127.0.0.3")
    assert other.post(path, {"email": "x"}).status == 422  # the form's errors


def test_the_admin_lockout_holds_the_visitor_s_own_address(proxy):
    login = "/en/admin/login/"
    intruder = Visitor(proxy, address="127.0.0.4")
    wrong = {"username": "intruder", "password": "not-the-password"}
    answers = [intruder.post(login, wrong).status for _ in range(FAILED_LOGINS)]
    # The last failure allowed locks the name and the address out.
    assert answers == [200] * (FAILED_LOGINS - 1) + [429]
    other_name = {"username": "someone", "password": "not-the-password"}
    assert intruder.post(login, other_name).status == 429
    # Another visitor (behind the same nginx) is not locked out.
    visitor = {"username": "visitor", "password": "not-the-password"}
    assert Visitor(proxy, address="127.0.0.5").post(login, visitor).status == 200


def test_pages_are_still_served_with_one_server_down(proxy):
    _a, b = proxy.servers
    b.process.kill()  # as in a crash: no goodbye to nginx
    b.process.wait()
    visitor = Visitor(proxy)
    # Private pages: each one from a server, never from the micro-cache.
    for _ in range(6):
        assert visitor.get("/en/admin/login/").status == 200
