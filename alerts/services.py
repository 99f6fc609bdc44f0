"""Writes: signing up for an alert, confirming it, stopping it, and forgetting addresses."""

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from alerts.models import Alert, Subscriber
from alerts.tokens import new_confirm_token
from editorial.ratelimit import over_limit


class TooManySignUps(Exception):
    """This client, or this address, has asked for too many alerts recently."""


@dataclass(frozen=True)
class SignUp:
    alert: Alert
    # The confirmation link's token, or "" when the same alert is already confirmed.
    confirm_token: str


def normalise_email(email: str) -> str:
    """The address as stored: the domain is not case-sensitive, the local part may be."""
    local, _, domain = email.strip().rpartition("@")
    return f"{local}@{domain.lower()}"


def alert_sign_up(*, email: str, query: str, frequency: str, client: str) -> SignUp:
    """A new alert waiting for confirmation (or the one already waiting for this search, with a
    new confirmation token). Nothing is sent to the address until it is confirmed."""
    email = normalise_email(email)
    address_key = hashlib.sha256(email.lower().encode()).hexdigest()
    if over_limit(f"alerts:signup:{client}", *settings.ALERTS_SIGNUPS_PER_CLIENT):
        raise TooManySignUps
    if over_limit(f"alerts:address:{address_key}", *settings.ALERTS_SIGNUPS_PER_ADDRESS):
        raise TooManySignUps
    with transaction.atomic():
        subscriber, _ = Subscriber.objects.get_or_create(email=email)
        alert = subscriber.alerts.filter(query=query).first()
        if alert is not None and alert.confirmed_at is not None:
            return SignUp(alert=alert, confirm_token="")
        alert = alert or Alert(subscriber=subscriber, query=query)
        alert.frequency = frequency
        token, alert.confirm_token_hash = new_confirm_token()
        alert.full_clean()
        alert.save()
    return SignUp(alert=alert, confirm_token=token)


def alert_confirm(*, alert: Alert, now: datetime | None = None) -> Alert:
    """Start the alert: case studies published from now on are sent. The link stops working."""
    # To the second, as publication times are: a case study published in the same second
    # after this counts as new.
    alert.confirmed_at = (now or timezone.now()).replace(microsecond=0)
    alert.confirm_token_hash = None
    alert.save(update_fields=["confirmed_at", "confirm_token_hash"])
    return alert


def alert_delete(*, alert: Alert) -> bool:
    """Stop one alert; the address goes with its last alert. Returns whether it went."""
    with transaction.atomic():
        subscriber = alert.subscriber
        alert.delete()
        if subscriber.alerts.exists():
            return False
        subscriber.delete()
        return True


def subscriber_delete(*, subscriber: Subscriber) -> None:
    """Stop every alert and forget the address."""
    subscriber.delete()


def purge_unconfirmed(*, now: datetime | None = None) -> int:
    """Delete sign-ups nobody confirmed within ALERTS_UNCONFIRMED_DAYS, and addresses left
    with no alert. Returns how many alerts were deleted."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.ALERTS_UNCONFIRMED_DAYS)
    with transaction.atomic():
        _, deleted = Alert.objects.unconfirmed_since(cutoff).delete()
        Subscriber.objects.filter(alerts__isnull=True).delete()
    return deleted.get(Alert._meta.label, 0)
