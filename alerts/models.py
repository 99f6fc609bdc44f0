"""Email alerts for a finder search: who gets them (Subscriber), for which search and how often
(Alert), and which case studies each alert has sent (Delivery), so none is sent twice."""

import secrets

from django.db import models
from django.urls import reverse

from alerts.tokens import MANAGE, UNSUBSCRIBE, link_token
from casestudies.models import CaseStudy


def new_key() -> str:
    """The random part of a manage or unsubscribe link (see alerts/tokens.py)."""
    return secrets.token_urlsafe(16)


class Subscriber(models.Model):
    """An email address, kept only while it has an alert (alerts/services.py deletes it with
    the last one)."""

    email = models.EmailField(max_length=254, unique=True)
    key = models.CharField(max_length=32, default=new_key, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"Subscriber {self.pk}"

    def get_absolute_url(self):
        return reverse("alerts:manage", kwargs={"token": link_token(MANAGE, self)})


class AlertQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)

    def unconfirmed_since(self, when):
        """Sign-ups nobody confirmed, made before ``when``."""
        return self.filter(confirmed_at__isnull=True, created_at__lt=when)


class Alert(models.Model):
    """One search someone wants emails about: nothing is sent before they confirm it."""

    class Frequency(models.TextChoices):
        IMMEDIATE = "immediate", "As soon as they are published"
        WEEKLY = "weekly", "Once a week, in one email"

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="alerts")
    # The finder's query string, normalised by the finder's own parsing (alerts/searches.py).
    query = models.TextField(blank=True)
    frequency = models.CharField(max_length=9, choices=Frequency, default=Frequency.IMMEDIATE)
    key = models.CharField(max_length=32, default=new_key, editable=False)
    # SHA-256 of the confirmation link's token: the token itself is only ever in the email.
    confirm_token_hash = models.CharField(max_length=64, null=True, blank=True, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    last_sent_at = models.DateTimeField(null=True, blank=True)

    objects = AlertQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"Alert {self.pk} ({self.get_frequency_display().lower()})"

    def get_unsubscribe_url(self):
        return reverse("alerts:unsubscribe", kwargs={"token": link_token(UNSUBSCRIBE, self)})


class Delivery(models.Model):
    """A case study an alert has sent."""

    alert = models.ForeignKey(Alert, on_delete=models.CASCADE, related_name="deliveries")
    case_study = models.ForeignKey(CaseStudy, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField()

    class Meta:
        verbose_name_plural = "deliveries"
        constraints = [
            models.UniqueConstraint(fields=["alert", "case_study"], name="alerts_delivery_once")
        ]

    def __str__(self):
        return f"Delivery {self.pk}"
