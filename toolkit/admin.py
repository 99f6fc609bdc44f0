from django.contrib import admin

from toolkit.admin_base import PublishableAdmin
from toolkit.admin_ordering import OrderableAdmin
from toolkit.models import KeyFact, LoadedItem, Page
from toolkit.views import render_page


@admin.register(Page)
class PageAdmin(OrderableAdmin, PublishableAdmin):
    preview_render = staticmethod(render_page)
    list_display = ["title", "slug", "order", "show_in_navigation", "status", "updated_at"]
    list_editable = ["order"]
    list_filter = ["status", "show_in_navigation"]
    search_fields = ["title", "summary", "body"]
    prepopulated_fields = {"slug": ["title"]}
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "body"]}),
        ("Navigation", {"fields": ["order", "show_in_navigation"]}),
        PublishableAdmin.publishing_fieldset,
    ]


@admin.register(KeyFact)
class KeyFactAdmin(OrderableAdmin, PublishableAdmin):
    list_display = ["figure", "label", "source", "order", "status"]
    list_editable = ["order"]
    search_fields = ["figure", "label", "source"]


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
