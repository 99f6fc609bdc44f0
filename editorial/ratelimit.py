"""Per-client limits on things the public can create (records, submissions, alert sign-ups).

Counted in Django's cache, so every worker and server shares the count once the cache is shared
(REDIS_URL); with the local-memory cache each process counts on its own.
"""

from django.core.cache import cache


def client_address(request) -> str:
    """The address a limit counts against."""
    return request.META.get("REMOTE_ADDR", "")


def over_limit(key: str, limit: int, window: int) -> bool:
    """Count one more under ``key``; True once more than ``limit`` in ``window`` seconds."""
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, timeout=window)
        count = 1
    return count > limit
