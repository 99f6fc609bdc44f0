from django.contrib import admin

from editorial.admin.links import BrokenLinkWarningsMixin
from editorial.admin.ordering import OrderableAdmin
from editorial.admin.publishing import PublishableAdmin
from pages.models import KeyFact, Page


@admin.register(Page)
class PageAdmin(BrokenLinkWarningsMixin, OrderableAdmin, PublishableAdmin):
    list_display = ["title", "slug", "order", "show_in_navigation", "status", "updated_at"]
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
    search_fields = ["figure", "label", "source"]
