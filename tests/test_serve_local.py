"""`make serve-local`: a newcomer logs in to the admin and registers over
HTTPS on their own machine (nginx, a self-signed certificate, gunicorn with
production settings). Runs in CI; elsewhere skipped when nginx is missing."""

import http.client
import os
import re
import signal
import ssl
import subprocess
import sys
import time
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from urllib.parse import urlencode

import pytest

from tests.production import BASE_DIR, manage
from tests.servers import STAFF_PASSWORD, STAFF_USERNAME, Browser, Response
from tests.test_nginx import free_ports, missing_tools
from tests.test_production_servers import IN_CI, OPEN_RECEPTION

PARTNER = """
from students.models import PartnerInstitution
PartnerInstitution.objects.create(
    name_fr="Lycée Carnot", name_en="Carnot school", slug="carnot",
    agreement_signed=True,
)
"""


@dataclass
class Site:
    """What serve-local prints: where the site answers, which certificate."""

    port: int
    certificate: str


@dataclass
class HttpsBrowser(Browser):
    """The tests' browser, over HTTPS, trusting the local certificate only."""

    tls: ssl.SSLContext = field(default=None)

    def request(self, server, method, path, data=None, https=True, headers=None):
        connection = http.client.HTTPSConnection(
            "localhost", server.port, context=self.tls, timeout=30
        )
        sent = {"Origin": f"https://localhost:{server.port}", **(headers or {})}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urlencode(data, doseq=True)
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=body, headers=sent)
        raw = connection.getresponse()
        response = Response(
            raw.status, raw.headers, raw.read().decode("utf-8", "replace")
        )
        connection.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return response


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    reason = missing_tools()
    if reason:
        if IN_CI:
            pytest.fail(f"CI must run the serve-local test: {reason}")
        pytest.skip(reason)
    tmp_path = tmp_path_factory.mktemp("serve-local")
    https_port, http_port = free_ports(2)
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PYTEST", "DJANGO_"))
        and key not in {"DEBUG", "REDIS_URL", "SECRET_KEY"}
    }
    env.update(
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        STATIC_ROOT=str(tmp_path / "static"),
        MEDIA_ROOT=str(tmp_path / "media"),
        SERVE_LOCAL_DIR=str(tmp_path / "serve-local"),
        SERVE_HTTPS_PORT=str(https_port),
        SERVE_HTTP_PORT=str(http_port),
        EMAIL_URL=f"filemail:///{tmp_path / 'mail'}",
        LOG_LEVEL="WARNING",
    )
    # What a newcomer did with `make run` and `createsuperuser` (DEBUG on),
    # and a reception open whatever the date.
    setup = {**env, "DEBUG": "1", "DJANGO_SUPERUSER_PASSWORD": STAFF_PASSWORD}
    for command in (
        ["migrate", "--noinput", "--verbosity", "0"],
        ["createsuperuser", "--noinput", "--username", STAFF_USERNAME]
        + ["--email", "webmaster@example.org"],
        ["shell", "--command", OPEN_RECEPTION + PARTNER],
    ):
        done = manage(*command, env=setup, timeout=300)
        assert done.returncode == 0, done.stderr[-3000:]
    log = (tmp_path / "serve-local.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "scripts/serve_local.py"],
        cwd=BASE_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 240
        output = ""
        while "Ready:" not in output:
            assert process.poll() is None, output[-3000:]
            assert time.monotonic() < deadline, output[-3000:]
            time.sleep(0.5)
            output = (tmp_path / "serve-local.log").read_text()
        certificate = re.search(r"self-signed \(([^)]+)\)", output).group(1)
        yield Site(https_port, certificate), http_port
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


def browser(site):
    return HttpsBrowser(tls=ssl.create_default_context(cafile=site.certificate))


def test_a_newcomer_logs_in_to_the_admin_over_https(site):
    local, _http_port = site
    staff = browser(local)
    staff.log_in(local)
    assert staff.get(local, "/en/admin/").status == 200


def test_a_student_registers_over_https(site):
    local, _http_port = site
    student = browser(local)
    reception = "/en/student-receptions/open-today/"
    form = student.form(local, reception, "first_name")
    sent = student.submit(
        local,
        reception,
        "first_name",
        {
            "first_name": "Ana",
            "last_name": "Pereira",
            "email": "ana.pereira@example.org",
            "nationality": "PT",
            "institution": next(v for v in form.choices["institution"] if v),
            "study_level": next(v for v in form.choices["study_level"] if v),
            "language": "en",
            "consent": "on",
        },
    )
    assert sent.status == 302, sent.body[:3000]
    assert "299 seats left" in student.get(local, reception).body


def test_plain_http_leads_to_https_without_hsts_for_localhost(site):
    local, http_port = site
    connection = http.client.HTTPConnection("localhost", http_port, timeout=10)
    connection.request("GET", "/en/")
    answer = connection.getresponse()
    connection.close()
    assert answer.status == 301
    assert answer.headers["Location"] == f"https://localhost:{local.port}/en/"
    page = browser(local).get(local, "/en/")
    assert page.status == 200
    assert "Strict-Transport-Security" not in page.headers
