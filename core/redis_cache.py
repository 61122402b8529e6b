"""Redis as a cache, not a single point of failure.

`ResilientRedisCache` is django-redis whose every failure is a miss (a read
answers "not found", a write is dropped), with socket timeouts from the
settings and a breaker: after a failure this process leaves Redis alone for
`RETRY_SECONDS` (no request waits on a Redis that is down or frozen), then
tries again with the next operation.

When Redis answers again, whatever this process wrote or deleted while it did
not (a session signed out, a page stored) is deleted from Redis before
anything else: Redis may still hold what it held before the outage, and the
database is what changed meanwhile. (Cached pages need no such care: their
generation is in the database, core/caching.py.) If the process has more
such keys than `MAX_PENDING`, every key of this cache is deleted instead.
"""

import logging
import threading
import time

from django_redis.cache import RedisCache
from django_redis.exceptions import ConnectionInterrupted
from redis.exceptions import ConnectionError as RedisConnectionError

logger = logging.getLogger(__name__)

RETRY_SECONDS = 2.0
MAX_PENDING = 10_000

# Operations that change keys: (name, where their keys are).
_WRITES = {
    "set": "first",
    "add": "first",
    "touch": "first",
    "incr": "first",
    "decr": "first",
    "delete": "first",
    "expire": "first",
    "persist": "first",
    "set_many": "mapping",
    "delete_many": "list",
}


class Breaker:
    """One per Redis location and process, shared by every thread."""

    def __init__(self, retry_seconds):
        self.retry_seconds = retry_seconds
        self.lock = threading.Lock()
        self.down_since = None
        self.retry_at = 0.0
        self.pending = set()
        self.overflow = False

    def allows(self):
        return time.monotonic() >= self.retry_at

    def failed(self, keys):
        with self.lock:
            self.retry_at = time.monotonic() + self.retry_seconds
            self._remember(keys)
            if self.down_since is None:
                self.down_since = time.monotonic()
                logger.warning(
                    "Redis does not answer: serving without it, trying again "
                    "every %s s",
                    self.retry_seconds,
                )

    def skipped(self, keys):
        with self.lock:
            self._remember(keys)

    def _remember(self, keys):
        if self.overflow:
            return
        self.pending.update(keys)
        if len(self.pending) > MAX_PENDING:
            self.pending.clear()
            self.overflow = True

    def recovered(self):
        """(keys to delete, delete everything?) once, when Redis is back."""
        if self.down_since is None:
            return None
        with self.lock:
            if self.down_since is None:
                return None
            outage = time.monotonic() - self.down_since
            pending, overflow = self.pending, self.overflow
            self.down_since, self.pending, self.overflow = None, set(), False
        logger.warning("Redis answers again after %.1f s", outage)
        return pending, overflow


_breakers = {}
_breakers_lock = threading.Lock()


def breaker_for(location, retry_seconds):
    with _breakers_lock:
        if location not in _breakers:
            _breakers[location] = Breaker(retry_seconds)
        return _breakers[location]


def _keys(name, args, kwargs):
    where = _WRITES.get(name)
    if where is None:
        return ()
    value = args[0] if args else next(iter(kwargs.values()), None)
    if value is None:
        return ()
    if where == "mapping":
        return tuple(value)
    if where == "list":
        return tuple(value)
    return (value,)


def _skipped():
    error = ConnectionInterrupted(connection=None)
    error.__cause__ = RedisConnectionError("skipped: Redis failed moments ago")
    return error


class _GuardedClient:
    """The django-redis client, behind the breaker."""

    def __init__(self, client, breaker):
        self._client = client
        self._breaker = breaker

    def __getattr__(self, name):
        attribute = getattr(self._client, name)
        if name.startswith("_") or not callable(attribute):
            return attribute

        def guarded(*args, **kwargs):
            keys = _keys(name, args, kwargs)
            if not self._breaker.allows():
                self._breaker.skipped(keys)
                raise _skipped()
            try:
                self._repair()  # first, when Redis was failing
                return attribute(*args, **kwargs)
            except ConnectionInterrupted:
                self._breaker.failed(keys)
                raise

        return guarded

    def _repair(self):
        """Before anything else once Redis answers again: delete what was
        written or deleted meanwhile (raises ConnectionInterrupted if Redis
        still fails; the keys are then kept for the next try)."""
        repair = self._breaker.recovered()
        if repair is None:
            return
        pending, overflow = repair
        try:
            if overflow:
                self._client.delete_pattern("*")
            elif pending:
                self._client.delete_many(list(pending))
        except ConnectionInterrupted:
            self._breaker.failed(pending)
            if overflow:
                self._breaker.overflow = True
            raise


class ResilientRedisCache(RedisCache):
    """django-redis for which Redis is optional (see the module's docstring).

    OPTIONS: those of django-redis (SOCKET_CONNECT_TIMEOUT, SOCKET_TIMEOUT...)
    plus RETRY_SECONDS. Failures are always ignored (IGNORE_EXCEPTIONS).
    """

    def __init__(self, server, params):
        options = dict(params.get("OPTIONS", {}))
        retry_seconds = float(options.pop("RETRY_SECONDS", RETRY_SECONDS))
        options["IGNORE_EXCEPTIONS"] = True
        super().__init__(server, {**params, "OPTIONS": options})
        self._breaker = breaker_for(server, retry_seconds)

    @property
    def client(self):
        return _GuardedClient(super().client, self._breaker)

    def ping(self):
        """Does Redis answer now? (For /healthz; skips the breaker's wait.)"""
        client = super().client
        try:
            client.get_client(write=True).ping()
            _GuardedClient(client, self._breaker)._repair()
        except Exception:
            self._breaker.failed(())
            return False
        return True
