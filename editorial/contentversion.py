"""The content version: what changes whenever anything the public can see changes (a save,
publish, unpublish, delete or restore of a content item, a vocabulary or a part, or a
scheduled publication date coming). HTTP caches use it as their validator (toolkit.httpcache).

Read from the database in one query and kept in Django's cache, shared by every worker and
server with a shared cache (REDIS_URL); any content write forgets it (signals, connected in
EditorialConfig.ready()). Within a request it is read from the cache once, whoever asks (the
HTTP validators, the layout's navigation).
"""

import hashlib
import threading
import uuid
from datetime import UTC, datetime

from django.apps import apps
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from editorial.publishing import Part, Publishable, Vocabulary

KEY = "editorial:content-version"
# A random name for the content as this cache last saw it change: a write the database keeps
# no trace of (a vocabulary renamed outside the admin) still changes the version.
GENERATION_KEY = "editorial:content-generation"
# How long a process may reuse the version it read. A save on this process (on any, with a
# shared cache) forgets it at once; this bounds the rest: a publication date set in the future
# coming, a save on another process with a per-process cache, a write sending no signal.
SECONDS = 30
CONTENT = (Publishable, Vocabulary, Part)


def content_models():
    return [model for model in apps.get_models() if issubclass(model, CONTENT)]


def current() -> dict:
    """``{"tag": str, "modified": datetime | None}``: the tag changes with any content change;
    ``modified`` is the latest save or publication date that has come."""
    version = getattr(_request, "version", None)
    if version is not None:
        return version
    found = cache.get_many([KEY, *_companions])
    version = found.get(KEY)
    if version is None:
        generation = cache.get_or_set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
        version = read(generation)
        cache.set(KEY, version, SECONDS)
    if getattr(_request, "active", False):
        _request.version, _request.companions = version, found
    return version


def read_along(key: str) -> None:
    """Read ``key`` in the same round trip to the cache as the version (see ``along()``)."""
    if key not in _companions:
        _companions.append(key)


def along(key: str, default=None):
    """The value of a key given to ``read_along()``: during a request, as read with the
    version (one round trip for both, whoever asks first); outside one, read now."""
    if not getattr(_request, "active", False):
        return cache.get(key, default)
    current()
    return _request.companions.get(key, default)


# The version (and its companions) read during this thread's request, if one is being served
# (never outside one): any content write forgets them.
_request = threading.local()
_companions: list[str] = []


def _request_started(**kwargs):
    _request.active, _request.version = True, None


def _request_finished(**kwargs):
    _request.active, _request.version = False, None


def read(generation: str = "") -> dict:
    """One query: per content model its row count (a deletion), latest save and latest
    publication date that has come; and the history's latest revision (a vocabulary renamed in
    the admin has no date of its own)."""
    quote = connection.ops.quote_name

    def text(expression):  # one column type in every part of the UNION, whatever the database
        return f"CAST({expression} AS VARCHAR(64))"

    selects, params = [], []
    for model in content_models():
        fields = {field.name for field in model._meta.concrete_fields}
        updated = f"MAX({quote('updated_at')})" if "updated_at" in fields else "NULL"
        published = "NULL"
        if "published_at" in fields:
            column = quote("published_at")
            published = f"MAX(CASE WHEN {column} <= %s THEN {column} END)"
            params.append(connection.ops.adapt_datetimefield_value(timezone.now()))
        selects.append(
            f"SELECT COUNT(*), {text(updated)}, {text(published)} "
            f"FROM {quote(model._meta.db_table)}"
        )
    revisions = quote(apps.get_model("reversion", "Revision")._meta.db_table)
    latest = text(f"MAX({quote('id')})")
    selects.append(f"SELECT COUNT(*), {latest}, {text('NULL')} FROM {revisions}")
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(selects), params)
        rows = cursor.fetchall()
    moments = [_moment(value) for row in rows[:-1] for value in row[1:]]
    moments = [value for value in moments if value is not None]
    return {
        "tag": hashlib.sha256(
            repr([generation, [[str(v) for v in row] for row in rows]]).encode()
        ).hexdigest(),
        "modified": max(moments) if moments else None,
    }


def _moment(value) -> datetime | None:
    if isinstance(value, str):  # the text of a timestamp (see read())
        value = parse_datetime(value)
    if not isinstance(value, datetime):
        return None
    return timezone.make_aware(value, UTC) if timezone.is_naive(value) else value


def forget() -> None:
    cache.set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
    _drop()
    # Again once the write commits: a request in between may have read the rows before it.
    transaction.on_commit(_drop)


def _drop():
    cache.delete(KEY)
    _request.version = None


def _changed(sender, signal, **kwargs):
    model = type(kwargs["instance"]) if signal is m2m_changed else sender
    if isinstance(model, type) and issubclass(model, CONTENT):
        forget()


def connect() -> None:
    post_save.connect(_changed, dispatch_uid="editorial-content-version-save")
    post_delete.connect(_changed, dispatch_uid="editorial-content-version-delete")
    m2m_changed.connect(_changed, dispatch_uid="editorial-content-version-m2m")
    request_started.connect(_request_started, dispatch_uid="editorial-content-version-request")
    request_finished.connect(_request_finished, dispatch_uid="editorial-content-version-done")
