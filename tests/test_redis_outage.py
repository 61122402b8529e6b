"""Redis is a cache, never a reason to fail or to wait (core/redis_cache.py),
against a Redis of the test's own that is stopped, frozen and thawed."""

import time

import pytest

from core.redis_cache import ResilientRedisCache, breaker_for
from tests.services import RedisServer


@pytest.fixture
def redis_server(tmp_path):
    server = RedisServer(tmp_path).start()
    yield server
    server.stop()


def make_cache(server, retry_seconds=1.0):
    return ResilientRedisCache(
        server.url,
        {
            "KEY_PREFIX": "outage-test",
            "OPTIONS": {
                "SOCKET_CONNECT_TIMEOUT": 0.25,
                "SOCKET_TIMEOUT": 0.5,
                "RETRY_SECONDS": retry_seconds,
            },
        },
    )


def timed(operation):
    started = time.monotonic()
    result = operation()
    return result, time.monotonic() - started


def test_a_stopped_redis_is_a_miss_at_once(redis_server):
    cache = make_cache(redis_server)
    cache.set("page", "bytes")
    redis_server.stop()
    value, seconds = timed(lambda: cache.get("page"))
    assert value is None
    assert seconds < 0.3
    cache.set("page", "other")  # dropped, never raised
    assert cache.get_many(["page"]) == {}
    assert cache.ping() is False


def test_a_frozen_redis_costs_one_timeout_then_nothing(redis_server):
    cache = make_cache(redis_server, retry_seconds=30)
    cache.set("page", "bytes")
    redis_server.freeze()
    try:
        value, first = timed(lambda: cache.get("page"))
        assert value is None
        assert first < 1.0  # the read timeout, once, no retries
        _value, then = timed(lambda: [cache.get("page") for _ in range(20)])
        assert then < 0.1  # the breaker: Redis left alone meanwhile
    finally:
        redis_server.thaw()


def test_what_changed_during_the_outage_is_deleted_when_redis_answers(redis_server):
    """A session signed out while Redis was frozen must not come back from
    Redis's old copy once it thaws."""
    cache = make_cache(redis_server, retry_seconds=0.2)
    cache.set("session:abc", {"user": 1})
    redis_server.freeze()
    try:
        cache.get("other")  # the first failure opens the breaker
        cache.delete("session:abc")  # skipped: remembered
    finally:
        redis_server.thaw()
    time.sleep(0.3)
    assert cache.get("session:abc") is None
    assert breaker_for(redis_server.url, 0.2).down_since is None


def test_redis_answering_again_is_used_again(redis_server):
    cache = make_cache(redis_server, retry_seconds=0.2)
    redis_server.freeze()
    try:
        cache.get("page")
    finally:
        redis_server.thaw()
    time.sleep(0.3)
    cache.set("page", "bytes")
    assert cache.get("page") == "bytes"
    assert cache.ping() is True
