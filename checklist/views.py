import datetime
import re
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import BadRequest
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.formats import date_format
from django.views.decorators.http import (
    require_GET,
    require_http_methods,
    require_POST,
    require_safe,
)

from checklist import selectors, services
from checklist.forms import details_form, details_initial, error_list, rebased
from checklist.models import (
    NOTES_MAX_LENGTH,
    REASON_MAX_LENGTH,
    Action,
    ProgressRecord,
    ProgressStatus,
)
from editorial.ratelimit import client_address
from pages.models import Page
from professions.models import Profession

EDIT, READ = "edit", "read"
TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{1,64}")


def when(value: datetime.datetime | None) -> str:
    """A saved time as people read it: "3 March 2025 at 10:32", in the site's time zone."""
    return date_format(timezone.localtime(value), "j F Y \\a\\t H:i") if value else ""


# Helpers every progress template uses.
HELPERS = {
    "when": when,
    "day": lambda value: date_format(timezone.localtime(value), "j M Y") if value else "",
    "status_labels": dict(ProgressStatus.choices),
    "notes_max_length": NOTES_MAX_LENGTH,
    "reason_max_length": REASON_MAX_LENGTH,
}


@require_safe
def checklist_index(request):
    actions = Action.objects.published().prefetch_related(
        Prefetch("professions", queryset=Profession.objects.published().only("name", "slug")),
        "outcomes",
        Prefetch("pages", queryset=Page.objects.published().only("title", "slug")),
    )
    return render(request, "checklist/index.jinja", {"actions": actions})


@require_POST
def start(request):
    try:
        record = services.progress_record_create(client=client_address(request))
    except services.TooManyRecords:
        response = render(request, "checklist/too_many.jinja", status=429)
        response["Retry-After"] = str(settings.CHECKLIST_RECORDS_PER_CLIENT[1])
        return response
    return redirect(record)


def private(view=None, *, referrer_policy="no-referrer"):
    """Capability pages: the address is the key, so it must not leak or linger.

    Pages with a POST form use "same-origin" instead of "no-referrer": under "no-referrer"
    browsers send "Origin: null" with the form, which Django's CSRF check rightly refuses.
    "same-origin" still sends nothing to other sites.
    """

    def decorate(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            response = view(request, *args, **kwargs)
            response["Referrer-Policy"] = referrer_policy
            response["X-Robots-Tag"] = "noindex, nofollow"
            add_never_cache_headers(response)
            return response

        return wrapped

    return decorate(view) if view else decorate


def get_record(access: str, token: str) -> ProgressRecord:
    """The record behind a link. One lookup on a unique index, whatever is wrong with the token,
    so a 404 says nothing about which part was wrong."""
    field_name = "edit_token" if access == EDIT else "read_token"
    if not TOKEN_SHAPE.fullmatch(token):
        # No token has other characters; PostgreSQL refuses some (NUL) with an error.
        raise Http404("No progress record has this link")
    try:
        return ProgressRecord.objects.get(**{field_name: token})
    except ProgressRecord.DoesNotExist:
        raise Http404("No progress record has this link") from None


def links(request, record: ProgressRecord, access: str) -> dict:
    token_url = record.get_absolute_url() if access == EDIT else record.get_shared_url()
    return {
        **HELPERS,
        "access": access,
        "edit_link": request.build_absolute_uri(record.get_absolute_url())
        if access == EDIT
        else None,
        "shared_link": request.build_absolute_uri(record.get_shared_url()),
        "print_url": f"{token_url}print/",
        "pdf_url": f"{token_url}progress.pdf",
        "csv_url": f"{token_url}progress.csv",
    }


@private(referrer_policy="same-origin")
@require_http_methods(["GET", "HEAD", "POST"])
def progress(request, token):
    """The record's task list, and the form for its details (organisation, area, completed by)."""
    record = get_record(EDIT, token)
    clash = None
    if request.method == "POST":
        form = details_form(record, data=request.POST)
        if form.is_valid():
            details = form.to_input() if form.is_changed() else None
            result = services.progress_save(record=record, items=[], details=details)
            if not result.clashes:
                messages.success(request, saved_message(result, "Your details were saved"))
                return redirect(result.record)
            clash = result.clashes[0]
            record = result.record
            form = details_form(record, data=rebased(form, request.POST, details_initial(record)))
            form.is_valid()
    else:
        form = details_form(record)
    errors = error_list(form) if request.method == "POST" else []
    if clash:
        errors.append(
            {
                "href": "#details",
                "text": "Someone else changed the organisation details while you were editing",
            }
        )
    context = {
        "overview": selectors.progress_overview(record=record),
        "record": record,
        "form": form,
        "clash": clash,
        "errors": errors,
        "history": selectors.recent_history(record=record),
        **links(request, record, EDIT),
    }
    return render(request, "checklist/progress.jinja", context, status=409 if clash else 200)


def saved_message(result, saved_text: str) -> str:
    """What a save did, in words: "All changes are saved" when there was nothing new."""
    if not (result.saved or result.details_saved):
        return "All changes are saved."
    return f"{saved_text} at {date_format(timezone.localtime(), 'H:i')}."


@private
@require_GET
def shared(request, token):
    record = get_record(READ, token)
    overview = selectors.progress_overview(record=record)
    return render(
        request,
        "checklist/shared.jinja",
        {"overview": overview, "record": record, **links(request, record, READ)},
    )


@private(referrer_policy="same-origin")
@require_POST
def replace_link(request, token):
    record = get_record(EDIT, token)
    link = request.POST.get("link")
    if link not in {EDIT, READ}:
        raise BadRequest("Unknown link")
    services.progress_link_replace(record=record, link=link)
    if link == EDIT:
        messages.success(
            request,
            "This page has a new address: bookmark it now. The old editing link no longer works.",
        )
    else:
        messages.success(
            request, "The read-only link has been replaced. The old one no longer works."
        )
    return redirect(record)


@private(referrer_policy="same-origin")
@require_http_methods(["GET", "HEAD", "POST"])
def delete(request, token):
    record = get_record(EDIT, token)
    if request.method == "POST":
        services.progress_record_delete(record=record)
        messages.success(request, "Your progress record has been deleted.")
        return redirect("checklist:index")
    return render(request, "checklist/delete.jinja", {"record": record, **HELPERS})
