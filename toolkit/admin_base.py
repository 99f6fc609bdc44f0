"""Shared admin behaviour for publishable content."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers

from toolkit.admin_widgets import LabelledSplitDateTime
from toolkit.publishing import Status


class PublishableAdmin(admin.ModelAdmin):
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

    # A function (request, obj, **extra) rendering the item's public page, for "Preview".
    preview_render = None

    def get_urls(self):
        urls = super().get_urls()
        if self.preview_render is None:
            return urls
        opts = self.opts
        preview = path(
            "<path:object_id>/preview/",
            self.admin_site.admin_view(self.preview_view),
            name=f"{opts.app_label}_{opts.model_name}_preview",
        )
        return [preview, *urls]

    def preview_view(self, request, object_id):
        """The item, draft or not, on its real public template: staff only (admin_view)."""
        obj = get_object_or_404(self.get_queryset(request), pk=object_id)
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        response = self.preview_render(
            request, obj, preview=True, preview_is_public=obj.is_published
        )
        response["X-Robots-Tag"] = "noindex, nofollow"
        add_never_cache_headers(response)
        return response

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if self.preview_render is not None:
            opts = self.opts
            extra_context = {
                "preview_url": reverse(
                    f"admin:{opts.app_label}_{opts.model_name}_preview",
                    args=[object_id],
                    current_app=self.admin_site.name,
                ),
                **(extra_context or {}),
            }
        return super().change_view(request, object_id, form_url, extra_context)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context.update(
            can_publish=self.has_publish_permission(request), is_published=self.is_published(obj)
        )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_model(self, request, obj, form, change):
        if self.has_publish_permission(request):
            if "_publish" in request.POST:
                obj.status = Status.PUBLISHED
            elif "_unpublish" in request.POST:
                obj.status = Status.DRAFT
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # After the relations are saved, so checks on them see what was just entered.
        for warning in form.instance.content_warnings():
            self.message_user(request, warning, messages.WARNING)

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
        if self.is_published(obj) and not self.has_publish_permission(request):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if self.is_published(obj) and not self.has_publish_permission(request):
            return False
        return super().has_delete_permission(request, obj)

    @staticmethod
    def is_published(obj) -> bool:
        return obj is not None and obj.status == Status.PUBLISHED

    @admin.action(description="Publish selected items", permissions=["publish"])
    def publish(self, request, queryset):
        count = queryset.exclude(status=Status.PUBLISHED).update(status=Status.PUBLISHED)
        queryset.filter(published_at__isnull=True).update(published_at=timezone.now())
        self.message_user(request, f"Published {count} item(s).", messages.SUCCESS)

    @admin.action(description="Unpublish selected items (back to draft)", permissions=["publish"])
    def unpublish(self, request, queryset):
        count = queryset.filter(status=Status.PUBLISHED).update(status=Status.DRAFT)
        self.message_user(request, f"Unpublished {count} item(s).", messages.SUCCESS)
