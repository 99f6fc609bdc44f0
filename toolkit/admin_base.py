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

    @admin.action(description="Publish selected items")
    def publish(self, request, queryset):
        count = queryset.exclude(status=Status.PUBLISHED).update(status=Status.PUBLISHED)
        queryset.filter(published_at__isnull=True).update(published_at=timezone.now())
        self.message_user(request, f"Published {count} item(s).", messages.SUCCESS)

    @admin.action(description="Unpublish selected items (back to draft)")
    def unpublish(self, request, queryset):
        count = queryset.filter(status=Status.PUBLISHED).update(status=Status.DRAFT)
        self.message_user(request, f"Unpublished {count} item(s).", messages.SUCCESS)
