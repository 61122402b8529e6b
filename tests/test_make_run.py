"""`make run` serves the whole site with one command: the web server and the
task worker that sends the emails, both stopped by one Ctrl+C."""

import os
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.public_pages import parse_forms
from tests.servers import Browser
from tests.smtp import free_port

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(
    not (ROOT / ".venv" / "bin" / "python").exists(),
    reason="make run needs the project's .venv (make test creates it)",
)

RECEPTION = """
from datetime import timedelta
from django.utils import timezone
from students.models import Reception
now = timezone.now()
Reception.objects.create(
    slug="make-run", title_fr="Accueil make run", title_en="Make run welcome",
    academic_year="2026-2027", term="spring", capacity=10, is_published=True,
    starts_at=now + timedelta(days=30), ends_at=now + timedelta(days=30, hours=2),
    registration_opens_at=now - timedelta(days=1),
    registration_closes_at=now + timedelta(days=28),
)
"""


class Output:
    """What `make run` prints (the worker's console emails included)."""

    def __init__(self, stream):
        self.text = ""
        self.lock = threading.Lock()
        threading.Thread(target=self._read, args=(stream,), daemon=True).start()

    def _read(self, stream):
        for line in iter(stream.readline, ""):
            with self.lock:
                self.text += line

    def wait_for(self, needle, seconds):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            with self.lock:
                if needle in self.text:
                    return True
            time.sleep(0.5)
        return False


def wait_until_up(port, process, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        try:
            with urllib.request.urlopen(
                f"http://127.0.0.1:{port}/healthz", timeout=2
            ) as response:
                if response.status == 200:
                    return True
        except OSError:
            time.sleep(0.5)
    return False


@pytest.fixture(scope="module")
def make_run(tmp_path_factory):
    """One `make run` for the module (the last test stops it)."""
    tmp_path = tmp_path_factory.mktemp("make-run")
    port = free_port()
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"MAKEFLAGS", "MAKELEVEL", "REDIS_URL", "EMAIL_URL", "DEBUG"}
    }
    env.update(
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        PORT=str(port),
        PYTHONUNBUFFERED="1",
    )
    process = subprocess.Popen(
        ["make", "--no-print-directory", "run"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    output = Output(process.stdout)
    site = SimpleNamespace(port=port, process=process, output=output, env=env)
    try:
        assert wait_until_up(port, process, 240), output.text[-3000:]
        yield site
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        process.stdout.close()


def register(site):
    made = subprocess.run(
        [sys.executable, "manage.py", "shell", "--command", RECEPTION],
        cwd=ROOT,
        env={**site.env, "DEBUG": "1"},
        capture_output=True,
        text=True,
    )
    assert made.returncode == 0, made.stderr[-2000:]
    browser = Browser()
    path = "/en/student-receptions/make-run/"
    # Plain HTTP, as on a developer's machine.
    page = browser.get(site, path, https=False)
    form = next(f for f in parse_forms(page.body, path) if "first_name" in f.fields)
    data = form.data()
    data.update(
        first_name="Ana",
        last_name="Worker",
        email="ana.worker@example.org",
        nationality="PT",
        institution=next(v for v in form.choices["institution"] if v.isdigit()),
        study_level=next(v for v in form.choices["study_level"] if v),
        language="en",
        consent="on",
    )
    return browser.post(site, path, data, https=False)


def test_make_run_sends_emails_through_its_worker(make_run):
    response = register(make_run)
    assert response.status == 302, (response.status, response.body[-3000:])
    # The console email backend prints what the worker sent.
    assert make_run.output.wait_for("To: ana.worker@example.org", 60), (
        make_run.output.text[-3000:]
    )


def test_one_ctrl_c_stops_the_server_and_the_worker(make_run):
    os.killpg(make_run.process.pid, signal.SIGINT)
    make_run.process.wait(timeout=30)
    deadline = time.monotonic() + 15
    while processes_of(make_run) and time.monotonic() < deadline:
        time.sleep(0.5)
    assert processes_of(make_run) == [], "a process of make run outlived Ctrl+C"


def processes_of(site):
    """Running processes started with this site's database."""
    marker = f"DATABASE_URL={site.env['DATABASE_URL']}".encode()
    found = []
    for environ in Path("/proc").glob("[0-9]*/environ"):
        try:
            if marker in environ.read_bytes():
                found.append(environ.parent.name)
        except OSError:
            pass  # gone meanwhile, or not ours to read
    return found
