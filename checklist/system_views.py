"""System views: start one from pasted read-only links, see it (edit or read link), change it."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from checklist import system_links, systems
from checklist.models import SYSTEM_MAX_MEMBERS, SYSTEM_NAME_MAX_LENGTH, SystemView
from checklist.services import TooManyRecords
from checklist.views import EDIT, HELPERS, READ, TOKEN_SHAPE, private
from editorial.ratelimit import client_address

MAX_PASTE = SYSTEM_MAX_MEMBERS * 200
NULS = "null_characters_not_allowed"


class NameForm(forms.Form):
    name = forms.CharField(
        max_length=SYSTEM_NAME_MAX_LENGTH,
        error_messages={
            "required": "Enter a name for the system view, such as your ICS's name",
            "max_length": f"Name must be {SYSTEM_NAME_MAX_LENGTH} characters or fewer",
            NULS: "Name must not contain invisible control characters",
        },
    )


class LinksForm(forms.Form):
    links = forms.CharField(
        max_length=MAX_PASTE,
        strip=False,
        error_messages={
            "required": "Paste the read-only link of at least one progress record",
            "max_length": f"Paste no more than {SYSTEM_MAX_MEMBERS} links",
            NULS: "The links must not contain invisible control characters",
        },
    )


class StartForm(NameForm, LinksForm):
    pass


def get_system(access: str, token: str) -> SystemView:
    """The system view behind a link; the token's shape is checked before any lookup (NUL
    bytes and the like never reach the database), so every bad link is the same 404."""
    if not TOKEN_SHAPE.fullmatch(token):
        raise Http404("No system view has this link")
    field_name = "edit_token" if access == EDIT else "read_token"
    try:
        return SystemView.objects.get(**{field_name: token})
    except SystemView.DoesNotExist:
        raise Http404("No system view has this link") from None


def system_links_context(request, system: SystemView, access: str) -> dict:
    base = system.get_absolute_url() if access == EDIT else system.get_shared_url()
    return {
        **HELPERS,
        "access": access,
        "system": system,
        "edit_link": request.build_absolute_uri(system.get_absolute_url())
        if access == EDIT
        else None,
        "shared_link": request.build_absolute_uri(system.get_shared_url()),
        "base_url": base,
        "print_url": f"{base}print/",
        "pdf_url": f"{base}system.pdf",
        "csv_url": f"{base}system.csv",
    }


def check_links(form, request, system=None) -> list[str]:
    """The read tokens pasted into a valid form's ``links``, or [] with the errors added."""
    existing = set(system.members.values_list("read_token", flat=True)) if system else set()
    pasted = system_links.parse(
        form.cleaned_data["links"],
        host=request.get_host(),
        existing=existing,
        room=SYSTEM_MAX_MEMBERS - len(existing),
    )
    if pasted.errors:
        form.line_errors = [message for _, message in pasted.errors]
        form.add_error("links", links_message(form.line_errors))
        return []
    return pasted.tokens


def links_message(line_errors: list[str]) -> str:
    if len(line_errors) == 1:
        return line_errors[0]
    return f"{len(line_errors)} lines have a problem: correct them and try again"


def error_summary(*forms_) -> list[dict]:
    """The error summary's items: each line's problem, linked to the field it is in."""
    errors = []
    for form in forms_:
        for name, messages_ in form.errors.items():
            lines = getattr(form, "line_errors", None) if name == "links" else None
            for message in lines if lines and len(lines) > 1 else messages_:
                errors.append({"href": f"#{form[name].auto_id}", "text": message})
    return errors


def too_many(request):
    response = render(request, "checklist/too_many.jinja", {"what": "system views"}, status=429)
    response["Retry-After"] = str(settings.CHECKLIST_RECORDS_PER_CLIENT[1])
    return response


@private(referrer_policy="same-origin")
@require_http_methods(["GET", "HEAD", "POST"])
def start(request):
    form = StartForm(request.POST if request.method == "POST" else None, auto_id="system-%s")
    if form.is_valid():
        tokens = check_links(form, request)
        if tokens:
            try:
                system = systems.system_view_create(
                    client=client_address(request),
                    name=form.cleaned_data["name"],
                    tokens=tokens,
                )
            except TooManyRecords:
                return too_many(request)
            messages.success(
                request,
                f"Your system view was started with {len(tokens)} "
                f"record{'s' if len(tokens) != 1 else ''}. Bookmark this page: "
                "its link is the only way back to it.",
            )
            return redirect(system)
    errors = error_summary(form) if form.is_bound else []
    return render(
        request,
        "checklist/system_start.jinja",
        {"form": form, "errors": errors, "max_members": SYSTEM_MAX_MEMBERS},
        status=400 if errors else 200,
    )


def page(request, token, access):
    system = get_system(access, token)
    context = {
        **system_links_context(request, system, access),
        "matrix": systems.system_matrix(system=system),
    }
    return render(request, "checklist/system.jinja", context)


@private
@require_GET
def system(request, token):
    return page(request, token, EDIT)


@private
@require_GET
def shared(request, token):
    return page(request, token, READ)


@private(referrer_policy="same-origin")
@require_http_methods(["GET", "HEAD", "POST"])
def change(request, token):
    """Rename the view, add links to it, take links out: three forms on one page."""
    system = get_system(EDIT, token)
    name_form = NameForm(initial={"name": system.name}, auto_id="system-%s")
    links_form = LinksForm(auto_id="system-%s")
    action = request.POST.get("do") if request.method == "POST" else None
    if action == "rename":
        name_form = NameForm(request.POST, auto_id="system-%s")
        if name_form.is_valid():
            systems.system_view_rename(system=system, name=name_form.cleaned_data["name"])
            messages.success(request, "The name was saved.")
            return redirect(system)
    elif action == "add":
        links_form = LinksForm(request.POST, auto_id="system-%s")
        if links_form.is_valid() and (tokens := check_links(links_form, request, system)):
            try:
                added = systems.system_members_add(system=system, tokens=tokens)
            except systems.TooManyMembers:
                links_form.add_error("links", system_links.too_many(0))
            else:
                count = len(added)
                messages.success(request, f"{count} link{'s' if count != 1 else ''} added.")
                return redirect(system)
    elif "remove" in request.POST:
        member = request.POST["remove"]
        valid = member.isascii() and member.isdigit() and len(member) < 10
        if valid and systems.system_member_remove(system=system, member_id=int(member)):
            messages.success(request, "The link was taken out of this system view.")
        return redirect("checklist:system-change", token=system.edit_token)
    errors = error_summary(name_form, links_form) if request.method == "POST" else []
    context = {
        **system_links_context(request, system, EDIT),
        "matrix": systems.system_matrix(system=system),
        "name_form": name_form,
        "links_form": links_form,
        "errors": errors,
        "max_members": SYSTEM_MAX_MEMBERS,
    }
    return render(request, "checklist/system_change.jinja", context, status=400 if errors else 200)


@private(referrer_policy="same-origin")
@require_http_methods(["GET", "HEAD", "POST"])
def delete(request, token):
    system = get_system(EDIT, token)
    if request.method == "POST":
        systems.system_view_delete(system=system)
        messages.success(request, "Your system view has been deleted.")
        return redirect("checklist:index")
    return render(request, "checklist/system_delete.jinja", {"system": system, **HELPERS})
