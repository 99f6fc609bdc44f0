"""The emails: the confirmation of a sign-up, and the alert itself (plain text and HTML, with
a one-click unsubscribe, RFC 8058)."""

from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from alerts import searches
from alerts.models import Alert

FREQUENCY_WORDS = {
    Alert.Frequency.IMMEDIATE: "as soon as they are published",
    Alert.Frequency.WEEKLY: "once a week",
}
# More than this many case studies in one email are counted and linked, not listed.
MAX_LISTED = 25


@dataclass(frozen=True)
class Item:
    title: str
    url: str
    publisher: str


def confirmation(*, alert: Alert, token: str, site_url: str) -> EmailMultiAlternatives:
    what = searches.describe(searches.finder_for(alert.query))
    link = site_url + reverse("alerts:confirm", kwargs={"token": token})
    days = settings.ALERTS_UNCONFIRMED_DAYS
    text = (
        f"You asked for emails about {what}, {FREQUENCY_WORDS[alert.frequency]}.\n\n"
        f"To start them, confirm your email address by opening this link:\n{link}\n\n"
        f"The link works for {days} days. If you did not ask for these emails, ignore this "
        f"one: nothing more will be sent, and your address will be deleted after {days} days.\n"
    )
    return _message(alert, "Confirm your email alert for new case studies", text)


def already_subscribed(*, alert: Alert, site_url: str) -> EmailMultiAlternatives:
    what = searches.describe(searches.finder_for(alert.query))
    manage = site_url + alert.subscriber.get_absolute_url()
    text = (
        f"Someone asked for emails about {what} to be sent to this address. You already "
        f"get them, so nothing has changed.\n\n"
        f"To change or stop your email alerts, open this link:\n{manage}\n"
    )
    return _message(alert, "You already have this email alert", text)


def alert_email(*, alert: Alert, case_studies, total: int, site_url: str):
    """One email for the new case studies of one alert."""
    finder = searches.finder_for(alert.query)
    what = searches.describe(finder)
    items = [
        Item(cs.title, site_url + cs.get_absolute_url(), cs.publisher)
        for cs in case_studies[:MAX_LISTED]
    ]
    noun = "new case study" if total == 1 else "new case studies"
    context = {
        "what": what,
        "headline": f"{total} {what.replace('new case studies', noun, 1)}",
        "items": items,
        "total": total,
        "more": total - len(items),
        "finder_url": site_url + searches.finder_url(alert.query),
        "frequency": FREQUENCY_WORDS[alert.frequency],
        "unsubscribe_url": site_url + alert.get_unsubscribe_url(),
        "manage_url": site_url + alert.subscriber.get_absolute_url(),
    }
    subject = f"New case study: {items[0].title}" if total == 1 else context["headline"]
    subject = " ".join(subject.split())  # a header holds no line breaks
    message = _message(alert, subject, alert_text(context))
    message.attach_alternative(render_to_string("alerts/email.jinja", context), "text/html")
    message.extra_headers.update(
        {
            "List-Unsubscribe": f"<{context['unsubscribe_url']}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        }
    )
    return message


def alert_text(context) -> str:
    lines = [f"{context['headline']}:", ""]
    for item in context["items"]:
        lines += [item.title, *([item.publisher] if item.publisher else []), item.url, ""]
    if context["more"]:
        lines += [f"and {context['more']} more: {context['finder_url']}", ""]
    lines += [
        f"See them all in the case study finder: {context['finder_url']}",
        "",
        "--",
        f"You get this email because you asked for emails about {context['what']}, "
        f"{context['frequency']}.",
        f"Stop these emails: {context['unsubscribe_url']}",
        f"Change or stop all your email alerts: {context['manage_url']}",
    ]
    return "\n".join(lines) + "\n"


def _message(alert, subject, text):
    return EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[alert.subscriber.email],
    )
