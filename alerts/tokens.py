"""The links in alert emails.

A confirmation link carries a random token stored only as its SHA-256, and works once. Manage
and unsubscribe links go into every email, so they are built again each time: the record's id
and random key, signed with the site's secret key (Django's Signer). A copy of the database
alone cannot forge one, and deleting the record ends the link.
"""

import hashlib
import re
import secrets

from django.core.signing import BadSignature, Signer
from django.utils.crypto import constant_time_compare

MANAGE, UNSUBSCRIBE = "manage", "unsubscribe"
CONFIRM_SHAPE = re.compile(r"[A-Za-z0-9_-]{43}")
ID_SHAPE = re.compile(r"[1-9][0-9]{0,17}")


def new_confirm_token() -> tuple[str, str]:
    """A confirmation token and the hash stored in its place."""
    token = secrets.token_urlsafe(32)
    return token, confirm_hash(token)


def confirm_hash(token: str) -> str | None:
    """The stored form of a confirmation token, or None for one of the wrong shape."""
    if not CONFIRM_SHAPE.fullmatch(token):
        return None
    return hashlib.sha256(token.encode()).hexdigest()


def _signer(purpose):
    return Signer(salt=f"alerts.{purpose}")


def link_token(purpose: str, obj) -> str:
    return _signer(purpose).sign(f"{obj.pk}.{obj.key}")


def from_link_token(purpose: str, model, token: str):
    """The record a manage or unsubscribe link names, or None."""
    try:
        value = _signer(purpose).unsign(token)
    except BadSignature:
        return None
    pk, _, key = value.partition(".")
    if not ID_SHAPE.fullmatch(pk):
        return None
    obj = model.objects.filter(pk=int(pk)).first()
    if obj is None or not constant_time_compare(obj.key, key):
        return None
    return obj
