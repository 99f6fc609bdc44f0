"""Shared admin behaviour for content: history, restore and recover (django-reversion, with
django-reversion-compare's diff), and for publishable content also roles, preview and drafts."""

import copy

from django.contrib import admin, messages
from django.contrib.admin.options import InlineModelAdmin
from django.contrib.admin.utils import flatten_fieldsets, quote, unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.http import HttpResponseRedirect, QueryDict
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.formats import date_format
from django.utils.text import capfirst
from reversion import create_revision, set_comment, set_user
from reversion.models import Version
from reversion_compare.admin import CompareVersionAdmin
from reversion_compare.helpers import html_diff

from editorial.admin.widgets import LabelledSplitDateTime
from editorial.models import Draft
from editorial.publishing import Publishable, Status
from editorial.richtext import RichTextField
from editorial.richtext import render as render_rich_text
from editorial.warnings import content_warnings

# Submit buttons and tokens: not part of a draft's data.
NOT_DRAFT_DATA = {
    "csrfmiddlewaretoken",
    "_save",
    "_continue",
    "_addanother",
    "_saveasnew",
    "_publish",
    "_unpublish",
    "_save_draft",
    "_discard_draft",
    "_publish_draft",
}


# editorial/version_format.py: JSON keeping times to the microsecond.
VERSION_FORMAT = "toolkit_json"


class _Rollback(Exception):
    def __init__(self, response):
        self.response = response


def _rich_text_display(field):
    """A read-only display of a rich-text field: its sanitised HTML, rendered."""

    def display(obj):
        return render_rich_text(getattr(obj, field.attname))

    display.short_description = capfirst(field.verbose_name)
    display.__name__ = f"{field.name}_rendered"
    return display


class RichTextReadOnlyMixin:
    """Where someone may view but not change an item (a content editor and published content),
    Django shows read-only fields escaped: rich text would read as HTML tags. Show it rendered."""

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or self._may_change(request, obj):
            return fieldsets
        rich = {
            f.name: _rich_text_display(f)
            for f in self.model._meta.fields
            if isinstance(f, RichTextField)
        }
        if not rich:
            return fieldsets
        return [
            (name, {**options, "fields": [_replace(entry, rich) for entry in options["fields"]]})
            for name, options in fieldsets
        ]

    def _may_change(self, request, obj):
        if isinstance(self, InlineModelAdmin):
            # An inline is read only when its parent is.
            parent = self.admin_site.get_model_admin(self.parent_model)
            return parent.has_change_permission(request, obj)
        return self.has_change_permission(request, obj)

    def get_formset(self, request, obj=None, **kwargs):
        # An inline's form is built from its fieldsets' names: leave the displays out.
        fields = flatten_fieldsets(self.get_fieldsets(request, obj))
        kwargs.setdefault("fields", [name for name in fields if isinstance(name, str)])
        return super().get_formset(request, obj, **kwargs)


def _replace(entry, rich):
    if isinstance(entry, (list, tuple)):
        return type(entry)(rich.get(name, name) for name in entry)
    return rich.get(entry, entry)


