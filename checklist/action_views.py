"""One action of a record, on its own page: edited through the edit link, shown through the read
link. The form posts back here; autosave posts the same form and asks for JSON."""

from django.contrib import messages
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.views.decorators.http import require_GET, require_http_methods

from checklist import selectors, services
from checklist.forms import action_form, action_initial, error_list, rebased
from checklist.views import EDIT, HELPERS, READ, get_record, links, private, saved_message


def action_url(record, access: str, row) -> str:
    base = record.get_absolute_url() if access == EDIT else record.get_shared_url()
    return f"{base}actions/{row.action.number}/"


def action_context(request, record, access: str, overview, row) -> dict:
    following = overview.next_row(row)
    return {
        "record": record,
        "overview": overview,
        "row": row,
        "item": row.progress,
        "action": selectors.action_evidence(action=row.action),
        "list_url": record.get_absolute_url() if access == EDIT else record.get_shared_url(),
        "next_url": action_url(record, access, following) if following else None,
        "next_number": following.action.number if following else None,
        **links(request, record, access),
    }


def find_row(overview, number: str):
    row = overview.row(number)
    if row is None:
        raise Http404("No published action has this number")
    return row


@private(referrer_policy="same-origin")
@require_http_methods(["GET", "HEAD", "POST"])
def progress_action(request, token, number):
    record = get_record(EDIT, token)
    overview = selectors.progress_overview(record=record)
    row = find_row(overview, number)
    clash = None
    if request.method == "POST":
        form = action_form(row, data=request.POST)
        wants_json = "application/json" in request.headers.get("Accept", "")
        if not form.is_valid():
            if wants_json:
                return JsonResponse({"ok": False, "errors": error_list(form)}, status=400)
        else:
            items = [form.to_input()] if form.is_changed() else []
            result = services.progress_save(record=record, items=items)
            overview = selectors.progress_overview(record=result.record)
            row = find_row(overview, number)
            if wants_json:
                return saved_json(request, overview, row, result)
            if not result.clashes:
                message = saved_message(result, f"Action {row.action.number} was saved")
                messages.success(request, message)
                following = overview.next_row(row)
                if request.POST.get("next") == "continue" and following:
                    return redirect(action_url(record, EDIT, following))
                return redirect(result.record)
            clash = result.clashes[0]
            form = action_form(row, data=rebased(form, request.POST, action_initial(row.progress)))
            form.is_valid()
    else:
        form = action_form(row)
    errors = error_list(form) if request.method == "POST" else []
    if clash:
        errors.append(
            {
                "href": "#their-version",
                "text": "Someone else changed this action while you were editing",
            }
        )
    context = {
        **action_context(request, record, EDIT, overview, row),
        "form": form,
        "clash": clash,
        "errors": errors,
    }
    return render(request, "checklist/action.jinja", context, status=409 if clash else 200)


def saved_json(request, overview, row, result) -> JsonResponse:
    """What autosave needs to bring the page up to date, once the server has saved."""
    initial = action_initial(row.progress)
    saved = bool(result.saved)
    return JsonResponse(
        {
            "ok": not result.clashes,
            "message": f"Saved at {date_format(timezone.localtime(), 'H:i')}"
            if saved
            else "All changes are saved",
            "summary": overview.summary,
            "percent": overview.percent_step,
            "state_html": render_to_string(
                "checklist/_action_state.jinja", {"item": row.progress, **HELPERS}, request
            ).strip(),
            # Not after a clash: the form stays based on the version it was, so pressing Save
            # shows both versions instead of overwriting theirs.
            "forms": {}
            if result.clashes
            else {
                f"action-{row.action.number}": {
                    "version": initial["version"],
                    "base": initial["base"],
                }
            },
        },
        status=409 if result.clashes else 200,
    )


@private
@require_GET
def shared_action(request, token, number):
    record = get_record(READ, token)
    overview = selectors.progress_overview(record=record)
    row = find_row(overview, number)
    return render(
        request,
        "checklist/shared_action.jinja",
        action_context(request, record, READ, overview, row),
    )
