"""What /healthz reports: each part the site needs, and whether it answers."""

import logging
import uuid

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError

logger = logging.getLogger(__name__)

OK = "ok"
UNAVAILABLE = "unavailable"


def site_health(connection):
    """{"status": "ok" | "degraded" | "unavailable", "checks": {part: state}}.

    "unavailable" when the site cannot serve (the database does not answer);
    "degraded" when it serves without a part that only makes it faster (the
    cache: pages are then rendered from the database). No detail of why: the
    log has it.
    """
    checks = {"database": _database(connection), "cache": _cache()}
    if checks["database"] != OK:
        status = UNAVAILABLE
    elif checks["cache"] != OK:
        status = "degraded"
    else:
        status = OK
    return {"status": status, "checks": checks}


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
