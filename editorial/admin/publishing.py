"""The admin of publishable content: history (VersionedAdmin), drafts (DraftsMixin), rendered
read-only rich text, a preview on the public template, and the roles: content editors work on
drafts, publishers publish (editorial/roles.py)."""

from django.contrib import admin, messages
from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.urls import path
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.formats import date_format

from editorial.actions import publishing, saving
from editorial.admin.drafts import DraftsMixin
from editorial.admin.history import VersionedAdmin
from editorial.admin.lookup import object_or_404
from editorial.admin.richtext import RichTextReadOnlyMixin
from editorial.admin.widgets import LabelledSplitDateTime
from editorial.publishing import Status
from editorial.roles import can_publish
from editorial.warnings import content_warnings

__all__ = ["PublishableAdmin", "RichTextReadOnlyMixin", "VersionedAdmin"]


class PublishableAdmin(DraftsMixin, RichTextReadOnlyMixin, VersionedAdmin):
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

    def get_urls(self):
        opts = self.opts
        extra = [
            path(
                "<path:object_id>/draft/",
                self.admin_site.admin_view(self.draft_view),
                name=f"{opts.app_label}_{opts.model_name}_draft",
            )
        ]
        if self.model.preview_view is not None:
            extra.append(
                path(
                    "<path:object_id>/preview/",
                    self.admin_site.admin_view(self.preview_view),
                    name=f"{opts.app_label}_{opts.model_name}_preview",
                )
            )
        return [*extra, *super().get_urls()]

    def preview_view(self, request, object_id):
        """The item, draft or not, on its real public template: staff only (admin_view). A
        draft of published content is shown applied, then rolled back."""
        obj = object_or_404(self, request, object_id)
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        draft = self.get_draft(obj)
        if draft is None:
            response = obj.serve_preview(request)
        else:
            with transaction.atomic():
                applied = self.apply_draft(request, obj, draft)
                obj = self.get_queryset(request).get(pk=obj.pk)
                response = obj.serve_preview(request, preview_draft=draft if applied else None)
                transaction.set_rollback(True)
        response["X-Robots-Tag"] = "noindex, nofollow"
        add_never_cache_headers(response)
        return response

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = dict(extra_context or {})
        if self.model.preview_view is not None:
            extra_context.setdefault("preview_url", self._admin_url("preview", object_id))
        return super().change_view(request, object_id, form_url, extra_context)

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
            draft_loaded=draft is not None and self.shows_draft(request),
            draft_saved_at=draft
            and date_format(timezone.localtime(draft.saved_at), "DATETIME_FORMAT"),
        )
        if self.is_published(obj) and not (restoring or context.get("draft_view")):
            context["draft_url"] = self._admin_url("draft", quote(obj.pk))
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_model(self, request, obj, form, change):
        if not self.drafting(request, obj) and self.has_publish_permission(request):
            if "_publish" in request.POST:
                obj.status = Status.PUBLISHED
            elif "_unpublish" in request.POST:
                obj.status = Status.DRAFT
        if not self.drafting(request, obj):
            # The rule the loader and the importer obey too (editorial.actions.saving).
            saving.check_save(user=request.user, obj=obj)
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if self.drafting(request, form.instance):
            return
        # After the relations are saved, so checks on them see what was just entered.
        for warning in content_warnings(form.instance):
            self.message_user(request, warning, messages.WARNING)

    # -- roles -----------------------------------------------------------------------------

    def has_publish_permission(self, request, obj=None):
        """Publishers may publish, unpublish and delete published content; content editors
        work on drafts."""
        return can_publish(request.user, self.model)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not self.has_publish_permission(request):
            fields += ["status", "published_at"]
        return fields

    def has_change_permission(self, request, obj=None):
        if (
            self.is_published(obj)
            and not self.has_publish_permission(request)
            and not self.drafting(request, obj)
        ):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if self.is_published(obj) and not self.has_publish_permission(request):
            return False
        return super().has_delete_permission(request, obj)

    # -- bulk actions: one revision per item, so each can be undone on its own ---------------

    def _set_status(self, request, queryset, status, comment) -> int:
        return sum(
            publishing.set_status(user=request.user, obj=obj, status=status, comment=comment)
            for obj in queryset.exclude(status=status)
        )

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
