"""Django's RedisCache, degrading to no cache while Redis cannot be reached.

Every operation that fails to reach Redis (connection refused, timed out) answers as a cache
holding nothing would: ``get`` its default, ``add`` False, ``set`` nothing, ``incr`` the
ValueError of a missing key (so the rate limit counts afresh and lets the request through).
The first failure is logged, once, and the next ``RETRY_SECONDS`` skip Redis altogether, so
an outage costs a request no waiting; the first success after it is logged too. Sessions
(``cached_db``) and lockouts (django-axes) live in the database, so nothing is lost.
"""

import functools
import logging
import os
import threading
import time

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger("toolkit.cache")

UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)


def degrading(fallback):
    """Run the operation; while Redis is unreachable, answer ``fallback(*args, **kwargs)``."""

    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            if self._down_until > time.monotonic():
                return fallback(*args, **kwargs)
            try:
                result = method(self, *args, **kwargs)
            except UNREACHABLE as error:
                self._went_down(error)
                return fallback(*args, **kwargs)
            if self._down:
                self._came_back()
            return result

        return wrapper

    return decorate


def _get_default(key, default=None, version=None):
    return default


def _missing_key(key, *args, **kwargs):
    raise ValueError(f"Key {key!r} not found (the cache is unavailable).")


def _constant(value):
    return lambda *args, **kwargs: value


class KeptClients(RedisCacheClient):
    """Django's client, keeping one redis-py client per connection pool instead of building
    one (with its table of some 170 response callbacks) for every operation."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(pool)
        if client is None:
            client = self._clients[pool] = self._client(connection_pool=pool)
        return client


class DegradingRedisCache(RedisCache):
    RETRY_SECONDS = 5

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = KeptClients
        self._lock = threading.Lock()
        self._down = False
        self._down_until = 0.0

    def _went_down(self, error):
        with self._lock:
            self._down_until = time.monotonic() + self.RETRY_SECONDS
            if self._down:
                return
            self._down = True
        logger.error(
            "Redis is unavailable (%s): process %s serves without the cache, trying again "
            "every %s s.",
            error,
            os.getpid(),
            self.RETRY_SECONDS,
        )

    def _came_back(self):
        with self._lock:
            if not self._down:
                return
            self._down = False
        logger.warning("Redis is available again: process %s uses the cache.", os.getpid())

    @property
    def available(self) -> bool:
        """False while the last attempt to reach Redis failed."""
        return not self._down

    add = degrading(_constant(False))(RedisCache.add)
    get = degrading(_get_default)(RedisCache.get)
    set = degrading(_constant(None))(RedisCache.set)
    touch = degrading(_constant(False))(RedisCache.touch)
    delete = degrading(_constant(False))(RedisCache.delete)
    get_many = degrading(lambda *args, **kwargs: {})(RedisCache.get_many)
    has_key = degrading(_constant(False))(RedisCache.has_key)
    incr = degrading(_missing_key)(RedisCache.incr)
    set_many = degrading(lambda data, *args, **kwargs: list(data))(RedisCache.set_many)
    delete_many = degrading(_constant(None))(RedisCache.delete_many)
    clear = degrading(_constant(False))(RedisCache.clear)
