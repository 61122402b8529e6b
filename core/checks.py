"""`manage.py check --deploy`: a production configuration that cannot share
what every worker and server must share."""

from django.conf import settings
from django.core.checks import Tags, Warning, register

# Backends whose data lives in one process only.
PROCESS_LOCAL = (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
)


@register(Tags.caches, deploy=True)
def shared_state(app_configs=None, **kwargs):
    """With several workers (or servers), counters kept in process memory
    count per process: a limit of 20 becomes 20 per worker.

    Pages may be kept in process memory: their generation is in the database
    (core/caching.py), so no process serves a page older than the last change.
    """
    if settings.DEBUG or getattr(settings, "WEB_CONCURRENCY", 1) <= 1:
        return []
    problems = []
    for alias in getattr(settings, "SHARED_CACHES", ()):
        backend = settings.CACHES.get(alias, {}).get("BACKEND", "")
        if backend in PROCESS_LOCAL:
            problems.append(
                Warning(
                    f"The {alias!r} cache is kept in each process's memory, "
                    f"but {settings.WEB_CONCURRENCY} workers serve the site: "
                    "what it counts is counted per worker.",
                    hint="Set REDIS_URL (one Redis shared by every worker and "
                    "server), or WEB_CONCURRENCY=1 (README, production).",
                    id="core.W001",
                )
            )
    return problems
