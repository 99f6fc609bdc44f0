"""Sending the alerts (run by ``manage.py send_alerts``, from cron): each confirmed alert that
is due gets one email listing the case studies published since it was confirmed that match its
search and that its subscriber has not been sent. The deliveries are written in the same
transaction as the email is sent, so a failed send is tried again next run and a sent case
study is never sent again."""

import logging
import smtplib
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from alerts import emails, searches, services
from alerts.models import Alert, Delivery
from casestudies.models import CaseStudy

logger = logging.getLogger(__name__)
WEEK = timedelta(days=7)


@dataclass(frozen=True)
class Run:
    sent: int
    failed: int
    purged: int


def new_case_studies(alert: Alert) -> QuerySet:
    """The published case studies matching the alert's search, published since it was
    confirmed, that its subscriber has not been sent by any alert."""
    finder = searches.finder_for(alert.query)
    if finder.ignored:
        # A profession, outcome or setting of the search no longer exists: matching without it
        # would send far more than was asked for.
        return CaseStudy.objects.none()
    sent = Delivery.objects.filter(alert__subscriber_id=alert.subscriber_id).values("case_study")
    return (
        finder.matching()
        .filter(published_at__gte=alert.confirmed_at)
        .exclude(pk__in=sent)
        .order_by("published_at", "pk")
    )


def due_alerts(now: datetime) -> QuerySet:
    """Confirmed alerts to look at now: every immediate one, and the weekly ones whose last
    digest (or, before the first, whose confirmation) is a week old."""
    week_ago = now - WEEK
    weekly_due = Q(last_sent_at__lte=week_ago) | Q(
        last_sent_at__isnull=True, confirmed_at__lte=week_ago
    )
    return Alert.objects.confirmed().filter(
        Q(frequency=Alert.Frequency.IMMEDIATE) | Q(frequency=Alert.Frequency.WEEKLY) & weekly_due
    )


def send_alert(alert: Alert, *, now: datetime, site_url: str, connection=None) -> bool:
    """Send the alert's email if it has anything new; True when one was sent."""
    try:
        with transaction.atomic():
            # Runs that overlap take turns; the second then finds nothing new.
            alert = Alert.objects.select_for_update().filter(pk=alert.pk).first()
            if alert is None:
                return False
            found = list(new_case_studies(alert))
            if not found:
                return False
            Delivery.objects.bulk_create(
                [Delivery(alert=alert, case_study=case_study, sent_at=now) for case_study in found]
            )
            alert.last_sent_at = now
            alert.save(update_fields=["last_sent_at"])
            message = emails.alert_email(
                alert=alert, case_studies=found, total=len(found), site_url=site_url
            )
            message.connection = connection
            message.send()
    except IntegrityError:
        return False  # another run recorded these deliveries first (SQLite has no row locks)
    return True


def send_alerts(*, now: datetime | None = None) -> Run:
    now = now or timezone.now()
    purged = services.purge_unconfirmed(now=now)
    sent = failed = 0
    connection = get_connection()
    for alert in list(due_alerts(now)):
        try:
            sent += send_alert(alert, now=now, site_url=settings.SITE_URL, connection=connection)
        except (smtplib.SMTPException, OSError):
            logger.exception("Alert %s could not be sent; it is tried again next run", alert.pk)
            failed += 1
    return Run(sent=sent, failed=failed, purged=purged)
