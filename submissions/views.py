"""The public form and its confirmation. What each spam check answers (submissions/spam.py):
a filled honeypot looks like success and stores nothing; a form sent too quickly, too late or
with its opening time altered is shown again with everything in it; one client past the limit
is shown its form again too, with a 429. A person never loses what they typed."""

import logging

from django.conf import settings
from django.core import signing
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_http_methods, require_safe

from pages.privacy import duration
from submissions import services, spam
from submissions.forms import SUMMARY_MAX_LENGTH, SubmissionForm
from submissions.models import new_reference

logger = logging.getLogger(__name__)

SENT_SALT = "submissions.sent"
SUBMIT_BUTTON_ID = "submit-case-study"


def error_summary(form) -> list[dict]:
    """The error summary's items, each linked to its field (a checkbox group's first box)."""
    return [
        {"href": f"#{form[name].auto_id}", "text": messages[0]}
        for name, messages in form.errors.items()
        if name in form.fields
    ]


def _sent(reference: str, *, emailed: bool):
    token = signing.dumps({"r": reference, "e": emailed}, salt=SENT_SALT)
    return redirect("submissions:sent", token=token)


def _form_page(request, form, *, problem=None, status=200):
    errors = error_summary(form) if form.is_bound else []
    if problem:  # last, as the button it is linked to comes last
        errors.append({"href": f"#{SUBMIT_BUTTON_ID}", "text": problem})
    response = render(
        request,
        "submissions/submit.jinja",
        {
            "form": form,
            "errors": errors,
            "problem": problem,
            "started": spam.opened_token(),
            "submit_button_id": SUBMIT_BUTTON_ID,
            "summary_max_length": SUMMARY_MAX_LENGTH,
        },
        status=400 if errors and status == 200 else status,
    )
    add_never_cache_headers(response)  # the hidden opening time must be fresh
    return response


@require_http_methods(["GET", "HEAD", "POST"])
def submit(request):
    if request.method != "POST":
        return _form_page(request, SubmissionForm())
    form = SubmissionForm(request.POST)
    if spam.is_honeypot_filled(request.POST):
        logger.warning("Case study submission held back: the honeypot field was filled in")
        return _sent(new_reference(), emailed=True)
    timing = spam.timing(request.POST.get("started", ""))
    if timing is not spam.Timing.OK:
        form.is_valid()  # show any other problem at the same time
        return _form_page(request, form, problem=spam.TIMING_MESSAGES[timing])
    if not form.is_valid():
        return _form_page(request, form)
    if spam.over_client_limit(request):
        limit, window = settings.SUBMISSIONS_PER_CLIENT
        response = _form_page(
            request,
            form,
            problem=(
                f"You cannot send more than {limit} case studies in {duration(window)}. "
                f"Keep this page open and send it again later"
            ),
            status=429,
        )
        response["Retry-After"] = str(window)
        return response
    submission, emailed = services.submit_case_study(**form.details())
    return _sent(submission.reference, emailed=emailed)


@require_safe
def sent(request, token):
    try:
        data = signing.loads(token, salt=SENT_SALT)
        reference, emailed = data["r"], data["e"]
    except (signing.BadSignature, KeyError, TypeError):
        raise Http404("No such confirmation.") from None
    response = render(
        request,
        "submissions/sent.jinja",
        {"reference": reference, "emailed": emailed, "finder_url": reverse("casestudies:list")},
    )
    response["X-Robots-Tag"] = "noindex, nofollow"
    add_never_cache_headers(response)
    return response
