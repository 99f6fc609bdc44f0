"""Shared admin behaviour for publishable content."""

from django.contrib import admin, messages
from django.db import models
from django.utils import timezone

from toolkit.publishing import Status


class PublishableAdmin(admin.ModelAdmin):
    list_filter = ["status"]
    readonly_fields = ["created_at", "updated_at"]
    actions = ["publish", "unpublish"]
    show_facets = admin.ShowFacets.ALWAYS
    # Links without a scheme are web addresses: assume https (Django 6's default).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
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
