"""Signing up for an alert from the finder, confirming it, managing and stopping alerts. The
links in the emails are the keys: a bad or used one is not found (404)."""

import logging
import smtplib
from datetime import timedelta
from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from alerts import emails, searches, services
from alerts.forms import SignUpForm, error_list
from alerts.models import Alert, Subscriber
from alerts.tokens import ID_SHAPE, MANAGE, UNSUBSCRIBE, confirm_hash, from_link_token
from editorial.ratelimit import client_address

logger = logging.getLogger(__name__)


def private(view):
    """Pages reached by an email's link: the address is the key, so it must not leak or
    linger ("same-origin": their forms still send an Origin the CSRF check accepts)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["Referrer-Policy"] = "same-origin"
        response["X-Robots-Tag"] = "noindex, nofollow"
        add_never_cache_headers(response)
        return response

    return wrapped


def message_page(request, title, paragraphs, *, status=200, links=()):
    return render(
        request,
        "alerts/message.jinja",
        {"title": title, "paragraphs": paragraphs, "links": links},
        status=status,
    )


@require_http_methods(["GET", "HEAD", "POST"])
def new_alert(request):
    if request.method != "POST":
        form = SignUpForm()
        finder = searches.finder_for(request.GET)
        return sign_up_page(request, form, finder)
    form = SignUpForm(request.POST)
    finder = searches.finder_for(request.POST.get("query", ""))
    if not form.is_valid():
        return sign_up_page(request, form, finder, status=400)
    try:
        sign_up = services.alert_sign_up(
            email=form.cleaned_data["email"],
            query=searches.normalised(finder),
            frequency=form.cleaned_data["frequency"],
            client=client_address(request),
        )
    except services.TooManySignUps:
        response = message_page(
            request,
            "Too many email alerts asked for",
            [
                "Lots of email alerts have been asked for from your network or for this email "
                "address in the last hour, so you cannot ask for another one just now.",
                "Try again in an hour.",
            ],
            status=429,
        )
        response["Retry-After"] = str(settings.ALERTS_SIGNUPS_PER_CLIENT[1])
        return response
    site_url = request.build_absolute_uri("/").rstrip("/")
    if sign_up.confirm_token:
        message = emails.confirmation(
            alert=sign_up.alert, token=sign_up.confirm_token, site_url=site_url
        )
    else:
        message = emails.already_subscribed(alert=sign_up.alert, site_url=site_url)
    try:
        message.send()
    except (smtplib.SMTPException, OSError):
        logger.exception("The confirmation email for alert %s could not be sent", sign_up.alert.pk)
        return message_page(
            request,
            "Sorry, the email could not be sent",
            ["Your email alert has not started. Try again later."],
            status=503,
        )
    # Back to the same view of the finder from there (the alert's search, as it was saved).
    return redirect(reverse("alerts:check-email") + "?" + urlencode({"query": sign_up.alert.query}))


def sign_up_page(request, form, finder, *, status=200):
    query = searches.normalised(finder)
    return render(
        request,
        "alerts/new.jinja",
        {
            "form": form,
            "errors": error_list(form) if form.is_bound else [],
            "query": query,
            "what": searches.describe(finder),
            "finder_url": searches.finder_url(query),
            "frequencies": Alert.Frequency.choices,
            "unconfirmed_days": settings.ALERTS_UNCONFIRMED_DAYS,
        },
        status=status,
    )


@require_safe
def check_email(request):
    # The search comes back through the finder's own filter: what it does not know is dropped.
    query = searches.normalised(searches.finder_for(request.GET.get("query", "")))
    return render(
        request,
        "alerts/check_email.jinja",
        {
            "unconfirmed_days": settings.ALERTS_UNCONFIRMED_DAYS,
            "finder_url": searches.finder_url(query),
        },
    )


def pending_alert(token) -> Alert:
    token_hash = confirm_hash(token)
    cutoff = timezone.now() - timedelta(days=settings.ALERTS_UNCONFIRMED_DAYS)
    alert = (
        Alert.objects.filter(confirm_token_hash=token_hash, created_at__gte=cutoff)
        .select_related("subscriber")
        .first()
        if token_hash
        else None
    )
    if alert is None:
        raise Http404("No email alert is waiting for this link")
    return alert


@private
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token):
    """GET shows a button, so that a mail scanner opening the link confirms nothing."""
    alert = pending_alert(token)
    if request.method == "POST":
        services.alert_confirm(alert=alert)
        messages.success(request, "Your email alert has started")
        return redirect(alert.subscriber)
    what = searches.describe(searches.finder_for(alert.query))
    return render(
        request,
        "alerts/confirm.jinja",
        {"alert": alert, "what": what, "frequency": emails.FREQUENCY_WORDS[alert.frequency]},
    )


def subscriber_or_404(token) -> Subscriber:
    subscriber = from_link_token(MANAGE, Subscriber, token)
    if subscriber is None:
        raise Http404("No email alerts have this link")
    return subscriber


@private
@require_http_methods(["GET", "HEAD", "POST"])
def manage(request, token):
    subscriber = subscriber_or_404(token)
    if request.method == "POST":
        if "delete_all" in request.POST:
            services.subscriber_delete(subscriber=subscriber)
            return all_deleted(request)
        stop = request.POST.get("stop", "")
        if ID_SHAPE.fullmatch(stop) and (alert := subscriber.alerts.filter(pk=stop).first()):
            services.alert_delete(alert=alert)
            if not Subscriber.objects.filter(pk=subscriber.pk).exists():
                return all_deleted(request)
            messages.success(request, "That email alert has stopped")
        return redirect(subscriber)
    alerts = [
        (alert, searches.describe(searches.finder_for(alert.query)))
        for alert in subscriber.alerts.all()
    ]
    return render(
        request,
        "alerts/manage.jinja",
        {
            "subscriber": subscriber,
            "alerts": alerts,
            "frequency_words": emails.FREQUENCY_WORDS,
            "finder_url": searches.finder_url,
        },
    )


def all_deleted(request):
    return message_page(
        request,
        "Your email alerts have been deleted",
        [
            "You will get no more emails about case studies, and your email address has been "
            "deleted from this website."
        ],
        links=[(reverse("casestudies:list"), "Find case studies")],
    )


@csrf_exempt
@private
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    """The link in every alert email's List-Unsubscribe header. A mail client's one-click POST
    (RFC 8058: body ``List-Unsubscribe=One-Click``) carries no CSRF token and needs none; the
    page's own form is checked as every other form is."""
    alert = from_link_token(UNSUBSCRIBE, Alert, token)
    if alert is None:
        raise Http404("No email alert has this link")
    if request.method == "POST":
        if request.POST.get("List-Unsubscribe") != "One-Click":
            refused = CsrfViewMiddleware(lambda r: None).process_view(request, None, (), {})
            if refused is not None:
                return refused
        forgotten = services.alert_delete(alert=alert)
        return message_page(
            request,
            "You have unsubscribed",
            ["You will get no more emails from this alert."]
            + (
                ["It was your last alert, so we have deleted your email address."]
                if forgotten
                else []
            ),
            links=[(reverse("casestudies:list"), "Find case studies")],
        )
    what = searches.describe(searches.finder_for(alert.query))
    return render(
        request,
        "alerts/unsubscribe.jinja",
        {"alert": alert, "what": what, "manage_url": alert.subscriber.get_absolute_url()},
    )
