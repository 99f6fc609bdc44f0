"""The page a member of staff gets when an admin address needs a permission they lack: the admin's
own layout, saying in plain English who can do it ("Only publishers can delete case studies"),
instead of the public site's 403 page.

Who can is read from the roles (groups) holding the permission, so the page stays true when the
roles change; with no such role, only administrators (superusers) can, unless the admin refuses
them too (nobody adds a link check: the site makes them)."""

import copy

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, Resolver404, resolve, reverse

GENERIC = "do this"

# For the last part of an admin URL name (``casestudies_casestudy_<action>``): the permissions
# the view may have needed, most specific first, each with the ModelAdmin method that checks it
# and what the person was trying to do.
PUBLISH = "has_publish_permission"
CHANGE = "has_change_permission"
NEEDS = {
    "delete": [("delete", "has_delete_permission", "delete {}")],
    "add": [("add", "has_add_permission", "add {}")],
    "changelist": [("view", "has_view_or_change_permission", "see the list of {}")],
    "draft": [("publish", PUBLISH, "publish drafts of {}"), ("change", CHANGE, "change {}")],
    "move": [("publish", PUBLISH, "move published {}"), ("change", CHANGE, "move {}")],
}
DEFAULT_NEEDS = [
    ("publish", PUBLISH, "change published {}"),
    ("change", CHANGE, "change {}"),
    ("view", "has_view_or_change_permission", "see {}"),
]


def serves(request) -> bool:
    """Whether the admin's own 403 page is the one for this request: a signed-in member of
    staff on an admin address."""
    try:
        prefix = reverse("admin:index")
    except NoReverseMatch:
        return False
    user = getattr(request, "user", None)
    return request.path.startswith(prefix) and user is not None and user.is_active and user.is_staff


def permission_denied(request) -> HttpResponse:
    model, action = _model_and_action(request)
    doing, holders, nobody = GENERIC, [], False
    back_url, back_text = reverse("admin:index"), "Back to the admin home page"
    if model is not None:
        model_admin = admin.site.get_model_admin(model)
        doing, holders, nobody = _what_was_refused(request, model_admin, action)
        if model_admin.has_view_or_change_permission(request):
            opts = model._meta
            back_url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
            back_text = f"Back to {opts.verbose_name_plural}"
    who = _people(holders)
    if nobody:
        title, ask = f"Nobody can {doing} here", ""
    elif holders:
        title, ask = f"Only {who} can {doing}", f"Ask one of the {who} to do it for you."
    else:
        title, ask = f"Only {who} can {doing}", "Ask an administrator if you need this done."
    context = {
        **admin.site.each_context(request),
        "title": title,
        "ask": ask,
        "back_url": back_url,
        "back_text": back_text,
    }
    return render(request, "admin/editorial/permission_denied.html", context, status=403)


def _model_and_action(request):
    try:
        match = request.resolver_match or resolve(request.path_info)
    except Resolver404:
        return None, None
    name = match.url_name or ""
    for model in admin.site._registry:
        prefix = f"{model._meta.app_label}_{model._meta.model_name}_"
        if name.startswith(prefix):
            return model, name.removeprefix(prefix)
    return None, None


def _what_was_refused(request, model_admin, action):
    """What this person tried and may not do, the roles that may, and whether nobody may."""
    opts = model_admin.opts
    for codename_prefix, method, doing in NEEDS.get(action, DEFAULT_NEEDS):
        codename = f"{codename_prefix}_{opts.model_name}"
        permission = Permission.objects.filter(
            content_type__app_label=opts.app_label, codename=codename
        ).first()
        if permission is None or request.user.has_perm(f"{opts.app_label}.{codename}"):
            continue
        holders = Group.objects.filter(permissions=permission).order_by("name")
        nobody = not holders and not _administrator_may(request, model_admin, method)
        return doing.format(opts.verbose_name_plural), [g.name for g in holders], nobody
    return GENERIC, [], False


def _administrator_may(request, model_admin, method) -> bool:
    check = getattr(model_admin, method, None) or getattr(model_admin, CHANGE)
    as_administrator = copy.copy(request)
    as_administrator.user = get_user_model()(is_active=True, is_staff=True, is_superuser=True)
    return check(as_administrator)


def _people(groups) -> str:
    """ "publishers", "content editors and publishers"; "administrators" when no role may."""
    if not groups:
        return "administrators"
    names = [name.lower() if name.lower().endswith("s") else f"{name.lower()}s" for name in groups]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
