"""Alerts in the admin: read only, and without addresses (the privacy notice promises that
administrators cannot see them). People stop their own alerts from their emails."""

from django.contrib import admin
from django.db.models import Count

from alerts import searches
from alerts.models import Alert


@admin.register(Alert)
class AlertAdmin(admin.ModelAdmin):
    list_display = ["search", "frequency", "is_confirmed", "created_at", "last_sent_at", "sent"]
    list_display_links = ["search"]
    list_filter = ["frequency", ("confirmed_at", admin.EmptyFieldListFilter)]
    fields = ["search", "frequency", "created_at", "confirmed_at", "last_sent_at", "sent"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(sent_count=Count("deliveries"))

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="Search")
    def search(self, obj):
        text = searches.describe(searches.finder_for(obj.query))
        return text[0].upper() + text[1:]

    @admin.display(description="Confirmed", boolean=True)
    def is_confirmed(self, obj):
        return obj.confirmed_at is not None

    @admin.display(description="Case studies sent", ordering="sent_count")
    def sent(self, obj):
        return obj.sent_count
