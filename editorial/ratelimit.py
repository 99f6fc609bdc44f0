"""Per-client limits on things the public can create (records, submissions, alert sign-ups).

Counted in Django's cache, so every worker and server shares the count once the cache is shared
(REDIS_URL); with the local-memory cache each process counts on its own.
"""

import ipaddress

from django.conf import settings
from django.core.cache import cache


def client_address(request) -> str:
    """The address a limit counts against (and django-axes locks: AXES_CLIENT_IP_CALLABLE).

    Behind a proxy (settings.BEHIND_PROXY, DJANGO_BEHIND_PROXY=1) ``REMOTE_ADDR`` is the proxy's
    for every client, so the client is the rightmost address of X-Forwarded-For: the one the
    proxy appended, the only one it vouches for (whatever a client wrote further left is its
    own say-so). Without a proxy the header is anyone's to forge and is ignored.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    if not getattr(settings, "BEHIND_PROXY", False):
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").rsplit(",", 1)[-1].strip()
    try:
        return str(ipaddress.ip_address(forwarded))
    except ValueError:  # no header, or not an address: the proxy did not set it
        return remote


def over_limit(key: str, limit: int, window: int) -> bool:
    """Count one more under ``key``; True once more than ``limit`` in ``window`` seconds."""
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, timeout=window)
        count = 1
    return count > limit
