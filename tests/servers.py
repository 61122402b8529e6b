"""Real production servers for tests: gunicorn processes with DEBUG off, on
their own database, behind a pretend TLS proxy, and a small browser to talk
to them (cookies, CSRF tokens and forms, as a person's browser would)."""

import http.client
import json
import os
import re
import secrets
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

from tests.production import BASE_DIR, manage, production_env
from tests.public_pages import parse_forms

STAFF_USERNAME = "webmaster"
STAFF_PASSWORD = secrets.token_urlsafe(16)


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: str

    @property
    def location(self):
        return self.headers.get("Location", "")


@dataclass
class Server:
    """One gunicorn process serving the deployment."""

    port: int
    process: subprocess.Popen
    log_path: object

    def log_lines(self):
        lines = []
        for line in self.log_path.read_text().splitlines():
            if line.startswith("{"):
                lines.append(json.loads(line))
        return lines

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@dataclass
class Browser:
    """Keeps cookies across servers, as one browser on one domain would.

    Every request carries X-Forwarded-Proto: https, as the TLS proxy in front
    of the servers adds it; `https=False` plays a plain-HTTP request.
    """

    cookies: dict = field(default_factory=dict)
    # The visitor's address as the proxy reports it (the servers trust one
    # proxy); None: the request comes from the proxy's own 127.0.0.1.
    address: str | None = None

    def request(self, server, method, path, data=None, https=True, headers=None):
        connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
        sent = {"Host": f"127.0.0.1:{server.port}", **(headers or {})}
        if self.address:
            sent["X-Forwarded-For"] = self.address
        if https:
            sent["X-Forwarded-Proto"] = "https"
            sent["Origin"] = f"https://127.0.0.1:{server.port}"
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
            cookie = SimpleCookie(header)
            for name, morsel in cookie.items():
                if morsel["max-age"] == "0":
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return response

    def get(self, server, path, **kwargs):
        return self.request(server, "GET", path, **kwargs)

    def post(self, server, path, data, **kwargs):
        return self.request(server, "POST", path, data=data, **kwargs)

    def form(self, server, path, contains):
        """The page's POST form that has a field named CONTAINS."""
        page = self.get(server, path)
        assert page.status == 200, (path, page.status)
        for form in parse_forms(page.body, path):
            if form.method == "post" and contains in form.fields:
                return form
        raise AssertionError(f"no form with {contains!r} on {path}")

    def submit(self, server, path, contains, changes):
        """Fills the form of PATH (found by one of its fields) and posts it."""
        form = self.form(server, path, contains)
        data = form.data()
        data.update(changes)
        return self.post(server, urlsplit(form.action).path or path, data)

    def log_in(self, server, username=STAFF_USERNAME, password=STAFF_PASSWORD):
        response = self.submit(
            server,
            "/en/admin/login/",
            "username",
            {"username": username, "password": password},
        )
        assert response.status == 302, response.body[:2000]
        return response


class Deployment:
    """A production install: its own database, collected static files,
    migrated and loaded, with a staff account; servers start on demand."""

    def __init__(self, tmp_path, database_url, redis_url=""):
        self.tmp_path = tmp_path
        self.env = production_env(
            ALLOWED_HOSTS="127.0.0.1,localhost",
            CSRF_TRUSTED_ORIGINS="",
            DATABASE_URL=database_url,
            REDIS_URL=redis_url,
            CACHE_KEY_PREFIX=f"tests-{os.getpid()}-{secrets.token_hex(4)}",
            STATIC_ROOT=tmp_path / "static",
            MEDIA_ROOT=tmp_path / "media",
            WEB_CONCURRENCY=1,
            LOG_LEVEL="INFO",
            DJANGO_SUPERUSER_PASSWORD=STAFF_PASSWORD,
            # Emails to files: the console backend would mix them into the logs.
            EMAIL_URL=f"filemail:///{tmp_path / 'mail'}",  # four slashes: absolute
        )
        self.servers = []

    def run(self, *args):
        result = manage(*args, env=self.env, timeout=300)
        assert result.returncode == 0, result.stderr[-3000:]
        return result.stdout

    def install(self):
        """The README's production steps, in order."""
        self.run("migrate", "--noinput")
        self.run("collectstatic", "--noinput", "--verbosity", "0")
        self.run("load_initial_data")
        self.run(
            "createsuperuser",
            "--noinput",
            "--username",
            STAFF_USERNAME,
            "--email",
            "webmaster@example.org",
        )

    def start_server(self):
        # The port is bound here and the socket handed to gunicorn (fd://):
        # between choosing a free port and binding it, nothing else (another
        # pytest-xdist worker's server, a client's connection) can take it.
        with socket.socket() as listener:
            listener.bind(("127.0.0.1", 0))
            listener.listen()
            port = listener.getsockname()[1]
            log_path = self.tmp_path / f"gunicorn-{port}.log"
            env = {**self.env, "GUNICORN_BIND": f"fd://{listener.fileno()}"}
            with log_path.open("w") as log:  # the server keeps its own copies
                process = subprocess.Popen(
                    [sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py"],
                    cwd=BASE_DIR,
                    env=env,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    pass_fds=[listener.fileno()],
                )
        server = Server(port, process, log_path)
        self.servers.append(server)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise AssertionError(log_path.read_text()[-3000:])
            try:
                if Browser().get(server, "/healthz", https=False).status == 200:
                    return server
            except OSError:
                pass
            time.sleep(0.3)
        raise AssertionError("gunicorn did not answer: " + log_path.read_text()[-3000:])

    def stop(self):
        for server in self.servers:
            server.stop()


def link_to(body, pattern):
    """The first href in BODY matching the regular expression PATTERN."""
    match = re.search(r'href="(' + pattern + r')[^"]*"', body)
    assert match, pattern
    return match.group(1)


def admin_count(browser, server, changelist_path):
    """How many objects an admin list counts (its paginator's total)."""
    body = browser.get(server, changelist_path).body
    match = re.search(r'class="paginator"[^>]*>\s*(?:<[^>]+>\s*)*(\d[\d,\s]*)', body)
    assert match, body[-3000:]
    return int(re.sub(r"\D", "", match.group(1)))
