"""The registration burst of `make bench`: does a slow mail server slow the site?

300 registrations through the public form (the page, then the POST) from 30
concurrent clients, against gunicorn with the task worker (`db_worker`)
running beside it, four times: with a mail server that accepts each message
at once, twice with one that takes 1 second per message (aiosmtpd, started
here), and again with the fast one. The site only writes each email to the
outbox; the worker sends it.
Reports registrations per second and the p95 of the POST for both; the
target is that the slow mail server changes neither by more than 10 %.
"""

import os
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.servers import Browser  # noqa: E402
from tests.smtp import SmtpServer, free_port  # noqa: E402

REGISTRATIONS = 300
CLIENTS = 30
SLOW_SECONDS = 1.0
TARGET = 0.10

RECEPTION = """
from datetime import timedelta
from django.utils import timezone
from students.models import Reception
now = timezone.now()
Reception.objects.create(
    slug="{slug}", title_fr="Rafale {slug}", title_en="Burst {slug}",
    academic_year="2026-2027", term="spring", capacity=100000, is_published=True,
    starts_at=now + timedelta(days=30), ends_at=now + timedelta(days=30, hours=2),
    registration_opens_at=now - timedelta(days=1),
    registration_closes_at=now + timedelta(days=28),
)
"""


def _register(server, slug, n):
    browser = Browser()
    path = f"/en/student-receptions/{slug}/"
    page = browser.get(server, path)
    if page.status != 200:
        return 0, False
    form = browser.form(server, path, "first_name")
    data = form.data()
    data.update(
        first_name="Ana",
        last_name=f"Burst{n}",
        email=f"{slug}-{n}@example.org",
        nationality="PT",
        institution=next(v for v in form.choices["institution"] if v.isdigit()),
        study_level=next(v for v in form.choices["study_level"] if v),
        language="en",
        consent="on",
    )
    started = time.monotonic()
    response = browser.post(server, path, data)
    return time.monotonic() - started, response.status == 302


def burst(env, port, slug, delay, manage, start_server, stop_server):
    smtp_port = free_port()
    smtp = SmtpServer(smtp_port).start(delay=delay)
    run_env = {**env, "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}"}
    manage(run_env, "shell", "--command", RECEPTION.format(slug=slug))
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--interval", "0.2"],
        cwd=ROOT,
        env=run_env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    server = start_server(run_env)
    try:
        target = SimpleNamespace(port=port)
        started = time.monotonic()
        with ThreadPoolExecutor(CLIENTS) as pool:
            results = list(
                pool.map(lambda n: _register(target, slug, n), range(REGISTRATIONS))
            )
        seconds = time.monotonic() - started
        delivered = len(smtp.messages)
    finally:
        stop_server(server)
        os.killpg(worker.pid, signal.SIGTERM)
        try:
            worker.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(worker.pid, signal.SIGKILL)
        threading.Thread(target=smtp.stop, daemon=True).start()
    latencies = sorted(took for took, _ in results)
    return {
        "smtp_seconds_per_message": delay,
        "registrations": REGISTRATIONS,
        "clients": CLIENTS,
        "errors": sum(not ok for _, ok in results),
        "seconds": round(seconds, 2),
        "per_second": round(REGISTRATIONS / seconds, 1),
        "p95_ms": round(latencies[int(0.95 * len(latencies)) - 1] * 1000, 1),
        "emails_delivered_meanwhile": delivered,
    }


def run(env, port, manage, start_server, stop_server):
    """Fast, slow, slow, fast (an ABBA order): a load from elsewhere on the
    machine that grows or fades during the bench weighs on both alike."""
    runs = {"fast": [], "slow": []}
    for n, (name, delay) in enumerate(
        [("fast", 0), ("slow", SLOW_SECONDS), ("slow", SLOW_SECONDS), ("fast", 0)]
    ):
        slug = f"burst-{name}-{n}"
        runs[name].append(
            burst(env, port, slug, delay, manage, start_server, stop_server)
        )
    fast, slow = _combined(runs["fast"]), _combined(runs["slow"])
    rate_change = slow["per_second"] / fast["per_second"] - 1
    p95_change = slow["p95_ms"] / fast["p95_ms"] - 1
    return {
        "fast": fast,
        "slow": slow,
        "rate_change": round(rate_change, 3),
        "p95_change": round(p95_change, 3),
        # Slower by more than TARGET fails; faster is fine.
        "ok": rate_change >= -TARGET
        and p95_change <= TARGET
        and not fast["errors"]
        and not slow["errors"],
    }


def _combined(runs):
    """Two bursts with the same mail server as one: rates and p95s averaged."""
    first = runs[0]
    return {
        **first,
        "registrations": sum(run["registrations"] for run in runs),
        "errors": sum(run["errors"] for run in runs),
        "seconds": round(sum(run["seconds"] for run in runs), 2),
        "per_second": round(sum(run["per_second"] for run in runs) / len(runs), 1),
        "p95_ms": round(sum(run["p95_ms"] for run in runs) / len(runs), 1),
        "emails_delivered_meanwhile": sum(
            run["emails_delivered_meanwhile"] for run in runs
        ),
        "runs": runs,
    }
