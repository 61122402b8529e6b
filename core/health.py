"""What /healthz reports: each part the site needs, and whether it answers."""

import logging
import uuid

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError

logger = logging.getLogger(__name__)

OK = "ok"
UNAVAILABLE = "unavailable"

# Parts other apps add (`register`): name -> function returning "ok", another
# state, or None when the part does not run here.
_background_checks = {}


def register(name, check):
    """Report `check()` as part `name`: the work an app does in the background
    (the task worker's periodic work). Not "ok" makes the site "degraded",
    never "unavailable": pages are served without it."""
    _background_checks[name] = check


def site_health(connection):
    """{"status": "ok" | "degraded" | "unavailable", "checks": {part: state}}.

    "unavailable" when the site cannot serve (the database does not answer);
    "degraded" when it serves without a part that only makes it faster (the
    cache: pages are then rendered from the database) or with background work
    not done in time (registered parts, read from the database, so checked
    only when it answers). No detail of why: the log has it.
    """
    checks = {"database": _database(connection), "cache": _cache()}
    if checks["database"] == OK:
        checks.update(_background())
    if checks["database"] != OK:
        status = UNAVAILABLE
    elif any(state != OK for state in checks.values()):
        status = "degraded"
    else:
        status = OK
    return {"status": status, "checks": checks}


def _background():
    checks = {}
    for name, check in _background_checks.items():
        try:
            state = check()
        except Exception:
            logger.exception("Health check failed: %s", name)
            state = UNAVAILABLE
        if state is not None:
            checks[name] = state
            if state != OK:
                logger.warning("Health check: %s is %s", name, state)
    return checks


def _database(connection):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("Health check failed: the database does not answer")
        return UNAVAILABLE
    return OK


def _cache():
    cache = caches[getattr(settings, "PAGE_CACHE_ALIAS", "default")]
    try:
        if hasattr(cache, "ping"):  # core.redis_cache: a real round trip
            answered = cache.ping()
        else:
            key = f"healthz:{uuid.uuid4().hex}"
            cache.set(key, 1, timeout=10)
            answered = cache.get(key) == 1
            cache.delete(key)
    except Exception:
        logger.exception("Health check failed: the cache does not answer")
        return UNAVAILABLE
    if not answered:
        logger.warning("Health check: the cache does not answer")
        return UNAVAILABLE
    return OK
