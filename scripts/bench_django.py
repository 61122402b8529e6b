"""The Django side of `make bench` (run by scripts/bench.py with its settings).

    python scripts/bench_django.py urls            JSON of the URLs to measure
    python scripts/bench_django.py registrations   200 sign-ups, 20 clients, 50 seats
    python scripts/bench_django.py generation      cost of the "content changed" check

Registrations go through the students app's services, the code the public
form calls: `students.services.registration_create(...)` then
`registration_confirm(registration=...)` for each, from 20 threads with one
database connection each, for a reception of 50 seats. Skipped, with a reason,
while the students app has no such services.
"""

import json
import os
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dijon_site.settings")

import django  # noqa: E402

django.setup()

from django.apps import apps  # noqa: E402
from django.contrib.staticfiles.storage import staticfiles_storage  # noqa: E402
from django.db import connection  # noqa: E402
from django.urls import NoReverseMatch, reverse  # noqa: E402
from django.utils import timezone, translation  # noqa: E402

SEATS = 50
CLIENTS = 20
REGISTRATIONS = 200


def urls():
    found = {"notes": []}
    with translation.override("fr"):
        found["home"] = reverse("home")
        found["twin-town list"] = reverse("twinning:town_list")
        found["town page"] = reverse("twinning:town_detail", kwargs={"slug": "mainz"})
        found["receptions list"] = reverse("students:reception_list")
        reception = _reception_url()
        if reception:
            found["reception page"] = reception
        else:
            found["notes"].append(
                "reception page skipped: no students reception page in this build"
            )
    found["static file"] = staticfiles_storage.url("css/site.css")
    return found


def _reception_url():
    if "students" not in apps.app_configs:
        return None
    try:
        Reception = apps.get_model("students", "Reception")
    except LookupError:
        return None
    receptions = Reception.objects.all()
    if hasattr(receptions, "published"):
        receptions = receptions.published()
    now = timezone.now()
    # Prefer a reception open for registration: its page shows the form.
    if hasattr(receptions, "open_for_registration"):
        reception = receptions.open_for_registration(now).first()
    else:
        reception = None
    reception = reception or receptions.first()
    if reception is None:
        return None
    try:
        return reception.get_absolute_url()
    except NoReverseMatch:
        return None


def registrations():
    try:
        from students import services
        from students.models import Reception, Registration
    except ImportError as exc:
        return {"skipped": f"students services not available ({exc.name})"}
    if not all(
        hasattr(services, name)
        for name in ("registration_create", "registration_confirm")
    ):
        return {"skipped": "students.services lacks registration_create/confirm"}
    if connection.vendor != "postgresql":
        return {"skipped": "needs PostgreSQL (row locks); the bench database is not"}

    now = timezone.now()
    stamp = now.strftime("%Y%m%d%H%M%S")
    reception = Reception.objects.create(
        title=f"Bench reception {stamp}",
        slug=f"bench-{stamp}",
        academic_year=f"{now.year}-{now.year + 1}",
        term=Reception._meta.get_field("term").choices[0][0],
        starts_at=now + timedelta(days=30),
        ends_at=now + timedelta(days=30, hours=2),
        capacity=SEATS,
        registration_opens_at=now - timedelta(days=1),
        registration_closes_at=now + timedelta(days=29),
        is_published=True,
    )
    level = Registration._meta.get_field("study_level").choices[0][0]
    errors = []
    lock = threading.Lock()

    def client(number):
        try:
            for i in range(REGISTRATIONS // CLIENTS):
                n = number * (REGISTRATIONS // CLIENTS) + i
                try:
                    registration = services.registration_create(
                        reception=reception,
                        details=services.RegistrationDetails(
                            first_name=f"Student{n}",
                            last_name="Bench",
                            email=f"student{n}@bench.invalid",
                            nationality="DE",
                            study_level=level,
                            language="en",
                            consent=True,
                            institution_other="Bench University",
                        ),
                    )
                    services.registration_confirm(registration=registration)
                except Exception as exc:  # every failure is a result here
                    with lock:
                        errors.append(f"{type(exc).__name__}: {exc}")
        finally:
            connection.close()

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
        list(pool.map(client, range(CLIENTS)))
    elapsed = time.perf_counter() - started
    statuses = {
        status: Registration.objects.filter(reception=reception, status=status).count()
        for status in ("confirmed", "waitlisted", "pending")
    }
    return {
        "registrations": REGISTRATIONS,
        "clients": CLIENTS,
        "seats": SEATS,
        "seconds": round(elapsed, 2),
        "per_second": round(REGISTRATIONS / elapsed, 1),
        "errors": len(errors),
        "first_errors": errors[:5],
        "confirmed": statuses["confirmed"],
        "waitlisted": statuses["waitlisted"],
        "pending": statuses["pending"],
        "ok": not errors and statuses["confirmed"] == SEATS,
    }


GENERATION_READS = 2000


def generation():
    """What the "content changed" check costs each request (core/caching.py):
    one read of the generation row from the database (the source of truth,
    whatever the cache), next to one read of the same token from the cache
    (what a cache-only generation would cost, and is not shared by every
    process without Redis)."""
    from django.core.cache import caches

    from core.caching import PAGES, _cache

    PAGES.current()  # the row exists, the connection is open
    started = time.perf_counter()
    for _ in range(GENERATION_READS):
        PAGES.current()
    database = (time.perf_counter() - started) / GENERATION_READS
    cache = _cache()
    cache.set("bench:generation", PAGES.current(), timeout=60)
    started = time.perf_counter()
    for _ in range(GENERATION_READS):
        cache.get("bench:generation")
    cached = (time.perf_counter() - started) / GENERATION_READS
    return {
        "source": "database",
        "reads": GENERATION_READS,
        "database_us": round(database * 1e6, 1),
        "cache_us": round(cached * 1e6, 1),
        "cache": type(caches["default"]).__name__,
    }


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "urls"
    result = {
        "urls": urls,
        "registrations": registrations,
        "generation": generation,
    }[command]()
    sys.stdout.write(json.dumps(result) + "\n")
