from django.contrib import admin

from content.models import LoadedItem


@admin.register(LoadedItem)
class LoadedItemAdmin(admin.ModelAdmin):
    """Read-only record of what the content loader wrote."""

    list_display = ["key", "content_type", "object_id", "loaded_at"]
    list_filter = ["content_type"]
    search_fields = ["key"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
