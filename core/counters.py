"""A cache backend for counters (django-ratelimit's), in the database.

django-ratelimit counts with a cache's `add` and `incr`. Local memory counts
per process (a limit of 20 becomes 20 x workers), Django's database cache
increments by reading then writing (concurrent requests lose counts), and
Redis is a single point of failure. Here each operation is one SQL statement
on the `core.RateCounter` table, atomic on PostgreSQL and SQLite alike:

- `add`: INSERT ... ON CONFLICT DO UPDATE only when the row has expired;
- `incr`: UPDATE ... SET value = value + n ... RETURNING value.

Values are integers only; keys already carry django-ratelimit's time window,
so expired rows are only garbage, deleted now and then by `add`.
"""

import random
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache
from django.db import connections, router

from core.models import RateCounter

# One `add` in this many also deletes the expired rows.
CULL_ONE_IN = 100
# With no timeout: far in the future (the column is a 64-bit integer).
NEVER = 2**62


class DatabaseCounterCache(BaseCache):
    """Integer counters shared by every process, in `core.RateCounter`."""

    def __init__(self, location, params):
        super().__init__(params)

    # --- SQL ------------------------------------------------------------------

    def _execute(self, sql, params, fetch=False):
        connection = connections[router.db_for_write(RateCounter)]
        table = connection.ops.quote_name(RateCounter._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(sql.format(table=table), params)
            if fetch:
                return cursor.fetchone()
            return cursor.rowcount

    def _expires(self, timeout):
        expires = self.get_backend_timeout(timeout)
        return NEVER if expires is None else int(expires)

    @staticmethod
    def _integer(value):
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError("DatabaseCounterCache stores integers only")
        return value

    # --- The cache API ----------------------------------------------------------

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_and_validate_key(key, version=version)
        now = int(time.time())
        row = self._execute(
            "INSERT INTO {table} (cache_key, value, expires) VALUES (%s, %s, %s) "
            "ON CONFLICT (cache_key) DO UPDATE SET value = excluded.value, "
            "expires = excluded.expires WHERE {table}.expires <= %s "
            "RETURNING cache_key",
            [key, self._integer(value), self._expires(timeout), now],
            fetch=True,
        )
        if row is not None and random.randrange(CULL_ONE_IN) == 0:  # noqa: S311
            self._execute("DELETE FROM {table} WHERE expires <= %s", [now])
        return row is not None

    def get(self, key, default=None, version=None):
        key = self.make_and_validate_key(key, version=version)
        row = self._execute(
            "SELECT value FROM {table} WHERE cache_key = %s AND expires > %s",
            [key, int(time.time())],
            fetch=True,
        )
        return default if row is None else row[0]

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_and_validate_key(key, version=version)
        self._execute(
            "INSERT INTO {table} (cache_key, value, expires) VALUES (%s, %s, %s) "
            "ON CONFLICT (cache_key) DO UPDATE SET value = excluded.value, "
            "expires = excluded.expires",
            [key, self._integer(value), self._expires(timeout)],
        )

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_and_validate_key(key, version=version)
        return bool(
            self._execute(
                "UPDATE {table} SET expires = %s WHERE cache_key = %s AND expires > %s",
                [self._expires(timeout), key, int(time.time())],
            )
        )

    def incr(self, key, delta=1, version=None):
        key = self.make_and_validate_key(key, version=version)
        row = self._execute(
            "UPDATE {table} SET value = value + %s "
            "WHERE cache_key = %s AND expires > %s RETURNING value",
            [self._integer(delta), key, int(time.time())],
            fetch=True,
        )
        if row is None:
            raise ValueError(f"Key '{key}' not found")
        return row[0]

    def delete(self, key, version=None):
        key = self.make_and_validate_key(key, version=version)
        return bool(self._execute("DELETE FROM {table} WHERE cache_key = %s", [key]))

    def has_key(self, key, version=None):
        return self.get(key, version=version) is not None

    def clear(self):
        self._execute("DELETE FROM {table}", [])
