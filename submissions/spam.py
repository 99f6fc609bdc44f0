"""Holding back spam without a CAPTCHA: a honeypot field, how long the form was open, and a
per-client limit. What each answers is in the README ("Case study submissions")."""

import enum
import time

from django.conf import settings
from django.core import signing

from editorial.ratelimit import client_address, over_limit

SALT = "submissions.form-opened"


class Timing(enum.Enum):
    OK = "ok"
    TOO_FAST = "too_fast"
    EXPIRED = "expired"
    UNREADABLE = "unreadable"  # missing, altered or forged


TIMING_MESSAGES = {
    Timing.TOO_FAST: (
        "The form was sent within seconds of the page opening, so we could not be sure a "
        "person sent it. Check your answers, then send it again"
    ),
    Timing.EXPIRED: (
        "The form was opened too long ago to be sent. Check your answers, then send it again"
    ),
    Timing.UNREADABLE: (
        "We could not check when the form was opened. Check your answers, then send it again"
    ),
}


def opened_token(now: float | None = None) -> str:
    """The signed time the form is shown, for its hidden ``started`` field."""
    return signing.dumps(round(time.time() if now is None else now, 3), salt=SALT)


def timing(token: str, now: float | None = None) -> Timing:
    try:
        opened = float(signing.loads(token or "", salt=SALT))
    except (signing.BadSignature, TypeError, ValueError):
        return Timing.UNREADABLE
    age = (time.time() if now is None else now) - opened
    if age < 0:
        return Timing.UNREADABLE
    if age < settings.SUBMISSIONS_MIN_SECONDS:
        return Timing.TOO_FAST
    if age > settings.SUBMISSIONS_MAX_AGE:
        return Timing.EXPIRED
    return Timing.OK


def is_honeypot_filled(data) -> bool:
    return bool(data.get("website"))


def over_client_limit(request) -> bool:
    """Count one more submission from this client; True when it is one too many."""
    limit, window = settings.SUBMISSIONS_PER_CLIENT
    return over_limit(f"submissions:{client_address(request)}", limit, window)
