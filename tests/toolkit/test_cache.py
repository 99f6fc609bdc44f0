"""The Redis cache (REDIS_URL) and how the site runs while Redis is gone: against a real Redis
server of the test's own, stopped and started again, and a port where nothing listens."""

import logging
import os
import shutil
import socket
import subprocess
import time

import pytest
from django.core.cache import caches
from django.test import Client

from editorial.ratelimit import over_limit
from tests.users import make_user
from toolkit.cache import DegradingRedisCache

REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def redis_cache(port, retry_seconds=0):
    cache = DegradingRedisCache(
        f"redis://127.0.0.1:{port}/0",
        {"OPTIONS": {"socket_timeout": 0.5, "socket_connect_timeout": 0.5}},
    )
    cache.RETRY_SECONDS = retry_seconds
    return cache


class RedisServer:
    """redis-server on a port of its own, keeping nothing on disk."""

    def __init__(self, port):
        self.port = port
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            [REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1", "--save", ""]
            + ["--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )
        for _ in range(100):
            with socket.socket() as sock:
                if sock.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self):
        if self.process:
            self.process.terminate()
            self.process.wait(10)
            self.process = None


@pytest.fixture
def redis_server():
    server = RedisServer(free_port())
    server.start()
    yield server
    server.stop()


def test_nothing_listening_reads_as_an_empty_cache(caplog):
    cache = redis_cache(free_port(), retry_seconds=60)
    with caplog.at_level(logging.WARNING, logger="toolkit.cache"):
        assert cache.get("k", "default") == "default"
        assert cache.add("k", 1) is False
        assert cache.set("k", 1) is None
        assert cache.get_many(["a", "b"]) == {}
        assert cache.has_key("k") is False
        assert cache.delete("k") is False
        assert cache.set_many({"a": 1, "b": 2}) == ["a", "b"]
        assert cache.get_or_set("k", 5) == 5
        with pytest.raises(ValueError):
            cache.incr("k")
    assert cache.available is False
    messages = [record.getMessage() for record in caplog.records]
    assert len(messages) == 1, messages  # logged once, not once an operation
    assert messages[0].startswith("Redis is unavailable (Error 111 connecting to 127.0.0.1:")
    assert "Connection refused" in messages[0]
    assert messages[0].endswith(
        f"process {os.getpid()} serves without the cache, trying again every 60 s."
    )


def test_the_checklist_limit_lets_requests_through_without_redis(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "toolkit.cache.DegradingRedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
        }
    }
    assert isinstance(caches["default"], DegradingRedisCache)
    assert [over_limit("start:198.51.100.7", 2, 60) for _ in range(4)] == [False] * 4


def test_the_limit_is_shared_through_redis(settings, redis_server):
    """Two clients of one Redis (two app servers) count together."""
    location = f"redis://127.0.0.1:{redis_server.port}/0"
    settings.CACHES = {
        "default": {"BACKEND": "toolkit.cache.DegradingRedisCache", "LOCATION": location}
    }
    other_server = redis_cache(redis_server.port)
    assert [over_limit("start:198.51.100.8", 3, 60) for _ in range(2)] == [False, False]
    other_server.incr("start:198.51.100.8")  # a third, counted by the other server
    assert over_limit("start:198.51.100.8", 3, 60) is True


def test_redis_stopped_then_started_again(redis_server, caplog):
    cache = redis_cache(redis_server.port)
    cache.set("greeting", "hello")
    assert cache.get("greeting") == "hello"

    redis_server.stop()
    with caplog.at_level(logging.WARNING, logger="toolkit.cache"):
        assert [cache.get("greeting", "none") for _ in range(3)] == ["none"] * 3
        assert cache.available is False

        redis_server.start()
        cache.set("greeting", "hello again")
        assert cache.get("greeting") == "hello again"
        assert cache.available is True
    messages = [record.getMessage() for record in caplog.records]
    assert len(messages) == 2, messages  # once down, once back: not once a request
    assert messages[0].startswith("Redis is unavailable")
    assert messages[1] == f"Redis is available again: process {os.getpid()} uses the cache."


def test_while_down_redis_is_not_asked_again_for_a_few_seconds(redis_server):
    cache = redis_cache(redis_server.port, retry_seconds=60)
    redis_server.stop()
    assert cache.get("k") is None
    redis_server.start()
    assert cache.add("k", 1) is False  # Redis is back, but not asked before 60 s
    cache._down_until = 0  # the 60 s are up
    assert cache.add("k", 1) is True


def test_editors_stay_signed_in_without_redis(settings, db):
    """Sessions are written to the database (cached_db): losing the cache signs nobody out."""
    settings.CACHES = {
        "default": {
            "BACKEND": "toolkit.cache.DegradingRedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
        }
    }
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.cached_db"
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(make_user(role="editor"))
    for _ in range(2):
        page = client.get("/admin/")
        assert page.status_code == 200
        assert "Log out" in page.content.decode()
