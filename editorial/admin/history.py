"""Every change recorded (who, when, what), a readable diff between any two versions,
restoring an earlier version and recovering a deleted item with its inline children
(django-reversion, with django-reversion-compare's diff)."""

from django.contrib import admin, messages
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from js_asset import Media
from reversion.models import Version
from reversion_compare.admin import CompareVersionAdmin
from reversion_compare.helpers import html_diff

from editorial.actions import history
from editorial.admin.lookup import id_or_404
from editorial.richtext import RichTextField
from editorial.search.text import plain_text


def _readable(field, value) -> str:
    """What a person reads in a stored value: rich text without its markup."""
    text = "" if value is None else str(value)
    return plain_text(text) if isinstance(field, RichTextField) else text


# editorial/version_format.py: JSON keeping times to the microsecond. The name is stored
# with every version, so it keeps the name it had when the toolkit app made it.
VERSION_FORMAT = "toolkit_json"


class VersionedAdmin(CompareVersionAdmin):
    # "Recover deleted" is added by templates/django/admin/change_list_object_tools.html, so
    # that it survives other mixins' change list templates.
    change_list_template = None
    object_history_template = "admin/editorial/object_history.html"
    compare_template = "admin/editorial/compare.html"
    recover_list_template = "admin/editorial/recover_list.html"
    revision_form_template = "admin/editorial/revision_form.html"
    recover_form_template = "admin/editorial/recover_form.html"
    history_latest_first = True

    def reversion_register(self, model, **kwargs):
        super().reversion_register(model, format=VERSION_FORMAT, **kwargs)

    def changelist_view(self, request, extra_context=None):
        opts = self.opts
        context = {**(extra_context or {})}
        if self.has_add_permission(request) and self.has_change_permission(request):
            context["recoverlist_url"] = reverse(
                f"admin:{opts.app_label}_{opts.model_name}_recoverlist",
                current_app=self.admin_site.name,
            )
        if request.method == "POST" and "_save" in request.POST:
            # Changes made in the list itself: one revision, as reversion does.
            return super().changelist_view(request, context)
        # Reading the list needs no revision; an action gives each item it changes a
        # revision of its own, so that each can be restored on its own.
        return admin.ModelAdmin.changelist_view(self, request, context)

    def recoverlist_view(self, request, extra_context=None):
        deleted = self._reversion_order_version_queryset(
            request, Version.objects.get_deleted(self.model).select_related("revision__user")
        )
        return super().recoverlist_view(request, {"deleted": deleted, **(extra_context or {})})

    # -- the history and its diff: an id the primary key cannot hold is a 404 ----------------
    # (reversion queries its versions by the id as text before the admin looks the object up:
    # PostgreSQL refuses a NUL in it with an error.)

    def history_view(self, request, object_id, extra_context=None):
        id_or_404(self, object_id)
        return super().history_view(request, object_id, extra_context)

    def compare_view(self, request, object_id, extra_context=None):
        id_or_404(self, object_id)
        return super().compare_view(request, object_id, extra_context)

    # -- restoring and recovering: the roles apply -----------------------------------------

    def revision_view(self, request, object_id, version_id, extra_context=None):
        id_or_404(self, object_id)
        version = get_object_or_404(Version, pk=version_id, object_id=unquote(object_id))
        try:
            history.check_restore(user=request.user, version=version)
        except PermissionDenied as refusal:
            messages.error(request, str(refusal))
            return HttpResponseRedirect(self._admin_url("history", quote(version.object_id)))
        context = {
            **self._version_context(version),
            "title": f"Restore an earlier version of “{version.object_repr}”",
            **(extra_context or {}),
        }
        return super().revision_view(request, object_id, version_id, context)

    def recover_view(self, request, version_id, extra_context=None):
        version = get_object_or_404(Version, pk=version_id)
        try:
            history.check_restore(user=request.user, version=version, recovering=True)
        except PermissionDenied as refusal:
            messages.error(request, str(refusal))
            return HttpResponseRedirect(self._admin_url("recoverlist"))
        context = {
            **self._version_context(version),
            "title": f"Recover “{version.object_repr}”",
            **(extra_context or {}),
        }
        return super().recover_view(request, version_id, context)

    @staticmethod
    def _version_context(version):
        user = version.revision.user
        return {
            "version_saved": date_format(
                timezone.localtime(version.revision.date_created), "DATETIME_FORMAT"
            ),
            "version_saved_by": user.get_username() if user else "the system",
        }

    def render_change_form(self, request, context, *args, **kwargs):
        # Reversion renders its form inside the view, so that the rolled-back version is
        # what it shows: before the middleware could give the media the CSP nonce.
        # Without it the CSP refuses the rich-text editor's import map, and the editor
        # reads as a textarea of HTML.
        media = context.get("media")
        if self.restoring(request) and isinstance(media, Media) and hasattr(request, "csp_nonce"):
            context["media"] = media.with_nonce(request.csp_nonce)
        return super().render_change_form(request, context, *args, **kwargs)

    @staticmethod
    def restoring(request) -> tuple[str, Version] | None:
        """("restored" or "recovered", the version) when this request is reversion's form
        for restoring or recovering a version, read from the URL it came to."""
        match = request.resolver_match
        if match is None or not match.url_name.endswith(("_revision", "_recover")):
            return None
        kind = "recovered" if match.url_name.endswith("_recover") else "restored"
        version = Version.objects.filter(pk=match.args[-1]).first()  # the URL's last group
        return (kind, version) if version is not None else None

    def response_change(self, request, obj):
        restoring = self.restoring(request)
        if restoring is None:
            return super().response_change(request, obj)
        kind, version = restoring
        saved = date_format(timezone.localtime(version.revision.date_created), "DATETIME_FORMAT")
        if kind == "restored":
            message = f"“{obj}” was restored to the version saved {saved}"
        else:
            message = f"“{obj}” was recovered as it was saved {saved}, with its relations"
        # DATETIME_FORMAT ends "a.m." or "p.m.": one full stop, not two.
        message = message if message.endswith(".") else f"{message}."
        self.message_user(request, message, messages.SUCCESS)
        return HttpResponseRedirect(self._admin_url("change", quote(obj.pk)))

    def _admin_url(self, name, *args):
        opts = self.opts
        return reverse(
            f"admin:{opts.app_label}_{opts.model_name}_{name}",
            args=args,
            current_app=self.admin_site.name,
        )

    # -- the diff --------------------------------------------------------------------------

    def compare(self, obj, version1, version2):
        diff, has_unfollowed_fields = super().compare(obj, version1, version2)
        for entry in diff:
            field = entry["field"]
            label = getattr(field, "verbose_name", None) or (
                field.related_model._meta.verbose_name_plural
            )
            entry["label"] = capfirst(label)
        return diff, has_unfollowed_fields

    def fallback_compare(self, obj_compare):
        """A field's change, word by word; rich text as the words it shows, not its HTML."""
        if isinstance(obj_compare.field, RichTextField):
            before, after = obj_compare.value1, obj_compare.value2
            return html_diff(
                _readable(obj_compare.field, before), _readable(obj_compare.field, after)
            )
        return super().fallback_compare(obj_compare)

    def compare_ManyToOneRel(self, obj_compare):
        """Inline children (a story's questions and answers): what was added, removed and
        changed, field by field, by name rather than by id."""
        info = obj_compare.get_m2o_change_info()
        changed = []
        for old, new in info["changed_items"]:
            before, after = old.field_dict, new.field_dict
            fields = [
                {
                    "name": (field := old._model._meta.get_field(name)).verbose_name,
                    "diff": html_diff(
                        _readable(field, before.get(name)), _readable(field, after.get(name))
                    ),
                }
                for name in after
                if before.get(name) != after.get(name) and name != obj_compare.field.field.name
            ]
            changed.append({"old": old, "new": new, "fields": fields})
        return render_to_string(
            "admin/editorial/compare_children.html", {"info": info, "changed": changed}
        )