class VersionedAdmin(CompareVersionAdmin):
    """Every change recorded (who, when, what), a readable diff between any two versions,
    restoring an earlier version and recovering a deleted item with its inline children."""

    # "Recover deleted" is added by templates/django/admin/change_list_object_tools.html, so
    # that it survives other mixins' change list templates.
    change_list_template = None
    object_history_template = "admin/editorial/object_history.html"
    compare_template = "admin/editorial/compare.html"
    recover_list_template = "admin/editorial/recover_list.html"
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

    # -- restoring and recovering: the roles apply -----------------------------------------

    @staticmethod
    def restore_refusal(request, version, *, recovering: bool) -> str | None:
        """Why this person may not restore the revision holding ``version``, if they may
        not: only publishers may publish, or change what is published."""
        for member in version.revision.version_set.select_related("content_type"):
            model = member._model
            if model is None or not issubclass(model, Publishable):
                continue
            opts = model._meta
            if request.user.has_perm(f"{opts.app_label}.publish_{opts.model_name}"):
                continue
            live = (
                model._default_manager.filter(pk=member.object_id)
                .values_list("status", flat=True)
                .first()
            )
            was_published = member.field_dict.get("status") == Status.PUBLISHED
            if live == Status.PUBLISHED:
                return (
                    f"Only a publisher can restore an earlier version of “{member.object_repr}”: "
                    "it is published, and restoring would change what the public sees."
                )
            if was_published:
                action, doing = (
                    ("recover", "recovering") if recovering else ("restore", "restoring")
                )
                return (
                    f"Only a publisher can {action} this version of “{member.object_repr}”: "
                    f"it was published then, and {doing} it would publish it."
                )
        return None

    def revision_view(self, request, object_id, version_id, extra_context=None):
        version = get_object_or_404(Version, pk=version_id, object_id=unquote(object_id))
        refusal = self.restore_refusal(request, version, recovering=False)
        if refusal:
            messages.error(request, refusal)
            return HttpResponseRedirect(self._admin_url("history", quote(version.object_id)))
        request.toolkit_restored = version
        return super().revision_view(request, object_id, version_id, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        version = get_object_or_404(Version, pk=version_id)
        refusal = self.restore_refusal(request, version, recovering=True)
        if refusal:
            messages.error(request, refusal)
            return HttpResponseRedirect(self._admin_url("recoverlist"))
        request.toolkit_recovered = version
        return super().recover_view(request, version_id, extra_context)

    def response_change(self, request, obj):
        restored = getattr(request, "toolkit_restored", None)
        recovered = getattr(request, "toolkit_recovered", None)
        if restored is None and recovered is None:
            return super().response_change(request, obj)
        version = restored or recovered
        saved = date_format(timezone.localtime(version.revision.date_created), "DATETIME_FORMAT")
        if restored is not None:
            message = f"“{obj}” was restored to the version saved {saved}."
        else:
            message = f"“{obj}” was recovered as it was saved {saved}, with its relations."
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

    def compare_ManyToOneRel(self, obj_compare):
        """Inline children (a story's questions and answers): what was added, removed and
        changed, field by field, by name rather than by id."""
        info = obj_compare.get_m2o_change_info()
        changed = []
        for old, new in info["changed_items"]:
            before, after = old.field_dict, new.field_dict
            fields = [
                {
                    "name": old._model._meta.get_field(name).verbose_name,
                    "diff": html_diff(str(before.get(name, "")), str(after.get(name, ""))),
                }
                for name in after
                if before.get(name) != after.get(name) and name != obj_compare.field.field.name
            ]
            changed.append({"old": old, "new": new, "fields": fields})
        return render_to_string(
            "admin/editorial/compare_children.html", {"info": info, "changed": changed}
        )


class PublishableAdmin(RichTextReadOnlyMixin, VersionedAdmin):
    list_filter = ["status"]
    readonly_fields = ["created_at", "updated_at"]
    actions = ["publish", "unpublish"]
    show_facets = admin.ShowFacets.ALWAYS
    # Links without a scheme are web addresses: assume https (Django 6's default).
    formfield_overrides = {
        models.URLField: {"assume_scheme": "https"},
        models.DateTimeField: {"widget": LabelledSplitDateTime},
    }
    publishing_fieldset = (
        "Publishing and review",
        {
            "fields": [
                "status",
                "published_at",
                "last_reviewed",
                "next_review_due",
                "created_at",
                "updated_at",
            ]
        },
    )
    compare_exclude = ["updated_at", "created_at"]

    # A function (request, obj, **extra) rendering the item's public page, for "Preview".
    preview_render = None

    def get_urls(self):
        urls = super().get_urls()
        opts = self.opts
        extra = [
            path(
                "<path:object_id>/draft/",
                self.admin_site.admin_view(self.draft_view),
                name=f"{opts.app_label}_{opts.model_name}_draft",
            )
        ]
        if self.preview_render is not None:
            extra.append(
                path(
                    "<path:object_id>/preview/",
                    self.admin_site.admin_view(self.preview_view),
                    name=f"{opts.app_label}_{opts.model_name}_preview",
                )
            )
        return [*extra, *urls]

    # -- drafts of published content -------------------------------------------------------

    def get_draft(self, obj):
        if obj is None or obj.pk is None:
            return None
        return (
            Draft.objects.filter(
                content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
            )
            .select_related("saved_by")
            .first()
        )

    @staticmethod
    def draft_data(draft) -> QueryDict:
        data = QueryDict(mutable=True)
        for key, values in draft.data.items():
            data.setlist(key, values)
        return data

    def store_draft(self, request, obj, form):
        if request.FILES:
            self.message_user(
                request,
                "Uploaded files are not kept in a draft: upload them when the draft is published.",
                messages.WARNING,
            )
        Draft.objects.update_or_create(
            content_type=ContentType.objects.get_for_model(obj),
            object_id=obj.pk,
            defaults={
                "data": {
                    key: request.POST.getlist(key)
                    for key in request.POST
                    if key not in NOT_DRAFT_DATA
                },
                "fields": list(form.fields),
                "saved_by": request.user,
            },
        )

    def draft_forms(self, request, obj, draft):
        """The draft's data bound to the forms it was saved from: the item's own fields (only
        those the draft holds) and its inlines."""
        data = self.draft_data(draft)
        form_class = super().get_form(request, obj, change=True, fields=draft.fields)
        form = form_class(data, instance=obj)
        formsets = []
        prefixes = {}
        for formset_class, inline in self.get_formsets_with_inlines(request, obj):
            prefix = formset_class.get_default_prefix()
            prefixes[prefix] = prefixes.get(prefix, 0) + 1
            if prefixes[prefix] != 1 or not prefix:
                prefix = f"{prefix}-{prefixes[prefix]}"
            if f"{prefix}-TOTAL_FORMS" in data:
                formsets.append(
                    formset_class(
                        data=data,
                        instance=obj,
                        prefix=prefix,
                        queryset=inline.get_queryset(request),
                    )
                )
        return form, formsets

    def draft_initial(self, request, obj, draft) -> dict:
        form, _ = self.draft_forms(request, copy.copy(obj), draft)
        form.is_valid()
        return {name: value for name, value in form.cleaned_data.items() if name in form.fields}

    def apply_draft(self, request, obj, draft) -> bool:
        """Write the draft to the database (the caller decides whether to keep it)."""
        form, formsets = self.draft_forms(request, obj, draft)
        if not (form.is_valid() and all(formset.is_valid() for formset in formsets)):
            return False
        form.save()
        for formset in formsets:
            formset.save()
        return True

    def draft_view(self, request, object_id):
        """The change form in draft mode: changes to published content are saved as a draft,
        the public page stays as it is until a publisher publishes the draft."""
        obj = get_object_or_404(self.get_queryset(request), pk=unquote(object_id))
        if not self.is_published(obj):
            return HttpResponseRedirect(self._admin_url("change", quote(obj.pk)))
        publishing = request.method == "POST" and "_publish_draft" in request.POST
        request.toolkit_drafting = not publishing
        return self.change_view(
            request,
            object_id,
            extra_context={
                "draft_view": True,
                "show_save": False,
                "show_save_and_continue": False,
                "show_save_and_add_another": False,
                "show_delete": False,
            },
        )

    def drafting(self, request) -> bool:
        return getattr(request, "toolkit_drafting", False)

    # -- views -----------------------------------------------------------------------------

    def preview_view(self, request, object_id):
        """The item, draft or not, on its real public template: staff only (admin_view). An
        unpublished draft of published content is shown applied, then rolled back."""
        obj = get_object_or_404(self.get_queryset(request), pk=unquote(object_id))
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        draft = self.get_draft(obj)
        if draft is None:
            response = self.preview_render(
                request, obj, preview=True, preview_is_public=obj.is_published
            )
        else:
            try:
                with transaction.atomic():
                    # Whoever may draft sees the draft's fields as the form that saved it.
                    request.toolkit_drafting = True
                    applied = self.apply_draft(request, obj, draft)
                    request.toolkit_drafting = False
                    obj = self.get_queryset(request).get(pk=obj.pk)
                    raise _Rollback(
                        self.preview_render(
                            request,
                            obj,
                            preview=True,
                            preview_is_public=obj.is_published,
                            preview_draft=draft if applied else None,
                        )
                    )
            except _Rollback as rollback:
                response = rollback.response
        response["X-Robots-Tag"] = "noindex, nofollow"
        add_never_cache_headers(response)
        return response

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        draft = self.get_draft(obj)
        if request.method == "POST" and obj is not None:
            if "_discard_draft" in request.POST:
                return self.discard_draft(request, obj, draft)
            if "_save_draft" in request.POST and self.is_published(obj):
                request.toolkit_drafting = True
        if request.method == "GET":
            request.toolkit_draft = draft
        extra_context = {"draft": draft, **(extra_context or {})}
        if self.preview_render is not None:
            extra_context.setdefault("preview_url", self._admin_url("preview", object_id))
        return super().change_view(request, object_id, form_url, extra_context)

    def discard_draft(self, request, obj, draft):
        # The plain change permission: an editor may drop a draft of published content.
        if not super().has_change_permission(request, obj):
            raise PermissionDenied
        if draft is not None:
            draft.delete()
            self.message_user(
                request, "The draft was discarded. The published version is unchanged."
            )
        return HttpResponseRedirect(self._admin_url("change", quote(obj.pk)))

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change, **kwargs)
        draft = getattr(request, "toolkit_draft", None)
        if draft is None or obj is None:
            return form_class
        if not hasattr(request, "toolkit_draft_initial"):
            request.toolkit_draft_initial = self.draft_initial(request, obj, draft)
        initial = request.toolkit_draft_initial

        class DraftForm(form_class):
            def __init__(self, *args, **form_kwargs):
                form_kwargs["initial"] = {**initial, **form_kwargs.get("initial", {})}
                super().__init__(*args, **form_kwargs)

        DraftForm.__name__ = form_class.__name__
        return DraftForm

    def get_formset_kwargs(self, request, obj, inline, prefix):
        params = super().get_formset_kwargs(request, obj, inline, prefix)
        draft = getattr(request, "toolkit_draft", None)
        if draft is not None and f"{prefix}-TOTAL_FORMS" in draft.data:
            params["data"] = self.draft_data(draft)
        return params

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        draft = context.get("draft")
        restoring = context.get("revert") or context.get("recover")
        can_draft = (
            not add
            and not restoring
            and self.is_published(obj)
            and self.has_change_permission(request, obj)
        )
        context.update(
            can_publish=self.has_publish_permission(request),
            is_published=self.is_published(obj),
            can_draft=can_draft,
            draft_loaded=draft is not None and getattr(request, "toolkit_draft", None) is not None,
            draft_saved_at=draft
            and date_format(timezone.localtime(draft.saved_at), "DATETIME_FORMAT"),
        )
        if self.is_published(obj) and not (restoring or context.get("draft_view")):
            context["draft_url"] = self._admin_url("draft", quote(obj.pk))
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_model(self, request, obj, form, change):
        if self.drafting(request):
            self.store_draft(request, obj, form)
            return
        if self.has_publish_permission(request):
            if "_publish" in request.POST:
                obj.status = Status.PUBLISHED
            elif "_unpublish" in request.POST:
                obj.status = Status.DRAFT
        super().save_model(request, obj, form, change)
        draft = self.get_draft(obj) if change else None
        if draft is not None:
            # The form showed the draft: saving it published it.
            request.toolkit_published_draft = draft
            draft.delete()

    def save_related(self, request, form, formsets, change):
        if self.drafting(request):
            return
        super().save_related(request, form, formsets, change)
        # After the relations are saved, so checks on them see what was just entered.
        for warning in content_warnings(form.instance):
            self.message_user(request, warning, messages.WARNING)

    def construct_change_message(self, request, form, formsets, add=False):
        if self.drafting(request):
            return []  # nothing was saved: the formsets hold no saved objects to describe
        return super().construct_change_message(request, form, formsets, add)

    def log_change(self, request, obj, message):
        if self.drafting(request):
            return None
        entry = super().log_change(request, obj, message)
        draft = getattr(request, "toolkit_published_draft", None)
        if draft is not None:
            saved_by = draft.saved_by.get_username() if draft.saved_by else "someone"
            set_comment(f"{entry.get_change_message()} Published the draft saved by {saved_by}.")
        return entry

    def response_change(self, request, obj):
        if self.drafting(request):
            self.message_user(
                request,
                "The draft was saved. The public page is unchanged until a publisher "
                "publishes the draft.",
                messages.SUCCESS,
            )
            return HttpResponseRedirect(request.path)
        return super().response_change(request, obj)

    # -- roles -----------------------------------------------------------------------------

    def has_publish_permission(self, request, obj=None):
        """Publishers may publish, unpublish and delete published content; content editors
        work on drafts."""
        return request.user.has_perm(f"{self.opts.app_label}.publish_{self.opts.model_name}")

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not self.has_publish_permission(request):
            fields += ["status", "published_at"]
        return fields

    def has_change_permission(self, request, obj=None):
        if (
            self.is_published(obj)
            and not self.has_publish_permission(request)
            and not self.drafting(request)
        ):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if self.is_published(obj) and not self.has_publish_permission(request):
            return False
        return super().has_delete_permission(request, obj)

    @staticmethod
    def is_published(obj) -> bool:
        return obj is not None and obj.status == Status.PUBLISHED

    # -- bulk actions: one revision per item, so each can be undone on its own ---------------

    def _set_status(self, request, queryset, status, comment) -> int:
        count = 0
        for obj in queryset.exclude(status=status):
            with create_revision():
                set_user(request.user)
                set_comment(comment)
                obj.status = status
                obj.save()
            count += 1
        return count

    @admin.action(description="Publish selected items", permissions=["publish"])
    def publish(self, request, queryset):
        count = self._set_status(
            request, queryset, Status.PUBLISHED, "Published with “Publish selected items”."
        )
        self.message_user(request, f"Published {count} item(s).", messages.SUCCESS)

    @admin.action(description="Unpublish selected items (back to draft)", permissions=["publish"])
    def unpublish(self, request, queryset):
        count = self._set_status(
            request, queryset, Status.DRAFT, "Unpublished with “Unpublish selected items”."
        )
        self.message_user(request, f"Unpublished {count} item(s).", messages.SUCCESS)
