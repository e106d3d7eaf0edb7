"""Django's Redis cache, made optional: the database is the source of truth,
so when Redis cannot be reached every page is simply answered uncached.

Each failure is logged, and for the next few seconds this process does not
try again (a Redis that stopped answering would otherwise cost a connection
timeout on every cache call of every request).
"""

import logging
import time

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger("carbonportal.cache")

RETRY_SECONDS = 5


class OptionalRedisCache(RedisCache):
    _down_until = 0.0

    def available(self):
        return time.monotonic() >= self._down_until

    def _failed(self, error):
        type(self)._down_until = time.monotonic() + RETRY_SECONDS
        logger.warning("Cache unavailable, answering uncached: %s", error)

    def _try(self, method, default, *args, **kwargs):
        if not self.available():
            return default
        try:
            return getattr(super(), method)(*args, **kwargs)
        except RedisError as error:
            self._failed(error)
            return default

    def get(self, key, default=None, version=None):
        return self._try("get", default, key, default, version)

    def get_many(self, keys, version=None):
        return self._try("get_many", {}, keys, version)

    def set(self, *args, **kwargs):
        return self._try("set", None, *args, **kwargs)

    def set_many(self, *args, **kwargs):
        return self._try("set_many", [], *args, **kwargs)

    def add(self, *args, **kwargs):
        # True: as if the key were new, so a counter starting here counts one.
        return self._try("add", True, *args, **kwargs)

    def incr(self, key, delta=1, version=None):
        return self._try("incr", delta, key, delta, version)

    def touch(self, *args, **kwargs):
        return self._try("touch", False, *args, **kwargs)

    def has_key(self, *args, **kwargs):
        return self._try("has_key", False, *args, **kwargs)

    def delete(self, *args, **kwargs):
        return self._try("delete", False, *args, **kwargs)

    def delete_many(self, *args, **kwargs):
        return self._try("delete_many", None, *args, **kwargs)

    def clear(self):
        return self._try("clear", None)

    def state(self):
        """ "ok" or "unavailable", asking Redis itself (for /healthz)."""
        try:
            super().set("healthz", "ok", 10)
            return "ok" if super().get("healthz") == "ok" else "unavailable"
        except RedisError:
            return "unavailable"
