"""What the privacy notice and the cookies page say about the code, read from the settings the
code itself uses, so the two pages cannot drift from what the site does."""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage


@dataclass(frozen=True)
class Cookie:
    name: str
    purpose: str
    expires: str


def duration(seconds: int) -> str:
    """``31449600`` -> "52 weeks", ``1800`` -> "30 minutes", ``3600`` -> "1 hour"."""
    for unit, size in (("week", 604800), ("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds >= size and seconds % size == 0:
            count = seconds // size
            return f"{count} {unit}{'' if count == 1 else 's'}"
    return f"{seconds} seconds"


def cookies() -> list[Cookie]:
    """Every cookie the site can set. All are strictly necessary: none is for analytics."""
    return [
        Cookie(
            name=settings.CSRF_COOKIE_NAME,
            purpose=(
                "Protects the forms you send (starting, saving or deleting a checklist record, "
                "asking for or stopping email alerts, signing in) from being sent by another website pretending to be you. Set when "
                "you open a page with such a form."
            ),
            expires=duration(settings.CSRF_COOKIE_AGE),
        ),
        Cookie(
            name=CookieStorage.cookie_name,
            purpose=(
                'Carries a one-off message, such as "Your progress has been saved", to the next '
                "page you see, without JavaScript. Removed as soon as the message is shown."
            ),
            expires="when the message is shown, or when you close your browser",
        ),
        Cookie(
            name=settings.SESSION_COOKIE_NAME,
            purpose=(
                "Keeps editors signed in to the content management system. Only set when "
                "someone signs in: visitors to the public pages never get it."
            ),
            expires=f"{duration(settings.SESSION_COOKIE_AGE)} after the last page an editor opens",
        ),
    ]


def checklist_facts() -> dict:
    limit, window = settings.CHECKLIST_RECORDS_PER_CLIENT
    return {
        "empty_record_days": settings.CHECKLIST_EMPTY_RECORD_DAYS,
        "records_per_client": limit,
        "rate_window": duration(window),
        "login_failures": settings.AXES_FAILURE_LIMIT,
    }


def alerts_facts() -> dict:
    per_client, window = settings.ALERTS_SIGNUPS_PER_CLIENT
    per_address, address_window = settings.ALERTS_SIGNUPS_PER_ADDRESS
    return {
        "alerts_unconfirmed_days": settings.ALERTS_UNCONFIRMED_DAYS,
        "alerts_per_client": per_client,
        "alerts_per_address": per_address,
        "alerts_window": duration(window),
        "alerts_address_window": duration(address_window),
    }


def submission_facts() -> dict:
    """What the notice says about case study submissions (submissions/spam.py)."""
    limit, window = settings.SUBMISSIONS_PER_CLIENT
    return {"submissions_per_client": limit, "submission_window": duration(window)}
