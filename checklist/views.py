import datetime
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import BadRequest
from django.db.models import Prefetch
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.formats import date_format
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from checklist import selectors, services
from checklist.forms import ActionProgressForm, ProgressForm
from checklist.models import NOTES_MAX_LENGTH, Action, ProgressRecord, ProgressStatus
from pages.models import Page
from professions.models import Profession

EDIT, READ = "edit", "read"


def when(value: datetime.datetime | None) -> str:
    """A saved time as people read it: "3 March 2025 at 10:32", in the site's time zone."""
    return date_format(timezone.localtime(value), "j F Y \\a\\t H:i") if value else ""


# Helpers every progress template uses.
HELPERS = {
    "when": when,
    "day": lambda value: date_format(timezone.localtime(value), "j M Y") if value else "",
    "status_labels": dict(ProgressStatus.choices),
    "notes_max_length": NOTES_MAX_LENGTH,
}


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
        record = services.progress_record_create(client=request.META.get("REMOTE_ADDR", ""))
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
    try:
        return ProgressRecord.objects.get(**{field_name: token[:64]})
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
    record = get_record(EDIT, token)
    overview = selectors.progress_overview(record=record)
    clashes = []
    if request.method == "POST":
        form = ProgressForm(overview, data=request.POST)
        wants_json = "application/json" in request.headers.get("Accept", "")
        if not form.is_valid():
            if wants_json:
                return JsonResponse({"ok": False, "errors": form.error_list()}, status=400)
        else:
            details, items = form.changed_inputs()
            result = services.progress_save(record=record, items=items, details=details)
            overview = selectors.progress_overview(record=result.record)
            if wants_json:
                return saved_json(overview, result)
            if not result.clashes:
                messages.success(request, saved_message(result))
                return redirect(result.record)
            clashes = result.clashes
            form = ProgressForm(overview, data=after_clash(request.POST, overview, clashes))
            form.is_valid()
    else:
        form = ProgressForm(overview)
    context = {
        "overview": overview,
        "record": overview.record,
        "form": form,
        "clashes": {clash.action.pk if clash.action else None: clash for clash in clashes},
        "errors": (form.error_list() if request.method == "POST" else [])
        + [clash_entry(clash) for clash in clashes],
        "recent_changes": selectors.recent_changes(record=record),
        **links(request, record, EDIT),
    }
    return render(request, "checklist/progress.jinja", context, status=409 if clashes else 200)


def clash_entry(clash) -> dict:
    if clash.action is None:
        return {
            "href": "#details",
            "text": "Someone else changed the organisation details while you were editing",
        }
    return {
        "href": f"#action-{clash.action.number}",
        "text": f"Action {clash.action.number}: someone else changed this action "
        "while you were editing",
    }


def saved_message(result) -> str:
    count = len(result.saved) + result.details_saved
    if not count:
        return "There were no changes to save."
    when = date_format(timezone.localtime(), "H:i")
    return f"Your progress was saved at {when}."


def after_clash(data, overview, clashes):
    """The data to show again after a clash: for a clashing form, what the person typed, based
    on the version now saved (so saving again keeps theirs on purpose); for the others, what
    is saved now."""
    data = data.copy()
    clashed = {clash.action.pk if clash.action else None for clash in clashes}
    for form in ProgressForm(overview):
        key = form.action.pk if isinstance(form, ActionProgressForm) else None
        names = ["version", "base"] if key in clashed else list(form.fields)
        for name in names:
            data[form.add_prefix(name)] = str(form.initial[name])
    return data


def saved_json(overview, result) -> JsonResponse:
    forms = {}
    for form in ProgressForm(overview):
        if isinstance(form, ActionProgressForm) and form.action.pk in {
            item.action_id for item in result.saved
        }:
            forms[form.prefix] = {"version": form.initial["version"], "base": form.initial["base"]}
    if result.details_saved:
        form = ProgressForm(overview).details
        forms[form.prefix] = {"version": form.initial["version"], "base": form.initial["base"]}
    return JsonResponse(
        {
            "ok": not result.clashes,
            "message": saved_message(result),
            "summary": overview.summary,
            "percent": overview.percent_step,
            "forms": forms,
        },
        status=409 if result.clashes else 200,
    )


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
