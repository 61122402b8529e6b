"""Emails through a real SMTP server, sent by a real task worker.

The site runs as in production (gunicorn, DEBUG off, its own SQLite
database); the worker is `manage.py db_worker`, as the README's systemd unit
runs it; the mail server is aiosmtpd, started, stopped, hung and slowed down
by the test (tests/smtp.py).
"""

import re
import signal
import statistics
import subprocess
import sys
import time
from urllib.parse import urlsplit

import pytest

from tests.production import BASE_DIR
from tests.servers import Browser, Deployment
from tests.smtp import HangingServer, SmtpServer, free_port, text_of
from tests.test_production_servers import OPEN_RECEPTION

RECEPTION = "/en/student-receptions/open-today/"


@pytest.fixture(scope="module")
def smtp_port():
    return free_port()


@pytest.fixture(scope="module")
def site(tmp_path_factory, smtp_port):
    tmp_path = tmp_path_factory.mktemp("delivery")
    deployment = Deployment(tmp_path, f"sqlite:///{tmp_path / 'site.sqlite3'}")
    deployment.env.update(
        EMAIL_URL=f"smtp://127.0.0.1:{smtp_port}",
        EMAIL_TIMEOUT="3",
        REGISTRATION_RATE_LIMIT="1000/h",
        # Tries 3 seconds apart instead of minutes: the test cannot wait.
        MESSAGE_RETRY_MINUTES="0.05,0.05,0.05,0.05,0.05",
        MAINTENANCE_INTERVAL_SECONDS="1",
    )
    deployment.install()
    deployment.run("shell", "--command", OPEN_RECEPTION)
    deployment.server = deployment.start_server()
    try:
        yield deployment
    finally:
        deployment.stop()


class Worker:
    """`manage.py db_worker` in its own process, as systemd runs it."""

    def __init__(self, site, **env):
        self.env = {**site.env, **{k: str(v) for k, v in env.items()}}
        self.log = site.tmp_path / f"worker-{time.monotonic_ns()}.log"
        manage = [sys.executable, str(BASE_DIR / "manage.py")]
        subprocess.run(
            [*manage, "schedule_periodic_work"], env=self.env, cwd=BASE_DIR, check=True
        )
        with self.log.open("w") as log:
            self.process = subprocess.Popen(
                [*manage, "db_worker", "--interval", "0.2"],
                env=self.env,
                cwd=BASE_DIR,
                stdout=log,
                stderr=subprocess.STDOUT,
            )

    def kill(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()


def register(site, email):
    """Registers through the public form; returns the seconds it took."""
    browser = Browser()
    form = browser.form(site.server, RECEPTION, "first_name")
    data = form.data()
    data.update(
        first_name="Ana",
        last_name="Pereira",
        email=email,
        nationality="PT",
        institution=next(v for v in form.choices["institution"] if v.isdigit()),
        study_level=next(v for v in form.choices["study_level"] if v),
        language="en",
        consent="on",
    )
    started = time.monotonic()
    response = browser.post(site.server, RECEPTION, data)
    took = time.monotonic() - started
    assert response.status == 302, response.body[:2000]
    return took


def wait_for(condition, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"still waiting for {what} after {timeout} s")


def received_by(smtp, address):
    return [m for m in smtp.messages if address in m["To"]]


def test_registration_while_mail_is_down_is_as_fast_and_mail_arrives_once(
    site, smtp_port
):
    worker = Worker(site)
    hanging = HangingServer(smtp_port)
    smtp = SmtpServer(smtp_port)
    try:
        # The mail server accepts connections and then never answers.
        down = [register(site, f"down{n}@example.org") for n in range(3)]
        time.sleep(4)  # the worker's first tries time out meanwhile
        hanging.stop()
        smtp.start()
        up = [register(site, f"up{n}@example.org") for n in range(3)]
        addresses = [f"down{n}@example.org" for n in range(3)] + [
            f"up{n}@example.org" for n in range(3)
        ]
        wait_for(lambda: all(received_by(smtp, a) for a in addresses), 60, "the emails")
        time.sleep(3)  # time enough for a duplicate to show up
    finally:
        worker.stop()
        smtp.stop()
        hanging.stop()
    # The site never waits for the mail server (EMAIL_TIMEOUT is 3 s).
    assert max(down) < 1.5, down
    assert statistics.median(down) < statistics.median(up) + 0.25, (down, up)
    for address in addresses:
        assert len(received_by(smtp, address)) == 1, address
    # What arrived for the first students was a retry: the first try failed.
    assert "Could not send the confirm_request email" in worker.log.read_text()
    # The retried email's link works.
    email = received_by(smtp, "down0@example.org")[0]
    link = re.search(
        r"https?://[^/\s]+(/en/my-registration/\S+/confirm/)", text_of(email)
    )
    assert link, text_of(email)
    browser = Browser()
    confirmed = browser.submit(site.server, link.group(1), "csrfmiddlewaretoken", {})
    assert confirmed.status == 302, confirmed.body[:2000]
    page = browser.get(site.server, urlsplit(confirmed.location).path)
    assert "Your seat is confirmed" in page.body


def test_a_worker_killed_mid_send_delivers_exactly_once_after_restart(site, smtp_port):
    smtp = SmtpServer(smtp_port).start(delay=30)
    first = Worker(site, EMAIL_TIMEOUT=60)
    second = None
    try:
        register(site, "killed@example.org")
        # The worker is in the middle of the SMTP conversation: kill it there.
        assert smtp.handler.receiving.wait(30), first.log.read_text()[-3000:]
        first.kill()
        smtp.stop()
        smtp.start(delay=0)
        # The restarted worker takes the abandoned send over once its lease
        # (6 x EMAIL_TIMEOUT here) has run out.
        second = Worker(site, EMAIL_TIMEOUT=1, MESSAGE_SEND_LEASE_SECONDS=1)
        wait_for(lambda: received_by(smtp, "killed@example.org"), 60, "the email")
        time.sleep(4)
    finally:
        first.stop()
        if second:
            second.stop()
        smtp.stop()
    assert len(received_by(smtp, "killed@example.org")) == 1
